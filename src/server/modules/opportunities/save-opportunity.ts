import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { createOpportunityRequest, updateOpportunityRequest } from "../../../contracts/opportunities.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { type FieldProblem, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { authorize, type Membership } from "../../platform/policy/index.ts";
import { findAgency } from "../agencies/index.ts";
import { groups } from "../groups/schema.ts";
import { findOpportunity } from "./find-opportunity.ts";
import { hostOf } from "./hosts.ts";
import { forgetListings } from "./list-opportunities.ts";
import { opportunities } from "./schema.ts";
import { unknownTaxonomyIds } from "./taxonomy-labels.ts";

export type CreateOpportunityInput = z.output<typeof createOpportunityRequest>;
export type UpdateOpportunityInput = z.output<typeof updateOpportunityRequest>;

/** The agency or group, cause, skills and credentials named must belong to this city. */
async function checkReferences(ctx: OperationContext, input: Partial<CreateOpportunityInput>) {
  const problems: FieldProblem[] = [];
  if (input.agencyId && !(await findAgency(ctx.db, ctx.city.id, input.agencyId))) problems.push({ field: "agencyId", messageKey: "errors.agencies.notFound" });
  if (input.groupId) {
    const [group] = await ctx.db
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.cityId, ctx.city.id), eq(groups.id, input.groupId)));
    if (!group) problems.push({ field: "groupId", messageKey: "errors.groups.notFound" });
  }
  const unknown = await unknownTaxonomyIds(ctx.db, ctx.city.id, {
    skills: input.requiredSkillIds ?? [],
    causes: input.causeId ? [input.causeId] : [],
    credentials: input.requiredCredentialTypeIds ?? [],
  });
  if (unknown.causes.length) problems.push({ field: "causeId", messageKey: "errors.opportunities.unknownCause" });
  if (unknown.skills.length) problems.push({ field: "requiredSkillIds", messageKey: "errors.opportunities.unknownSkills" });
  if (unknown.credentials.length) problems.push({ field: "requiredCredentialTypeIds", messageKey: "errors.opportunities.unknownCredentials" });
  if (problems.length) throw new InvalidInputError(problems);
}

export async function createOpportunity(ctx: OperationContext & { membership: Membership }, input: CreateOpportunityInput) {
  authorize(ctx.membership, "opportunities.manage", { agencyId: input.agencyId ?? null, groupId: input.groupId ?? null });
  await checkReferences(ctx, input);
  const created = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(opportunities)
      .values({ ...input, cityId: ctx.city.id, status: "draft", createdBy: ctx.actor?.userId ?? null })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "opportunity.created",
      targetType: "opportunity",
      targetId: row.id,
      after: row,
      requestId: ctx.requestId,
    });
    return row;
  });
  forgetListings(ctx.city.id);
  return created;
}

export async function updateOpportunity(ctx: OperationContext & { membership: Membership }, opportunityId: string, input: UpdateOpportunityInput) {
  const current = await findOpportunity(ctx.db, ctx.city.id, opportunityId);
  if (!current) throw new NotFoundError("errors.opportunities.notFound");
  authorize(ctx.membership, "opportunities.manage", hostOf(current));
  // A group's event stays the group's; an agency's opportunity may move to another agency its staff run.
  if (input.agencyId && current.groupId) throw new InvalidInputError([{ field: "agencyId", messageKey: "errors.opportunities.groupEventHost" }]);
  if (input.agencyId && input.agencyId !== current.agencyId) authorize(ctx.membership, "opportunities.manage", { agencyId: input.agencyId });
  const merged = { ...current, ...input };
  if (merged.locationKind === "in_person" && !merged.address)
    throw new InvalidInputError([{ field: "address", messageKey: "errors.opportunities.addressRequired" }]);
  await checkReferences(ctx, input);
  const updated = await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(opportunities)
      .where(and(eq(opportunities.cityId, ctx.city.id), eq(opportunities.id, opportunityId)))
      .for("update");
    if (!before) throw new NotFoundError("errors.opportunities.notFound");
    const [after] = await tx.update(opportunities).set(input).where(eq(opportunities.id, opportunityId)).returning();
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "opportunity.updated",
      targetType: "opportunity",
      targetId: opportunityId,
      before,
      after,
      requestId: ctx.requestId,
    });
    return after ?? before;
  });
  forgetListings(ctx.city.id);
  return updated;
}

/** Draft → published → archived, and back to draft; publishing stamps the first publication. */
export async function changeOpportunityStatus(
  ctx: OperationContext & { membership: Membership },
  opportunityId: string,
  status: "draft" | "published" | "archived",
) {
  const current = await findOpportunity(ctx.db, ctx.city.id, opportunityId);
  if (!current) throw new NotFoundError("errors.opportunities.notFound");
  authorize(ctx.membership, "opportunities.manage", hostOf(current));
  if (current.status === status) return current;
  const updated = await ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(opportunities)
      .set({ status, ...(status === "published" && !current.publishedAt && { publishedAt: new Date() }) })
      .where(eq(opportunities.id, opportunityId))
      .returning();
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: `opportunity.${status === "published" ? "published" : status === "archived" ? "archived" : "unpublished"}`,
      targetType: "opportunity",
      targetId: opportunityId,
      before: { status: current.status },
      after: { status },
      requestId: ctx.requestId,
    });
    return after ?? current;
  });
  forgetListings(ctx.city.id);
  return updated;
}
