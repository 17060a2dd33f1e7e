import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { updateCauseRequest } from "../../../contracts/volunteers.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { causes } from "./schema.ts";
import { checkNameLanguages, slugTaken } from "./taxonomy.ts";

export type UpdateCauseInput = z.output<typeof updateCauseRequest>;

export async function updateCause(ctx: OperationContext, causeId: string, input: UpdateCauseInput) {
  checkNameLanguages(input.names);
  try {
    return await ctx.db.transaction(async (tx) => {
      const where = and(eq(causes.cityId, ctx.city.id), eq(causes.id, causeId));
      const [before] = await tx.select().from(causes).where(where).for("update");
      if (!before) throw new NotFoundError("errors.volunteers.causeNotFound");
      const [after] = await tx
        .update(causes)
        .set({ ...(input.slug !== undefined && { slug: input.slug }), ...(input.names !== undefined && { names: input.names }) })
        .where(where)
        .returning();
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "cause.updated",
        targetType: "cause",
        targetId: causeId,
        before,
        after,
        requestId: ctx.requestId,
      });
      return after ?? before;
    });
  } catch (error) {
    if (isUniqueViolation(error, "causes_city_slug_unique")) throw slugTaken(input.slug);
    throw error;
  }
}
