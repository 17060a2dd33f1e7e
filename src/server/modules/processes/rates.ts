import { asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { ProcessRatesView, putProcessRatesRequest } from "../../../contracts/processes.ts";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { processRates } from "./schema.ts";

/** The city's hourly rate per role, by role name, for the cost model. */
export async function rateTableOf(db: Executor, cityId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ role: processRates.role, hourlyRateMinor: processRates.hourlyRateMinor })
    .from(processRates)
    .where(eq(processRates.cityId, cityId));
  return new Map(rows.map((row) => [row.role, row.hourlyRateMinor]));
}

export async function findRates(db: Executor, city: { id: string; currency: string }): Promise<ProcessRatesView> {
  const rows = await db
    .select({ role: processRates.role, hourlyRateMinor: processRates.hourlyRateMinor })
    .from(processRates)
    .where(eq(processRates.cityId, city.id))
    .orderBy(asc(processRates.role));
  return { currency: city.currency, rates: rows };
}

/** Replaces the city's rate table with the one given, in one transaction, audited with before and after. */
export async function setRates(ctx: OperationContext, input: z.output<typeof putProcessRatesRequest>): Promise<ProcessRatesView> {
  return ctx.db.transaction(async (tx) => {
    const before = await findRates(tx, ctx.city);
    await tx.delete(processRates).where(eq(processRates.cityId, ctx.city.id));
    if (input.rates.length > 0) {
      await tx
        .insert(processRates)
        .values(input.rates.map((rate) => ({ cityId: ctx.city.id, role: rate.role, hourlyRateMinor: rate.hourlyRateMinor, currency: ctx.city.currency })));
    }
    const after = await findRates(tx, ctx.city);
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "process.rates-updated",
      targetType: "process_rates",
      targetId: ctx.city.id,
      before: before.rates,
      after: after.rates,
      requestId: ctx.requestId,
    });
    return after;
  });
}
