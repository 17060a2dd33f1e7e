import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { releaseReservation } from "../ledger/index.ts";
import { bounties } from "./schema.ts";

/**
 * Cancels a bounty still in draft or published; a published one gives its reserved money back to
 * the fund in the same transaction. Once awarded, a bounty's money follows its delivery instead.
 */
export async function cancelBounty(ctx: OperationContext, bountyId: string, input: { reason: string }) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(bounties)
      .where(and(eq(bounties.cityId, ctx.city.id), eq(bounties.id, bountyId)))
      .for("update");
    if (!before) throw new NotFoundError("errors.bounties.notFound");
    if (before.status !== "draft" && before.status !== "published") throw new ConflictError("errors.bounties.cannotCancel", { status: before.status });
    return cancelReleasing(tx, ctx, before, {
      releaseMinor: before.status === "published" ? before.amountMinor : 0,
      idempotencyKey: `bounty:${bountyId}:release`,
      description: `Released from “${before.title}”, cancelled`,
      reason: input.reason,
      auditBefore: { status: before.status },
    });
  });
}

/**
 * Cancels a locked bounty and gives what it still holds in reserve back to the fund, in the caller's
 * transaction: the one way a bounty ends cancelled, before award or after a failed delivery.
 */
export async function cancelReleasing(
  tx: Transaction,
  ctx: OperationContext,
  bounty: typeof bounties.$inferSelect,
  input: { releaseMinor: number; idempotencyKey: string; description: string; reason: string; auditBefore: Record<string, unknown> },
) {
  if (input.releaseMinor > 0) {
    await releaseReservation(tx, {
      cityId: ctx.city.id,
      currency: bounty.currency,
      amountMinor: input.releaseMinor,
      idempotencyKey: input.idempotencyKey,
      description: input.description,
      createdBy: ctx.actor?.userId ?? null,
    });
  }
  const [after] = await tx
    .update(bounties)
    .set({ status: "cancelled", cancelledAt: new Date(), cancelReason: input.reason })
    .where(eq(bounties.id, bounty.id))
    .returning();
  if (!after) throw new Error("update returned no row");
  await recordAudit(tx, {
    cityId: ctx.city.id,
    actor: ctx.actor,
    action: "bounty.cancelled",
    targetType: "bounty",
    targetId: bounty.id,
    before: input.auditBefore,
    after: { status: after.status, cancelReason: after.cancelReason },
    requestId: ctx.requestId,
  });
  return after;
}
