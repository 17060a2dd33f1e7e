import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { type CityRole, loadGrants } from "../../platform/policy/index.ts";
import { findVendor, type Vendor } from "../vendors/index.ts";
import { openSubmission } from "./open-submission.ts";
import { bounties } from "./schema.ts";

/** Those who write, award or pay the city's bounties are never assigned one. */
const rolesThatCannotDeliver: readonly CityRole[] = ["city_admin", "dso_staff", "agency_staff", "contracting_officer"];

/**
 * The vendor, when the city may award it work: verified by the DSO, and not (or no longer) one of
 * the city's staff. Otherwise an invalid-input error naming the `vendorId` field.
 */
export async function eligibleVendor(db: Executor, cityId: string, vendorId: string): Promise<Vendor> {
  const vendor = await findVendor(db, cityId, vendorId);
  if (!vendor) throw new InvalidInputError([{ field: "vendorId", messageKey: "errors.delivery.vendorNotFound" }]);
  if (vendor.status !== "verified") throw new InvalidInputError([{ field: "vendorId", messageKey: "errors.delivery.vendorNotVerified" }]);
  if (vendor.userId) {
    const grants = await loadGrants(db, cityId, vendor.userId);
    if (grants.some((grant) => rolesThatCannotDeliver.includes(grant.role))) {
      throw new InvalidInputError([{ field: "vendorId", messageKey: "errors.delivery.staffCannotDeliver" }]);
    }
  }
  return vendor;
}

/**
 * DSO staff give a published fixed-price bounty to a verified vendor: the bounty becomes awarded and
 * its delivery opens, due some business days from now. The money reserved at publishing stays
 * reserved for it until the delivery is accepted, or the bounty is cancelled.
 */
export async function assignBounty(ctx: OperationContext, bountyId: string, input: { vendorId: string }) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(bounties)
      .where(and(eq(bounties.cityId, ctx.city.id), eq(bounties.id, bountyId)))
      .for("update");
    if (!before) throw new NotFoundError("errors.bounties.notFound");
    if (before.kind !== "fixed") throw new ConflictError("errors.delivery.auctionNotAssigned");
    if (before.status !== "published") throw new ConflictError("errors.delivery.notPublished", { status: before.status });
    const vendor = await eligibleVendor(tx, ctx.city.id, input.vendorId);
    const awardedAt = new Date();
    const opened = await openSubmission(tx, {
      cityId: ctx.city.id,
      bountyId,
      vendorId: vendor.id,
      amountMinor: before.amountMinor,
      currency: before.currency,
      awardedAt,
    });
    await tx.update(bounties).set({ status: "awarded", assignedVendorId: vendor.id }).where(eq(bounties.id, bountyId));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "bounty.assigned",
      targetType: "bounty",
      targetId: bountyId,
      before: { status: before.status },
      after: { status: "awarded", vendorId: vendor.id, submissionId: opened.id, dueAt: opened.dueAt },
      requestId: ctx.requestId,
    });
    return opened;
  });
}
