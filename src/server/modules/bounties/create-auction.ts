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
    const { smallBusinessBandMinMinor: min, smallBusinessBandMaxMinor: max } = rules;
    if (min === null && max === null) {
      problems.push({ field: "smallBusinessOnly", messageKey: "errors.auctions.noSmallBusinessBand" });
    } else if ((min !== null && input.amountMinor < min) || (max !== null && input.amountMinor > max)) {
      problems.push(
        max === null
          ? { field: "smallBusinessOnly", messageKey: "errors.auctions.belowSmallBusinessBand", params: { from: formatMinor(min ?? 1, ctx.city.currency) } }
          : {
              field: "smallBusinessOnly",
              messageKey: "errors.auctions.outsideSmallBusinessBand",
              params: { from: formatMinor(min ?? 1, ctx.city.currency), to: formatMinor(max, ctx.city.currency) },
            },
      );
    }
  }
  return problems;
}
