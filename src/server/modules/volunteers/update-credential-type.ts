import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { updateCredentialTypeRequest } from "../../../contracts/volunteers.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { credentialTypes } from "./schema.ts";
import { checkNameLanguages, slugTaken } from "./taxonomy.ts";

export type UpdateCredentialTypeInput = z.output<typeof updateCredentialTypeRequest>;

/** Changes a credential type. A new validity applies to credentials recorded or renewed from now on. */
export async function updateCredentialType(ctx: OperationContext, credentialTypeId: string, input: UpdateCredentialTypeInput) {
  checkNameLanguages(input.names);
  try {
    return await ctx.db.transaction(async (tx) => {
      const where = and(eq(credentialTypes.cityId, ctx.city.id), eq(credentialTypes.id, credentialTypeId));
      const [before] = await tx.select().from(credentialTypes).where(where).for("update");
      if (!before) throw new NotFoundError("errors.volunteers.credentialTypeNotFound");
      const [after] = await tx
        .update(credentialTypes)
        .set({
          ...(input.slug !== undefined && { slug: input.slug }),
          ...(input.names !== undefined && { names: input.names }),
          ...(input.validityMonths !== undefined && { validityMonths: input.validityMonths }),
        })
        .where(where)
        .returning();
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "credential-type.updated",
        targetType: "credential-type",
        targetId: credentialTypeId,
        before,
        after,
        requestId: ctx.requestId,
      });
      return after ?? before;
    });
  } catch (error) {
    if (isUniqueViolation(error, "credential_types_city_slug_unique")) throw slugTaken(input.slug);
    throw error;
  }
}
