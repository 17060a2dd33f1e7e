import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { BudgetRejectedError, budgetYearTotals, importBudget } from "./import-budget.ts";
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
    expect(refused).toBeInstanceOf(BudgetRejectedError);
    expect((refused as BudgetRejectedError).status).toBe(422);
    expect((refused as BudgetRejectedError).rows).toEqual([{ row: 3, field: "federal_amount", messageKey: "errors.impact.budget.federalAboveTotal" }]);
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
