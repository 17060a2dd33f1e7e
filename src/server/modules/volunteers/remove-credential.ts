import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/index.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { lockVolunteer } from "./record-credential.ts";
import { credentialTypes, volunteerCredentials } from "./schema.ts";

export async function removeCredential(ctx: OperationContext, volunteerId: string, credentialId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockVolunteer(tx, ctx.city.id, volunteerId);
    const where = and(
      eq(volunteerCredentials.cityId, ctx.city.id),
      eq(volunteerCredentials.volunteerId, volunteerId),
      eq(volunteerCredentials.id, credentialId),
    );
    const [removed] = await tx.delete(volunteerCredentials).where(where).returning();
    if (!removed) throw new NotFoundError("errors.volunteers.credentialNotFound");
    const [type] = await tx.select({ slug: credentialTypes.slug }).from(credentialTypes).where(eq(credentialTypes.id, removed.credentialTypeId));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "credential.removed",
      targetType: "volunteer",
      targetId: volunteerId,
      before: { credentialId, type: type?.slug, issuedOn: removed.issuedOn, expiresOn: removed.expiresOn, note: removed.note },
      requestId: ctx.requestId,
    });
  });
}
