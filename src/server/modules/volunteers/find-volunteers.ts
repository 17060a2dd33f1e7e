import { and, asc, count, eq, ilike, inArray, isNotNull, or, type SQL, sql } from "drizzle-orm";
import { volunteersPageSize } from "../../../contracts/volunteers.ts";
import type { Executor } from "../../db/connection.ts";
import { users } from "../../platform/auth/index.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { credentialStatusOn } from "./credential-dates.ts";
import { presentProfileFields } from "./find-volunteer-profile.ts";
import { causes, credentialTypes, volunteerCredentials, volunteerProfiles } from "./schema.ts";
import { descendantsOf, listSkills, localizedName } from "./taxonomy.ts";

/** The staff's view of the city's volunteers: contact details, skills, languages and credentials. */

export interface VolunteerFilters {
  q?: string;
  skill?: string;
  language?: string;
  neighbourhood?: string;
  page: number;
}

function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * One page of volunteers, by name. A skill filter also finds the skills below it: "Trades" finds
 * carpenters. Erased profiles (accounts deleted) are not volunteers any more and never listed.
 */
export async function listVolunteers(db: Executor, city: { id: string; timeZone: string }, filters: VolunteerFilters, locale: string, today: string) {
  const skillTree = await listSkills(db, city.id);
  const conditions: SQL[] = [eq(volunteerProfiles.cityId, city.id), isNotNull(volunteerProfiles.userId)];
  if (filters.q) {
    const pattern = containing(filters.q);
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern));
    if (match) conditions.push(match);
  }
  if (filters.skill) {
    const wanted = [...descendantsOf(skillTree, filters.skill)];
    conditions.push(sql`${volunteerProfiles.skillIds} && ${sql.param(wanted)}::uuid[]`);
  }
  if (filters.language) conditions.push(sql`${volunteerProfiles.languages} @> array[${filters.language}]::text[]`);
  if (filters.neighbourhood) conditions.push(ilike(volunteerProfiles.neighbourhood, containing(filters.neighbourhood)));
  const where = and(...conditions);

  const [counted] = await db.select({ total: count() }).from(volunteerProfiles).innerJoin(users, eq(users.id, volunteerProfiles.userId)).where(where);
  const rows = await db
    .select({ profile: volunteerProfiles, name: users.name, email: users.email })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(where)
    .orderBy(asc(sql`lower(${users.name})`), asc(volunteerProfiles.id))
    .limit(volunteersPageSize)
    .offset((filters.page - 1) * volunteersPageSize);

  const credentialsByVolunteer = await credentialsOf(
    db,
    city.id,
    rows.map((row) => row.profile.id),
    locale,
    today,
  );
  const skillNames = new Map(skillTree.map((item) => [item.id, localizedName(item.names, locale)]));
  return {
    volunteers: rows.map(({ profile, name, email }) => ({
      id: profile.id,
      userId: profile.userId as string,
      name,
      email,
      phone: profile.phone,
      languages: profile.languages,
      neighbourhood: profile.neighbourhood,
      skills: profile.skillIds.flatMap((id) => (skillNames.has(id) ? [{ id, name: skillNames.get(id) ?? "" }] : [])),
      credentials: (credentialsByVolunteer.get(profile.id) ?? []).map((item) => ({
        credentialTypeId: item.credentialTypeId,
        name: item.name,
        expiresOn: item.expiresOn,
        status: item.status,
      })),
    })),
    page: filters.page,
    pageSize: volunteersPageSize,
    total: counted?.total ?? 0,
  };
}

async function credentialsOf(db: Executor, cityId: string, volunteerIds: string[], locale: string, today: string) {
  const byVolunteer = new Map<string, ReturnType<typeof presentCredential>[]>();
  if (volunteerIds.length === 0) return byVolunteer;
  const rows = await db
    .select({ credential: volunteerCredentials, typeNames: credentialTypes.names, recordedBy: users.name })
    .from(volunteerCredentials)
    .innerJoin(credentialTypes, eq(credentialTypes.id, volunteerCredentials.credentialTypeId))
    .leftJoin(users, eq(users.id, volunteerCredentials.recordedBy))
    .where(and(eq(volunteerCredentials.cityId, cityId), inArray(volunteerCredentials.volunteerId, volunteerIds)))
    .orderBy(asc(credentialTypes.slug));
  for (const row of rows) {
    const list = byVolunteer.get(row.credential.volunteerId) ?? [];
    list.push(presentCredential(row.credential, localizedName(row.typeNames, locale), row.recordedBy, today));
    byVolunteer.set(row.credential.volunteerId, list);
  }
  return byVolunteer;
}

export function presentCredential(credential: typeof volunteerCredentials.$inferSelect, name: string, recordedBy: string | null, today: string) {
  return {
    id: credential.id,
    credentialTypeId: credential.credentialTypeId,
    name,
    issuedOn: credential.issuedOn,
    expiresOn: credential.expiresOn,
    status: credentialStatusOn(credential.expiresOn, today),
    note: credential.note,
    recordedBy,
    updatedAt: credential.updatedAt.toISOString(),
  };
}

/** A volunteer of the city, everything staff may see; 404 for anyone else's (or an erased profile). */
export async function findVolunteer(db: Executor, cityId: string, volunteerId: string, locale: string, today: string) {
  const [row] = await db
    .select({ profile: volunteerProfiles, name: users.name, email: users.email })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(and(eq(volunteerProfiles.cityId, cityId), eq(volunteerProfiles.id, volunteerId)))
    .limit(1);
  if (!row) throw new NotFoundError("errors.volunteers.volunteerNotFound");
  const { profile } = row;
  const skillTree = await listSkills(db, cityId);
  const skillNames = new Map(skillTree.map((item) => [item.id, localizedName(item.names, locale)]));
  const causeRows = profile.causeIds.length
    ? await db
        .select()
        .from(causes)
        .where(and(eq(causes.cityId, cityId), inArray(causes.id, profile.causeIds)))
    : [];
  const credentials = (await credentialsOf(db, cityId, [profile.id], locale, today)).get(profile.id) ?? [];
  return {
    id: profile.id,
    userId: profile.userId as string,
    name: row.name,
    email: row.email,
    ...presentProfileFields(profile),
    skills: skillTree.filter((item) => profile.skillIds.includes(item.id)).map((item) => ({ id: item.id, name: skillNames.get(item.id) ?? "" })),
    causes: causeRows.map((cause) => ({ id: cause.id, name: localizedName(cause.names, locale) })),
    credentials,
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  };
}
