import type { z } from "zod";
import { spdxLicenceIds, type updateBountySettingsRequest } from "../../../contracts/bounty-settings.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { type FieldProblem, InvalidInputError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { bountyRulesOf } from "./bounty-settings.ts";
import { bountySettings } from "./schema.ts";

export type UpdateBountySettingsInput = z.output<typeof updateBountySettingsRequest>;

const knownLicences = new Set<string>(spdxLicenceIds);

/**
 * Sets the city's bounty rules: the micro-purchase threshold, the price band kept for small
 * businesses (either end may be open, but the lower end is never above the upper) and the licences,
 * by SPDX identifier, that code delivered to the city may carry. Drafts written under the old rules
 * meet the new ones when they are published.
 */
export async function updateBountySettings(ctx: OperationContext, input: UpdateBountySettingsInput) {
  const problems: FieldProblem[] = [];
  const { smallBusinessBandMinMinor: min, smallBusinessBandMaxMinor: max } = input;
  if (min !== null && max !== null && min > max) problems.push({ field: "smallBusinessBandMinMinor", messageKey: "errors.bountySettings.bandOrder" });
  input.acceptedLicences.forEach((licence, index) => {
    if (!knownLicences.has(licence))
      problems.push({ field: `acceptedLicences.${index}`, messageKey: "errors.bountySettings.unknownLicence", params: { licence } });
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  const acceptedLicences = [...new Set(input.acceptedLicences)];

  return ctx.db.transaction(async (tx) => {
    const before = await bountyRulesOf(tx, ctx.city.id);
    const values = {
      microPurchaseThresholdMinor: input.microPurchaseThresholdMinor,
      smallBusinessBandMinMinor: min,
      smallBusinessBandMaxMinor: max,
      acceptedLicences,
    };
    await tx
      .insert(bountySettings)
      .values({ cityId: ctx.city.id, ...values })
      .onConflictDoUpdate({ target: bountySettings.cityId, set: { ...values, updatedAt: new Date() } });
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "bounty-settings.updated",
      targetType: "bounty_settings",
      targetId: ctx.city.id,
      before,
      after: values,
      requestId: ctx.requestId,
    });
    return values;
  });
}
