import { and, eq, isNotNull } from "drizzle-orm";
import type { z } from "zod";
import type { recordCredentialRequest } from "../../../contracts/volunteers.ts";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { addMonths, todayIn } from "./credential-dates.ts";
import { credentialTypes, volunteerCredentials, volunteerProfiles } from "./schema.ts";
import { localizedName } from "./taxonomy.ts";

export type RecordCredentialInput = z.output<typeof recordCredentialRequest>;

/** The volunteer's profile, locked while their credentials change; 404 when it is not this city's. */
export async function lockVolunteer(tx: Executor, cityId: string, volunteerId: string) {
  const [profile] = await tx
    .select({ id: volunteerProfiles.id, userId: volunteerProfiles.userId })
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.cityId, cityId), eq(volunteerProfiles.id, volunteerId), isNotNull(volunteerProfiles.userId)))
    .for("update");
  if (!profile) throw new NotFoundError("errors.volunteers.volunteerNotFound");
  return profile;
}

/** Issued on a day that has come; expiring after it was issued. */
export function checkCredentialDates(issuedOn: string, expiresOn: string | null, today: string): void {
  const problems: FieldProblem[] = [];
  if (issuedOn > today) problems.push({ field: "issuedOn", messageKey: "errors.volunteers.issuedInFuture" });
  if (expiresOn !== null && expiresOn <= issuedOn) problems.push({ field: "expiresOn", messageKey: "errors.volunteers.expiresBeforeIssued" });
  if (problems.length > 0) throw new InvalidInputError(problems);
}

/** Staff record that a volunteer holds a credential; its expiry follows from the type unless given. */
export async function recordCredential(ctx: OperationContext, volunteerId: string, input: RecordCredentialInput, locale = "en") {
  const today = todayIn(ctx.city.timeZone);
  return ctx.db.transaction(async (tx) => {
    await lockVolunteer(tx, ctx.city.id, volunteerId);
    const [type] = await tx
      .select()
      .from(credentialTypes)
      .where(and(eq(credentialTypes.cityId, ctx.city.id), eq(credentialTypes.id, input.credentialTypeId)))
      .for("share");
    if (!type) throw new InvalidInputError([{ field: "credentialTypeId", messageKey: "errors.volunteers.credentialTypeNotFound" }]);
    const expiresOn = input.expiresOn !== undefined ? input.expiresOn : type.validityMonths ? addMonths(input.issuedOn, type.validityMonths) : null;
    checkCredentialDates(input.issuedOn, expiresOn, today);
    try {
      const [created] = await tx
        .insert(volunteerCredentials)
        .values({
          cityId: ctx.city.id,
          volunteerId,
          credentialTypeId: type.id,
          issuedOn: input.issuedOn,
          expiresOn,
          note: input.note,
          recordedBy: ctx.actor?.userId ?? null,
        })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "credential.recorded",
        targetType: "volunteer",
        targetId: volunteerId,
        after: { credentialId: created.id, type: type.slug, issuedOn: created.issuedOn, expiresOn: created.expiresOn, note: created.note },
        requestId: ctx.requestId,
      });
      return created;
    } catch (error) {
      if (isUniqueViolation(error, "volunteer_credentials_unique")) {
        const name = localizedName(type.names, locale);
        throw new ConflictError("errors.volunteers.credentialExists", { name }, [
          { field: "credentialTypeId", messageKey: "errors.volunteers.credentialExists", params: { name } },
        ]);
      }
      throw error;
    }
  });
}
