import { and, eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { accountBalances } from "../ledger/index.ts";
import { openSubmission } from "./open-submission.ts";
import { bounties, bountySettings, cityHolidays } from "./schema.ts";

/** The city's bounty rules and holiday calendar: read by anyone, set by the city admin, and obeyed at publish time. */

let t: TestApp;
let city: City;
let other: City;
let admin: string;
let dso: string;
let otherAdmin: string;

const base = "/api/v1/cities/riverside";

const validSettings = {
  microPurchaseThresholdMinor: 1_500_000,
  smallBusinessBandMinMinor: 100_000,
  smallBusinessBandMaxMinor: 500_000,
  acceptedLicences: ["MIT", "Apache-2.0", "AGPL-3.0-or-later"],
};

function expectProblem(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers["content-type"]).toContain("application/problem+json");
  return response.json() as { code: string; detail: string; errors?: { field: string; message: string }[] };
}

async function storedSettings(cityId: string) {
  const [row] = await t.database.db.select().from(bountySettings).where(eq(bountySettings.cityId, cityId));
  return row;
}

async function auditCount(action: string) {
  return (
    await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.action, action)))
  ).length;
}

beforeAll(async () => {
  t = await startTestApp({ PROCESS_ROLE: "web" });
  city = await t.createCity("riverside");
  other = await t.createCity("lakeside");
  admin = (await t.personWithRoles(city, "admin@riverside.example", [{ role: "city_admin" }])).cookie;
  dso = (await t.personWithRoles(city, "dso@riverside.example", [{ role: "dso_staff" }])).cookie;
  otherAdmin = (await t.personWithRoles(other, "admin@lakeside.example", [{ role: "city_admin" }])).cookie;
  const funded = await t.request({ method: "POST", url: `${base}/fund/additions`, cookie: dso, body: { amountMinor: 10_000_000 } });
  expect(funded.statusCode).toBe(201);
});
afterAll(async () => t?.close());

describe("bounty settings", () => {
  it("shows anyone the defaults, lets the city admin change them, and audits the change", async () => {
    const defaults = await t.request({ method: "GET", url: `${base}/bounty-settings` });
    expect(defaults.statusCode).toBe(200);
    expect(defaults.json()).toMatchObject({
      microPurchaseThresholdMinor: 1_000_000,
      smallBusinessBandMinMinor: null,
      smallBusinessBandMaxMinor: null,
      currency: "USD",
    });
    expect(defaults.json().acceptedLicences).toContain("MIT");
    expect(defaults.json().knownLicences).toContain("EUPL-1.2");

    const saved = await t.request({ method: "PUT", url: `${base}/bounty-settings`, cookie: admin, body: validSettings });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject(validSettings);
    const read = await t.request({ method: "GET", url: `${base}/bounty-settings` });
    expect(read.json()).toMatchObject(validSettings);
    expect(await storedSettings(city.id)).toMatchObject(validSettings);

    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.action, "bounty-settings.updated")));
    expect(audit?.before).toMatchObject({ microPurchaseThresholdMinor: 1_000_000 });
    expect(audit?.after).toMatchObject(validSettings);

    // The other city keeps its own rules.
    const elsewhere = await t.request({ method: "GET", url: "/api/v1/cities/lakeside/bounty-settings" });
    expect(elsewhere.json().microPurchaseThresholdMinor).toBe(1_000_000);
  });

  it("refuses a band whose lower end is above its upper end, an unknown licence and a threshold of zero or less, changing nothing", async () => {
    const before = await storedSettings(city.id);
    const audits = await auditCount("bounty-settings.updated");
    const put = (body: Record<string, unknown>) =>
      t.request({ method: "PUT", url: `${base}/bounty-settings`, cookie: admin, body: { ...validSettings, ...body } });

    const band = expectProblem(await put({ smallBusinessBandMinMinor: 600_000, smallBusinessBandMaxMinor: 200_000 }), 400);
    expect(band.errors).toEqual([{ field: "smallBusinessBandMinMinor", message: "The lower end of the band must not be above its upper end." }]);

    const licence = expectProblem(await put({ acceptedLicences: ["MIT", "Proprietary-1.0"] }), 400);
    expect(licence.errors).toEqual([
      { field: "acceptedLicences.1", message: "“Proprietary-1.0” is not an SPDX licence identifier we know. Choose one from the list." },
    ]);
    expectProblem(await put({ acceptedLicences: [] }), 400);

    for (const threshold of [0, -100, 12.5]) {
      const refused = expectProblem(await put({ microPurchaseThresholdMinor: threshold }), 400);
      expect(refused.errors?.[0]?.field).toBe("microPurchaseThresholdMinor");
    }
    expectProblem(await put({ smallBusinessBandMaxMinor: 0 }), 400);

    expect(await storedSettings(city.id)).toEqual(before);
    expect(await auditCount("bounty-settings.updated")).toBe(audits);
  });

  it("answers 403 to staff who are not the city admin, 401 to anonymous callers and 404 to another city's admin", async () => {
    const before = await storedSettings(city.id);
    const body = { ...validSettings, microPurchaseThresholdMinor: 5_000_000 };
    expectProblem(await t.request({ method: "PUT", url: `${base}/bounty-settings`, cookie: dso, body }), 403);
    expectProblem(await t.request({ method: "PUT", url: `${base}/bounty-settings`, body }), 401);
    expectProblem(await t.request({ method: "PUT", url: `${base}/bounty-settings`, cookie: otherAdmin, body }), 404);
    expect(await storedSettings(city.id)).toEqual(before);
    expect(await storedSettings(other.id)).toBeUndefined();
  });
});

describe("the holiday calendar", () => {
  it("adds, lists and removes holidays as the city admin, audited, one per day", async () => {
    const added = await t.request({ method: "POST", url: `${base}/holidays`, cookie: admin, body: { day: "2031-07-04", name: "Independence Day" } });
    expect(added.statusCode, added.body).toBe(201);
    const holiday = added.json() as { id: string; day: string; name: string };
    expect(holiday).toMatchObject({ day: "2031-07-04", name: "Independence Day" });
    const early = await t.request({ method: "POST", url: `${base}/holidays`, cookie: admin, body: { day: "2031-01-01", name: "New Year's Day" } });
    expect(early.statusCode).toBe(201);

    const listed = await t.request({ method: "GET", url: `${base}/holidays` });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().holidays.map((item: { day: string }) => item.day)).toEqual(["2031-01-01", "2031-07-04"]);
    const later = await t.request({ method: "GET", url: `${base}/holidays?from=2031-02-01` });
    expect(later.json().holidays.map((item: { day: string }) => item.day)).toEqual(["2031-07-04"]);
    const elsewhere = await t.request({ method: "GET", url: "/api/v1/cities/lakeside/holidays" });
    expect(elsewhere.json().holidays).toEqual([]);

    const twice = expectProblem(await t.request({ method: "POST", url: `${base}/holidays`, cookie: admin, body: { day: "2031-07-04", name: "Again" } }), 409);
    expect(twice.errors?.[0]?.field).toBe("day");

    const removed = await t.request({ method: "DELETE", url: `${base}/holidays/${early.json().id}`, cookie: admin });
    expect(removed.statusCode).toBe(204);
    expect(await auditCount("city-holiday.added")).toBe(2);
    expect(await auditCount("city-holiday.removed")).toBe(1);
    const after = await t.request({ method: "GET", url: `${base}/holidays` });
    expect(after.json().holidays.map((item: { day: string }) => item.day)).toEqual(["2031-07-04"]);
  });

  it("refuses bad days and names, staff who are not the admin, and another city's admin, changing nothing", async () => {
    const count = async () => (await t.database.db.select().from(cityHolidays)).length;
    const before = await count();
    const post = (body: Record<string, unknown>, cookie = admin) => t.request({ method: "POST", url: `${base}/holidays`, cookie, body });
    expect(expectProblem(await post({ day: "2031-02-30", name: "Nope" }), 400).errors?.[0]?.field).toBe("day");
    expect(expectProblem(await post({ day: "next friday", name: "Nope" }), 400).errors?.[0]?.field).toBe("day");
    expect(expectProblem(await post({ day: "2031-03-03", name: "  " }), 400).errors?.[0]?.field).toBe("name");
    expectProblem(await post({ day: "2031-03-03", name: "Staff day" }, dso), 403);
    expectProblem(await post({ day: "2031-03-03", name: "Staff day" }, otherAdmin), 404);

    const [holiday] = await t.database.db.select().from(cityHolidays).where(eq(cityHolidays.cityId, city.id));
    if (!holiday) throw new Error("no holiday");
    expectProblem(await t.request({ method: "DELETE", url: `${base}/holidays/${holiday.id}`, cookie: dso }), 403);
    // Named under the other city's address, the holiday is not found there, even by that city's admin.
    expectProblem(await t.request({ method: "DELETE", url: `/api/v1/cities/lakeside/holidays/${holiday.id}`, cookie: otherAdmin }), 404);
    expect(await count()).toBe(before);
  });

  it("moves a delivery due date past a holiday", async () => {
    const vendorCookie = await t.signIn("vendor@riverside.example");
    const registered = await t.request({
      method: "POST",
      url: `${base}/vendors`,
      cookie: vendorCookie,
      body: { legalName: "Holiday Works LLC", smallBusiness: true, taxFormOnFile: true, paymentReference: "AP-1" },
    });
    expect(registered.statusCode).toBe(201);
    const vendorId = registered.json().id as string;

    const draft = async () => {
      const [row] = await t.database.db
        .insert(bounties)
        .values({
          cityId: city.id,
          kind: "fixed",
          title: "Fix the form",
          requiredLicence: "MIT",
          deliveryBusinessDays: 1,
          amountMinor: 100_000,
          currency: "USD",
          status: "awarded",
        })
        .returning();
      if (!row) throw new Error("no bounty");
      return row;
    };
    // Awarded on Monday 6 January 2031, mid-morning in New York, with one business day to deliver.
    const awardedAt = new Date("2031-01-06T15:00:00Z");
    const open = async () => {
      const bounty = await draft();
      return openSubmission(t.database.db, { cityId: city.id, bountyId: bounty.id, vendorId, amountMinor: 100_000, currency: "USD", awardedAt });
    };

    // Without a holiday: due at the end of Tuesday, New York time.
    expect((await open()).dueAt.toISOString()).toBe("2031-01-08T05:00:00.000Z");
    const added = await t.request({ method: "POST", url: `${base}/holidays`, cookie: admin, body: { day: "2031-01-07", name: "Snow day" } });
    expect(added.statusCode).toBe(201);
    // With Tuesday a holiday: due at the end of Wednesday.
    expect((await open()).dueAt.toISOString()).toBe("2031-01-09T05:00:00.000Z");
  });
});

describe("publishing under the rules of the day", () => {
  async function draftAuction(overrides: Partial<typeof bounties.$inferInsert> = {}) {
    const [row] = await t.database.db
      .insert(bounties)
      .values({
        cityId: city.id,
        kind: "auction",
        auctionType: "multi",
        title: "Small-business auction",
        requiredLicence: "MIT",
        amountMinor: 300_000,
        currency: "USD",
        smallBusinessOnly: true,
        startsAt: new Date(Date.now() + 60_000),
        endsAt: new Date(Date.now() + 3_600_000),
        ...overrides,
      })
      .returning();
    if (!row) throw new Error("no auction");
    return row;
  }

  async function statusOf(bountyId: string) {
    const [row] = await t.database.db.select({ status: bounties.status }).from(bounties).where(eq(bounties.id, bountyId));
    return row?.status;
  }

  it("re-checks the small-business band, the licence and the threshold when a draft is published", async () => {
    const put = (body: Record<string, unknown>) =>
      t.request({ method: "PUT", url: `${base}/bounty-settings`, cookie: admin, body: { ...validSettings, ...body } });
    expect((await put({})).statusCode).toBe(200);
    // Drafted inside today's band (1,000 to 5,000 USD)...
    const inBand = await draftAuction();
    const aboveThreshold = await draftAuction({ smallBusinessOnly: false, amountMinor: 1_200_000 });
    const gplOnly = await draftAuction({ smallBusinessOnly: false, requiredLicence: "Apache-2.0", amountMinor: 200_000 });
    // ...then the admin narrows the band, lowers the threshold and drops a licence.
    expect(
      (await put({ smallBusinessBandMaxMinor: 250_000, microPurchaseThresholdMinor: 1_000_000, acceptedLicences: ["MIT", "AGPL-3.0-or-later"] })).statusCode,
    ).toBe(200);
    const fundBefore = await accountBalances(t.database.db, city.id, "USD");

    const band = expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${inBand.id}/publish`, cookie: dso }), 409);
    expect(band.detail).toBe("Only auctions that start between 1,000.00 USD and 2,500.00 USD may be kept for small businesses.");
    expect(band.errors?.[0]?.field).toBe("smallBusinessOnly");
    const threshold = expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${aboveThreshold.id}/publish`, cookie: dso }), 403);
    expect(threshold.detail).toContain("10,000.00 USD");
    const licence = expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${gplOnly.id}/publish`, cookie: dso }), 409);
    expect(licence.errors?.[0]?.field).toBe("requiredLicence");

    for (const draft of [inBand, aboveThreshold, gplOnly]) expect(await statusOf(draft.id)).toBe("draft");
    expect(await accountBalances(t.database.db, city.id, "USD")).toEqual(fundBefore);

    // With the band widened again, the same draft publishes.
    expect((await put({ smallBusinessBandMaxMinor: 500_000 })).statusCode).toBe(200);
    const published = await t.request({ method: "POST", url: `${base}/bounties/${inBand.id}/publish`, cookie: dso });
    expect(published.statusCode, published.body).toBe(200);
    expect(await statusOf(inBand.id)).toBe("published");
  });
});
