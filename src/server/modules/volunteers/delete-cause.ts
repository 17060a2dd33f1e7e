import { and, count, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { opportunitiesNaming } from "./opportunity-references.ts";
import { causes, volunteerProfiles } from "./schema.ts";
import { localizedName } from "./taxonomy.ts";

/** Removes a cause that no volunteer has chosen. */
export async function deleteCause(ctx: OperationContext, causeId: string, locale: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [cause] = await tx
      .select()
      .from(causes)
      .where(and(eq(causes.cityId, ctx.city.id), eq(causes.id, causeId)))
      .for("update");
    if (!cause) throw new NotFoundError("errors.volunteers.causeNotFound");
    const [users] = await tx
      .select({ total: count() })
      .from(volunteerProfiles)
      .where(and(eq(volunteerProfiles.cityId, ctx.city.id), sql`${volunteerProfiles.causeIds} @> array[${causeId}]::uuid[]`));
    if ((users?.total ?? 0) > 0)
      throw new ConflictError("errors.volunteers.causeInUse", { name: localizedName(cause.names, locale), count: users?.total ?? 0 });
    const asking = await opportunitiesNaming(tx, ctx.city.id, "cause", causeId);
    if (asking > 0) throw new ConflictError("errors.volunteers.usedByOpportunities", { name: localizedName(cause.names, locale), count: asking });
    await tx.delete(causes).where(eq(causes.id, causeId));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "cause.deleted",
      targetType: "cause",
      targetId: causeId,
      before: cause,
      requestId: ctx.requestId,
    });
  });
}
