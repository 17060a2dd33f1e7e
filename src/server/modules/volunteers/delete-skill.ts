import { and, count, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { opportunitiesNaming } from "./opportunity-references.ts";
import { skills, volunteerProfiles } from "./schema.ts";
import { localizedName } from "./taxonomy.ts";

/** Removes a skill nobody uses; one with sub-skills or on volunteers' profiles stays, with a 409 saying why. */
export async function deleteSkill(ctx: OperationContext, skillId: string, locale: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [skill] = await tx
      .select()
      .from(skills)
      .where(and(eq(skills.cityId, ctx.city.id), eq(skills.id, skillId)))
      .for("update");
    if (!skill) throw new NotFoundError("errors.volunteers.skillNotFound");
    const name = localizedName(skill.names, locale);
    const [children] = await tx
      .select({ total: count() })
      .from(skills)
      .where(and(eq(skills.cityId, ctx.city.id), eq(skills.parentId, skillId)));
    if ((children?.total ?? 0) > 0) throw new ConflictError("errors.volunteers.skillHasChildren", { name, count: children?.total ?? 0 });
    const [users] = await tx
      .select({ total: count() })
      .from(volunteerProfiles)
      .where(and(eq(volunteerProfiles.cityId, ctx.city.id), sql`${volunteerProfiles.skillIds} @> array[${skillId}]::uuid[]`));
    if ((users?.total ?? 0) > 0) throw new ConflictError("errors.volunteers.skillInUse", { name, count: users?.total ?? 0 });
    const asking = await opportunitiesNaming(tx, ctx.city.id, "skill", skillId);
    if (asking > 0) throw new ConflictError("errors.volunteers.usedByOpportunities", { name, count: asking });
    await tx.delete(skills).where(eq(skills.id, skillId));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "skill.deleted",
      targetType: "skill",
      targetId: skillId,
      before: skill,
      requestId: ctx.requestId,
    });
  });
}
