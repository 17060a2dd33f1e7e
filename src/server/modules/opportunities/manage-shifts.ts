import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { createShiftRequest, updateShiftRequest } from "../../../contracts/shifts.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { authorize, type Membership } from "../../platform/policy/index.ts";
import { NonexistentLocalTimeError, parseCityDateTime } from "../../platform/time.ts";
import { findOpportunity } from "./find-opportunity.ts";
import { hostOf } from "./hosts.ts";
import { forgetListings } from "./list-opportunities.ts";
import { opportunities, shiftNotices, shifts, signups } from "./schema.ts";
import { promoteFromWaitlist } from "./waitlist.ts";

/**
 * Staff create, change and cancel shifts. Every volunteer holding or waiting for a place hears of a
 * change of time or a cancellation; a volunteer whose moved shift now clashes with another of their
 * confirmed shifts loses the moved place (and is told), since nobody holds two places at once.
 */

type StaffContext = OperationContext & { membership: Membership };

const longestShiftHours = 7 * 24;

function readTime(value: string, field: string, timeZone: string): Date {
  try {
    return parseCityDateTime(value, timeZone);
  } catch (error) {
    if (error instanceof NonexistentLocalTimeError) throw new InvalidInputError([{ field, messageKey: "errors.shifts.timeSkipped" }]);
    throw new InvalidInputError([{ field, messageKey: "errors.field.date" }]);
  }
}

function checkTimes(startsAt: Date, endsAt: Date, now = new Date()): void {
  const problems: FieldProblem[] = [];
  if (startsAt <= now) problems.push({ field: "startsAt", messageKey: "errors.shifts.startInPast" });
  if (endsAt <= startsAt) problems.push({ field: "endsAt", messageKey: "errors.shifts.endBeforeStart" });
  else if (endsAt.getTime() - startsAt.getTime() > longestShiftHours * 3_600_000)
    problems.push({ field: "endsAt", messageKey: "errors.shifts.tooLong", params: { days: longestShiftHours / 24 } });
  if (problems.length) throw new InvalidInputError(problems);
}

async function shiftWithAgency(ctx: OperationContext, shiftId: string) {
  const [row] = await ctx.db
    .select({ shift: shifts, agencyId: opportunities.agencyId, groupId: opportunities.groupId, title: opportunities.title })
    .from(shifts)
    .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
    .where(and(eq(shifts.cityId, ctx.city.id), eq(shifts.id, shiftId)));
  if (!row) throw new NotFoundError("errors.shifts.notFound");
  return row;
}

export async function createShift(ctx: StaffContext, opportunityId: string, input: z.output<typeof createShiftRequest>) {
  const opportunity = await findOpportunity(ctx.db, ctx.city.id, opportunityId);
  if (!opportunity) throw new NotFoundError("errors.opportunities.notFound");
  authorize(ctx.membership, "opportunities.manage", hostOf(opportunity));
  const startsAt = readTime(input.startsAt, "startsAt", ctx.city.timeZone);
  const endsAt = readTime(input.endsAt, "endsAt", ctx.city.timeZone);
  checkTimes(startsAt, endsAt);
  const created = await ctx.db.transaction(async (tx) => {
    const [shift] = await tx
      .insert(shifts)
      .values({ cityId: ctx.city.id, opportunityId, startsAt, endsAt, capacity: input.capacity, waitlistEnabled: input.waitlistEnabled, note: input.note })
      .returning();
    if (!shift) throw new Error("insert returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "shift.created",
      targetType: "shift",
      targetId: shift.id,
      after: shift,
      requestId: ctx.requestId,
    });
    return shift;
  });
  forgetListings(ctx.city.id);
  return created;
}

export async function updateShift(ctx: StaffContext, shiftId: string, input: z.output<typeof updateShiftRequest>) {
  const { shift: current, agencyId, groupId } = await shiftWithAgency(ctx, shiftId);
  authorize(ctx.membership, "opportunities.manage", { agencyId, groupId });
  if (current.status === "cancelled") throw new ConflictError("errors.shifts.cancelled");
  const startsAt = input.startsAt ? readTime(input.startsAt, "startsAt", ctx.city.timeZone) : current.startsAt;
  const endsAt = input.endsAt ? readTime(input.endsAt, "endsAt", ctx.city.timeZone) : current.endsAt;
  const moved = startsAt.getTime() !== current.startsAt.getTime() || endsAt.getTime() !== current.endsAt.getTime();
  if (moved) checkTimes(startsAt, endsAt);

  const result = await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(shifts).where(eq(shifts.id, shiftId)).for("update");
    if (!before) throw new NotFoundError("errors.shifts.notFound");
    const capacity = input.capacity ?? before.capacity;
    if (capacity < before.confirmedCount) {
      throw new ConflictError("errors.shifts.capacityBelowConfirmed", { confirmed: before.confirmedCount }, [
        { field: "capacity", messageKey: "errors.shifts.capacityBelowConfirmed", params: { confirmed: before.confirmedCount } },
      ]);
    }
    let bumped: string[] = [];
    if (moved) {
      // Confirmed places that would now overlap another confirmed shift of the same volunteer.
      const clashing = await tx.execute<{ id: string }>(sql`
        select mine.id from signups mine
        where mine.shift_id = ${shiftId} and mine.status = 'confirmed'
          and exists (select 1 from signups other
                      where other.volunteer_id = mine.volunteer_id and other.status = 'confirmed' and other.shift_id <> ${shiftId}
                        and tstzrange(other.starts_at, other.ends_at) && tstzrange(${startsAt}, ${endsAt}))`);
      bumped = clashing.rows.map((row) => row.id);
      if (bumped.length > 0) {
        await tx.update(signups).set({ status: "cancelled", cancelledAt: new Date(), cancelledBecause: "moved-clash" }).where(inArray(signups.id, bumped));
        await tx
          .insert(shiftNotices)
          .values(bumped.map((signupId) => ({ cityId: ctx.city.id, signupId, kind: "moved-clash", details: { from: before.startsAt.toISOString() } })));
      }
      await tx
        .update(signups)
        .set({ startsAt, endsAt })
        .where(and(eq(signups.shiftId, shiftId), ne(signups.status, "cancelled")));
      const told = await tx
        .select({ id: signups.id })
        .from(signups)
        .where(and(eq(signups.shiftId, shiftId), inArray(signups.status, ["confirmed", "waitlisted"])));
      if (told.length > 0) {
        await tx.insert(shiftNotices).values(
          told.map((row) => ({
            cityId: ctx.city.id,
            signupId: row.id,
            kind: "shift-changed",
            details: { fromStartsAt: before.startsAt.toISOString(), fromEndsAt: before.endsAt.toISOString() },
          })),
        );
      }
    }
    const [after] = await tx
      .update(shifts)
      .set({
        startsAt,
        endsAt,
        capacity,
        confirmedCount: before.confirmedCount - bumped.length,
        ...(input.waitlistEnabled !== undefined && { waitlistEnabled: input.waitlistEnabled }),
        ...(input.note !== undefined && { note: input.note }),
      })
      .where(eq(shifts.id, shiftId))
      .returning();
    const promoted = await promoteFromWaitlist(tx, shiftId);
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "shift.updated",
      targetType: "shift",
      targetId: shiftId,
      before,
      after,
      requestId: ctx.requestId,
    });
    return { shift: after ?? before, bumped: bumped.length, promoted: promoted.length };
  });
  forgetListings(ctx.city.id);
  return result;
}

export async function cancelShift(ctx: StaffContext, shiftId: string, reason: string) {
  const { agencyId, groupId } = await shiftWithAgency(ctx, shiftId);
  authorize(ctx.membership, "opportunities.manage", { agencyId, groupId });
  const result = await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(shifts).where(eq(shifts.id, shiftId)).for("update");
    if (!before) throw new NotFoundError("errors.shifts.notFound");
    if (before.status === "cancelled") return { shift: before, told: 0 };
    const holders = await tx
      .update(signups)
      .set({ status: "cancelled", cancelledAt: new Date(), cancelledBecause: "shift-cancelled" })
      .where(and(eq(signups.shiftId, shiftId), inArray(signups.status, ["confirmed", "waitlisted"])))
      .returning({ id: signups.id });
    if (holders.length > 0) {
      await tx.insert(shiftNotices).values(holders.map((row) => ({ cityId: ctx.city.id, signupId: row.id, kind: "shift-cancelled", details: { reason } })));
    }
    const [after] = await tx
      .update(shifts)
      .set({ status: "cancelled", cancelledAt: new Date(), cancellationReason: reason, confirmedCount: 0 })
      .where(eq(shifts.id, shiftId))
      .returning();
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "shift.cancelled",
      targetType: "shift",
      targetId: shiftId,
      before: { status: before.status },
      after: { status: "cancelled", reason, volunteersTold: holders.length },
      requestId: ctx.requestId,
    });
    return { shift: after ?? before, told: holders.length };
  });
  forgetListings(ctx.city.id);
  return result;
}
