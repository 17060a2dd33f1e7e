import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImpactOverviewView, YearImpactView } from "../../../contracts/impact.ts";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { seedDemoCity } from "../../seed/demo-city.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { bounties, submissions } from "../bounties/schema.ts";
import { catalogEntries } from "../catalog/schema.ts";
import { opportunities, volunteerHours } from "../opportunities/schema.ts";
import { processSavingsOf } from "../processes/index.ts";
import { volunteerProfiles } from "../volunteers/schema.ts";
import { readBudgetCsv } from "./budget-csv.ts";
import { fiscalYearOf } from "./offsets.ts";
import { demoBudgetCsv } from "./seed-demo.ts";

let t: TestApp;
let city: City;
let admin: { cookie: string };
const base = "/api/v1/cities/springfield";

/** The demo city's fiscal year of a day, with the July start it uses until its settings say otherwise. */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

beforeAll(async () => {
  t = await startTestApp();
  ({ city } = await seedDemoCity(t.database.db, t.services.auth, { password: "demo-password-long-enough" }));
  admin = await t.personWithRoles(city, "finance@springfield.example", [{ role: "city_admin" }]);
});
afterAll(async () => t?.close());

const overview = async (): Promise<ImpactOverviewView> => {
  const response = await t.request({ method: "GET", url: `${base}/impact` });
  expect(response.statusCode).toBe(200);
  return response.json();
};
const yearOf = (view: { years: YearImpactView[] }, fiscalYear: number) => view.years.find((year) => year.fiscalYear === fiscalYear);

describe("the impact figures", () => {
  it("count the demo city's budget and each offset from the records of its modules", async () => {
    const view = await overview();
    const current = fiscalYearOf(today(), 7);
    expect(view.currentFiscalYear).toBe(current);
    expect(view.settings).toMatchObject({
      hourValueMinor: 3479,
      hourValueYear: 2024,
      hourValueSource: "Independent Sector",
      hourValueIsDefault: true,
      fiscalYearStartMonth: 7,
    });

    // The budget: the three years of the seeded file, summed.
    const file = readBudgetCsv(demoBudgetCsv(current), "USD");
    if (!file.ok) throw new Error("the demo budget does not read");
    for (const fiscalYear of [current - 2, current - 1, current]) {
      const lines = file.lines.filter((line) => line.fiscalYear === fiscalYear);
      const year = yearOf(view, fiscalYear);
      expect(year?.totalMinor).toBe(lines.reduce((sum, line) => sum + line.totalMinor, 0));
      expect(year?.federalMinor).toBe(lines.reduce((sum, line) => sum + line.federalMinor, 0));
    }

    // Volunteer time: every approved minute worked in a year, at $34.79 an hour; pending hours do not count.
    const approved = await t.database.db.execute<{ fiscal_year: number; minutes: number }>(sql`
      select worked_on::text as day, minutes from volunteer_hours where city_id = ${city.id} and status = 'approved'`);
    const minutesByYear = new Map<number, number>();
    for (const row of approved.rows as unknown as { day: string; minutes: number }[]) {
      const fiscalYear = fiscalYearOf(row.day, 7);
      minutesByYear.set(fiscalYear, (minutesByYear.get(fiscalYear) ?? 0) + row.minutes);
    }
    expect(minutesByYear.size).toBeGreaterThanOrEqual(3);
    for (const [fiscalYear, minutes] of minutesByYear) {
      expect(yearOf(view, fiscalYear)?.offsets.volunteerMinutes).toBe(minutes);
      expect(yearOf(view, fiscalYear)?.offsets.volunteerValueMinor).toBe(Math.round((minutes * 3479) / 60));
    }

    // The paid bounty: the market estimate less the winning price, in the year it was paid.
    const [paid] = await t.database.db
      .select({ paidAt: submissions.paidAt, amountMinor: submissions.amountMinor, estimate: bounties.marketEstimateMinor })
      .from(submissions)
      .innerJoin(bounties, eq(bounties.id, submissions.bountyId))
      .where(and(eq(submissions.cityId, city.id), eq(submissions.status, "paid")));
    if (!paid?.paidAt) throw new Error("the demo city has a paid bounty");
    const paidYear = fiscalYearOf(new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(paid.paidAt), 7);
    expect(yearOf(view, paidYear)?.offsets).toMatchObject({ bountiesPaid: 1, bountySavingsMinor: (paid.estimate ?? 0) - paid.amountMinor });
    expect(yearOf(view, paidYear)?.offsets.bountySavingsMinor).toBe(950_000 - 320_000);

    // The redesigned park permit: its annual saving, this year.
    const savings = await processSavingsOf(t.database.db, city.id);
    expect(savings.length).toBeGreaterThan(0);
    expect(yearOf(view, current)?.offsets).toMatchObject({
      processes: savings.length,
      processSavingsMinor: savings.reduce((sum, saving) => sum + saving.annualCostSavedMinor, 0),
    });

    // Reuse savings on the catalog's entries, in the year they were added.
    const entries = await t.database.db.select({ savings: catalogEntries.reuseSavingsMinor }).from(catalogEntries).where(eq(catalogEntries.cityId, city.id));
    const reuse = entries.reduce((sum, entry) => sum + entry.savings, 0);
    expect(reuse).toBeGreaterThan(0);
    expect(yearOf(view, current)?.offsets.reuseSavingsMinor).toBe(reuse);

    // Each year's total is the sum of its four offsets; the cover is that total against the federal funds.
    for (const year of view.years) {
      const { volunteerValueMinor, bountySavingsMinor, processSavingsMinor, reuseSavingsMinor, totalMinor } = year.offsets;
      expect(totalMinor).toBe(volunteerValueMinor + bountySavingsMinor + processSavingsMinor + reuseSavingsMinor);
      if (year.federalMinor > 0) expect(year.coverBasisPoints).toBe(Math.round((totalMinor * 10_000) / year.federalMinor));
    }

    // Per agency: the Department of Health's budget is its department's lines.
    const health = view.agencies.find((agency) => agency.slug === "health");
    const healthLines = file.lines.filter((line) => line.department === "Department of Health" && line.fiscalYear === current);
    expect(yearOf(health ?? { years: [] }, current)?.totalMinor).toBe(healthLines.reduce((sum, line) => sum + line.totalMinor, 0));
    // Agencies' reuse savings add up to the city's: an entry listing several is shared among them.
    const agencyReuse = view.agencies.reduce((sum, agency) => sum + (yearOf(agency, current)?.offsets.reuseSavingsMinor ?? 0), 0);
    expect(agencyReuse).toBeLessThanOrEqual(reuse);
    expect(agencyReuse).toBeGreaterThan(0);
  });

  it("place hours in the fiscal year the city's settings say, and value them at the city's hour", async () => {
    const [opportunity] = await t.database.db
      .select({ id: opportunities.id, agencyId: opportunities.agencyId })
      .from(opportunities)
      .where(eq(opportunities.cityId, city.id))
      .limit(1);
    const [volunteer] = await t.database.db.select({ id: volunteerProfiles.id }).from(volunteerProfiles).where(eq(volunteerProfiles.cityId, city.id)).limit(1);
    if (!opportunity || !volunteer) throw new Error("the demo city has opportunities and volunteers");
    const entry = { cityId: city.id, volunteerId: volunteer.id, opportunityId: opportunity.id, source: "self_reported" as const };
    await t.database.db.insert(volunteerHours).values([
      { ...entry, workedOn: "2015-06-30", minutes: 90, status: "approved" },
      { ...entry, workedOn: "2015-07-01", minutes: 60, status: "approved" },
      { ...entry, workedOn: "2015-07-02", minutes: 600, status: "pending" },
      { ...entry, workedOn: "2015-07-03", minutes: 600, status: "rejected", rejectionReason: "Not this one" },
    ]);
    let view = await overview();
    expect(yearOf(view, 2015)?.offsets.volunteerMinutes).toBe(90);
    expect(yearOf(view, 2016)?.offsets.volunteerMinutes).toBe(60);
    expect(yearOf(view, 2015)?.totalMinor).toBe(0);
    expect(yearOf(view, 2015)?.coverBasisPoints).toBeNull();

    const changed = await t.request({
      method: "PUT",
      url: `${base}/impact/settings`,
      cookie: admin.cookie,
      body: { hourValueMinor: 4000, hourValueYear: 2025, hourValueSource: "Illinois state figure", fiscalYearStartMonth: 1 },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ hourValueMinor: 4000, hourValueIsDefault: false, fiscalYearStartMonth: 1 });
    view = await overview();
    expect(yearOf(view, 2015)?.offsets).toMatchObject({ volunteerMinutes: 150, volunteerValueMinor: 10_000 });
    expect(yearOf(view, 2016)).toBeUndefined();
    const agency = view.agencies.find((candidate) => yearOf(candidate, 2015));
    expect(yearOf(agency ?? { years: [] }, 2015)?.offsets.volunteerMinutes).toBe(150);

    // Back to the defaults, as the rest of these tests expect.
    const reset = await t.request({
      method: "PUT",
      url: `${base}/impact/settings`,
      cookie: admin.cookie,
      body: { hourValueMinor: 3479, hourValueYear: 2024, hourValueSource: "Independent Sector", fiscalYearStartMonth: 7 },
    });
    expect(reset.json()).toMatchObject({ hourValueIsDefault: true });
  });
});

describe("the impact settings", () => {
  const good = { hourValueMinor: 3600, hourValueYear: 2025, hourValueSource: "State volunteer commission", fiscalYearStartMonth: 10 };

  it("are changed by city admins and DSO staff only, audited, and a wrong value changes nothing", async () => {
    expect((await t.request({ method: "PUT", url: `${base}/impact/settings`, body: good })).statusCode).toBe(401);
    const volunteer = await t.personWithRoles(city, "helper@springfield.example", [{ role: "volunteer" }]);
    expect((await t.request({ method: "PUT", url: `${base}/impact/settings`, cookie: volunteer.cookie, body: good })).statusCode).toBe(403);

    const before = (await t.request({ method: "GET", url: `${base}/impact/settings` })).json();
    for (const wrong of [
      { ...good, fiscalYearStartMonth: 13 },
      { ...good, hourValueMinor: -1 },
      { ...good, hourValueSource: " " },
      { ...good, hourValueYear: 1800 },
    ]) {
      const refused = await t.request({
        method: "PUT",
        url: `${base}/impact/settings`,
        cookie: admin.cookie,
        body: wrong,
        headers: { "accept-language": "es" },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      expect(refused.json().errors.length).toBeGreaterThan(0);
    }
    expect((await t.request({ method: "GET", url: `${base}/impact/settings` })).json()).toEqual(before);

    const dso = await t.personWithRoles(city, "dso2@springfield.example", [{ role: "dso_staff" }]);
    const saved = await t.request({ method: "PUT", url: `${base}/impact/settings`, cookie: dso.cookie, body: good });
    expect(saved.statusCode).toBe(200);
    expect((await t.request({ method: "GET", url: `${base}/impact/settings` })).json()).toEqual({ currency: "USD", ...good, hourValueIsDefault: false });
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.action, "impact.settings-updated")))
      .orderBy(sql`${auditEvents.createdAt} desc`)
      .limit(1);
    expect(audit?.before).toEqual(before);
    expect(audit?.after).toMatchObject(good);
    await t.request({
      method: "PUT",
      url: `${base}/impact/settings`,
      cookie: dso.cookie,
      body: { hourValueMinor: 3479, hourValueYear: 2024, hourValueSource: "Independent Sector", fiscalYearStartMonth: 7 },
    });
  });
});

describe("an agency's figures", () => {
  it("show its department's programs, and a clear 404 for an unknown agency", async () => {
    const response = await t.request({ method: "GET", url: `${base}/impact/agencies/library` });
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.agency).toMatchObject({ slug: "library", name: "Public Library" });
    expect(new Set(view.programs.map((line: { program: string }) => line.program))).toEqual(new Set(["Branches and bookmobile", "Digital literacy"]));
    expect(view.years.length).toBeGreaterThanOrEqual(3);

    const missing = await t.request({ method: "GET", url: `${base}/impact/agencies/zoo`, headers: { "accept-language": "es" } });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
    expect(missing.json().detail).toBeTruthy();
  });
});

describe("the staff's private figures", () => {
  it("name volunteers with their hours for admins only; the public figures name no one", async () => {
    expect((await t.request({ method: "GET", url: `${base}/impact/private` })).statusCode).toBe(401);
    const parks = await t.personWithRoles(city, "parks2@springfield.example", [
      { role: "agency_staff", agencyId: (await t.createAgency(city, "zoo-x", "Zoo")).id },
    ]);
    expect((await t.request({ method: "GET", url: `${base}/impact/private`, cookie: parks.cookie })).statusCode).toBe(403);

    const current = fiscalYearOf(today(), 7);
    const response = await t.request({ method: "GET", url: `${base}/impact/private?fiscalYear=${current}`, cookie: admin.cookie });
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.fiscalYear).toBe(current);
    const names = view.volunteers.map((volunteer: { name: string }) => volunteer.name);
    expect(names).toContain("Dana Kim");
    expect(view.pendingEntries).toBeGreaterThanOrEqual(1);
    const totalMinutes = view.volunteers.reduce((sum: number, volunteer: { approvedMinutes: number }) => sum + volunteer.approvedMinutes, 0);
    expect(yearOf(await overview(), current)?.offsets.volunteerMinutes).toBe(totalMinutes);

    const publicText = JSON.stringify(await overview());
    for (const name of names) expect(publicText).not.toContain(name);
  });
});
