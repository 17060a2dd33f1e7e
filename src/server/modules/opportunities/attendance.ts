import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { Actor } from "../../platform/auth/index.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../platform/errors/index.ts";
import { cityDateOf } from "../../platform/time.ts";
import { volunteerProfiles } from "../volunteers/schema.ts";
import { type Host, hostOf } from "./hosts.ts";
import { opportunities, shifts, signups, volunteerHours } from "./schema.ts";

/**
 * Check-in and check-out. The site lead shows a QR code holding a per-shift signed link; volunteers
 * scan it and tap once when they arrive and once when they leave. The code only works from an hour
 * before the shift to an hour after it. Leaving (or the site lead marking attendance on the roster)
 * records the hours given, pending staff approval.
 */

export const checkInWindowMinutes = 60;

export function checkInToken(signingKey: Buffer, shiftId: string): string {
  return createHmac("sha256", signingKey).update(`check-in:${shiftId}`).digest("base64url").slice(0, 32);
}

export function isValidCheckInToken(signingKey: Buffer, shiftId: string, token: string): boolean {
  const expected = Buffer.from(checkInToken(signingKey, shiftId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function checkInWindow(shift: { startsAt: Date; endsAt: Date }) {
  return {
    opensAt: new Date(shift.startsAt.getTime() - checkInWindowMinutes * 60_000),
    closesAt: new Date(shift.endsAt.getTime() + checkInWindowMinutes * 60_000),
  };
}

/** Minutes worked: from arrival (not before the start) to departure (not after the end). */
export function minutesWorked(shift: { startsAt: Date; endsAt: Date }, checkedInAt: Date, checkedOutAt: Date): number {
  const from = Math.max(shift.startsAt.getTime(), checkedInAt.getTime());
  const to = Math.min(shift.endsAt.getTime(), checkedOutAt.getTime());
  return Math.max(0, Math.round((to - from) / 60_000));
}

/** Writes (or rewrites, while still pending) the hours of one attended sign-up. */
async function recordAttendanceHours(
  tx: Transaction,
  signup: { id: string; cityId: string; volunteerId: string },
  shift: { startsAt: Date; endsAt: Date; opportunityId: string },
  minutes: number,
  timeZone: string,
) {
  if (minutes <= 0) return null;
  const [existing] = await tx.select().from(volunteerHours).where(eq(volunteerHours.signupId, signup.id));
  if (existing && existing.status !== "pending") return existing;
  if (existing) {
    const [updated] = await tx.update(volunteerHours).set({ minutes }).where(eq(volunteerHours.id, existing.id)).returning();
    return updated ?? existing;
  }
  const [created] = await tx
    .insert(volunteerHours)
    .values({
      cityId: signup.cityId,
      volunteerId: signup.volunteerId,
      opportunityId: shift.opportunityId,
      signupId: signup.id,
      source: "attendance",
      workedOn: cityDateOf(shift.startsAt, timeZone),
      minutes,
    })
    .returning();
  return created ?? null;
}

export interface ScanInput {
  cityId: string;
  timeZone: string;
  shiftId: string;
  token: string;
  userId: string;
  signingKey: Buffer;
  now?: Date;
}

/** A volunteer scanned the site's code: first scan checks in, second checks out. */
export async function scanCheckInCode(db: Database, input: ScanInput) {
  const now = input.now ?? new Date();
  if (!isValidCheckInToken(input.signingKey, input.shiftId, input.token)) throw new ForbiddenError("errors.shifts.badCheckInCode");
  return db.transaction(async (tx) => {
    const [shift] = await tx
      .select()
      .from(shifts)
      .where(and(eq(shifts.cityId, input.cityId), eq(shifts.id, input.shiftId)));
    if (!shift) throw new NotFoundError("errors.shifts.notFound");
    if (shift.status === "cancelled") throw new ConflictError("errors.shifts.cancelled");
    const window = checkInWindow(shift);
    if (now < window.opensAt) throw new ConflictError("errors.shifts.checkInNotOpen", { opensAt: window.opensAt.toISOString() });
    if (now > window.closesAt) throw new ConflictError("errors.shifts.checkInClosed");
    const [signup] = await tx
      .select({ signup: signups })
      .from(signups)
      .innerJoin(volunteerProfiles, eq(volunteerProfiles.id, signups.volunteerId))
      .where(and(eq(signups.shiftId, shift.id), eq(volunteerProfiles.userId, input.userId), eq(signups.status, "confirmed")))
      .for("update", { of: signups });
    if (!signup) throw new ConflictError("errors.shifts.notOnRoster");
    const current = signup.signup;
    if (!current.checkedInAt) {
      await tx.update(signups).set({ checkedInAt: now }).where(eq(signups.id, current.id));
      return { checkedInAt: now.toISOString(), checkedOutAt: null, minutes: null };
    }
    if (!current.checkedOutAt) {
      const minutes = minutesWorked(shift, current.checkedInAt, now);
      await tx.update(signups).set({ checkedOutAt: now }).where(eq(signups.id, current.id));
      await recordAttendanceHours(tx, current, shift, minutes, input.timeZone);
      return { checkedInAt: current.checkedInAt.toISOString(), checkedOutAt: now.toISOString(), minutes };
    }
    const minutes = minutesWorked(shift, current.checkedInAt, current.checkedOutAt);
    return { checkedInAt: current.checkedInAt.toISOString(), checkedOutAt: current.checkedOutAt.toISOString(), minutes };
  });
}

/**
 * The site lead marks a volunteer present or absent on the roster. Present without a scan counts the
 * whole shift; absent clears the check-in and any hours still pending.
 */
export async function markAttendance(
  db: Database,
  input: {
    cityId: string;
    timeZone: string;
    signupId: string;
    attended: boolean;
    actor: Actor;
    requestId: string | null;
    hostGuard: (host: Host) => void;
  },
) {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ signup: signups, shift: shifts, agencyId: opportunities.agencyId, groupId: opportunities.groupId })
      .from(signups)
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
      .where(and(eq(signups.cityId, input.cityId), eq(signups.id, input.signupId)))
      .for("update", { of: signups });
    if (!found) throw new NotFoundError("errors.shifts.signupNotFound");
    input.hostGuard(hostOf(found));
    if (found.signup.status !== "confirmed") throw new ConflictError("errors.shifts.attendanceNeedsConfirmed");
    const before = { checkedInAt: found.signup.checkedInAt, checkedOutAt: found.signup.checkedOutAt };
    if (input.attended) {
      const checkedInAt = found.signup.checkedInAt ?? found.shift.startsAt;
      const checkedOutAt = found.signup.checkedOutAt ?? found.shift.endsAt;
      await tx.update(signups).set({ checkedInAt, checkedOutAt }).where(eq(signups.id, found.signup.id));
      await recordAttendanceHours(tx, found.signup, found.shift, minutesWorked(found.shift, checkedInAt, checkedOutAt), input.timeZone);
    } else {
      await tx.update(signups).set({ checkedInAt: null, checkedOutAt: null }).where(eq(signups.id, found.signup.id));
      await tx.delete(volunteerHours).where(and(eq(volunteerHours.signupId, found.signup.id), inArray(volunteerHours.status, ["pending"])));
    }
    await recordAudit(tx, {
      cityId: input.cityId,
      actor: input.actor,
      action: input.attended ? "attendance.marked-present" : "attendance.marked-absent",
      targetType: "signup",
      targetId: found.signup.id,
      before,
      after: { attended: input.attended },
      requestId: input.requestId,
    });
  });
}
