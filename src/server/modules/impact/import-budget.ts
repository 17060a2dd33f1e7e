import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { RowsRejectedError } from "../../platform/errors/domain-errors.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { readBudgetCsv } from "./budget-csv.ts";
import { budgetLines } from "./schema.ts";

export interface FiscalYearTotals {
  fiscalYear: number;
  programs: number;
  totalMinor: number;
  federalMinor: number;
}

export interface BudgetImportResult {
  shape: "perProgram" | "perSource";
  /** The fiscal years the file held; each replaced whatever the city had for that year. */
  fiscalYears: FiscalYearTotals[];
}

/** Programs and sums per fiscal year of the city's budget, the given years only if any are named. */
export async function budgetYearTotals(db: Executor, cityId: string, fiscalYears?: readonly number[]): Promise<FiscalYearTotals[]> {
  const rows = await db
    .select({
      fiscalYear: budgetLines.fiscalYear,
      programs: sql<number>`count(*)::int`,
      totalMinor: sql<string>`sum(${budgetLines.totalMinor})`,
      federalMinor: sql<string>`sum(${budgetLines.federalMinor})`,
    })
    .from(budgetLines)
    .where(fiscalYears ? and(eq(budgetLines.cityId, cityId), inArray(budgetLines.fiscalYear, [...fiscalYears])) : eq(budgetLines.cityId, cityId))
    .groupBy(budgetLines.fiscalYear)
    .orderBy(asc(budgetLines.fiscalYear));
  return rows.map((row) => ({
    fiscalYear: row.fiscalYear,
    programs: row.programs,
    totalMinor: Number(row.totalMinor),
    federalMinor: Number(row.federalMinor),
  }));
}

const insertChunk = 1000;

/**
 * Imports a budget file: every fiscal year in it replaces that year's lines, all in one transaction,
 * so a reader sees the old year or the new one and a refused file leaves everything as it was.
 * Imports of one city take turns.
 */
export async function importBudget(ctx: OperationContext, csv: string): Promise<BudgetImportResult> {
  const reading = readBudgetCsv(csv, ctx.city.currency);
  if (!reading.ok) throw new RowsRejectedError(reading.issues);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('civitas.budget-import'), hashtext(${ctx.city.id}))`);
    const before = await budgetYearTotals(tx, ctx.city.id, reading.fiscalYears);
    await tx.delete(budgetLines).where(and(eq(budgetLines.cityId, ctx.city.id), inArray(budgetLines.fiscalYear, reading.fiscalYears)));
    const rows = reading.lines.map((line) => ({
      cityId: ctx.city.id,
      fiscalYear: line.fiscalYear,
      department: line.department,
      program: line.program,
      totalMinor: line.totalMinor,
      federalMinor: line.federalMinor,
      currency: ctx.city.currency,
      importedBy: ctx.actor?.userId ?? null,
    }));
    for (let start = 0; start < rows.length; start += insertChunk) await tx.insert(budgetLines).values(rows.slice(start, start + insertChunk));
    const after = await budgetYearTotals(tx, ctx.city.id, reading.fiscalYears);
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "impact.budget-imported",
      targetType: "budget",
      targetId: ctx.city.id,
      before,
      after,
      requestId: ctx.requestId,
    });
    return { shape: reading.shape, fiscalYears: after };
  });
}
