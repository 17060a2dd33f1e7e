import { and, asc, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/index.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { skills } from "./schema.ts";

/**
 * Moves a skill one place up or down among its siblings. The siblings are renumbered 0…n−1 on the
 * way, so positions stay dense whatever happened before. At either end nothing changes.
 */
export async function moveSkill(ctx: OperationContext, skillId: string, direction: "up" | "down"): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [skill] = await tx
      .select()
      .from(skills)
      .where(and(eq(skills.cityId, ctx.city.id), eq(skills.id, skillId)));
    if (!skill) throw new NotFoundError("errors.volunteers.skillNotFound");
    const siblings = await tx
      .select({ id: skills.id, position: skills.position })
      .from(skills)
      .where(and(eq(skills.cityId, ctx.city.id), skill.parentId ? eq(skills.parentId, skill.parentId) : isNull(skills.parentId)))
      .orderBy(asc(skills.position), asc(skills.createdAt), asc(skills.id))
      .for("update");
    const order = siblings.map((sibling) => sibling.id);
    const from = order.indexOf(skillId);
    const to = direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to] as string, order[from] as string];
    for (const [position, id] of order.entries()) {
      if (siblings.find((sibling) => sibling.id === id)?.position !== position) await tx.update(skills).set({ position }).where(eq(skills.id, id));
    }
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "skill.moved",
      targetType: "skill",
      targetId: skillId,
      before: { position: from },
      after: { position: to },
      requestId: ctx.requestId,
    });
  });
}
