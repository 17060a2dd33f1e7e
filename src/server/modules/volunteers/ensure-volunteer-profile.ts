import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { volunteerProfiles } from "./schema.ts";

/** The secret in a volunteer's private calendar feed address. */
export function newCalendarToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * The person's profile in the city, created empty when missing (a resident signing up for a shift
 * before filling in a profile). Two callers at once get the same row: the loser of the insert race
 * finds the winner's row once it commits.
 */
export async function ensureVolunteerProfile(db: Executor, cityId: string, userId: string): Promise<{ id: string }> {
  const [created] = await db
    .insert(volunteerProfiles)
    .values({ cityId, userId, calendarToken: newCalendarToken() })
    .onConflictDoNothing({ target: [volunteerProfiles.cityId, volunteerProfiles.userId] })
    .returning({ id: volunteerProfiles.id });
  if (created) return created;
  const [existing] = await db
    .select({ id: volunteerProfiles.id })
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.cityId, cityId), eq(volunteerProfiles.userId, userId)))
    .limit(1);
  if (!existing) throw new Error("volunteer profile vanished");
  return existing;
}
