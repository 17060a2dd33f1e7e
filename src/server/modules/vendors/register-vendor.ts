import type { z } from "zod";
import type { registerVendorRequest } from "../../../contracts/vendors.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, ForbiddenError, UnauthenticatedError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { type CityRole, hasRole, type Membership } from "../../platform/policy/index.ts";
import { vendors } from "./schema.ts";

export type RegisterVendorInput = z.output<typeof registerVendorRequest>;

/** Those who write, award or pay the city's bounties may not also bid on them. */
export const rolesThatCannotBeVendors: readonly CityRole[] = ["city_admin", "dso_staff", "agency_staff", "contracting_officer"];

/** A signed-in person registers as a vendor in a city, once; the DSO then verifies the profile. */
export async function registerVendor(ctx: OperationContext, membership: Membership, input: RegisterVendorInput) {
  if (!ctx.actor) throw new UnauthenticatedError();
  const actor = ctx.actor;
  if (rolesThatCannotBeVendors.some((role) => hasRole(membership, role))) throw new ForbiddenError("errors.vendors.staffCannotRegister");
  try {
    return await ctx.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(vendors)
        .values({
          cityId: ctx.city.id,
          userId: actor.userId,
          legalName: input.legalName,
          smallBusiness: input.smallBusiness,
          taxFormOnFile: input.taxFormOnFile,
          paymentReference: input.paymentReference ?? null,
        })
        .returning();
      if (!created) throw new Error("insert returned no row");
      // The trail names the vendor, not their tax or payment details.
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "vendor.registered",
        targetType: "vendor",
        targetId: created.id,
        after: { status: created.status, smallBusiness: created.smallBusiness, taxFormOnFile: created.taxFormOnFile },
        requestId: ctx.requestId,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, "vendors_city_user_unique")) throw new ConflictError("errors.vendors.alreadyRegistered");
    throw error;
  }
}
