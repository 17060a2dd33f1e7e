import { and, eq, inArray, sql } from "drizzle-orm";
import { slotsToAvailability, type VolunteerProfileInput } from "../../../contracts/volunteers.ts";
import type { Executor } from "../../db/connection.ts";
import { type FieldProblem, InvalidInputError, UnauthenticatedError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { grantRoleIn } from "../staff/index.ts";
import { newCalendarToken } from "./ensure-volunteer-profile.ts";
import { causes, skills, volunteerProfiles } from "./schema.ts";

/**
 * Creates or replaces the signed-in person's volunteer profile in the city, and makes them a
 * volunteer there. The skills and causes must be the city's own.
 */
export async function saveVolunteerProfile(ctx: OperationContext, input: VolunteerProfileInput) {
  const actor = ctx.actor;
  if (!actor) throw new UnauthenticatedError();
  const skillIds = [...new Set(input.skillIds)];
  const causeIds = [...new Set(input.causeIds)];
  const languages = [...new Set(input.languages)];
  return ctx.db.transaction(async (tx) => {
    const problems = [
      ...(await unknownIn(tx, skills, ctx.city.id, skillIds, "skillIds", "errors.volunteers.unknownSkills")),
      ...(await unknownIn(tx, causes, ctx.city.id, causeIds, "causeIds", "errors.volunteers.unknownCauses")),
    ];
    if (problems.length > 0) throw new InvalidInputError(problems);
    const fields = {
      phone: input.phone,
      birthDate: input.birthDate,
      languages,
      skillIds,
      causeIds,
      neighbourhood: input.neighbourhood,
      latitude: input.latitude,
      longitude: input.longitude,
      availability: slotsToAvailability(input.availability),
      accessibilityNeeds: input.accessibilityNeeds,
      consentEmail: input.consent.email,
      consentSms: input.consent.sms,
    };
    const [saved] = await tx
      .insert(volunteerProfiles)
      .values({ cityId: ctx.city.id, userId: actor.userId, calendarToken: newCalendarToken(), ...fields })
      .onConflictDoUpdate({ target: [volunteerProfiles.cityId, volunteerProfiles.userId], set: { ...fields, updatedAt: sql`now()` } })
      .returning();
    if (!saved) throw new Error("upsert returned no row");
    await grantRoleIn(tx, ctx.city.id, actor, ctx.requestId, { userId: actor.userId, role: "volunteer" });
    return saved;
  });
}

/**
 * Ids that are not the city's. The rows found are share-locked, so a skill cannot be deleted
 * between this check and the profile's commit (deleting takes an update lock and then counts users).
 */
async function unknownIn(
  tx: Executor,
  table: typeof skills | typeof causes,
  cityId: string,
  ids: string[],
  field: string,
  messageKey: string,
): Promise<FieldProblem[]> {
  if (ids.length === 0) return [];
  const found = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.cityId, cityId), inArray(table.id, ids)))
    .for("share");
  const known = new Set(found.map((row) => row.id));
  const unknown = ids.filter((id) => !known.has(id));
  return unknown.length > 0 ? [{ field, messageKey, params: { count: unknown.length } }] : [];
}
