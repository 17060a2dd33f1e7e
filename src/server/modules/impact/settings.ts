import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { ImpactSettingsView, putImpactSettingsRequest } from "../../../contracts/impact.ts";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { independentSectorHourValue } from "./offsets.ts";
import { impactSettings } from "./schema.ts";

/** Most US cities start their fiscal year on 1 July; a city that does not says so in its settings. */
export const defaultFiscalYearStartMonth = 7;

export async function impactSettingsOf(db: Executor, city: Pick<City, "id" | "currency">): Promise<ImpactSettingsView> {
  const [row] = await db.select().from(impactSettings).where(eq(impactSettings.cityId, city.id)).limit(1);
  if (!row)
    return {
      currency: city.currency,
      hourValueMinor: independentSectorHourValue.amountMinor,
      hourValueYear: independentSectorHourValue.year,
      hourValueSource: independentSectorHourValue.source,
      hourValueIsDefault: true,
      fiscalYearStartMonth: defaultFiscalYearStartMonth,
    };
  return {
    currency: city.currency,
    hourValueMinor: row.hourValueMinor,
    hourValueYear: row.hourValueYear,
    hourValueSource: row.hourValueSource,
    hourValueIsDefault:
      row.hourValueMinor === independentSectorHourValue.amountMinor &&
      row.hourValueYear === independentSectorHourValue.year &&
      row.hourValueSource === independentSectorHourValue.source,
    fiscalYearStartMonth: row.fiscalYearStartMonth,
  };
}

/** Replaces the city's settings, audited with what they were before. */
export async function setImpactSettings(ctx: OperationContext, input: z.output<typeof putImpactSettingsRequest>): Promise<ImpactSettingsView> {
  return ctx.db.transaction(async (tx) => {
    const before = await impactSettingsOf(tx, ctx.city);
    await tx
      .insert(impactSettings)
      .values({ cityId: ctx.city.id, ...input })
      .onConflictDoUpdate({ target: impactSettings.cityId, set: { ...input, updatedAt: new Date() } });
    const after = await impactSettingsOf(tx, ctx.city);
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "impact.settings-updated",
      targetType: "city",
      targetId: ctx.city.id,
      before,
      after,
      requestId: ctx.requestId,
    });
    return after;
  });
}
