import type { z } from "zod";
import type { createAgencyRequest } from "../../../contracts/agencies.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { agencies } from "./schema.ts";

export type CreateAgencyInput = z.output<typeof createAgencyRequest>;

export async function createAgency(ctx: OperationContext, input: CreateAgencyInput) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [agency] = await tx
        .insert(agencies)
        .values({ cityId: ctx.city.id, slug: input.slug, name: input.name, description: input.description, contactEmail: input.contactEmail ?? null })
        .returning();
      if (!agency) throw new Error("insert returned no row");
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "agency.created",
        targetType: "agency",
        targetId: agency.id,
        after: agency,
        requestId: ctx.requestId,
      });
      return agency;
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
