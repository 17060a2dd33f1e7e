import { eq } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { bountySettings, defaultAcceptedLicences, defaultMicroPurchaseThresholdMinor } from "./schema.ts";

export interface BountyRules {
  microPurchaseThresholdMinor: number;
  smallBusinessBandMinMinor: number | null;
  smallBusinessBandMaxMinor: number | null;
  acceptedLicences: string[];
}

/** The city's bounty rules; a city that never changed them has the defaults (10,000 USD, common open-source licences). */
export async function bountyRulesOf(db: Executor, cityId: string): Promise<BountyRules> {
  const [row] = await db.select().from(bountySettings).where(eq(bountySettings.cityId, cityId)).limit(1);
  return {
    microPurchaseThresholdMinor: row?.microPurchaseThresholdMinor ?? defaultMicroPurchaseThresholdMinor,
    smallBusinessBandMinMinor: row?.smallBusinessBandMinMinor ?? null,
    smallBusinessBandMaxMinor: row?.smallBusinessBandMaxMinor ?? null,
    acceptedLicences: row?.acceptedLicences ?? defaultAcceptedLicences,
  };
}
