import { and, eq, inArray, lte } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError } from "../../platform/errors/index.ts";
import type { Jobs } from "../../platform/jobs/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { lockSubmission, type Submission } from "./open-submission.ts";
import { submissions } from "./schema.ts";

export const missedDeliveriesQueue = "bounties.mark-missed-deliveries";

const notHandedIn = ["pending_delivery", "in_progress"] as const;

/**
 * Every delivery past its due time and not handed in becomes missed, in every city, in one
 * statement; each one is audited as the system's doing. Returns how many it marked.
 */
export async function markMissedDeliveries(db: Database, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const missed = await tx
      .update(submissions)
      .set({ status: "missed_delivery" })
      .where(and(inArray(submissions.status, notHandedIn), lte(submissions.dueAt, now)))
      .returning({ id: submissions.id, cityId: submissions.cityId, dueAt: submissions.dueAt });
    for (const submission of missed) {
      await recordAudit(tx, {
        cityId: submission.cityId,
        actor: null,
        action: "submission.missed",
        targetType: "submission",
        targetId: submission.id,
        after: { status: "missed_delivery", dueAt: submission.dueAt },
        requestId: null,
      });
    }
    return missed.length;
  });
}

/** DSO staff mark one delivery missed by hand, once it is past due and was not handed in. */
export async function markMissedDelivery(ctx: OperationContext, submissionId: string): Promise<Submission> {
  return ctx.db.transaction(async (tx) => {
    const before = await lockSubmission(tx, ctx.city.id, submissionId);
    if (!(notHandedIn as readonly string[]).includes(before.status)) throw new ConflictError("errors.delivery.cannotMarkMissed", { status: before.status });
    if (before.dueAt > new Date()) throw new ConflictError("errors.delivery.notYetDue", { dueAt: before.dueAt.toISOString() });
    const [after] = await tx.update(submissions).set({ status: "missed_delivery" }).where(eq(submissions.id, submissionId)).returning();
    if (!after) throw new Error("update returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "submission.missed",
      targetType: "submission",
      targetId: submissionId,
      before: { status: before.status },
      after: { status: after.status, dueAt: after.dueAt },
      requestId: ctx.requestId,
    });
    return after;
  });
}

/** Once an hour, deliveries past due become missed, so that the DSO can award the work again. */
export function defineDeliveryJobs(jobs: Jobs, deps: { db: Database }): void {
  jobs.define<Record<string, never>>({
    name: missedDeliveriesQueue,
    schedule: "0 * * * *",
    retryLimit: 2,
    handle: async () => {
      await markMissedDeliveries(deps.db);
    },
  });
}
