import { and, eq } from "drizzle-orm";
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
    if (before.status === "published") {
      await releaseReservation(tx, {
        cityId: ctx.city.id,
        currency: before.currency,
        amountMinor: before.amountMinor,
        idempotencyKey: `bounty:${bountyId}:release`,
        description: `Released from “${before.title}”, cancelled`,
        createdBy: ctx.actor?.userId ?? null,
      });
    }
    const [after] = await tx
      .update(bounties)
      .set({ status: "cancelled", cancelledAt: new Date(), cancelReason: input.reason })
      .where(eq(bounties.id, bountyId))
      .returning();
    if (!after) throw new Error("update returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "bounty.cancelled",
      targetType: "bounty",
      targetId: bountyId,
      before: { status: before.status },
      after: { status: after.status, cancelReason: after.cancelReason },
      requestId: ctx.requestId,
    });
    return after;
  });
}
