import type { z } from "zod";
import type { createCauseRequest } from "../../../contracts/volunteers.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { causes } from "./schema.ts";
import { checkNameLanguages, slugTaken } from "./taxonomy.ts";

export type CreateCauseInput = z.output<typeof createCauseRequest>;

export async function createCause(ctx: OperationContext, input: CreateCauseInput) {
  checkNameLanguages(input.names);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [created] = await tx.insert(causes).values({ cityId: ctx.city.id, slug: input.slug, names: input.names }).returning();
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "cause.created",
        targetType: "cause",
        targetId: created.id,
        after: created,
        requestId: ctx.requestId,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, "causes_city_slug_unique")) throw slugTaken(input.slug);
    throw error;
  }
}
