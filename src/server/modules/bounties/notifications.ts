import { and, gt, inArray, lte, sql } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { type BountyNoticeKind, bountyNotices, submissions } from "./schema.ts";

/**
 * Notices to vendors are written in the transaction of the change they tell of (see `bountyNotices`);
 * the job in send-bounty-notices.ts sends them. Each event has a key of its own, so writing the
 * notice of one event twice queues it once.
 */

export interface BountyNoticeInput {
  cityId: string;
  kind: BountyNoticeKind;
  vendorId: string;
  bountyId: string;
  submissionId?: string | null;
  /** Names the event: one notice per key, ever. */
  dedupeKey: string;
  details?: Record<string, unknown>;
}

let noticesWrittenListener: (() => void) | null = null;

/** Lets the sender job hear that notices were written, to send them soon rather than at the next minute. */
export function onBountyNoticesWritten(listener: (() => void) | null): void {
  noticesWrittenListener = listener;
}

export async function writeBountyNotice(tx: Executor, input: BountyNoticeInput): Promise<void> {
  await tx
    .insert(bountyNotices)
    .values({
      cityId: input.cityId,
      kind: input.kind,
      vendorId: input.vendorId,
      bountyId: input.bountyId,
      submissionId: input.submissionId ?? null,
      dedupeKey: input.dedupeKey,
      details: input.details ?? {},
    })
    .onConflictDoNothing({ target: bountyNotices.dedupeKey });
  noticesWrittenListener?.();
}

/** How long before a delivery is due its vendor is reminded. */
export const dueSoonHours = 48;

/**
 * Queues a reminder for every delivery due within the next 48 hours and not handed in yet, once per
 * delivery (the key is the submission's). Returns how many it queued.
 */
export async function queueDueSoonNotices(db: Executor, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: submissions.id, cityId: submissions.cityId, vendorId: submissions.vendorId, bountyId: submissions.bountyId, dueAt: submissions.dueAt })
    .from(submissions)
    .where(
      and(
        inArray(submissions.status, ["pending_delivery", "in_progress"]),
        gt(submissions.dueAt, now),
        lte(submissions.dueAt, new Date(now.getTime() + dueSoonHours * 3_600_000)),
        sql`not exists (select 1 from ${bountyNotices} where ${bountyNotices.dedupeKey} = 'due-soon:' || ${submissions.id})`,
      ),
    )
    .limit(1000);
  if (due.length === 0) return 0;
  const queued = await db
    .insert(bountyNotices)
    .values(
      due.map((submission) => ({
        cityId: submission.cityId,
        kind: "due-soon" as const,
        vendorId: submission.vendorId,
        bountyId: submission.bountyId,
        submissionId: submission.id,
        dedupeKey: `due-soon:${submission.id}`,
        details: { dueAt: submission.dueAt.toISOString() },
      })),
    )
    .onConflictDoNothing({ target: bountyNotices.dedupeKey })
    .returning({ id: bountyNotices.id });
  return queued.length;
}
