import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { agencies } from "../agencies/index.ts";
import { groups } from "../groups/schema.ts";
import { opportunities, shifts, signups } from "./schema.ts";
import { taxonomyLabels } from "./taxonomy-labels.ts";

export type Opportunity = typeof opportunities.$inferSelect;

export async function findOpportunity(db: Executor, cityId: string, opportunityId: string): Promise<Opportunity | null> {
  const [row] = await db
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.cityId, cityId), eq(opportunities.id, opportunityId)))
    .limit(1);
  return row ?? null;
}

/** Upcoming shifts of an opportunity, with places left and how many wait. */
export async function shiftSummaries(db: Executor, opportunityId: string, options: { includePast?: boolean } = {}) {
  const rows = await db
    .select({
      id: shifts.id,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      capacity: shifts.capacity,
      confirmedCount: shifts.confirmedCount,
      waitlistEnabled: shifts.waitlistEnabled,
      status: shifts.status,
      note: shifts.note,
      waitlistCount: sql<number>`(select count(*)::int from ${signups} where ${signups.shiftId} = ${shifts.id} and ${signups.status} = 'waitlisted')`,
    })
    .from(shifts)
    .where(and(eq(shifts.opportunityId, opportunityId), options.includePast ? undefined : gt(shifts.endsAt, new Date())))
    .orderBy(asc(shifts.startsAt));
  return rows.map((row) => ({
    id: row.id,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    capacity: row.capacity,
    placesLeft: row.status === "scheduled" ? Math.max(0, row.capacity - row.confirmedCount) : 0,
    waitlistEnabled: row.waitlistEnabled,
    waitlistCount: row.waitlistCount,
    status: row.status,
    note: row.note,
  }));
}

/** The full opportunity as its page shows it, names in the reader's language. */
export async function presentOpportunity(db: Executor, opportunity: Opportunity, locale: string, options: { includePastShifts?: boolean } = {}) {
  const [agency] = opportunity.agencyId
    ? await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, opportunity.agencyId))
    : [];
  const [group] = opportunity.groupId
    ? await db.select({ id: groups.id, slug: groups.slug, name: groups.name }).from(groups).where(eq(groups.id, opportunity.groupId))
    : [];
  const labels = await taxonomyLabels(
    db,
    opportunity.cityId,
    { skills: opportunity.requiredSkillIds, causes: opportunity.causeId ? [opportunity.causeId] : [], credentials: opportunity.requiredCredentialTypeIds },
    locale,
  );
  const named = (ids: string[], map: Map<string, string>) => ids.filter((id) => map.has(id)).map((id) => ({ id, name: map.get(id) ?? "" }));
  return {
    id: opportunity.id,
    title: opportunity.title,
    summary: opportunity.summary,
    description: opportunity.description,
    agency: agency ?? null,
    group: group ?? null,
    cause:
      opportunity.causeId && labels.causes.has(opportunity.causeId) ? { id: opportunity.causeId, name: labels.causes.get(opportunity.causeId) ?? "" } : null,
    requiredSkills: named(opportunity.requiredSkillIds, labels.skills),
    requiredCredentials: named(opportunity.requiredCredentialTypeIds, labels.credentials),
    requiredLanguages: opportunity.requiredLanguages,
    minimumAge: opportunity.minimumAge,
    locationKind: opportunity.locationKind,
    address: opportunity.address,
    neighbourhood: opportunity.neighbourhood,
    latitude: opportunity.latitude,
    longitude: opportunity.longitude,
    visibility: opportunity.visibility,
    status: opportunity.status,
    publishedAt: opportunity.publishedAt?.toISOString() ?? null,
    shifts: await shiftSummaries(db, opportunity.id, { includePast: options.includePastShifts }),
  };
}
