import { and, asc, eq, notInArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { reviewSubmissionRequest } from "../../../contracts/bounties.ts";
import type { Executor, Transaction } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, type DomainError, type FieldProblem, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { ledgerAccounts, ledgerLines, ledgerPostings, postEntries, releaseReservation, reserveFromFund } from "../ledger/index.ts";
import { eligibleVendor } from "./assign-bounty.ts";
import { cancelReleasing } from "./cancel-bounty.ts";
import { writeBountyNotice } from "./notifications.ts";
import { openSubmission, type Submission } from "./open-submission.ts";
import { bids, bounties, submissions } from "./schema.ts";

export type ReviewSubmissionInput = z.output<typeof reviewSubmissionRequest>;

/** Ledger keys of a bounty all start with `bounty:<id>:`, so the money held for it can be summed. */
export function submissionPostingKey(submission: Pick<Submission, "bountyId" | "id">, event: "accept" | "pay" | "adjust"): string {
  return `bounty:${submission.bountyId}:submission:${submission.id}:${event}`;
}

/** The money still reserved for a bounty: what its postings put into `reserved`, less what they took out. */
export async function reservedForBounty(db: Executor, cityId: string, currency: string, bountyId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${ledgerLines.amountMinor}), 0)::text` })
    .from(ledgerLines)
    .innerJoin(ledgerPostings, eq(ledgerPostings.id, ledgerLines.postingId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
    .where(
      and(
        eq(ledgerPostings.cityId, cityId),
        eq(ledgerAccounts.kind, "reserved"),
        eq(ledgerAccounts.currency, currency),
        sql`${ledgerPostings.idempotencyKey} like ${`bounty:${bountyId}:%`}`,
      ),
    );
  return Number(row?.total ?? 0);
}

/** Why a conditional update found nothing: no such submission here (404), or not in a state for it (409). */
async function refusalFor(db: Executor, cityId: string, submissionId: string, messageKey: string): Promise<DomainError> {
  const [found] = await db
    .select({ status: submissions.status })
    .from(submissions)
    .where(and(eq(submissions.cityId, cityId), eq(submissions.id, submissionId)))
    .limit(1);
  if (!found) return new NotFoundError("errors.delivery.notFound");
  return new ConflictError(messageKey, { status: found.status });
}

/**
 * DSO staff accept a delivery waiting for acceptance, or reject it with a reason for each acceptance
 * criterion it misses. Accepting moves the awarded amount from reserved to payable in the same
 * transaction. The status-conditional UPDATE lets only one of two racing reviews through; the
 * ledger's idempotency key would refuse a second posting besides.
 */
export async function reviewSubmission(ctx: OperationContext, submissionId: string, input: ReviewSubmissionInput): Promise<Submission> {
  return input.decision === "accepted" ? acceptSubmission(ctx, submissionId) : rejectSubmission(ctx, submissionId, input.reasons);
}

async function acceptSubmission(ctx: OperationContext, submissionId: string): Promise<Submission> {
  return ctx.db.transaction(async (tx) => {
    const now = new Date();
    const [accepted] = await tx
      .update(submissions)
      .set({ status: "accepted", acceptedAt: now, acceptedBy: ctx.actor?.userId ?? null })
      .where(and(eq(submissions.cityId, ctx.city.id), eq(submissions.id, submissionId), eq(submissions.status, "pending_acceptance")))
      .returning();
    if (!accepted) throw await refusalFor(tx, ctx.city.id, submissionId, "errors.delivery.notPendingAcceptance");
    const posting = await postEntries(tx, {
      cityId: ctx.city.id,
      currency: accepted.currency,
      idempotencyKey: submissionPostingKey(accepted, "accept"),
      description: "Delivery accepted; payable to the vendor",
      createdBy: ctx.actor?.userId ?? null,
      lines: [
        { account: "reserved", amountMinor: -accepted.amountMinor },
        { account: "payable", amountMinor: accepted.amountMinor },
      ],
    });
    if (!posting.posted) throw new ConflictError("errors.delivery.notPendingAcceptance", { status: "accepted" });
    await writeBountyNotice(tx, {
      cityId: ctx.city.id,
      kind: "accepted",
      vendorId: accepted.vendorId,
      bountyId: accepted.bountyId,
      submissionId: accepted.id,
      dedupeKey: `accepted:${accepted.id}`,
      details: { amountMinor: accepted.amountMinor, currency: accepted.currency },
    });
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "submission.accepted",
      targetType: "submission",
      targetId: submissionId,
      before: { status: "pending_acceptance" },
      after: { status: "accepted", amountMinor: accepted.amountMinor, currency: accepted.currency, postingId: posting.postingId },
      requestId: ctx.requestId,
    });
    return accepted;
  });
}

async function rejectSubmission(ctx: OperationContext, submissionId: string, reasons: ReviewSubmissionInput["reasons"]): Promise<Submission> {
  if (reasons.length === 0) throw new InvalidInputError([{ field: "reasons", messageKey: "errors.delivery.reasonsRequired" }]);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ criteria: bounties.acceptanceCriteria })
      .from(submissions)
      .innerJoin(bounties, eq(bounties.id, submissions.bountyId))
      .where(and(eq(submissions.cityId, ctx.city.id), eq(submissions.id, submissionId)))
      .limit(1);
    if (!current) throw new NotFoundError("errors.delivery.notFound");
    const problems: FieldProblem[] = [];
    reasons.forEach((reason, index) => {
      if (!current.criteria.includes(reason.criterion)) {
        problems.push({
          field: `reasons.${index}.criterion`,
          messageKey: "errors.delivery.unknownCriterion",
          params: { criteria: current.criteria.join("; ") },
        });
      }
    });
    if (problems.length > 0) throw new InvalidInputError(problems);
    const [rejected] = await tx
      .update(submissions)
      .set({ status: "rejected", rejectionReasons: reasons })
      .where(and(eq(submissions.cityId, ctx.city.id), eq(submissions.id, submissionId), eq(submissions.status, "pending_acceptance")))
      .returning();
    if (!rejected) throw await refusalFor(tx, ctx.city.id, submissionId, "errors.delivery.notPendingAcceptance");
    await writeBountyNotice(tx, {
      cityId: ctx.city.id,
      kind: "rejected",
      vendorId: rejected.vendorId,
      bountyId: rejected.bountyId,
      submissionId: rejected.id,
      dedupeKey: `rejected:${rejected.id}`,
      details: { reasons },
    });
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "submission.rejected",
      targetType: "submission",
      targetId: submissionId,
      before: { status: "pending_acceptance" },
      after: { status: "rejected", rejectionReasons: reasons },
      requestId: ctx.requestId,
    });
    return rejected;
  });
}

/** An awarded bounty whose last delivery was rejected or missed, locked; otherwise 404 or 409. */
async function lockBountyToRerun(tx: Transaction, cityId: string, bountyId: string) {
  const [bounty] = await tx
    .select()
    .from(bounties)
    .where(and(eq(bounties.cityId, cityId), eq(bounties.id, bountyId)))
    .for("update");
  if (!bounty) throw new NotFoundError("errors.bounties.notFound");
  if (bounty.status !== "awarded") throw new ConflictError("errors.delivery.notAwarded", { status: bounty.status });
  const earlier = await tx
    .select({ vendorId: submissions.vendorId, status: submissions.status })
    .from(submissions)
    .where(and(eq(submissions.cityId, cityId), eq(submissions.bountyId, bountyId)));
  if (earlier.some((submission) => submission.status !== "rejected" && submission.status !== "missed_delivery")) {
    throw new ConflictError("errors.delivery.stillUnderWay");
  }
  return { bounty, earlierVendorIds: [...new Set(earlier.map((submission) => submission.vendorId))] };
}

/**
 * After a rejected or missed delivery, the DSO gives the work to someone else. An auction goes to
 * the lowest remaining bid of a verified vendor who has not delivered on it before (ties to the
 * earliest); a fixed-price bounty to the vendor the DSO names. The money reserved for the bounty is
 * brought to the new amount in the same transaction: topped up from the fund, or the excess released.
 */
export async function awardToNextBidder(ctx: OperationContext, bountyId: string, input: { vendorId?: string | undefined }): Promise<Submission> {
  return ctx.db.transaction(async (tx) => {
    const { bounty, earlierVendorIds } = await lockBountyToRerun(tx, ctx.city.id, bountyId);
    let next: { vendorId: string; amountMinor: number; bidId: string | null } | null = null;
    if (bounty.kind === "auction") {
      const candidates = await tx
        .select({ id: bids.id, vendorId: bids.vendorId, amountMinor: bids.amountMinor })
        .from(bids)
        .where(
          and(eq(bids.cityId, ctx.city.id), eq(bids.bountyId, bountyId), earlierVendorIds.length > 0 ? notInArray(bids.vendorId, earlierVendorIds) : undefined),
        )
        .orderBy(asc(bids.amountMinor), asc(bids.createdAt), asc(bids.id));
      for (const candidate of candidates) {
        try {
          await eligibleVendor(tx, ctx.city.id, candidate.vendorId);
        } catch (error) {
          if (error instanceof InvalidInputError) continue;
          throw error;
        }
        next = { vendorId: candidate.vendorId, amountMinor: candidate.amountMinor, bidId: candidate.id };
        break;
      }
      if (!next) throw new ConflictError("errors.delivery.noNextBidder");
    } else {
      if (!input.vendorId) throw new InvalidInputError([{ field: "vendorId", messageKey: "errors.delivery.vendorRequired" }]);
      const vendor = await eligibleVendor(tx, ctx.city.id, input.vendorId);
      next = { vendorId: vendor.id, amountMinor: bounty.amountMinor, bidId: null };
    }
    const opened = await openSubmission(tx, {
      cityId: ctx.city.id,
      bountyId,
      vendorId: next.vendorId,
      amountMinor: next.amountMinor,
      currency: bounty.currency,
      awardedAt: new Date(),
      bidId: next.bidId,
    });
    const held = await reservedForBounty(tx, ctx.city.id, bounty.currency, bountyId);
    const difference = opened.amountMinor - held;
    const adjustment = {
      cityId: ctx.city.id,
      currency: bounty.currency,
      amountMinor: Math.abs(difference),
      idempotencyKey: submissionPostingKey(opened, "adjust"),
      description: `Reserved for “${bounty.title}” brought to the next award`,
      createdBy: ctx.actor?.userId ?? null,
    };
    if (difference > 0) await reserveFromFund(tx, adjustment);
    if (difference < 0) await releaseReservation(tx, adjustment);
    await tx.update(bounties).set({ assignedVendorId: next.vendorId }).where(eq(bounties.id, bountyId));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "bounty.awarded-to-next",
      targetType: "bounty",
      targetId: bountyId,
      before: { assignedVendorId: bounty.assignedVendorId, reservedMinor: held },
      after: { assignedVendorId: next.vendorId, submissionId: opened.id, amountMinor: opened.amountMinor, dueAt: opened.dueAt },
      requestId: ctx.requestId,
    });
    return opened;
  });
}

/** After a rejected or missed delivery, the DSO gives up on the bounty: it is cancelled and its reserved money goes back to the fund. */
export async function cancelAfterFailedDelivery(ctx: OperationContext, bountyId: string, input: { reason: string }) {
  return ctx.db.transaction((tx) => cancelFailedDeliveryIn(tx, ctx, bountyId, input));
}

/** The cancellation itself, inside a transaction the caller holds (a re-run drafts its copy in the same one). */
export async function cancelFailedDeliveryIn(tx: Transaction, ctx: OperationContext, bountyId: string, input: { reason: string }) {
  const { bounty } = await lockBountyToRerun(tx, ctx.city.id, bountyId);
  const held = await reservedForBounty(tx, ctx.city.id, bounty.currency, bountyId);
  return cancelReleasing(tx, ctx, bounty, {
    releaseMinor: held,
    idempotencyKey: `bounty:${bountyId}:release-after-delivery`,
    description: `Released from “${bounty.title}”, cancelled after its delivery failed`,
    reason: input.reason,
    auditBefore: { status: bounty.status, reservedMinor: held },
  });
}
