import { and, count, eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { roleAssignments } from "../../platform/policy/index.ts";
import { agencies } from "./schema.ts";

/** Removes an agency that nobody works for any more; one with staff must be emptied first. */
export async function deleteAgency(ctx: OperationContext, agencyId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [agency] = await tx
      .select()
      .from(agencies)
      .where(and(eq(agencies.cityId, ctx.city.id), eq(agencies.id, agencyId)))
      .for("update");
    if (!agency) throw new NotFoundError("errors.agencies.notFound");
    const [staff] = await tx
      .select({ total: count() })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.cityId, ctx.city.id), eq(roleAssignments.agencyId, agencyId)));
    if ((staff?.total ?? 0) > 0) throw new ConflictError("errors.agencies.hasStaff", { name: agency.name, count: staff?.total ?? 0 });
    await tx.delete(agencies).where(eq(agencies.id, agencyId));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "agency.deleted",
      targetType: "agency",
      targetId: agencyId,
      before: agency,
      requestId: ctx.requestId,
    });
  });
}
