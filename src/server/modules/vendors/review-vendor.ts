import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { reviewVendorRequest } from "../../../contracts/vendors.ts";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { roleAssignments } from "../../platform/policy/index.ts";
import { grantRoleIn } from "../staff/index.ts";
import { vendors } from "./schema.ts";

export type ReviewVendorInput = z.output<typeof reviewVendorRequest>;

/**
 * DSO staff verify a vendor, or reject it with a reason the vendor reads; a verified vendor may later be rejected.
 * Verification also gives the person the city's vendor role, in the same transaction, so the app shows
 * them the vendor's way in; a later rejection takes that role away again.
 */
export async function reviewVendor(ctx: OperationContext, vendorId: string, input: ReviewVendorInput) {
  const reason = input.reason?.trim() ?? "";
  if (input.decision === "rejected" && reason === "") {
    throw new InvalidInputError([{ field: "reason", messageKey: "errors.vendors.reasonRequired" }]);
  }
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(vendors)
      .where(and(eq(vendors.cityId, ctx.city.id), eq(vendors.id, vendorId)))
      .for("update");
    if (!before) throw new NotFoundError("errors.vendors.notFound");
    if (before.status === input.decision) throw new ConflictError(`errors.vendors.already.${input.decision}`);
    const verified = input.decision === "verified";
    const [after] = await tx
      .update(vendors)
      .set({
        status: input.decision,
        reviewReason: reason === "" ? null : reason,
        verifiedBy: verified ? (ctx.actor?.userId ?? null) : null,
        verifiedAt: verified ? new Date() : null,
      })
      .where(eq(vendors.id, vendorId))
      .returning();
    if (!after) throw new Error("update returned no row");
    if (after.userId) {
      if (verified) await grantRoleIn(tx, ctx.city.id, ctx.actor, ctx.requestId, { userId: after.userId, role: "vendor" });
      else if (before.status === "verified") await revokeVendorRole(tx, ctx, after.userId);
    }
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: `vendor.${input.decision}`,
      targetType: "vendor",
      targetId: vendorId,
      before: { status: before.status, reviewReason: before.reviewReason },
      after: { status: after.status, reviewReason: after.reviewReason },
      requestId: ctx.requestId,
    });
    return after;
  });
}

async function revokeVendorRole(tx: Executor, ctx: OperationContext, userId: string): Promise<void> {
  const removed = await tx
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.cityId, ctx.city.id), eq(roleAssignments.userId, userId), eq(roleAssignments.role, "vendor")))
    .returning();
  for (const assignment of removed) {
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "role.revoked",
      targetType: "user",
      targetId: userId,
      before: assignment,
      requestId: ctx.requestId,
    });
  }
}
