import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { reviewVendorRequest } from "../../../contracts/vendors.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { vendors } from "./schema.ts";

export type ReviewVendorInput = z.output<typeof reviewVendorRequest>;

/** DSO staff verify a vendor, or reject it with a reason the vendor reads; a verified vendor may later be rejected. */
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
