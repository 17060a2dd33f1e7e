import type { z } from "zod";
import type { createBountyRequest } from "../../../contracts/bounties.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, type FieldProblem, InvalidInputError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { can, type Membership } from "../../platform/policy/index.ts";
import { formatMinor } from "../ledger/index.ts";
import { findProblem } from "../problems/index.ts";
import { type BountyRules, bountyRulesOf } from "./bounty-settings.ts";
import { bounties } from "./schema.ts";

export type CreateBountyInput = z.output<typeof createBountyRequest>;

/** Problems the DSO has taken on; a bounty is not written for one still new, declined or solved. */
const problemStatusesForBounties = new Set(["accepted", "in_progress"]);

/**
 * The rules every bounty drafted from a problem follows, fixed-price or auction: the licence must be
 * one the city accepts, the amount (the price, or an auction's start price) at or below the
 * micro-purchase threshold unless a contracting officer writes it, and the problem one of this
 * city's that the DSO has taken on. `moreProblems` adds the checks of one kind of bounty, so that
 * the person sees every problem of the form at once.
 */
export async function checkBountyTerms(
  ctx: OperationContext,
  membership: Membership,
  input: { problemId: string; requiredLicence: string; amountMinor: number },
  moreProblems: (rules: BountyRules) => FieldProblem[] = () => [],
) {
  const rules = await bountyRulesOf(ctx.db, ctx.city.id);
  const problems: FieldProblem[] = [];
  if (!rules.acceptedLicences.includes(input.requiredLicence)) {
    problems.push({ field: "requiredLicence", messageKey: "errors.bounties.licenceNotAccepted", params: { licences: rules.acceptedLicences.join(", ") } });
  }
  problems.push(...moreProblems(rules));
  if (input.amountMinor > rules.microPurchaseThresholdMinor && !can(membership, "bounties.above-threshold")) {
    problems.push({
      field: "amountMinor",
      messageKey: "errors.bounties.amountAboveThreshold",
      params: { threshold: formatMinor(rules.microPurchaseThresholdMinor, ctx.city.currency) },
    });
  }
  const problem = await findProblem(ctx.db, ctx.city.id, input.problemId);
  if (!problem) problems.push({ field: "problemId", messageKey: "errors.problems.notFound" });
  if (problems.length > 0 || !problem) throw new InvalidInputError(problems);
  if (!problemStatusesForBounties.has(problem.status)) {
    throw new ConflictError("errors.bounties.problemNotAccepted", { status: problem.status }, [
      { field: "problemId", messageKey: "errors.bounties.problemNotAccepted", params: { status: problem.status } },
    ]);
  }
  return { problem, rules };
}

/** Drafts a fixed-price bounty from an accepted problem; its deadline must be ahead. */
export async function createFixedBounty(ctx: OperationContext, membership: Membership, input: CreateBountyInput) {
  const deadline = new Date(input.deadlineAt);
  const { problem } = await checkBountyTerms(ctx, membership, input, () =>
    deadline.getTime() <= Date.now() ? [{ field: "deadlineAt", messageKey: "errors.bounties.deadlineInPast" }] : [],
  );

  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(bounties)
      .values({
        cityId: ctx.city.id,
        problemId: problem.id,
        kind: "fixed",
        title: input.title,
        description: input.description,
        acceptanceCriteria: input.acceptanceCriteria,
        repositoryIssueUrl: input.repositoryIssueUrl ?? null,
        requiredLicence: input.requiredLicence,
        deadlineAt: deadline,
        deliveryBusinessDays: input.deliveryBusinessDays ?? null,
        amountMinor: input.amountMinor,
        currency: ctx.city.currency,
        marketEstimateMinor: input.marketEstimateMinor ?? null,
        smallBusinessOnly: input.smallBusinessOnly,
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
