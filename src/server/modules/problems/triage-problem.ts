import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { triageProblemRequest } from "../../../contracts/problems.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { type problemStatuses, problems } from "./schema.ts";

type ProblemStatus = (typeof problemStatuses)[number];
export type TriageProblemInput = z.output<typeof triageProblemRequest>;

/** The DSO's triage: new → accepted or declined (with a reason); accepted → in progress → solved. */
const nextStatuses: Record<ProblemStatus, readonly ProblemStatus[]> = {
  new: ["accepted", "declined"],
  accepted: ["in_progress", "declined"],
  declined: [],
  in_progress: ["solved"],
  solved: [],
};

export function canMoveProblem(from: ProblemStatus, to: ProblemStatus): boolean {
  return nextStatuses[from].includes(to);
}

export async function triageProblem(ctx: OperationContext, problemId: string, input: TriageProblemInput) {
  const reason = input.reason?.trim() ?? "";
  if (input.status === "declined" && reason === "") {
    throw new InvalidInputError([{ field: "reason", messageKey: "errors.problems.reasonRequired" }]);
  }
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(problems)
      .where(and(eq(problems.cityId, ctx.city.id), eq(problems.id, problemId)))
      .for("update");
    if (!before) throw new NotFoundError("errors.problems.notFound");
    if (!canMoveProblem(before.status, input.status)) {
      throw new ConflictError("errors.problems.invalidTransition", { from: before.status, to: input.status }, [
        { field: "status", messageKey: "errors.problems.invalidTransition", params: { from: before.status, to: input.status } },
      ]);
    }
    const [after] = await tx
      .update(problems)
      .set({
        status: input.status,
        declineReason: input.status === "declined" ? reason : before.declineReason,
        triagedBy: ctx.actor?.userId ?? null,
        triagedAt: new Date(),
      })
      .where(eq(problems.id, problemId))
      .returning();
    if (!after) throw new Error("update returned no row");
    const { search: _before, ...auditBefore } = before;
    const { search: _after, ...auditAfter } = after;
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: `problem.${input.status === "in_progress" ? "started" : input.status}`,
      targetType: "problem",
      targetId: problemId,
      before: auditBefore,
      after: auditAfter,
      requestId: ctx.requestId,
    });
    return after;
  });
}
