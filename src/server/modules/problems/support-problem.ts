import { and, count, eq } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { ConflictError, NotFoundError, UnauthenticatedError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { problemSupports, problems } from "./schema.ts";

/** Problems still open to support: not declined, not yet solved. */
const supportable = new Set(["new", "accepted", "in_progress"]);

async function openProblem(db: Executor, cityId: string, problemId: string) {
  const [found] = await db
    .select({ id: problems.id, status: problems.status })
    .from(problems)
    .where(and(eq(problems.cityId, cityId), eq(problems.id, problemId)))
    .limit(1);
  if (!found) throw new NotFoundError("errors.problems.notFound");
  return found;
}

async function supportCount(db: Executor, problemId: string): Promise<number> {
  const [row] = await db.select({ total: count() }).from(problemSupports).where(eq(problemSupports.problemId, problemId));
  return row?.total ?? 0;
}

/** A person supports a problem once; the unique key holds even when two requests race. */
export async function supportProblem(ctx: OperationContext, problemId: string) {
  if (!ctx.actor) throw new UnauthenticatedError();
  const found = await openProblem(ctx.db, ctx.city.id, problemId);
  if (!supportable.has(found.status)) throw new ConflictError("errors.problems.closedToSupport", { status: found.status });
  try {
    await ctx.db.insert(problemSupports).values({ cityId: ctx.city.id, problemId, userId: ctx.actor.userId });
  } catch (error) {
    if (isUniqueViolation(error, "problem_supports_once_per_person")) throw new ConflictError("errors.problems.alreadySupported");
    throw error;
  }
  return { supportCount: await supportCount(ctx.db, problemId), supportedByMe: true };
}

/** Takes a person's support back; taking back support never given changes nothing. */
export async function withdrawSupport(ctx: OperationContext, problemId: string) {
  if (!ctx.actor) throw new UnauthenticatedError();
  await openProblem(ctx.db, ctx.city.id, problemId);
  await ctx.db
    .delete(problemSupports)
    .where(and(eq(problemSupports.cityId, ctx.city.id), eq(problemSupports.problemId, problemId), eq(problemSupports.userId, ctx.actor.userId)));
  return { supportCount: await supportCount(ctx.db, problemId), supportedByMe: false };
}
