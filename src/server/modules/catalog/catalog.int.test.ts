import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { reuseSavingsOf } from "./find-catalog.ts";
import { readPubliccode } from "./publiccode/index.ts";
import { catalogEntries } from "./schema.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "publiccode", "fixtures");
const officialExample = readFileSync(path.join(fixtures, "publiccode.yml"), "utf8");
const minimalExample = readFileSync(path.join(fixtures, "publiccode.minimal.yml"), "utf8");

let t: TestApp;
let city: City;
let other: City;
let dso: string;
let parksStaff: string;
let otherDso: string;
let parks: { id: string };
let otherAgency: { id: string };
const base = "/api/v1/cities/riverton";

beforeAll(async () => {
  t = await startTestApp({ PROCESS_ROLE: "web" });
  city = await t.createCity("riverton", "Riverton");
  other = await t.createCity("lakeside", "Lakeside");
  parks = await t.createAgency(city, "parks", "Parks");
  otherAgency = await t.createAgency(other, "roads", "Roads");
  dso = (await t.personWithRoles(city, "dso@riverton.example", [{ role: "dso_staff" }])).cookie;
  parksStaff = (await t.personWithRoles(city, "ranger@riverton.example", [{ role: "agency_staff", agencyId: parks.id }])).cookie;
  otherDso = (await t.personWithRoles(other, "dso@lakeside.example", [{ role: "dso_staff" }])).cookie;
});
afterAll(async () => t?.close());

async function entryCount(cityId = city.id) {
  return (await t.database.db.select({ id: catalogEntries.id }).from(catalogEntries).where(eq(catalogEntries.cityId, cityId))).length;
}

async function acceptedProblem(): Promise<string> {
  const reported = await t.request({
    method: "POST",
    url: `${base}/problems`,
    cookie: dso,
    body: { title: "Event permits are faxed", description: "Faxes get lost.", agencyId: parks.id },
  });
  expect(reported.statusCode).toBe(201);
  const triaged = await t.request({ method: "POST", url: `${base}/problems/${reported.json().id}/triage`, cookie: dso, body: { status: "accepted" } });
  expect(triaged.statusCode).toBe(200);
  return reported.json().id;
}

describe("importing publiccode.yml", () => {
  it("imports the standard's two official examples with the city's own fields, and audits it", async () => {
    const problemId = await acceptedProblem();
    const bounty = await t.request({
      method: "POST",
      url: `${base}/bounties`,
      cookie: dso,
      body: {
        problemId,
        title: "Online event permit form",
        acceptanceCriteria: ["Passes axe with no violations"],
        requiredLicence: "MIT",
        amountMinor: 250_000,
        deliveryBusinessDays: 10,
        deadlineAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    });
    expect(bounty.statusCode).toBe(201);
    const created = await t.request({
      method: "POST",
      url: `${base}/catalog`,
      cookie: dso,
      body: { publiccode: officialExample, agencyIds: [parks.id], problemIds: [problemId], bountyIds: [bounty.json().id], reuseSavingsMinor: 1_200_000 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      kind: "software",
      source: "local",
      name: "Medusa",
      url: "https://example.com/italia/medusa.git",
      landingUrl: "https://example.com/italia/medusa",
      license: "AGPL-3.0-or-later",
      softwareType: "standalone/desktop",
      developmentStatus: "development",
      platforms: ["android", "ios"],
      categories: ["content-management", "office"],
      agencies: [{ id: parks.id, name: "Parks" }],
      problems: [{ id: problemId, title: "Event permits are faxed", status: "accepted" }],
      bounties: [{ id: bounty.json().id, title: "Online event permit form", status: "draft" }],
      reuseSavings: { amountMinor: 1_200_000, currency: "USD" },
      fork: null,
      canEdit: true,
    });
    expect(created.json().publiccode).toMatchObject({ usedBy: ["Comune di Firenze", "Comune di Roma"], maintenance: { type: "contract" } });
    // The draft bounty is the DSO's to see; the public sees the entry without it.
    const asPublic = await t.request({ method: "GET", url: `${base}/catalog/${created.json().id}` });
    expect(asPublic.json()).toMatchObject({ canEdit: false, bounties: [] });

    const minimal = await t.request({ method: "POST", url: `${base}/catalog`, cookie: dso, body: { publiccode: minimalExample } });
    expect(minimal.statusCode).toBe(201);
    expect(minimal.json()).toMatchObject({ name: "Medusa", platforms: ["web"], agencies: [], reuseSavings: { amountMinor: 0 } });

    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.action, "catalog-entry.created"), eq(auditEvents.targetId, created.json().id)));
    expect(audit).toMatchObject({ actorLabel: "dso@riverton.example", targetType: "catalog-entry" });
    expect(await reuseSavingsOf(t.database.db, city.id)).toEqual({ amountMinor: 1_200_000, entries: 1 });
  });

  it("refuses an invalid file with every problem by key path and line, and saves nothing", async () => {
    const tooLong = "x".repeat(151);
    const broken = officialExample
      .replace(/shortDescription: >\n(\s+.*\n)+?\n/, `shortDescription: ${tooLong}\n\n`)
      .replace("developmentStatus: development", "developmentStatus: finished")
      .replace('landingURL: "https://example.com/italia/medusa"', "landingURL: not a url");
    const lineOf = (needle: string) => broken.split("\n").findIndex((line) => line.includes(needle)) + 1;
    const before = await entryCount();
    const response = await t.request({ method: "POST", url: `${base}/catalog`, cookie: dso, body: { publiccode: broken } });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const errors = response.json().errors as { field: string; message: string; line: number }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: "description.en.shortDescription", message: expect.stringContaining("150"), line: lineOf(tooLong) },
        { field: "developmentStatus", message: expect.any(String), line: lineOf("developmentStatus: finished") },
        { field: "landingURL", message: expect.any(String), line: lineOf("landingURL: not a url") },
      ]),
    );
    expect(await entryCount()).toBe(before);

    // The same file through the check that saves nothing: the same problems, as "key: message (line N)" can be shown.
    const checked = await t.request({ method: "POST", url: `${base}/catalog/validate`, body: { publiccode: broken } });
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ valid: false, document: null });
    expect(checked.json().problems).toContainEqual({
      field: "description.en.shortDescription",
      line: lineOf(tooLong),
      message: expect.stringContaining("150"),
    });

    const spanish = await t.request({ method: "POST", url: `${base}/catalog/validate`, headers: { "accept-language": "es" }, body: { publiccode: broken } });
    const spanishMessage = (spanish.json().problems as { field: string; message: string }[]).find(
      (problem) => problem.field === "description.en.shortDescription",
    );
    expect(spanishMessage?.message).not.toBe(errors.find((error) => error.field === "description.en.shortDescription")?.message);

    const notYaml = await t.request({ method: "POST", url: `${base}/catalog`, cookie: dso, body: { publiccode: "name: [unclosed\nurl: x\n" } });
    expect(notYaml.statusCode).toBe(400);
    expect(notYaml.json().errors[0]).toMatchObject({ line: expect.any(Number) });
    expect(await entryCount()).toBe(before);
  });

  it("refuses agencies, problems and bounties of another city by field, and anyone but the DSO and city admins", async () => {
    const foreign = await t.request({ method: "POST", url: `${base}/catalog`, cookie: dso, body: { publiccode: minimalExample, agencyIds: [otherAgency.id] } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([{ field: "agencyIds.0", message: expect.any(String) }]);
    const byAgencyStaff = await t.request({ method: "POST", url: `${base}/catalog`, cookie: parksStaff, body: { publiccode: minimalExample } });
    expect(byAgencyStaff.statusCode).toBe(403);
    const anonymous = await t.request({ method: "POST", url: `${base}/catalog`, body: { publiccode: minimalExample } });
    expect(anonymous.statusCode).toBe(401);
    const fromOtherCity = await t.request({ method: "POST", url: `${base}/catalog`, cookie: otherDso, body: { publiccode: minimalExample } });
    expect(fromOtherCity.statusCode).toBe(404);
  });
});

describe("exporting, changing and removing", () => {
  it("exports publiccode.yml that imports back to the same entry, with ETag and conditional GET", async () => {
    const created = await t.request({ method: "POST", url: `${base}/catalog`, cookie: dso, body: { publiccode: officialExample } });
    const id = created.json().id as string;
    const exported = await t.request({ method: "GET", url: `${base}/catalog/${id}/publiccode.yml` });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toBe("application/yaml; charset=utf-8");
    const etag = String(exported.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    const read = readPubliccode(exported.body);
    expect(read.ok && read.document).toEqual(created.json().publiccode);

    const reimported = await t.request({ method: "POST", url: `${base}/catalog`, cookie: dso, body: { publiccode: exported.body } });
    expect(reimported.statusCode).toBe(201);
    const { id: _a, createdAt: _b, updatedAt: _c, publiccodeUrl: _d, ...again } = reimported.json();
    const { id: _e, createdAt: _f, updatedAt: _g, publiccodeUrl: _h, ...first } = created.json();
    expect(again).toEqual(first);

    const notModified = await t.request({ method: "GET", url: `${base}/catalog/${id}/publiccode.yml`, headers: { "if-none-match": etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe("");
    const download = await t.request({ method: "GET", url: `${base}/catalog/${id}/publiccode.yml?download=1` });
    expect(download.headers["content-disposition"]).toBe('attachment; filename="publiccode.yml"');

    // A change makes a new ETag.
    const changed = await t.request({
      method: "PUT",
      url: `${base}/catalog/${id}`,
      cookie: dso,
      body: { publiccode: exported.body.replace('softwareVersion: "1.0"', 'softwareVersion: "1.1"'), agencyIds: [parks.id] },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ publiccode: { softwareVersion: "1.1" }, agencies: [{ id: parks.id }] });
    const fresh = await t.request({ method: "GET", url: `${base}/catalog/${id}/publiccode.yml`, headers: { "if-none-match": etag } });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).not.toBe(etag);
  });

  it("serves catalog.json to crawlers with every entry's publiccode.yml address, and answers 304 when nothing changed", async () => {
    const first = await t.request({ method: "GET", url: `${base}/catalog.json` });
    expect(first.statusCode).toBe(200);
    const body = first.json() as { city: { slug: string }; software: { id: string; publiccodeUrl: string; pageUrl: string; publiccode: { name: string } }[] };
    expect(body.city.slug).toBe("riverton");
    expect(body.software.length).toBe(await entryCount());
    for (const entry of body.software) {
      expect(entry.publiccodeUrl).toBe(`${t.config.publicUrl}${base}/catalog/${entry.id}/publiccode.yml`);
      expect(entry.pageUrl).toBe(`${t.config.publicUrl}/riverton/catalog/${entry.id}`);
    }
    const etag = String(first.headers.etag);
    const again = await t.request({ method: "GET", url: `${base}/catalog.json`, headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);

    const added = await t.request({ method: "POST", url: `${base}/catalog`, cookie: dso, body: { publiccode: minimalExample } });
    expect(added.statusCode).toBe(201);
    const after = await t.request({ method: "GET", url: `${base}/catalog.json`, headers: { "if-none-match": etag } });
    expect(after.statusCode).toBe(200);
    // Another city's crawl holds none of this city's entries.
    const lakeside = await t.request({ method: "GET", url: "/api/v1/cities/lakeside/catalog.json" });
    expect(lakeside.json().software).toEqual([]);
  });

  it("removes an entry with an audit record; another city cannot change or remove it", async () => {
    const created = await t.request({ method: "POST", url: `${base}/catalog`, cookie: dso, body: { publiccode: minimalExample } });
    const id = created.json().id as string;
    const elsewhere = await t.request({ method: "DELETE", url: `/api/v1/cities/lakeside/catalog/${id}`, cookie: otherDso });
    expect(elsewhere.statusCode).toBe(404);
    const readElsewhere = await t.request({ method: "GET", url: `/api/v1/cities/lakeside/catalog/${id}` });
    expect(readElsewhere.statusCode).toBe(404);
    const notAFork = await t.request({ method: "POST", url: `${base}/catalog/${id}/take-origin-changes`, cookie: dso });
    expect(notAFork.statusCode).toBe(400);
    const removed = await t.request({ method: "DELETE", url: `${base}/catalog/${id}`, cookie: dso });
    expect(removed.statusCode).toBe(204);
    expect((await t.request({ method: "GET", url: `${base}/catalog/${id}` })).statusCode).toBe(404);
    const audits = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "catalog-entry.deleted"), eq(auditEvents.targetId, id)));
    expect(audits).toHaveLength(1);
  });
});

describe("searching and browsing", () => {
  beforeAll(async () => {
    const cases = [
      { name: "Ticket Desk", category: "it-service-management", license: "MIT", status: "beta" },
      { name: "Library Loans", category: "document-management", license: "EUPL-1.2", status: "stable" },
    ];
    for (const each of cases) {
      const text = minimalExample
        .replace("name: Medusa", `name: ${each.name}`)
        .replace("AGPL-3.0-or-later", each.license)
        .replace("developmentStatus: development", `developmentStatus: ${each.status}`)
        .replace("platforms:", `categories:\n  - ${each.category}\nplatforms:`);
      const created = await t.request({ method: "POST", url: `${base}/catalog`, cookie: dso, body: { publiccode: text } });
      expect(created.statusCode).toBe(201);
    }
    // A published process appears beside the software.
    const process = await t.request({
      method: "POST",
      url: `${base}/processes`,
      cookie: dso,
      body: {
        agencyId: parks.id,
        message: "First version",
        content: {
          name: "Ticket refunds",
          purpose: "Refund a cancelled event ticket.",
          annualVolume: 100,
          steps: [{ key: "ask", name: "Ask for a refund", actorRole: "Clerk", channel: "online", handlingMinutes: 5, waitingMinutes: 0 }],
        },
      },
    });
    expect(process.statusCode).toBe(201);
    const published = await t.request({ method: "PUT", url: `${base}/processes/${process.json().id}/publication`, cookie: dso, body: { published: true } });
    expect(published.statusCode).toBe(200);
  });

  const search = async (query: string) => {
    const response = await t.request({ method: "GET", url: `${base}/catalog?${query}` });
    expect(response.statusCode).toBe(200);
    return response.json() as {
      items: { kind: string; name: string; license: string | null }[];
      total: number;
      facets: { categories: string[]; licenses: string[]; statuses: string[] };
    };
  };

  it("finds entries by words and word beginnings, software and processes together, without signing in", async () => {
    expect((await search("q=ticket")).items.map((item) => [item.kind, item.name])).toEqual(
      expect.arrayContaining([
        ["software", "Ticket Desk"],
        ["process", "Ticket refunds"],
      ]),
    );
    expect((await search("q=tick")).total).toBe(2);
    expect((await search("q=refund")).items.map((item) => item.name)).toEqual(["Ticket refunds"]);
    expect((await search("q=nothing-like-this")).items).toEqual([]);
    // Punctuation and operators in the box are words, never a broken query.
    expect((await search(`q=${encodeURIComponent("ticket & | ! (")}`)).total).toBe(2);
  });

  it("filters by category, licence, status and kind, and lists what each filter can take", async () => {
    expect((await search("category=document-management")).items.map((item) => item.name)).toEqual(["Library Loans"]);
    expect((await search("license=MIT")).items.map((item) => item.name)).toEqual(["Ticket Desk"]);
    expect((await search("status=beta")).items.map((item) => item.name)).toEqual(["Ticket Desk"]);
    expect((await search("kind=process")).items.map((item) => item.name)).toEqual(["Ticket refunds"]);
    expect((await search("city=local&q=library")).items.map((item) => item.name)).toEqual(["Library Loans"]);
    const facets = (await search("")).facets;
    expect(facets.categories).toEqual(expect.arrayContaining(["content-management", "document-management", "it-service-management", "office"]));
    expect(facets.licenses).toEqual(expect.arrayContaining(["AGPL-3.0-or-later", "EUPL-1.2", "MIT"]));
    expect(facets.statuses).toEqual(expect.arrayContaining(["beta", "development", "stable"]));
    // Another city's catalog shows none of it.
    expect((await t.request({ method: "GET", url: "/api/v1/cities/lakeside/catalog?q=ticket" })).json().items).toEqual([]);
  });
});
