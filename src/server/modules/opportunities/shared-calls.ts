import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { opportunities, shifts } from "./schema.ts";

/** A call for volunteers as the city shares it with other cities and the fediverse. */
export interface SharedCall {
  id: string;
  title: string;
  summary: string;
  remote: boolean;
  neighbourhood: string | null;
  nextShiftStartsAt: Date;
  shiftCount: number;
  publishedAt: Date;
  updatedAt: Date;
}

/** Public, published opportunities that still have a shift ahead: the calls for volunteers worth sharing. */
export async function openCallsToShare(db: Executor, cityId: string, now = new Date()): Promise<SharedCall[]> {
  const rows = await db
    .select({
      opportunity: opportunities,
      nextShiftStartsAt: sql<Date>`min(${shifts.startsAt})`.mapWith((value: string | Date) => new Date(value)),
      shiftCount: sql<number>`count(*)::int`,
    })
    .from(opportunities)
    .innerJoin(shifts, and(eq(shifts.opportunityId, opportunities.id), eq(shifts.status, "scheduled"), gt(shifts.startsAt, now)))
    .where(and(eq(opportunities.cityId, cityId), eq(opportunities.status, "published"), eq(opportunities.visibility, "public")))
    .groupBy(opportunities.id)
    .orderBy(asc(opportunities.publishedAt), asc(opportunities.id))
    .limit(500);
  return rows.map(({ opportunity, nextShiftStartsAt, shiftCount }) => ({
    id: opportunity.id,
    title: opportunity.title,
    summary: opportunity.summary,
    remote: opportunity.locationKind === "remote",
    neighbourhood: opportunity.neighbourhood,
    nextShiftStartsAt,
    shiftCount: Number(shiftCount),
    publishedAt: opportunity.publishedAt ?? opportunity.createdAt,
    updatedAt: opportunity.updatedAt,
  }));
}
