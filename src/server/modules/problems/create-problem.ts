import type { z } from "zod";
import type { createProblemRequest } from "../../../contracts/problems.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ForbiddenError, InvalidInputError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { can, type Membership } from "../../platform/policy/index.ts";
import { findAgency } from "../agencies/index.ts";
import { problems } from "./schema.ts";

export type CreateProblemInput = z.output<typeof createProblemRequest>;

/**
 * Agency staff report a problem for their agency (the DSO and city admins for any agency); anyone
 * else signed in proposes one as a resident. The reporter is kept for staff, never shown publicly.
 */
export async function createProblem(ctx: OperationContext, membership: Membership, input: CreateProblemInput) {
  const agencyId = input.agencyId ?? null;
  if (agencyId) {
    if (!(await findAgency(ctx.db, ctx.city.id, agencyId))) {
      throw new InvalidInputError([{ field: "agencyId", messageKey: "errors.problems.agencyNotFound" }]);
    }
    if (!can(membership, "problems.report", { agencyId })) throw new ForbiddenError("errors.problems.notYourAgency");
  }
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(problems)
      .values({
        cityId: ctx.city.id,
        agencyId,
        origin: agencyId ? "agency" : "resident",
        reportedBy: ctx.actor?.userId ?? null,
        title: input.title,
        description: input.description,
        affected: input.affected,
        frequency: input.frequency,
        costEstimateMinor: input.costEstimateMinor ?? null,
        currency: ctx.city.currency,
        processLink: input.processLink ?? null,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    const { search: _search, ...audited } = created;
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "problem.reported",
      targetType: "problem",
      targetId: created.id,
      after: audited,
      requestId: ctx.requestId,
    });
    return created;
  });
}
