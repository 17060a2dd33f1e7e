import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { volunteerProfiles } from "../volunteers/schema.ts";
import { opportunities, shifts, signups, volunteerHours } from "./schema.ts";

/** The volunteer's own places: upcoming and past, with waitlist position, attendance and hours. */
export async function mySignups(db: Database, cityId: string, userId: string) {
  const [profile] = await db
    .select({ id: volunteerProfiles.id, calendarToken: volunteerProfiles.calendarToken })
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.cityId, cityId), eq(volunteerProfiles.userId, userId)));
  if (!profile) return { upcoming: [], past: [], calendarToken: null };
  const rows = await db
    .select({
      signup: signups,
      shift: {
        id: shifts.id,
        startsAt: shifts.startsAt,
        endsAt: shifts.endsAt,
        status: shifts.status,
        note: shifts.note,
        cancellationReason: shifts.cancellationReason,
      },
      opportunity: { id: opportunities.id, title: opportunities.title, locationKind: opportunities.locationKind, address: opportunities.address },
      minutes: volunteerHours.minutes,
      hoursStatus: volunteerHours.status,
      rejectionReason: volunteerHours.rejectionReason,
      position: sql<number | null>`case when ${signups.status} = 'waitlisted' then (
        select count(*)::int + 1 from signups ahead
        where ahead.shift_id = ${signups.shiftId} and ahead.status = 'waitlisted'
          and (ahead.created_at, ahead.id) < (${signups.createdAt}, ${signups.id})) end`,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
    .leftJoin(volunteerHours, eq(volunteerHours.signupId, signups.id))
    .where(eq(signups.volunteerId, profile.id))
    .orderBy(asc(shifts.startsAt))
    .limit(500);
  const now = Date.now();
  const present = (row: (typeof rows)[number]) => ({
    id: row.signup.id,
    status: row.signup.status,
    waitlistPosition: row.position,
    shift: {
      id: row.shift.id,
      startsAt: row.shift.startsAt.toISOString(),
      endsAt: row.shift.endsAt.toISOString(),
      status: row.shift.status,
      note: row.shift.note,
    },
    opportunity: row.opportunity,
    checkedInAt: row.signup.checkedInAt?.toISOString() ?? null,
    checkedOutAt: row.signup.checkedOutAt?.toISOString() ?? null,
    hours: row.minutes !== null && row.hoursStatus ? { minutes: row.minutes, status: row.hoursStatus, rejectionReason: row.rejectionReason } : null,
    cancelledBecause: row.signup.cancelledBecause,
    cancellationReason: row.signup.cancellationReason ?? (row.signup.cancelledBecause === "shift-cancelled" ? row.shift.cancellationReason : null),
  });
  return {
    upcoming: rows.filter((row) => row.shift.endsAt.getTime() > now).map(present),
    past: rows
      .filter((row) => row.shift.endsAt.getTime() <= now)
      .reverse()
      .map(present),
    calendarToken: profile.calendarToken,
  };
}

/** The volunteer's private feed: their places from a month back on; cancelled ones as cancelled. */
export async function calendarFeedEntries(db: Database, calendarToken: string) {
  const [profile] = await db
    .select({ id: volunteerProfiles.id, cityId: volunteerProfiles.cityId })
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.calendarToken, calendarToken), sql`${volunteerProfiles.erasedAt} is null`));
  if (!profile) return null;
  const rows = await db
    .select({
      signup: signups,
      title: opportunities.title,
      address: opportunities.address,
      locationKind: opportunities.locationKind,
      note: shifts.note,
      shiftStatus: shifts.status,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
    .where(
      and(
        eq(signups.volunteerId, profile.id),
        gte(signups.endsAt, new Date(Date.now() - 30 * 86_400_000)),
        lt(signups.startsAt, new Date(Date.now() + 400 * 86_400_000)),
      ),
    )
    .orderBy(desc(signups.startsAt));
  return { cityId: profile.cityId, rows };
}
