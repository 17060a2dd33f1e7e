import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { updateAgencyRequest } from "../../../contracts/agencies.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { agencies } from "./schema.ts";

export type UpdateAgencyInput = z.output<typeof updateAgencyRequest>;

export async function updateAgency(ctx: OperationContext, agencyId: string, input: UpdateAgencyInput) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(agencies)
        .where(and(eq(agencies.cityId, ctx.city.id), eq(agencies.id, agencyId)))
        .for("update");
      if (!before) throw new NotFoundError("errors.agencies.notFound");
      const [after] = await tx
        .update(agencies)
        .set({
          ...(input.slug !== undefined && { slug: input.slug }),
          ...(input.name !== undefined && { name: input.name }),
          ...(input.description !== undefined && { description: input.description }),
          ...(input.contactEmail !== undefined && { contactEmail: input.contactEmail }),
        })
        .where(and(eq(agencies.cityId, ctx.city.id), eq(agencies.id, agencyId)))
        .returning();
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "agency.updated",
        targetType: "agency",
        targetId: agencyId,
        before,
        after,
        requestId: ctx.requestId,
      });
      return after ?? before;
    });
  } catch (error) {
    if (isUniqueViolation(error, "agencies_city_slug_unique")) {
      throw new ConflictError("errors.agencies.slugTaken", { slug: input.slug }, [
        { field: "slug", messageKey: "errors.agencies.slugTaken", params: { slug: input.slug } },
      ]);
    }
    throw error;
  }
}
