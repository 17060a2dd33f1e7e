import type { PageSample } from "./pages.ts";

/**
 * The catalog and federation pages the browser tests visit. Pure data and plain fetch, no Playwright:
 * e2e/pages.ts spreads these samples, and src/web/page-coverage.test.ts reads that file.
 */

/** The demo city's catalog entry (src/server/modules/catalog/seed-demo.ts), linked to an agency, a problem and a bounty. */
export const demoCatalogEntryName = "Picnic shelter booking";

/** The URL parameters these samples use, filled in by catalogSampleValue. */
export const catalogUrlParameters = ["catalogEntryId"] as const;
export type CatalogUrlParameter = (typeof catalogUrlParameters)[number];

/** An id no entry has: the pages' "not found" answers. */
const unknownId = "01900000-0000-7000-8000-000000000000";

/**
 * The samples for the catalog's and federation's routes, in the city `city`. `dataText` is what the
 * demo city's records say (problems, bounties, processes), shown as written whatever the language.
 */
export function catalogPageSamples(city: string, dataText: string[]): PageSample[] {
  const entryText = [demoCatalogEntryName, ...dataText];
  return [
    {
      pattern: "/:city/catalog",
      label: "solutions catalog",
      url: `/${city}/catalog`,
      as: "anonymous",
      heading: { key: "catalog.list.title" },
      dataText: entryText,
    },
    {
      pattern: "/:city/catalog",
      label: "solutions catalog searched and filtered, DSO staff",
      url: `/${city}/catalog?q=picnic&kind=software`,
      as: "dso",
      heading: { key: "catalog.list.title" },
      dataText: entryText,
    },
    {
      pattern: "/:city/catalog",
      label: "solutions catalog, nothing matches",
      url: `/${city}/catalog?q=no-such-solution&kind=process`,
      as: "dana",
      heading: { key: "catalog.list.title" },
    },
    {
      pattern: "/:city/catalog/:entryId",
      label: "catalog entry with its agency, problem, bounty and savings",
      url: `/${city}/catalog/{catalogEntryId}`,
      as: "anonymous",
      heading: { text: demoCatalogEntryName },
      dataText: entryText,
    },
    {
      pattern: "/:city/catalog/:entryId",
      label: "catalog entry with edit and delete, DSO staff",
      url: `/${city}/catalog/{catalogEntryId}`,
      as: "dso",
      heading: { text: demoCatalogEntryName },
      dataText: entryText,
    },
    {
      pattern: "/:city/catalog/:entryId",
      label: "unknown catalog entry",
      url: `/${city}/catalog/${unknownId}`,
      as: "anonymous",
      heading: { key: "catalog.entry.notFoundTitle" },
      expectedConsoleErrors: ["404 (Not Found)"],
    },
    {
      // The demo city follows nobody: the page for an entry of another city can only say it holds none.
      pattern: "/:city/catalog/from/:remoteId",
      label: "unknown entry of another city",
      url: `/${city}/catalog/from/${unknownId}`,
      as: "anonymous",
      heading: { key: "catalog.entry.notFoundTitle" },
      expectedConsoleErrors: ["404 (Not Found)"],
    },
    {
      pattern: "/:city/admin/catalog/new",
      label: "import publiccode.yml, DSO staff",
      url: `/${city}/admin/catalog/new`,
      as: "dso",
      heading: { key: "catalog.editor.newTitle" },
      dataText: entryText,
    },
    {
      pattern: "/:city/admin/catalog/new",
      label: "import publiccode.yml, agency staff",
      url: `/${city}/admin/catalog/new`,
      as: "parks",
      heading: { key: "access.deniedTitle" },
    },
    {
      pattern: "/:city/admin/catalog/:entryId",
      label: "catalog entry editor, city admin",
      url: `/${city}/admin/catalog/{catalogEntryId}`,
      as: "admin",
      heading: { key: "catalog.editor.editTitle" },
      dataText: entryText,
    },
    {
      pattern: "/:city/admin/catalog/:entryId",
      label: "unknown catalog entry, staff",
      url: `/${city}/admin/catalog/${unknownId}`,
      as: "dso",
      heading: { key: "catalog.entry.notFoundTitle" },
      expectedConsoleErrors: ["404 (Not Found)"],
    },
    {
      pattern: "/:city/admin/federation",
      label: "federation, DSO staff",
      url: `/${city}/admin/federation`,
      as: "dso",
      heading: { key: "federation.title" },
    },
    {
      pattern: "/:city/admin/federation",
      label: "federation, volunteer",
      url: `/${city}/admin/federation`,
      as: "dana",
      heading: { key: "access.deniedTitle" },
    },
  ];
}

/** The id of the demo city's catalog entry (demoCatalogEntryName), from the public catalog. */
export async function catalogSampleValue(name: CatalogUrlParameter, baseURL: string, city: string): Promise<string> {
  if (name !== "catalogEntryId") throw new Error(`Unknown catalog sample parameter ${name}`);
  const response = await fetch(new URL(`/api/v1/cities/${city}/catalog?${new URLSearchParams({ q: demoCatalogEntryName, kind: "software" })}`, baseURL));
  if (response.status !== 200) throw new Error(`GET the catalog of ${city}: ${response.status} ${await response.text()}`);
  const { items } = (await response.json()) as { items: { id: string; name: string; source: string }[] };
  const found = items.find((item) => item.name === demoCatalogEntryName && item.source === "local");
  if (!found) throw new Error(`The demo city's catalog has no entry "${demoCatalogEntryName}"`);
  return found.id;
}
