import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { createSkillRequest } from "../../../contracts/volunteers.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { InvalidInputError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { skills } from "./schema.ts";
import { checkNameLanguages, findSkill, slugTaken } from "./taxonomy.ts";

export type CreateSkillInput = z.output<typeof createSkillRequest>;

/** Adds a skill at the end of its parent's list (or of the top level). */
export async function createSkill(ctx: OperationContext, input: CreateSkillInput) {
  checkNameLanguages(input.names);
  try {
    return await ctx.db.transaction(async (tx) => {
      if (input.parentId && !(await findSkill(tx, ctx.city.id, input.parentId))) {
        throw new InvalidInputError([{ field: "parentId", messageKey: "errors.volunteers.skillNotFound" }]);
      }
      const siblings = and(eq(skills.cityId, ctx.city.id), input.parentId ? eq(skills.parentId, input.parentId) : isNull(skills.parentId));
      const [last] = await tx
        .select({ position: sql<number>`coalesce(max(${skills.position}), -1)` })
        .from(skills)
        .where(siblings);
      const [created] = await tx
        .insert(skills)
        .values({ cityId: ctx.city.id, slug: input.slug, names: input.names, parentId: input.parentId, position: Number(last?.position ?? -1) + 1 })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "skill.created",
        targetType: "skill",
        targetId: created.id,
        after: created,
        requestId: ctx.requestId,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, "skills_city_slug_unique")) throw slugTaken(input.slug);
    throw error;
  }
}
