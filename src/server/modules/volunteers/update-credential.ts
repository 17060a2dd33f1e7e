import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { updateCredentialRequest } from "../../../contracts/volunteers.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { addMonths, todayIn } from "./credential-dates.ts";
import { checkCredentialDates, lockVolunteer } from "./record-credential.ts";
import { credentialTypes, volunteerCredentials } from "./schema.ts";

export type UpdateCredentialInput = z.output<typeof updateCredentialRequest>;

/**
 * Changes a credential's dates or note. Renewing is a new issue date: without an expiry date of its
 * own, the expiry follows from the type's validity again.
 */
export async function updateCredential(ctx: OperationContext, volunteerId: string, credentialId: string, input: UpdateCredentialInput) {
  const today = todayIn(ctx.city.timeZone);
  return ctx.db.transaction(async (tx) => {
    await lockVolunteer(tx, ctx.city.id, volunteerId);
    const where = and(
      eq(volunteerCredentials.cityId, ctx.city.id),
      eq(volunteerCredentials.volunteerId, volunteerId),
      eq(volunteerCredentials.id, credentialId),
    );
    const [before] = await tx.select().from(volunteerCredentials).where(where).for("update");
    if (!before) throw new NotFoundError("errors.volunteers.credentialNotFound");
    const [type] = await tx.select().from(credentialTypes).where(eq(credentialTypes.id, before.credentialTypeId));
    const issuedOn = input.issuedOn ?? before.issuedOn;
    let expiresOn = before.expiresOn;
    if (input.expiresOn !== undefined) expiresOn = input.expiresOn;
    else if (input.issuedOn !== undefined && input.issuedOn !== before.issuedOn)
      expiresOn = type?.validityMonths ? addMonths(issuedOn, type.validityMonths) : null;
    checkCredentialDates(issuedOn, expiresOn, today);
    const [after] = await tx
      .update(volunteerCredentials)
      .set({ issuedOn, expiresOn, ...(input.note !== undefined && { note: input.note }), recordedBy: ctx.actor?.userId ?? before.recordedBy })
      .where(where)
      .returning();
    if (!after) throw new NotFoundError("errors.volunteers.credentialNotFound");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "credential.updated",
      targetType: "volunteer",
      targetId: volunteerId,
      before: { credentialId, type: type?.slug, issuedOn: before.issuedOn, expiresOn: before.expiresOn, note: before.note },
      after: { credentialId, type: type?.slug, issuedOn: after.issuedOn, expiresOn: after.expiresOn, note: after.note },
      requestId: ctx.requestId,
    });
    return after;
  });
}
