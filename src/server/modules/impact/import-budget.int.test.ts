import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import { RowsRejectedError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { budgetYearTotals, importBudget } from "./import-budget.ts";
import { budgetLines } from "./schema.ts";

let t: TestApp;
let city: City;
let other: City;
let ctx: OperationContext;

const header = "department,program,fiscal_year,total_amount,federal_amount";

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("budgetville", "Budgetville");
  other = await t.createCity("elsewhere", "Elsewhere");
  const admin = await t.personWithRoles(city, "finance@budgetville.example", [{ role: "city_admin" }]);
  ctx = {
    db: t.database.db,
    city,
    actor: { userId: admin.userId, email: "finance@budgetville.example", name: "Finance", isPlatformAdmin: false, locale: null },
    requestId: "test",
  };
});

afterAll(async () => {
  await t?.close();
});

const linesOf = async (cityId: string) =>
  t.database.db
    .select({
      fiscalYear: budgetLines.fiscalYear,
      department: budgetLines.department,
      program: budgetLines.program,
      totalMinor: budgetLines.totalMinor,
      federalMinor: budgetLines.federalMinor,
    })
    .from(budgetLines)
    .where(eq(budgetLines.cityId, cityId))
    .orderBy(asc(budgetLines.fiscalYear), asc(budgetLines.program));

describe("importing a budget", () => {
  it("saves several fiscal years, and a re-import replaces only the years it holds", async () => {
    const first = await importBudget(
      ctx,
      [header, "Parks,Pools,2025,100000,20000", "Parks,Pools,2026,110000,30000", "Health,Clinics,2026,50000,50000"].join("\n"),
    );
    expect(first.fiscalYears).toEqual([
      { fiscalYear: 2025, programs: 1, totalMinor: 10_000_000, federalMinor: 2_000_000 },
      { fiscalYear: 2026, programs: 2, totalMinor: 16_000_000, federalMinor: 8_000_000 },
    ]);
    await importBudget({ ...ctx, city: other }, [header, "Parks,Pools,2026,1,0"].join("\n"));

    const again = await importBudget(
      ctx,
      ["department,program,fiscal_year,amount,source_type", "Parks,Pools,2026,90000,local", "Parks,Pools,2026,40000,federal"].join("\n"),
    );
    expect(again.shape).toBe("perSource");
    expect(await linesOf(city.id)).toEqual([
      { fiscalYear: 2025, department: "Parks", program: "Pools", totalMinor: 10_000_000, federalMinor: 2_000_000 },
      { fiscalYear: 2026, department: "Parks", program: "Pools", totalMinor: 13_000_000, federalMinor: 4_000_000 },
    ]);
    expect(await linesOf(other.id)).toEqual([{ fiscalYear: 2026, department: "Parks", program: "Pools", totalMinor: 100, federalMinor: 0 }]);

    const audit = await t.database.db
      .select({ before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.action, "impact.budget-imported")))
      .orderBy(asc(auditEvents.createdAt));
    expect(audit).toHaveLength(2);
    expect(audit[1]).toEqual({
      before: [{ fiscalYear: 2026, programs: 2, totalMinor: 16_000_000, federalMinor: 8_000_000 }],
      after: [{ fiscalYear: 2026, programs: 1, totalMinor: 13_000_000, federalMinor: 4_000_000 }],
    });
  });

  it("refuses a file with any wrong row and changes nothing", async () => {
    const before = await linesOf(city.id);
    const refused = await importBudget(ctx, [header, "Parks,Pools,2026,1,0", "Parks,Beaches,2026,10,20"].join("\n")).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RowsRejectedError);
    expect((refused as RowsRejectedError).status).toBe(422);
    expect((refused as RowsRejectedError).rows).toEqual([{ row: 3, field: "federal_amount", messageKey: "errors.impact.budget.federalAboveTotal" }]);
    expect(await linesOf(city.id)).toEqual(before);
  });

  it("lets concurrent imports of the same year take turns, leaving one whole file", async () => {
    const fileOf = (suffix: string) =>
      [header, ...Array.from({ length: 50 }, (_, index) => `Dept ${suffix},Program ${index},2027,${index + 1}00,0`)].join("\n");
    await Promise.all(["A", "B", "C", "D"].map((suffix) => importBudget(ctx, fileOf(suffix))));
    const year = (await linesOf(city.id)).filter((line) => line.fiscalYear === 2027);
    expect(year).toHaveLength(50);
    expect(new Set(year.map((line) => line.department)).size).toBe(1);
    expect(await budgetYearTotals(t.database.db, city.id, [2027])).toEqual([{ fiscalYear: 2027, programs: 50, totalMinor: 12_750_000, federalMinor: 0 }]);
  });
});

describe("the budget over HTTP", () => {
  const base = "/api/v1/cities/budgetville/impact";
  const file = [header, "Parks,Summer youth jobs,2030,3000000,1200000", "Parks,Trail upkeep,2030,450000,0", "Health,Clinics,2030,90000,90000"].join("\n");

  it("imports for city admins and DSO staff only, and answers a wrong file with each row's problem in the reader's language", async () => {
    expect((await t.request({ method: "POST", url: `${base}/budget`, body: { csv: file } })).statusCode).toBe(401);
    // Someone with no role in the city is not shown the route; agency staff are refused it.
    const resident = await t.signIn("resident@budgetville.example");
    expect((await t.request({ method: "POST", url: `${base}/budget`, cookie: resident, body: { csv: file } })).statusCode).toBe(404);
    const parks = await t.createAgency(city, "parks", "Parks");
    const agencyStaff = await t.personWithRoles(city, "parks@budgetville.example", [{ role: "agency_staff", agencyId: parks.id }]);
    expect((await t.request({ method: "POST", url: `${base}/budget`, cookie: agencyStaff.cookie, body: { csv: file } })).statusCode).toBe(403);

    const dso = await t.personWithRoles(city, "dso@budgetville.example", [{ role: "dso_staff" }]);
    const wrong = await t.request({
      method: "POST",
      url: `${base}/budget`,
      cookie: dso.cookie,
      headers: { "content-type": "text/csv", "accept-language": "es" },
      body: [header, "Parks,Pools,2030,100,200"].join("\n"),
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.headers["content-type"]).toContain("application/problem+json");
    expect(wrong.json().rows).toEqual([{ row: 2, field: "federal_amount", message: "El monto federal es mayor que el monto total." }]);
    expect((await budgetYearTotals(t.database.db, city.id, [2030])).length).toBe(0);

    const imported = await t.request({ method: "POST", url: `${base}/budget`, cookie: dso.cookie, body: { csv: file } });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toEqual({
      shape: "perProgram",
      currency: "USD",
      fiscalYears: [{ fiscalYear: 2030, programs: 3, totalMinor: 354_000_000, federalMinor: 129_000_000 }],
    });
  });

  it("shows anyone the exposure of the latest year, and the money a cut puts at risk", async () => {
    const none = (await t.request({ method: "GET", url: `${base}/exposure` })).json();
    expect(none).toMatchObject({
      fiscalYear: 2030,
      cutPercent: 0,
      overall: { totalMinor: 354_000_000, federalMinor: 129_000_000, federalShareBasisPoints: 3644, atRiskMinor: 0 },
    });

    const cut = await t.request({ method: "GET", url: `${base}/exposure?cut=20` });
    expect(cut.statusCode).toBe(200);
    expect(cut.json().overall.atRiskMinor).toBe(25_800_000);
    expect(cut.json().departments.map((department: { department: string; atRiskMinor: number }) => [department.department, department.atRiskMinor])).toEqual([
      ["Parks", 24_000_000],
      ["Health", 1_800_000],
    ]);
    expect((await t.request({ method: "GET", url: `${base}/exposure?fiscalYear=2025` })).json().overall.totalMinor).toBe(10_000_000);

    const tooMuch = await t.request({ method: "GET", url: `${base}/exposure?cut=150` });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].field).toContain("cut");
    expect((await t.request({ method: "GET", url: `${base}/budget` })).json().fiscalYears.map((year: { fiscalYear: number }) => year.fiscalYear)).toEqual([
      2025, 2026, 2027, 2030,
    ]);
  });
});
