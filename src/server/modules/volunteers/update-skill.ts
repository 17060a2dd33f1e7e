import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { updateSkillRequest } from "../../../contracts/volunteers.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { skills } from "./schema.ts";
import { checkNameLanguages, descendantsOf, slugTaken } from "./taxonomy.ts";

export type UpdateSkillInput = z.output<typeof updateSkillRequest>;

/** Renames a skill, changes its address, or moves it under another parent (to the end of that list). */
export async function updateSkill(ctx: OperationContext, skillId: string, input: UpdateSkillInput) {
  checkNameLanguages(input.names);
  try {
    return await ctx.db.transaction(async (tx) => {
      const all = await tx.select().from(skills).where(eq(skills.cityId, ctx.city.id)).for("update");
      const before = all.find((row) => row.id === skillId);
      if (!before) throw new NotFoundError("errors.volunteers.skillNotFound");
      let position = before.position;
      if (input.parentId !== undefined && input.parentId !== before.parentId) {
        if (input.parentId !== null) {
          if (!all.some((row) => row.id === input.parentId)) {
            throw new InvalidInputError([{ field: "parentId", messageKey: "errors.volunteers.skillNotFound" }]);
          }
          // A skill cannot sit under itself or under one of its own sub-skills.
          if (descendantsOf(all, skillId).has(input.parentId)) {
            throw new InvalidInputError([{ field: "parentId", messageKey: "errors.volunteers.skillUnderItself" }]);
          }
        }
        const [last] = await tx
          .select({ position: sql<number>`coalesce(max(${skills.position}), -1)` })
          .from(skills)
          .where(and(eq(skills.cityId, ctx.city.id), input.parentId ? eq(skills.parentId, input.parentId) : isNull(skills.parentId)));
        position = Number(last?.position ?? -1) + 1;
      }
      const [after] = await tx
        .update(skills)
        .set({
          ...(input.slug !== undefined && { slug: input.slug }),
          ...(input.names !== undefined && { names: input.names }),
          ...(input.parentId !== undefined && { parentId: input.parentId, position }),
        })
        .where(and(eq(skills.cityId, ctx.city.id), eq(skills.id, skillId)))
        .returning();
      if (!after) throw new NotFoundError("errors.volunteers.skillNotFound");
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "skill.updated",
        targetType: "skill",
        targetId: skillId,
        before,
        after,
        requestId: ctx.requestId,
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error, "skills_city_slug_unique")) throw slugTaken(input.slug);
    throw error;
  }
}
