import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { ProblemView, problemBoardQuery } from "../../../contracts/problems.ts";
import type { Executor } from "../../db/connection.ts";
import { agencyNamesById } from "../agencies/index.ts";
import { problems } from "./schema.ts";

export type ProblemBoardQuery = z.output<typeof problemBoardQuery>;
export type Problem = typeof problems.$inferSelect;

/** What the board shows of a problem: never the reporter. */
const boardColumns = (viewerId: string | null) => ({
  id: problems.id,
  title: problems.title,
  description: problems.description,
  affected: problems.affected,
  frequency: problems.frequency,
  costEstimateMinor: problems.costEstimateMinor,
  currency: problems.currency,
  processLink: problems.processLink,
  origin: problems.origin,
  agencyId: problems.agencyId,
  status: problems.status,
  declineReason: problems.declineReason,
  createdAt: problems.createdAt,
  triagedAt: problems.triagedAt,
  // Qualified by hand: inside a single-table select Drizzle writes column names bare.
  supportCount: sql<number>`(select count(*)::int from problem_supports s where s.problem_id = "problems"."id")`,
  supportedByMe: viewerId
    ? sql<boolean>`exists (select 1 from problem_supports s where s.problem_id = "problems"."id" and s.user_id = ${viewerId})`
    : sql<boolean>`false`,
});

/** The board's select, shared by the list and the single problem so both show exactly the same. */
function selectBoard(db: Executor, viewerId: string | null) {
  return db.select(boardColumns(viewerId)).from(problems);
}

type BoardRow = Awaited<ReturnType<typeof selectBoard>>[number];

/**
 * The public problem board: full-text search (websearch syntax: quoted phrases, `or`, `-word`),
 * filters by status and agency, most relevant first when searching, newest first otherwise.
 */
export async function findProblemBoard(db: Executor, cityId: string, query: ProblemBoardQuery, viewerId: string | null) {
  const conditions: SQL[] = [eq(problems.cityId, cityId)];
  const search = query.q ? sql`websearch_to_tsquery('simple', ${query.q})` : null;
  if (search) conditions.push(sql`${problems.search} @@ ${search}`);
  if (query.status) conditions.push(eq(problems.status, query.status));
  if (query.agencyId) conditions.push(eq(problems.agencyId, query.agencyId));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    selectBoard(db, viewerId)
      .where(where)
      .orderBy(...(search ? [desc(sql`ts_rank(${problems.search}, ${search})`)] : []), desc(problems.createdAt), desc(problems.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(problems).where(where),
  ]);
  return { problems: await presentProblems(db, cityId, rows), page: query.page, pageSize: query.pageSize, total: total?.total ?? 0 };
}

export async function findPublicProblem(db: Executor, cityId: string, problemId: string, viewerId: string | null): Promise<ProblemView | null> {
  const rows = await selectBoard(db, viewerId)
    .where(and(eq(problems.cityId, cityId), eq(problems.id, problemId)))
    .limit(1);
  return (await presentProblems(db, cityId, rows))[0] ?? null;
}

export async function findProblem(db: Executor, cityId: string, problemId: string): Promise<Problem | null> {
  const [found] = await db
    .select()
    .from(problems)
    .where(and(eq(problems.cityId, cityId), eq(problems.id, problemId)))
    .limit(1);
  return found ?? null;
}

async function presentProblems(db: Executor, cityId: string, rows: BoardRow[]): Promise<ProblemView[]> {
  const names = await agencyNamesById(db, cityId, [...new Set(rows.flatMap((row) => (row.agencyId ? [row.agencyId] : [])))]);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    affected: row.affected,
    frequency: row.frequency,
    costEstimate: row.costEstimateMinor === null ? null : { amountMinor: row.costEstimateMinor, currency: row.currency },
    processLink: row.processLink,
    origin: row.origin,
    agency: row.agencyId ? { id: row.agencyId, name: names.get(row.agencyId) ?? "" } : null,
    status: row.status,
    declineReason: row.declineReason,
    supportCount: Number(row.supportCount),
    supportedByMe: Boolean(row.supportedByMe),
    createdAt: row.createdAt.toISOString(),
    triagedAt: row.triagedAt?.toISOString() ?? null,
  }));
}
