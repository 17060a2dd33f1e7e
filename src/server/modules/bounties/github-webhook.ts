import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { auditEvents, recordAudit } from "../../platform/audit/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import type { Submission } from "./open-submission.ts";
import { submissions } from "./schema.ts";

/** A pull request closed on GitHub, merged or not, as one webhook delivery told of it. */
export interface PullRequestClosed {
  /** GitHub's id of the delivery (`X-GitHub-Delivery`); the same delivery sent again is recognised by it. */
  deliveryId: string;
  pullRequestUrl: string;
  merged: boolean;
  closedAt: string | null;
  mergedAt: string | null;
  mergedBy: string | null;
}

export type SubmissionStatus = Submission["status"];

export interface PullRequestClosedOutcome {
  submissionId: string;
  before: SubmissionStatus;
  after: SubmissionStatus;
  /** False when this delivery had already been recorded for the submission, so nothing changed. */
  recorded: boolean;
}

export const pullRequestMergedAction = "submission.pull-request-merged";
export const pullRequestClosedAction = "submission.pull-request-closed";

/** Only deliveries whose work is under way or waiting for acceptance follow their pull request. */
const followedStatuses = ["in_progress", "pending_acceptance"] as const satisfies readonly SubmissionStatus[];

/**
 * The form in which pull request addresses are compared: GitHub owners and repository names are
 * case-insensitive, and the address a vendor linked may end with a slash.
 */
function comparableUrl(url: string): string {
  return url.trim().replace(/\/+$/, "").toLowerCase();
}

/** Whether this delivery was already recorded for the submission. Its audit entries all come after the row was written. */
async function alreadyRecorded(tx: Executor, submission: Submission, deliveryId: string): Promise<boolean> {
  const [found] = await tx
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.cityId, submission.cityId),
        gte(auditEvents.createdAt, submission.createdAt),
        eq(auditEvents.targetType, "submission"),
        eq(auditEvents.targetId, submission.id),
        inArray(auditEvents.action, [pullRequestMergedAction, pullRequestClosedAction]),
        sql`${auditEvents.after} ->> 'deliveryId' = ${deliveryId}`,
      ),
    )
    .limit(1);
  return found !== undefined;
}

/**
 * Where a delivery goes when its pull request closes. Merged: work under way is handed in for
 * acceptance, which stays the DSO's decision against the criteria. Closed without merging: a
 * delivery waiting for acceptance has nothing left to accept, so it goes back to in progress and
 * the vendor may hand in another pull request. Both only before the delivery is due, like a vendor
 * handing in: past it, a delivery in progress would be marked missed by the hourly job, so a closed
 * pull request must not turn a delivery handed in on time into a missed one; the DSO decides instead.
 */
function nextStatus(submission: Submission, merged: boolean, now: Date): SubmissionStatus {
  if (submission.dueAt <= now) return submission.status;
  if (merged && submission.status === "in_progress") return "pending_acceptance";
  if (!merged && submission.status === "pending_acceptance") return "in_progress";
  return submission.status;
}

/**
 * Records that a pull request linked to deliveries of this city was merged or closed, and moves
 * those deliveries on. The rows are locked first, so two copies of one delivery arriving together
 * are taken one after the other; the second finds the first's audit entry and changes nothing.
 */
export async function recordPullRequestClosed(ctx: OperationContext, event: PullRequestClosed): Promise<PullRequestClosedOutcome[]> {
  return ctx.db.transaction(async (tx) => {
    const linked = await tx
      .select()
      .from(submissions)
      .where(
        and(
          eq(submissions.cityId, ctx.city.id),
          inArray(submissions.status, followedStatuses),
          sql`lower(rtrim(${submissions.pullRequestUrl}, '/')) = ${comparableUrl(event.pullRequestUrl)}`,
        ),
      )
      .orderBy(submissions.id)
      .for("update");
    const outcomes: PullRequestClosedOutcome[] = [];
    const now = new Date();
    for (const submission of linked) {
      if (await alreadyRecorded(tx, submission, event.deliveryId)) {
        outcomes.push({ submissionId: submission.id, before: submission.status, after: submission.status, recorded: false });
        continue;
      }
      const status = nextStatus(submission, event.merged, now);
      if (status !== submission.status) {
        await tx
          .update(submissions)
          .set({ status })
          .where(and(eq(submissions.id, submission.id), eq(submissions.status, submission.status)));
      }
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: null,
        action: event.merged ? pullRequestMergedAction : pullRequestClosedAction,
        targetType: "submission",
        targetId: submission.id,
        before: { status: submission.status },
        after: {
          status,
          source: "github",
          deliveryId: event.deliveryId,
          pullRequestUrl: submission.pullRequestUrl,
          closedAt: event.closedAt,
          ...(event.merged && { mergedAt: event.mergedAt, mergedBy: event.mergedBy }),
          ...(submission.dueAt <= now && { pastDue: true, dueAt: submission.dueAt }),
        },
        requestId: ctx.requestId,
      });
      outcomes.push({ submissionId: submission.id, before: submission.status, after: status, recorded: true });
    }
    return outcomes;
  });
}
