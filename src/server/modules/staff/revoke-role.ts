import { and, asc, eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { roleAssignments } from "../../platform/policy/index.ts";

/** Takes a role away. A city always keeps at least one city admin. */
export async function revokeRole(ctx: OperationContext, assignmentId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ role: roleAssignments.role })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.cityId, ctx.city.id), eq(roleAssignments.id, assignmentId)));
    if (!found) throw new NotFoundError("errors.staff.assignmentNotFound");
    if (found.role === "city_admin") {
      // Lock every admin row of the city, always in the same order, so that two admins removing
      // each other at the same moment queue up instead of both succeeding (or deadlocking).
      const admins = await tx
        .select({ id: roleAssignments.id })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.cityId, ctx.city.id), eq(roleAssignments.role, "city_admin")))
        .orderBy(asc(roleAssignments.id))
        .for("update");
      if (admins.length <= 1 && admins.some((admin) => admin.id === assignmentId)) throw new ConflictError("errors.staff.lastAdmin");
    }
    const [assignment] = await tx
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.cityId, ctx.city.id), eq(roleAssignments.id, assignmentId)))
      .for("update");
    if (!assignment) throw new NotFoundError("errors.staff.assignmentNotFound");
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "role.revoked",
      targetType: "user",
      targetId: assignment.userId,
      before: assignment,
      requestId: ctx.requestId,
    });
  });
}
