import type { z } from "zod";
import type { rerunBountyRequest } from "../../../contracts/bounties.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { type FieldProblem, InvalidInputError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { cancelFailedDeliveryIn } from "./review-submission.ts";
import { bounties } from "./schema.ts";

export type RerunBountyInput = z.output<typeof rerunBountyRequest>;

/** The new dates a re-run draft needs, by kind; every missing or past one is named at once. */
function dateProblems(kind: "fixed" | "auction", input: RerunBountyInput, now: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (kind === "fixed") {
    if (!input.deadlineAt) problems.push({ field: "deadlineAt", messageKey: "errors.field.required" });
    else if (new Date(input.deadlineAt).getTime() <= now) problems.push({ field: "deadlineAt", messageKey: "errors.bounties.deadlineInPast" });
    return problems;
  }
  if (!input.startsAt) problems.push({ field: "startsAt", messageKey: "errors.field.required" });
  else if (new Date(input.startsAt).getTime() <= now) problems.push({ field: "startsAt", messageKey: "errors.auctions.startsInPast" });
  if (!input.endsAt) problems.push({ field: "endsAt", messageKey: "errors.field.required" });
  else if (input.startsAt && new Date(input.endsAt).getTime() <= new Date(input.startsAt).getTime()) {
    problems.push({ field: "endsAt", messageKey: "errors.auctions.endsBeforeStart" });
  }
  return problems;
}

/**
 * After a rejected or missed delivery, the DSO runs the bounty again: the old one is cancelled and
 * gives back what it still holds (the same cancellation as `cancelAfterFailedDelivery`), and a new draft with
 * the same terms and new dates is written, all in one transaction. The old bounty's row lock makes
 * a second, concurrent re-run wait and then find it cancelled, so it never drafts a second copy.
 */
export async function rerunBounty(ctx: OperationContext, bountyId: string, input: RerunBountyInput) {
  return ctx.db.transaction(async (tx) => {
    // In this transaction: a draft that cannot be written undoes the cancellation too.
    const cancelled = await cancelFailedDeliveryIn(tx, ctx, bountyId, { reason: input.reason });
    const problems = dateProblems(cancelled.kind, input, Date.now());
    if (problems.length > 0) throw new InvalidInputError(problems);
    const [draft] = await tx
      .insert(bounties)
      .values({
        cityId: ctx.city.id,
        problemId: cancelled.problemId,
        kind: cancelled.kind,
        auctionType: cancelled.auctionType,
        title: cancelled.title,
        description: cancelled.description,
        acceptanceCriteria: cancelled.acceptanceCriteria,
        repositoryIssueUrl: cancelled.repositoryIssueUrl,
        requiredLicence: cancelled.requiredLicence,
        deadlineAt: cancelled.kind === "fixed" && input.deadlineAt ? new Date(input.deadlineAt) : null,
        deliveryBusinessDays: cancelled.deliveryBusinessDays,
        amountMinor: cancelled.amountMinor,
        currency: cancelled.currency,
        marketEstimateMinor: cancelled.marketEstimateMinor,
        smallBusinessOnly: cancelled.smallBusinessOnly,
        startsAt: cancelled.kind === "auction" && input.startsAt ? new Date(input.startsAt) : null,
        endsAt: cancelled.kind === "auction" && input.endsAt ? new Date(input.endsAt) : null,
        createdBy: ctx.actor?.userId ?? null,
      })
      .returning();
    if (!draft) throw new Error("insert returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "bounty.rerun",
      targetType: "bounty",
      targetId: draft.id,
      before: { rerunOf: cancelled.id },
      after: draft,
      requestId: ctx.requestId,
    });
    return { cancelled, draft };
  });
}
