import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { PersonalDataProvider } from "../../platform/personal-data/index.ts";
import { volunteerProfiles } from "../volunteers/schema.ts";
import { opportunities, shifts, signups, volunteerHours } from "./schema.ts";
import { promoteFromWaitlist } from "./waitlist.ts";

/**
 * The person's places and hours. On erasure their coming places are given up (and the people waiting
 * promoted); past places and hours stay on the now anonymous profile, so the city's totals hold.
 */
export const opportunityPersonalData: PersonalDataProvider = {
  name: "shiftsAndHours",
  async export(db, userId) {
    const profiles = await db.select({ id: volunteerProfiles.id }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId));
    const ids = profiles.map((profile) => profile.id);
    if (ids.length === 0) return { signups: [], hours: [] };
    const places = await db
      .select({
        id: signups.id,
        status: signups.status,
        startsAt: signups.startsAt,
        endsAt: signups.endsAt,
        opportunity: opportunities.title,
        checkedInAt: signups.checkedInAt,
        checkedOutAt: signups.checkedOutAt,
      })
      .from(signups)
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
      .where(inArray(signups.volunteerId, ids));
    const hours = await db
      .select({
        id: volunteerHours.id,
        workedOn: volunteerHours.workedOn,
        minutes: volunteerHours.minutes,
        status: volunteerHours.status,
        source: volunteerHours.source,
        description: volunteerHours.description,
      })
      .from(volunteerHours)
      .where(inArray(volunteerHours.volunteerId, ids));
    return { signups: places, hours };
  },
  async erase(tx, person) {
    const profiles = await tx
      .select({ id: volunteerProfiles.id })
      .from(volunteerProfiles)
      .where(and(eq(volunteerProfiles.userId, person.userId), isNotNull(volunteerProfiles.userId)));
    const ids = profiles.map((profile) => profile.id);
    if (ids.length === 0) return;
    const coming = await tx
      .select({ id: signups.id, shiftId: signups.shiftId, status: signups.status })
      .from(signups)
      .where(and(inArray(signups.volunteerId, ids), inArray(signups.status, ["confirmed", "waitlisted"]), sql`${signups.startsAt} > now()`))
      .orderBy(signups.shiftId);
    for (const place of coming) {
      await tx.select({ id: shifts.id }).from(shifts).where(eq(shifts.id, place.shiftId)).for("update");
      await tx.update(signups).set({ status: "cancelled", cancelledAt: new Date(), cancelledBecause: "account-deleted" }).where(eq(signups.id, place.id));
      if (place.status === "confirmed") {
        await tx
          .update(shifts)
          .set({ confirmedCount: sql`${shifts.confirmedCount} - 1` })
          .where(eq(shifts.id, place.shiftId));
        await promoteFromWaitlist(tx, place.shiftId);
      }
    }
    // Self-reported descriptions are the person's own words.
    await tx.update(volunteerHours).set({ description: "" }).where(inArray(volunteerHours.volunteerId, ids));
  },
};
