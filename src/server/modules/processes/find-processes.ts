import { and, asc, desc, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import { type ProcessFigures, processFigures, processSaving } from "../../../contracts/process-cost.ts";
import type {
  ProcessComparisonView,
  ProcessContentView,
  ProcessSummaryView,
  ProcessView,
  RevisionSummaryView,
  RevisionView,
} from "../../../contracts/processes.ts";
import type { Executor } from "../../db/connection.ts";
import { users } from "../../platform/auth/schema.ts";
import { agencyNamesById } from "../agencies/index.ts";
import { rateTableOf } from "./rates.ts";
import { processes, processRevisions } from "./schema.ts";

export type ProcessRow = typeof processes.$inferSelect;

export async function findProcessRow(db: Executor, cityId: string, processId: string): Promise<ProcessRow | null> {
  const [found] = await db
    .select()
    .from(processes)
    .where(and(eq(processes.cityId, cityId), eq(processes.id, processId)))
    .limit(1);
  return found ?? null;
}

export async function revisionContent(db: Executor, cityId: string, processId: string, number: number): Promise<ProcessContentView | null> {
  const [found] = await db
    .select({ content: processRevisions.content })
    .from(processRevisions)
    .where(and(eq(processRevisions.cityId, cityId), eq(processRevisions.processId, processId), eq(processRevisions.number, number)))
    .limit(1);
  return found?.content ?? null;
}

function figuresOf(content: ProcessContentView, rates: ReadonlyMap<string, number>) {
  return processFigures(content.steps, content.annualVolume, rates);
}

async function comparisonOf(db: Executor, row: ProcessRow, rates: ReadonlyMap<string, number>): Promise<ProcessComparisonView | null> {
  if (row.asIsRevision === null || row.toBeRevision === null) return null;
  const [asIsContent, toBeContent] = await Promise.all([
    revisionContent(db, row.cityId, row.id, row.asIsRevision),
    revisionContent(db, row.cityId, row.id, row.toBeRevision),
  ]);
  if (!asIsContent || !toBeContent) return null;
  const asIs = figuresOf(asIsContent, rates);
  const toBe = figuresOf(toBeContent, rates);
  return { asIsRevision: row.asIsRevision, toBeRevision: row.toBeRevision, asIs, toBe, saving: processSaving(asIs, toBe) };
}

/** A process with its current content, figures and, once both are marked, the as-is/to-be comparison. Costed with today's rate table. */
export async function presentProcess(db: Executor, city: { id: string; currency: string }, row: ProcessRow, canEdit: boolean): Promise<ProcessView> {
  const [content, rates, agencyNames] = await Promise.all([
    revisionContent(db, city.id, row.id, row.currentRevision),
    rateTableOf(db, city.id),
    agencyNamesById(db, city.id, [row.agencyId]),
  ]);
  if (!content) throw new Error(`process ${row.id} has no revision ${row.currentRevision}`);
  return {
    id: row.id,
    agencyId: row.agencyId,
    agencyName: agencyNames.get(row.agencyId) ?? "",
    currentRevision: row.currentRevision,
    asIsRevision: row.asIsRevision,
    toBeRevision: row.toBeRevision,
    published: row.publishedAt !== null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    currency: city.currency,
    content,
    figures: figuresOf(content, rates),
    comparison: await comparisonOf(db, row, rates),
    canEdit,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The city's processes (only published ones unless `includeUnpublished`), by name, each with its current figures. */
export async function listProcesses(
  db: Executor,
  cityId: string,
  filter: { agencyId?: string; q?: string; includeUnpublished: boolean },
): Promise<ProcessSummaryView[]> {
  const conditions: SQL[] = [eq(processes.cityId, cityId)];
  if (!filter.includeUnpublished) conditions.push(isNotNull(processes.publishedAt));
  if (filter.agencyId) conditions.push(eq(processes.agencyId, filter.agencyId));
  if (filter.q) conditions.push(sql`${processes.name} ilike ${`%${filter.q.replace(/[\\%_]/g, (match) => `\\${match}`)}%`}`);
  const rows = await db
    .select({ process: processes, content: processRevisions.content })
    .from(processes)
    .innerJoin(processRevisions, and(eq(processRevisions.processId, processes.id), eq(processRevisions.number, processes.currentRevision)))
    .where(and(...conditions))
    .orderBy(asc(processes.name), asc(processes.id))
    .limit(500);
  const [rates, agencyNames] = await Promise.all([rateTableOf(db, cityId), agencyNamesById(db, cityId, [...new Set(rows.map((row) => row.process.agencyId))])]);
  return Promise.all(
    rows.map(async ({ process: row, content }) => {
      const comparison = await comparisonOf(db, row, rates);
      return {
        id: row.id,
        agencyId: row.agencyId,
        agencyName: agencyNames.get(row.agencyId) ?? "",
        name: row.name,
        currentRevision: row.currentRevision,
        published: row.publishedAt !== null,
        annualVolume: content.annualVolume,
        stepCount: content.steps.length,
        figures: figuresOf(content, rates),
        annualCostSavedMinor: comparison?.saving.annualCostSavedMinor ?? null,
        updatedAt: row.updatedAt.toISOString(),
      };
    }),
  );
}

/** Every revision of a process, newest first, with who saved it (for the city's staff only). */
export async function listRevisions(db: Executor, cityId: string, processId: string): Promise<RevisionSummaryView[]> {
  const rows = await db
    .select({ number: processRevisions.number, message: processRevisions.message, authorName: users.name, createdAt: processRevisions.createdAt })
    .from(processRevisions)
    .leftJoin(users, eq(users.id, processRevisions.authorId))
    .where(and(eq(processRevisions.cityId, cityId), eq(processRevisions.processId, processId)))
    .orderBy(desc(processRevisions.number));
  return rows.map((row) => ({ ...row, authorName: row.authorName ?? null, createdAt: row.createdAt.toISOString() }));
}

export async function findRevision(db: Executor, cityId: string, processId: string, number: number): Promise<RevisionView | null> {
  const [row] = await db
    .select({
      number: processRevisions.number,
      message: processRevisions.message,
      authorName: users.name,
      createdAt: processRevisions.createdAt,
      content: processRevisions.content,
    })
    .from(processRevisions)
    .leftJoin(users, eq(users.id, processRevisions.authorId))
    .where(and(eq(processRevisions.cityId, cityId), eq(processRevisions.processId, processId), eq(processRevisions.number, number)))
    .limit(1);
  if (!row) return null;
  const rates = await rateTableOf(db, cityId);
  return { ...row, authorName: row.authorName ?? null, createdAt: row.createdAt.toISOString(), figures: figuresOf(row.content, rates) };
}

/**
 * What the city's documented processes save a year: for each process with both an as-is and a
 * to-be revision marked, the as-is annual staff cost minus the to-be's, at today's rates.
 */
export async function processSavingsOf(
  db: Executor,
  cityId: string,
): Promise<{ processId: string; agencyId: string; name: string; annualCostSavedMinor: number; annualHoursSaved: number }[]> {
  const rows = await db
    .select()
    .from(processes)
    .where(and(eq(processes.cityId, cityId), isNotNull(processes.asIsRevision), isNotNull(processes.toBeRevision)));
  const rates = await rateTableOf(db, cityId);
  const savings = [];
  for (const row of rows) {
    const comparison = await comparisonOf(db, row, rates);
    if (comparison)
      savings.push({
        processId: row.id,
        agencyId: row.agencyId,
        name: row.name,
        annualCostSavedMinor: comparison.saving.annualCostSavedMinor,
        annualHoursSaved: comparison.saving.annualHoursSaved,
      });
  }
  return savings;
}

/** A published process as other modules share it: the catalog lists it, federation sends it to other cities. */
export interface PublishedProcess {
  id: string;
  name: string;
  purpose: string;
  agencyName: string;
  updatedAt: Date;
  publishedAt: Date;
  content: ProcessContentView;
  figures: ProcessFigures;
  /** How well it matches the text query (0 without one). */
  rank: number;
}

/**
 * The city's published processes, their current revision and figures; with a text query, those whose
 * name, purpose or service users match it (a prefix-matching tsquery), best first.
 */
export async function publishedProcesses(db: Executor, cityId: string, filter: { tsquery?: string | null; ids?: string[] } = {}): Promise<PublishedProcess[]> {
  const document = sql`to_tsvector('simple', ${processes.name} || ' ' || coalesce(${processRevisions.content}->>'purpose', '') || ' ' || coalesce(${processRevisions.content}->>'serviceUsers', ''))`;
  const conditions: SQL[] = [eq(processes.cityId, cityId), isNotNull(processes.publishedAt)];
  if (filter.tsquery) conditions.push(sql`${document} @@ to_tsquery('simple', ${filter.tsquery})`);
  if (filter.ids) conditions.push(filter.ids.length > 0 ? inArray(processes.id, filter.ids) : sql`false`);
  const rows = await db
    .select({
      process: processes,
      content: processRevisions.content,
      rank: filter.tsquery ? sql<number>`ts_rank(${document}, to_tsquery('simple', ${filter.tsquery}))` : sql<number>`0`,
    })
    .from(processes)
    .innerJoin(processRevisions, and(eq(processRevisions.processId, processes.id), eq(processRevisions.number, processes.currentRevision)))
    .where(and(...conditions))
    .orderBy(...(filter.tsquery ? [desc(sql`ts_rank(${document}, to_tsquery('simple', ${filter.tsquery}))`)] : []), asc(processes.name), asc(processes.id))
    .limit(500);
  const [rates, agencyNames] = await Promise.all([rateTableOf(db, cityId), agencyNamesById(db, cityId, [...new Set(rows.map((row) => row.process.agencyId))])]);
  return rows.map(({ process: row, content, rank }) => ({
    id: row.id,
    name: row.name,
    purpose: content.purpose,
    agencyName: agencyNames.get(row.agencyId) ?? "",
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt ?? row.updatedAt,
    content,
    figures: figuresOf(content, rates),
    rank: Number(rank),
  }));
}
