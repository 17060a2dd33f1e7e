import type { z } from "zod";
import type { createCredentialTypeRequest } from "../../../contracts/volunteers.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { credentialTypes } from "./schema.ts";
import { checkNameLanguages, slugTaken } from "./taxonomy.ts";

export type CreateCredentialTypeInput = z.output<typeof createCredentialTypeRequest>;

export async function createCredentialType(ctx: OperationContext, input: CreateCredentialTypeInput) {
  checkNameLanguages(input.names);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(credentialTypes)
        .values({ cityId: ctx.city.id, slug: input.slug, names: input.names, validityMonths: input.validityMonths })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "credential-type.created",
        targetType: "credential-type",
        targetId: created.id,
        after: created,
        requestId: ctx.requestId,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, "credential_types_city_slug_unique")) throw slugTaken(input.slug);
    throw error;
  }
}
