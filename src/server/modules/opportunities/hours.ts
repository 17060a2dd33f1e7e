import { and, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { reportHoursRequest } from "../../../contracts/shifts.ts";
import type { Database } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { Actor } from "../../platform/auth/index.ts";
import { users } from "../../platform/auth/index.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import { cityDateOf } from "../../platform/time.ts";
import { ensureVolunteerProfile } from "../volunteers/index.ts";
import { volunteerProfiles } from "../volunteers/schema.ts";
import { type Host, type HostScope, hostCondition, hostOf } from "./hosts.ts";
import { toCsv } from "./roster.ts";
import { opportunities, volunteerHours } from "./schema.ts";

/**
 * Hours given: from attendance, or reported by the volunteer for remote work. Staff approve or
 * reject them (with a reason); only approved hours count in the city's figures.
 */

export interface HoursFilter {
  status?: "pending" | "approved" | "rejected";
  from?: string;
  to?: string;
  /** Only hours on opportunities these agencies or groups run (agency staff, organizers); undefined for all. */
  hosts?: HostScope;
}

export async function listHours(db: Database, cityId: string, filter: HoursFilter) {
  const conditions: SQL[] = [eq(volunteerHours.cityId, cityId)];
  if (filter.status) conditions.push(eq(volunteerHours.status, filter.status));
  if (filter.from) conditions.push(gte(volunteerHours.workedOn, filter.from));
  if (filter.to) conditions.push(lte(volunteerHours.workedOn, filter.to));
  if (filter.hosts) {
    const hosts = hostCondition(filter.hosts);
    if (!hosts) return [];
    conditions.push(hosts);
  }
  const rows = await db
    .select({ hours: volunteerHours, name: users.name, title: opportunities.title, erasedAt: volunteerProfiles.erasedAt })
    .from(volunteerHours)
    .innerJoin(opportunities, eq(opportunities.id, volunteerHours.opportunityId))
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.id, volunteerHours.volunteerId))
    .leftJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(and(...conditions))
    .orderBy(desc(volunteerHours.workedOn), desc(volunteerHours.createdAt))
    .limit(1000);
  return rows.map((row) => ({
    id: row.hours.id,
    volunteer: { id: row.hours.volunteerId, name: row.erasedAt ? "" : (row.name ?? "") },
    opportunity: { id: row.hours.opportunityId, title: row.title },
    source: row.hours.source,
    workedOn: row.hours.workedOn,
    minutes: row.hours.minutes,
    description: row.hours.description,
    status: row.hours.status,
    rejectionReason: row.hours.rejectionReason,
    reviewedAt: row.hours.reviewedAt?.toISOString() ?? null,
  }));
}

export async function hoursCsv(db: Database, cityId: string, filter: HoursFilter): Promise<string> {
  const entries = await listHours(db, cityId, filter);
  return toCsv(
    ["worked_on", "volunteer", "opportunity", "source", "minutes", "hours", "status", "rejection_reason"],
    entries.map((entry) => [
      entry.workedOn,
      entry.volunteer.name,
      entry.opportunity.title,
      entry.source,
      entry.minutes,
      (entry.minutes / 60).toFixed(2),
      entry.status,
      entry.rejectionReason,
    ]),
  );
}

export async function reviewHours(
  db: Database,
  input: {
    cityId: string;
    hoursId: string;
    decision: "approved" | "rejected";
    reason?: string;
    actor: Actor;
    requestId: string | null;
    hostGuard: (host: Host) => void;
  },
) {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ hours: volunteerHours, agencyId: opportunities.agencyId, groupId: opportunities.groupId })
      .from(volunteerHours)
      .innerJoin(opportunities, eq(opportunities.id, volunteerHours.opportunityId))
      .where(and(eq(volunteerHours.cityId, input.cityId), eq(volunteerHours.id, input.hoursId)))
      .for("update", { of: volunteerHours });
    if (!found) throw new NotFoundError("errors.hours.notFound");
    input.hostGuard(hostOf(found));
    if (found.hours.status === input.decision) return found.hours;
    const [after] = await tx
      .update(volunteerHours)
      .set({
        status: input.decision,
        reviewedBy: input.actor.userId,
        reviewedAt: new Date(),
        rejectionReason: input.decision === "rejected" ? (input.reason ?? null) : null,
      })
      .where(eq(volunteerHours.id, found.hours.id))
      .returning();
    await recordAudit(tx, {
      cityId: input.cityId,
      actor: input.actor,
      action: `hours.${input.decision}`,
      targetType: "volunteer_hours",
      targetId: found.hours.id,
      before: { status: found.hours.status, minutes: found.hours.minutes },
      after: { status: input.decision, reason: input.reason ?? null },
      requestId: input.requestId,
    });
    return after ?? found.hours;
  });
}

/** A volunteer reports remote work on an opportunity; staff approve it like any other hours. */
export async function reportRemoteHours(db: Database, input: { cityId: string; timeZone: string; userId: string } & z.output<typeof reportHoursRequest>) {
  const [opportunity] = await db
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.cityId, input.cityId), eq(opportunities.id, input.opportunityId)));
  if (!opportunity || opportunity.status === "draft") throw new InvalidInputError([{ field: "opportunityId", messageKey: "errors.opportunities.notFound" }]);
  if (opportunity.locationKind !== "remote")
    throw new ConflictError("errors.hours.onlyRemote", {}, [{ field: "opportunityId", messageKey: "errors.hours.onlyRemote" }]);
  const today = cityDateOf(new Date(), input.timeZone);
  if (input.workedOn > today) throw new InvalidInputError([{ field: "workedOn", messageKey: "errors.hours.future" }]);
  const profile = await ensureVolunteerProfile(db, input.cityId, input.userId);
  const [created] = await db
    .insert(volunteerHours)
    .values({
      cityId: input.cityId,
      volunteerId: profile.id,
      opportunityId: opportunity.id,
      source: "self_reported",
      workedOn: input.workedOn,
      minutes: input.minutes,
      description: input.description,
    })
    .returning();
  if (!created) throw new Error("insert returned no row");
  return created;
}

/** The volunteer's own hours, from attendance and reported, with their review. */
export async function myHours(db: Database, cityId: string, userId: string) {
  const rows = await db
    .select({ hours: volunteerHours, title: opportunities.title })
    .from(volunteerHours)
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.id, volunteerHours.volunteerId))
    .innerJoin(opportunities, eq(opportunities.id, volunteerHours.opportunityId))
    .where(and(eq(volunteerHours.cityId, cityId), eq(volunteerProfiles.userId, userId)))
    .orderBy(desc(volunteerHours.workedOn), desc(volunteerHours.createdAt))
    .limit(500);
  return rows.map((row) => ({
    id: row.hours.id,
    opportunity: { id: row.hours.opportunityId, title: row.title },
    source: row.hours.source,
    workedOn: row.hours.workedOn,
    minutes: row.hours.minutes,
    description: row.hours.description,
    status: row.hours.status,
    rejectionReason: row.hours.rejectionReason,
  }));
}
