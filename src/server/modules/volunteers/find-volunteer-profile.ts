import { and, eq } from "drizzle-orm";
import { availabilityToSlots } from "../../../contracts/volunteers.ts";
import type { Executor } from "../../db/connection.ts";
import { volunteerProfiles } from "./schema.ts";

export type VolunteerProfile = typeof volunteerProfiles.$inferSelect;

/** The person's volunteer profile in the city, or null when they have not made one. */
export async function findVolunteerProfile(db: Executor, cityId: string, userId: string): Promise<VolunteerProfile | null> {
  const [profile] = await db
    .select()
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.cityId, cityId), eq(volunteerProfiles.userId, userId)))
    .limit(1);
  return profile ?? null;
}

/** The profile's own fields as the API shows them (availability as slot names). */
export function presentProfileFields(profile: VolunteerProfile | null) {
  return {
    phone: profile?.phone ?? null,
    birthDate: profile?.birthDate ?? null,
    languages: profile?.languages ?? [],
    skillIds: profile?.skillIds ?? [],
    causeIds: profile?.causeIds ?? [],
    neighbourhood: profile?.neighbourhood ?? null,
    latitude: profile?.latitude ?? null,
    longitude: profile?.longitude ?? null,
    availability: availabilityToSlots(profile?.availability ?? 0),
    accessibilityNeeds: profile?.accessibilityNeeds ?? null,
    consent: { email: profile?.consentEmail ?? false, sms: profile?.consentSms ?? false },
  };
}

export function presentMyProfile(profile: VolunteerProfile | null, person: { name: string; email: string }) {
  return {
    id: profile?.id ?? null,
    name: person.name,
    email: person.email,
    ...presentProfileFields(profile),
    updatedAt: profile?.updatedAt.toISOString() ?? null,
  };
}
