import { eq } from "drizzle-orm";
import type { Transaction } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, ForbiddenError, UnauthenticatedError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { findVendorOfUser } from "../vendors/index.ts";
import { lockSubmission, type Submission } from "./open-submission.ts";
import { submissions } from "./schema.ts";

/** Only the vendor the work was awarded to moves its delivery on. */
async function lockOwnSubmission(tx: Transaction, ctx: OperationContext, submissionId: string): Promise<Submission> {
  if (!ctx.actor) throw new UnauthenticatedError();
  const submission = await lockSubmission(tx, ctx.city.id, submissionId);
  const vendor = await findVendorOfUser(tx, ctx.city.id, ctx.actor.userId);
  if (!vendor || vendor.id !== submission.vendorId) throw new ForbiddenError("errors.delivery.notYourSubmission");
  return submission;
}

function refuseAfterDue(submission: Submission, now: Date) {
  if (submission.dueAt <= now) throw new ConflictError("errors.delivery.pastDue", { dueAt: submission.dueAt.toISOString() });
}

/** The vendor says they have started the work. */
export async function startDelivery(ctx: OperationContext, submissionId: string): Promise<Submission> {
  return ctx.db.transaction(async (tx) => {
    const before = await lockOwnSubmission(tx, ctx, submissionId);
    if (before.status !== "pending_delivery") throw new ConflictError("errors.delivery.cannotStart", { status: before.status });
    refuseAfterDue(before, new Date());
    const [after] = await tx.update(submissions).set({ status: "in_progress" }).where(eq(submissions.id, submissionId)).returning();
    if (!after) throw new Error("update returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "submission.started",
      targetType: "submission",
      targetId: submissionId,
      before: { status: before.status },
      after: { status: after.status },
      requestId: ctx.requestId,
    });
    return after;
  });
}

/**
 * The vendor links the pull request that delivers the work and hands it in for acceptance, before
 * the delivery is due. Handing in straight from pending delivery is allowed: the pull request shows
 * the work was done.
 */
export async function submitDelivery(ctx: OperationContext, submissionId: string, input: { pullRequestUrl: string }): Promise<Submission> {
  return ctx.db.transaction(async (tx) => {
    const before = await lockOwnSubmission(tx, ctx, submissionId);
    if (before.status !== "pending_delivery" && before.status !== "in_progress") {
      throw new ConflictError("errors.delivery.cannotSubmit", { status: before.status });
    }
    refuseAfterDue(before, new Date());
    const [after] = await tx
      .update(submissions)
      .set({ status: "pending_acceptance", pullRequestUrl: input.pullRequestUrl })
      .where(eq(submissions.id, submissionId))
      .returning();
    if (!after) throw new Error("update returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "submission.submitted",
      targetType: "submission",
      targetId: submissionId,
      before: { status: before.status, pullRequestUrl: before.pullRequestUrl },
      after: { status: after.status, pullRequestUrl: after.pullRequestUrl },
      requestId: ctx.requestId,
    });
    return after;
  });
}
