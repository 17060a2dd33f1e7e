import type { PageSample } from "./pages.ts";

/**
 * The impact and open-data pages the browser tests visit. Pure data, no Playwright: e2e/pages.ts
 * spreads these samples, and src/web/page-coverage.test.ts reads that file.
 */

/** The departments and programs of the demo city's budget (src/server/modules/impact/seed-demo.ts), shown as the city wrote them. */
export const demoBudgetText = [
  "Department of Health",
  "Immunization clinics",
  "Cooling and warming centres",
  "Food access",
  "Parks and Recreation",
  "Recreation centres",
  "Urban forestry",
  "Trails and open space",
  "Public Library",
  "Branches and bookmobile",
  "Digital literacy",
  "Office of Emergency Management",
  "Shelters and preparedness",
  "Hazard mitigation",
  "Digital Service Office",
  "Digital services",
  "Public Works",
  "Street maintenance",
  "Stormwater",
  "Police Department",
  "Patrol",
  "Community violence intervention",
  "Independent Sector",
];

/** The samples for the impact routes in the city `city`; `dataText` is what other demo records say, shown as written. */
export function impactPageSamples(city: string, dataText: string[]): PageSample[] {
  const shown = [...demoBudgetText, ...dataText];
  return [
    {
      pattern: "/:city/impact",
      label: "impact and the federal-cut scenario",
      url: `/${city}/impact`,
      as: "anonymous",
      heading: { key: "impact.title" },
      dataText: shown,
    },
    {
      pattern: "/:city/impact",
      label: "impact with federal funds cut by half, signed in",
      url: `/${city}/impact?cut=50`,
      as: "dana",
      heading: { key: "impact.title" },
      dataText: shown,
    },
    {
      pattern: "/:city/impact/agencies/:agency",
      label: "one agency's impact with its programs",
      url: `/${city}/impact/agencies/parks`,
      as: "anonymous",
      heading: { text: "Parks and Recreation" },
      dataText: shown,
    },
    {
      pattern: "/:city/impact/agencies/:agency",
      label: "unknown agency",
      url: `/${city}/impact/agencies/no-such-agency`,
      as: "anonymous",
      heading: { key: "impact.agency.notFoundTitle" },
      expectedConsoleErrors: ["404 (Not Found)"],
    },
    { pattern: "/:city/open-data", label: "open data", url: `/${city}/open-data`, as: "anonymous", heading: { key: "impact.openData.title" }, dataText: shown },
    {
      pattern: "/:city/admin/impact",
      label: "impact and budget, city admin",
      url: `/${city}/admin/impact`,
      as: "admin",
      heading: { key: "impact.admin.title" },
      dataText: shown,
    },
    {
      pattern: "/:city/admin/impact",
      label: "impact and budget, DSO staff",
      url: `/${city}/admin/impact`,
      as: "dso",
      heading: { key: "impact.admin.title" },
      dataText: shown,
    },
    {
      pattern: "/:city/admin/impact",
      label: "impact and budget, agency staff",
      url: `/${city}/admin/impact`,
      as: "parks",
      heading: { key: "access.deniedTitle" },
    },
  ];
}
