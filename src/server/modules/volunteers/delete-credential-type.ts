import { and, count, eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { opportunitiesNaming } from "./opportunity-references.ts";
import { credentialTypes, volunteerCredentials } from "./schema.ts";
import { localizedName } from "./taxonomy.ts";

/** Removes a credential type no volunteer holds. */
export async function deleteCredentialType(ctx: OperationContext, credentialTypeId: string, locale: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [type] = await tx
      .select()
      .from(credentialTypes)
      .where(and(eq(credentialTypes.cityId, ctx.city.id), eq(credentialTypes.id, credentialTypeId)))
      .for("update");
    if (!type) throw new NotFoundError("errors.volunteers.credentialTypeNotFound");
    const [held] = await tx
      .select({ total: count() })
      .from(volunteerCredentials)
      .where(and(eq(volunteerCredentials.cityId, ctx.city.id), eq(volunteerCredentials.credentialTypeId, credentialTypeId)));
    if ((held?.total ?? 0) > 0) {
      throw new ConflictError("errors.volunteers.credentialTypeInUse", { name: localizedName(type.names, locale), count: held?.total ?? 0 });
    }
    const asking = await opportunitiesNaming(tx, ctx.city.id, "credentialType", credentialTypeId);
    if (asking > 0) throw new ConflictError("errors.volunteers.usedByOpportunities", { name: localizedName(type.names, locale), count: asking });
    await tx.delete(credentialTypes).where(eq(credentialTypes.id, credentialTypeId));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "credential-type.deleted",
      targetType: "credential-type",
      targetId: credentialTypeId,
      before: type,
      requestId: ctx.requestId,
    });
  });
}
