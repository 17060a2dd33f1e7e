import { and, eq, sql } from "drizzle-orm";
import type { ProcessContentView } from "../../../contracts/processes.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { can, type Membership } from "../../platform/policy/index.ts";
import { findAgency } from "../agencies/index.ts";
import { findProcessRow, type ProcessRow } from "./find-processes.ts";
import { processes, processRevisions } from "./schema.ts";

/** Agency staff document their own agency's processes; the DSO and city admins any agency's. */
function mayEdit(membership: Membership, agencyId: string): boolean {
  return can(membership, "processes.manage", { agencyId });
}

/** A new process of an agency, with its first revision. */
export async function createProcess(
  ctx: OperationContext,
  membership: Membership,
  input: { agencyId: string; content: ProcessContentView; message: string },
): Promise<ProcessRow> {
  if (!(await findAgency(ctx.db, ctx.city.id, input.agencyId))) {
    throw new InvalidInputError([{ field: "agencyId", messageKey: "errors.processes.agencyNotFound" }]);
  }
  if (!mayEdit(membership, input.agencyId)) throw new ForbiddenError("errors.processes.notYourAgency");
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(processes)
      .values({ cityId: ctx.city.id, agencyId: input.agencyId, name: input.content.name, currentRevision: 1, createdBy: ctx.actor?.userId ?? null })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await tx.insert(processRevisions).values({
      cityId: ctx.city.id,
      processId: created.id,
      number: 1,
      content: input.content,
      message: input.message,
      authorId: ctx.actor?.userId ?? null,
    });
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "process.created",
      targetType: "process",
      targetId: created.id,
      after: { agencyId: created.agencyId, name: created.name, revision: 1, message: input.message },
      requestId: ctx.requestId,
    });
    return created;
  });
}

async function editableProcess(ctx: OperationContext, membership: Membership, processId: string): Promise<ProcessRow> {
  const found = await findProcessRow(ctx.db, ctx.city.id, processId);
  if (!found) throw new NotFoundError("errors.processes.notFound");
  if (!mayEdit(membership, found.agencyId)) throw new ForbiddenError("errors.processes.notYourAgency");
  return found;
}

/**
 * Saves a new revision. The revision number moves on only if the process is still at the revision
 * the editor started from, in one statement; otherwise someone else saved first and this save is
 * refused with 409, so nobody's work is silently overwritten.
 */
export async function saveRevision(
  ctx: OperationContext,
  membership: Membership,
  processId: string,
  input: { baseRevision: number; content: ProcessContentView; message: string },
): Promise<ProcessRow> {
  await editableProcess(ctx, membership, processId);
  return ctx.db.transaction(async (tx) => {
    const [moved] = await tx
      .update(processes)
      .set({ currentRevision: sql`${processes.currentRevision} + 1`, name: input.content.name })
      .where(and(eq(processes.cityId, ctx.city.id), eq(processes.id, processId), eq(processes.currentRevision, input.baseRevision)))
      .returning();
    if (!moved) {
      const current = await findProcessRow(tx, ctx.city.id, processId);
      throw new ConflictError("errors.processes.staleRevision", { base: input.baseRevision, current: current?.currentRevision ?? 0 });
    }
    await tx.insert(processRevisions).values({
      cityId: ctx.city.id,
      processId,
      number: moved.currentRevision,
      content: input.content,
      message: input.message,
      authorId: ctx.actor?.userId ?? null,
    });
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "process.revised",
      targetType: "process",
      targetId: processId,
      before: { revision: input.baseRevision },
      after: { revision: moved.currentRevision, message: input.message },
      requestId: ctx.requestId,
    });
    return moved;
  });
}

/** Marks which revision is how the process works today (as-is) and which is the design (to-be). */
export async function markRevisions(
  ctx: OperationContext,
  membership: Membership,
  processId: string,
  input: { asIsRevision: number | null; toBeRevision: number | null },
): Promise<ProcessRow> {
  const found = await editableProcess(ctx, membership, processId);
  const fields: { field: string; messageKey: string; params: Record<string, unknown> }[] = [];
  for (const field of ["asIsRevision", "toBeRevision"] as const) {
    const value = input[field];
    if (value !== null && value > found.currentRevision) fields.push({ field, messageKey: "errors.processes.noSuchRevision", params: { revision: value } });
  }
  if (fields.length > 0) throw new InvalidInputError(fields);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(processes)
      .set({ asIsRevision: input.asIsRevision, toBeRevision: input.toBeRevision })
      .where(and(eq(processes.cityId, ctx.city.id), eq(processes.id, processId)))
      .returning();
    if (!updated) throw new NotFoundError("errors.processes.notFound");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "process.marked",
      targetType: "process",
      targetId: processId,
      before: { asIsRevision: found.asIsRevision, toBeRevision: found.toBeRevision },
      after: { asIsRevision: updated.asIsRevision, toBeRevision: updated.toBeRevision },
      requestId: ctx.requestId,
    });
    return updated;
  });
}

/** Publishing lets anyone read the process (steps, figures, diagram), and other cities find and fork it. */
export async function publishProcess(ctx: OperationContext, membership: Membership, processId: string, published: boolean): Promise<ProcessRow> {
  const found = await editableProcess(ctx, membership, processId);
  if (published === (found.publishedAt !== null)) return found;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(processes)
      .set({ publishedAt: published ? new Date() : null })
      .where(and(eq(processes.cityId, ctx.city.id), eq(processes.id, processId)))
      .returning();
    if (!updated) throw new NotFoundError("errors.processes.notFound");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: published ? "process.published" : "process.unpublished",
      targetType: "process",
      targetId: processId,
      before: { publishedAt: found.publishedAt },
      after: { publishedAt: updated.publishedAt },
      requestId: ctx.requestId,
    });
    return updated;
  });
}
