import { eq, inArray, sql } from "drizzle-orm";
import { availabilityToSlots } from "../../../contracts/volunteers.ts";
import type { PersonalDataProvider } from "../../platform/personal-data/index.ts";
import { cities } from "../../platform/tenancy/index.ts";
import { newCalendarToken } from "./ensure-volunteer-profile.ts";
import { causes, credentialTypes, skills, volunteerCredentials, volunteerProfiles } from "./schema.ts";

/**
 * Volunteer profiles in every city, with the credentials staff recorded. Deleting the account
 * keeps each profile row, without its person or anything personal, so that the hours given
 * through it (shifts module) still count; the calendar feed address stops working.
 */
export const volunteerPersonalData: PersonalDataProvider = {
  name: "volunteerProfiles",
  async export(db, userId) {
    const profiles = await db
      .select({ profile: volunteerProfiles, city: cities.slug })
      .from(volunteerProfiles)
      .innerJoin(cities, eq(cities.id, volunteerProfiles.cityId))
      .where(eq(volunteerProfiles.userId, userId))
      .orderBy(cities.slug);
    if (profiles.length === 0) return [];
    const ids = profiles.map((row) => row.profile.id);
    const skillIds = [...new Set(profiles.flatMap((row) => row.profile.skillIds))];
    const causeIds = [...new Set(profiles.flatMap((row) => row.profile.causeIds))];
    const skillRows = skillIds.length
      ? await db.select({ id: skills.id, slug: skills.slug, names: skills.names }).from(skills).where(inArray(skills.id, skillIds))
      : [];
    const causeRows = causeIds.length
      ? await db.select({ id: causes.id, slug: causes.slug, names: causes.names }).from(causes).where(inArray(causes.id, causeIds))
      : [];
    const credentials = await db
      .select({ credential: volunteerCredentials, type: credentialTypes.slug, typeNames: credentialTypes.names })
      .from(volunteerCredentials)
      .innerJoin(credentialTypes, eq(credentialTypes.id, volunteerCredentials.credentialTypeId))
      .where(inArray(volunteerCredentials.volunteerId, ids));
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
    const skillById = byId(skillRows);
    const causeById = byId(causeRows);
    return profiles.map(({ profile, city }) => ({
      city,
      id: profile.id,
      phone: profile.phone,
      birthDate: profile.birthDate,
      languages: profile.languages,
      skills: profile.skillIds.flatMap((id) => {
        const skill = skillById.get(id);
        return skill ? [{ slug: skill.slug, names: skill.names }] : [];
      }),
      causes: profile.causeIds.flatMap((id) => {
        const cause = causeById.get(id);
        return cause ? [{ slug: cause.slug, names: cause.names }] : [];
      }),
      neighbourhood: profile.neighbourhood,
      latitude: profile.latitude,
      longitude: profile.longitude,
      availability: availabilityToSlots(profile.availability),
      accessibilityNeeds: profile.accessibilityNeeds,
      consent: { email: profile.consentEmail, sms: profile.consentSms },
      credentials: credentials
        .filter((row) => row.credential.volunteerId === profile.id)
        .map((row) => ({
          type: row.type,
          names: row.typeNames,
          issuedOn: row.credential.issuedOn,
          expiresOn: row.credential.expiresOn,
          note: row.credential.note,
        })),
      createdAt: profile.createdAt,
      updatedAt: profile.updatedAt,
    }));
  },
  async erase(tx, person) {
    const profiles = await tx.select({ id: volunteerProfiles.id }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, person.userId)).for("update");
    if (profiles.length === 0) return;
    const ids = profiles.map((profile) => profile.id);
    await tx.delete(volunteerCredentials).where(inArray(volunteerCredentials.volunteerId, ids));
    for (const { id } of profiles) {
      await tx
        .update(volunteerProfiles)
        .set({
          userId: null,
          erasedAt: sql`now()`,
          phone: null,
          birthDate: null,
          neighbourhood: null,
          latitude: null,
          longitude: null,
          accessibilityNeeds: null,
          consentEmail: false,
          consentSms: false,
          languages: [],
          skillIds: [],
          causeIds: [],
          availability: 0,
          calendarToken: newCalendarToken(),
        })
        .where(eq(volunteerProfiles.id, id));
    }
  },
};
