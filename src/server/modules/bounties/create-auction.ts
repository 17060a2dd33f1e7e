import type { z } from "zod";
import type { createAuctionRequest } from "../../../contracts/bounties.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { FieldProblem } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import type { Membership } from "../../platform/policy/index.ts";
import { formatMinor } from "../ledger/index.ts";
import type { BountyRules } from "./bounty-settings.ts";
import { checkBountyTerms } from "./create-bounty.ts";
import { bounties } from "./schema.ts";

export type CreateAuctionInput = z.output<typeof createAuctionRequest>;

/**
 * Drafts a micro-purchase reverse auction from an accepted problem, with the rules it shares with a
 * fixed-price bounty (licence, threshold, problem; see checkBountyTerms) and its own: bidding opens
 * in the future and closes after it opens, and an auction kept for small businesses starts at a
 * price inside the band the city keeps for them. Publishing it later reserves the start price.
 */
export async function createAuction(ctx: OperationContext, membership: Membership, input: CreateAuctionInput) {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const { problem } = await checkBountyTerms(ctx, membership, input, (rules) => auctionProblems(ctx, rules, input, startsAt, endsAt));

  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(bounties)
      .values({
        cityId: ctx.city.id,
        problemId: problem.id,
        kind: "auction",
        auctionType: input.auctionType,
        title: input.title,
        description: input.description,
        acceptanceCriteria: input.acceptanceCriteria,
        repositoryIssueUrl: input.repositoryIssueUrl ?? null,
        requiredLicence: input.requiredLicence,
        deliveryBusinessDays: input.deliveryBusinessDays ?? null,
        amountMinor: input.amountMinor,
        currency: ctx.city.currency,
        marketEstimateMinor: input.marketEstimateMinor ?? null,
        smallBusinessOnly: input.smallBusinessOnly,
        startsAt,
        endsAt,
        createdBy: ctx.actor?.userId ?? null,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "bounty.created",
      targetType: "bounty",
      targetId: created.id,
      after: created,
      requestId: ctx.requestId,
    });
    return created;
  });
}

function auctionProblems(ctx: OperationContext, rules: BountyRules, input: CreateAuctionInput, startsAt: Date, endsAt: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (startsAt.getTime() <= Date.now()) problems.push({ field: "startsAt", messageKey: "errors.auctions.startsInPast" });
  if (endsAt.getTime() <= startsAt.getTime()) problems.push({ field: "endsAt", messageKey: "errors.auctions.endsBeforeStart" });
  if (input.smallBusinessOnly) {
    const outside = smallBusinessBandProblem(rules, input.amountMinor, ctx.city.currency);
    if (outside) problems.push(outside);
  }
  return problems;
}

/**
 * Why an auction kept for small businesses may not start at this price under the city's band, or
 * null when it may. Checked when the auction is drafted and again when it is published, since the
 * band may have changed in between.
 */
export function smallBusinessBandProblem(rules: BountyRules, amountMinor: number, currency: string): FieldProblem | null {
  const { smallBusinessBandMinMinor: min, smallBusinessBandMaxMinor: max } = rules;
  if (min === null && max === null) return { field: "smallBusinessOnly", messageKey: "errors.auctions.noSmallBusinessBand" };
  if ((min === null || amountMinor >= min) && (max === null || amountMinor <= max)) return null;
  return max === null
    ? { field: "smallBusinessOnly", messageKey: "errors.auctions.belowSmallBusinessBand", params: { from: formatMinor(min ?? 1, currency) } }
    : {
        field: "smallBusinessOnly",
        messageKey: "errors.auctions.outsideSmallBusinessBand",
        params: { from: formatMinor(min ?? 1, currency), to: formatMinor(max, currency) },
      };
}
