import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { Actor } from "../../platform/auth/index.ts";
import { ForbiddenError, NotFoundError } from "../../platform/errors/index.ts";
import { can, type Membership } from "../../platform/policy/index.ts";
import { volunteerProfiles } from "../volunteers/schema.ts";
import { hostOf } from "./hosts.ts";
import { forgetListings } from "./list-opportunities.ts";
import { opportunities, shiftNotices, shifts, signups } from "./schema.ts";
import { promoteFromWaitlist } from "./waitlist.ts";

export interface CancelSignupInput {
  cityId: string;
  signupId: string;
  actor: Actor;
  /** Present when staff act for the volunteer. */
  membership: Membership | null;
  requestId: string | null;
  reason?: string;
}

/**
 * Gives up a place (the volunteer's own, or any on a shift the staff member runs). A confirmed place
 * that frees up goes at once to the first person waiting, who is told. Cancelling twice is harmless.
 */
export async function cancelSignup(db: Database, input: CancelSignupInput): Promise<{ status: "cancelled"; promoted: number }> {
  const result = await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ signup: signups, agencyId: opportunities.agencyId, groupId: opportunities.groupId, ownerUserId: volunteerProfiles.userId })
      .from(signups)
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
      .innerJoin(volunteerProfiles, eq(volunteerProfiles.id, signups.volunteerId))
      .where(and(eq(signups.cityId, input.cityId), eq(signups.id, input.signupId)));
    if (!found) throw new NotFoundError("errors.shifts.signupNotFound");
    const own = found.ownerUserId === input.actor.userId;
    const asStaff = !own && input.membership !== null && can(input.membership, "roster.manage", hostOf(found));
    if (!own && !asStaff) {
      // Someone else's place is none of this person's business: it does not exist for them.
      if (!input.membership || input.membership.grants.length === 0) throw new NotFoundError("errors.shifts.signupNotFound");
      throw new ForbiddenError("errors.forbiddenAction");
    }
    // The shift row first, then the sign-up: the same order as the sign-up statement's locks.
    await tx.select({ id: shifts.id }).from(shifts).where(eq(shifts.id, found.signup.shiftId)).for("update");
    const [signup] = await tx.select().from(signups).where(eq(signups.id, input.signupId)).for("update");
    if (!signup || signup.status === "cancelled") return { promoted: 0, changed: false };

    await tx
      .update(signups)
      .set({
        status: "cancelled",
        cancelledAt: new Date(),
        cancelledBecause: asStaff ? "staff" : "volunteer",
        cancellationReason: asStaff ? (input.reason ?? null) : null,
      })
      .where(eq(signups.id, signup.id));
    let promoted: string[] = [];
    if (signup.status === "confirmed") {
      await tx
        .update(shifts)
        .set({ confirmedCount: sql`${shifts.confirmedCount} - 1` })
        .where(eq(shifts.id, signup.shiftId));
      promoted = await promoteFromWaitlist(tx, signup.shiftId);
    }
    if (asStaff) {
      await tx.insert(shiftNotices).values({ cityId: input.cityId, signupId: signup.id, kind: "cancelled-by-staff", details: { reason: input.reason ?? "" } });
      await recordAudit(tx, {
        cityId: input.cityId,
        actor: input.actor,
        action: "signup.cancelled",
        targetType: "signup",
        targetId: signup.id,
        before: { status: signup.status },
        after: { status: "cancelled", reason: input.reason ?? null },
        requestId: input.requestId,
      });
    }
    return { promoted: promoted.length, changed: true };
  });
  if (result.changed) forgetListings(input.cityId);
  return { status: "cancelled", promoted: result.promoted };
}
