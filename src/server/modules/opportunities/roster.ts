import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { Actor, Auth } from "../../platform/auth/index.ts";
import { users } from "../../platform/auth/index.ts";
import { provisionUser } from "../../platform/auth/provision-user.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import { grantRoleIn } from "../staff/index.ts";
import { ensureVolunteerProfile } from "../volunteers/index.ts";
import { volunteerProfiles } from "../volunteers/schema.ts";
import { opportunities, shiftNotices, shifts, signups, volunteerHours } from "./schema.ts";

/**
 * The site lead's roster: who holds a place (with the contact details the lead needs), who waits,
 * who came. Only the staff of the agency (or the organizers of the group) that runs the shift, DSO staff and city admins see it.
 */

export async function shiftWithOpportunity(db: Database, cityId: string, shiftId: string) {
  const [row] = await db
    .select({
      shift: shifts,
      opportunity: { id: opportunities.id, title: opportunities.title, agencyId: opportunities.agencyId, groupId: opportunities.groupId },
    })
    .from(shifts)
    .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
    .where(and(eq(shifts.cityId, cityId), eq(shifts.id, shiftId)));
  if (!row) throw new NotFoundError("errors.shifts.notFound");
  return row;
}

export async function loadRoster(db: Database, cityId: string, shiftId: string) {
  const { shift, opportunity } = await shiftWithOpportunity(db, cityId, shiftId);
  const rows = await db
    .select({
      signup: signups,
      name: users.name,
      email: users.email,
      emailVerified: users.emailVerified,
      phone: volunteerProfiles.phone,
      accessibilityNeeds: volunteerProfiles.accessibilityNeeds,
      hoursId: volunteerHours.id,
      minutes: volunteerHours.minutes,
      hoursStatus: volunteerHours.status,
    })
    .from(signups)
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.id, signups.volunteerId))
    .leftJoin(users, eq(users.id, volunteerProfiles.userId))
    .leftJoin(volunteerHours, eq(volunteerHours.signupId, signups.id))
    .where(and(eq(signups.shiftId, shiftId), inArray(signups.status, ["confirmed", "waitlisted"])))
    .orderBy(asc(signups.status), asc(signups.createdAt), asc(signups.id));
  let position = 0;
  const entries = rows.map((row) => {
    if (row.signup.status === "waitlisted") position += 1;
    return {
      signupId: row.signup.id,
      volunteerId: row.signup.volunteerId,
      name: row.name ?? "",
      email: row.email?.endsWith(".invalid") ? null : row.email,
      phone: row.phone,
      status: row.signup.status,
      waitlistPosition: row.signup.status === "waitlisted" ? position : null,
      walkIn: row.signup.walkIn,
      emailVerified: row.emailVerified ?? false,
      checkedInAt: row.signup.checkedInAt?.toISOString() ?? null,
      checkedOutAt: row.signup.checkedOutAt?.toISOString() ?? null,
      accessibilityNeeds: row.accessibilityNeeds,
      hours: row.hoursId && row.minutes !== null && row.hoursStatus ? { id: row.hoursId, minutes: row.minutes, status: row.hoursStatus } : null,
    };
  });
  return {
    shift: {
      id: shift.id,
      startsAt: shift.startsAt.toISOString(),
      endsAt: shift.endsAt.toISOString(),
      capacity: shift.capacity,
      confirmedCount: shift.confirmedCount,
      status: shift.status,
    },
    opportunity,
    entries,
  };
}

const csvEscape = (value: unknown) => {
  // A number is written as it is: it cannot start a formula, and a negative one keeps its sign.
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replaceAll('"', '""').replace(/^([=+\-@])/, "'$1")}"` : text;
};

export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvEscape).join(",")).join("\r\n")}\r\n`;
}

export async function rosterCsv(db: Database, cityId: string, shiftId: string): Promise<string> {
  const roster = await loadRoster(db, cityId, shiftId);
  return toCsv(
    ["name", "email", "phone", "status", "waitlist_position", "walk_in", "checked_in_at", "checked_out_at", "minutes", "hours_status"],
    roster.entries.map((entry) => [
      entry.name,
      entry.email,
      entry.phone,
      entry.status,
      entry.waitlistPosition,
      entry.walkIn ? "yes" : "no",
      entry.checkedInAt,
      entry.checkedOutAt,
      entry.hours?.minutes,
      entry.hours?.status,
    ]),
  );
}

/**
 * Someone turned up without a place. The site lead adds them: an account (by email, or a nameless
 * local one when they give none), a confirmed place marked as a walk-in, and the shift's capacity
 * grows by one if it was full, since they are already there.
 */
export async function addWalkIn(
  db: Database,
  auth: Auth,
  input: { cityId: string; shiftId: string; name: string; email: string | null; actor: Actor; requestId: string | null },
) {
  const { shift } = await shiftWithOpportunity(db, input.cityId, input.shiftId);
  if (shift.status === "cancelled") throw new ConflictError("errors.shifts.cancelled");
  // Without an address the account gets one under the reserved .invalid domain: nothing is ever sent to it.
  const email = input.email ?? `walk-in-${crypto.randomUUID()}@walk-in.invalid`;
  const user = await provisionUser(auth, db, { email, name: input.name, emailVerified: false });
  const profile = await ensureVolunteerProfile(db, input.cityId, user.id);
  try {
    return await addWalkInPlace(db, input, shift, user.id, profile.id);
  } catch (error) {
    if ((error as { code?: string }).code === "23P01") throw new ConflictError("errors.shifts.walkInClash", { name: input.name });
    throw error;
  }
}

async function addWalkInPlace(
  db: Database,
  input: { cityId: string; name: string; email: string | null; actor: Actor; requestId: string | null },
  shift: typeof shifts.$inferSelect,
  userId: string,
  volunteerId: string,
) {
  const profile = { id: volunteerId };
  return db.transaction(async (tx) => {
    await grantRoleIn(tx, input.cityId, null, null, { userId, role: "volunteer" });
    const [locked] = await tx.select().from(shifts).where(eq(shifts.id, shift.id)).for("update");
    if (!locked) throw new NotFoundError("errors.shifts.notFound");
    const [already] = await tx
      .select()
      .from(signups)
      .where(and(eq(signups.shiftId, shift.id), eq(signups.volunteerId, profile.id), inArray(signups.status, ["confirmed", "waitlisted"])));
    if (already?.status === "confirmed") return already;
    const full = locked.confirmedCount >= locked.capacity;
    await tx
      .update(shifts)
      .set({ confirmedCount: sql`${shifts.confirmedCount} + 1`, ...(full && { capacity: sql`${shifts.capacity} + 1` }) })
      .where(eq(shifts.id, shift.id));
    let signup: typeof signups.$inferSelect | undefined;
    if (already) {
      [signup] = await tx
        .update(signups)
        .set({ status: "confirmed", confirmedAt: new Date(), walkIn: true, checkedInAt: new Date() })
        .where(eq(signups.id, already.id))
        .returning();
    } else {
      [signup] = await tx
        .insert(signups)
        .values({
          cityId: input.cityId,
          shiftId: shift.id,
          volunteerId: profile.id,
          status: "confirmed",
          startsAt: shift.startsAt,
          endsAt: shift.endsAt,
          walkIn: true,
          confirmedAt: new Date(),
          checkedInAt: new Date(),
        })
        .returning();
    }
    if (!signup) throw new Error("walk-in sign-up missing");
    if (input.email) await tx.insert(shiftNotices).values({ cityId: input.cityId, signupId: signup.id, kind: "confirmed" });
    await recordAudit(tx, {
      cityId: input.cityId,
      actor: input.actor,
      action: "signup.walk-in",
      targetType: "signup",
      targetId: signup.id,
      after: { shiftId: shift.id, name: input.name, capacityRaised: full },
      requestId: input.requestId,
    });
    return signup;
  });
}
