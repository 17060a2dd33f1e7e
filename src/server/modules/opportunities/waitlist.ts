import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Transaction } from "../../db/connection.ts";
import { shiftNotices, shifts, signups } from "./schema.ts";

/**
 * Fills free places of a shift from its waitlist, first come first served. The caller holds the
 * shift row locked (SELECT … FOR UPDATE), so sign-ups and other cancellations wait their turn.
 * Someone who meanwhile took a confirmed place on an overlapping shift is passed over, and stays
 * waiting in case that changes. Each person promoted is owed a notice, written here.
 */
export async function promoteFromWaitlist(tx: Transaction, shiftId: string): Promise<string[]> {
  const [shift] = await tx.select().from(shifts).where(eq(shifts.id, shiftId));
  if (shift?.status !== "scheduled" || shift.startsAt <= new Date()) return [];
  let free = shift.capacity - shift.confirmedCount;
  if (free <= 0) return [];

  const promoted: string[] = [];
  const waiting = await tx
    .select({ id: signups.id, volunteerId: signups.volunteerId, cityId: signups.cityId })
    .from(signups)
    .where(and(eq(signups.shiftId, shiftId), eq(signups.status, "waitlisted")))
    .orderBy(asc(signups.createdAt), asc(signups.id))
    .for("update");
  for (const candidate of waiting) {
    if (free <= 0) break;
    const [clash] = await tx
      .select({ id: signups.id })
      .from(signups)
      .where(
        and(
          eq(signups.volunteerId, candidate.volunteerId),
          eq(signups.status, "confirmed"),
          ne(signups.shiftId, shiftId),
          sql`tstzrange(${signups.startsAt}, ${signups.endsAt}) && tstzrange(${shift.startsAt}, ${shift.endsAt})`,
        ),
      )
      .limit(1);
    if (clash) continue;
    await tx.update(signups).set({ status: "confirmed", confirmedAt: new Date() }).where(eq(signups.id, candidate.id));
    await tx.insert(shiftNotices).values({ cityId: candidate.cityId, signupId: candidate.id, kind: "promoted" });
    promoted.push(candidate.id);
    free -= 1;
  }
  if (promoted.length > 0) {
    await tx
      .update(shifts)
      .set({ confirmedCount: sql`${shifts.confirmedCount} + ${promoted.length}` })
      .where(eq(shifts.id, shiftId));
  }
  return promoted;
}

/** Position in the waitlist (1 = next to be promoted), or null when the sign-up is not waiting. */
export async function waitlistPosition(db: Pick<Transaction, "execute">, signupId: string): Promise<number | null> {
  const result = await db.execute<{ position: number | null }>(sql`
    select case when mine.status = 'waitlisted' then (
      select count(*)::int + 1 from signups ahead
      where ahead.shift_id = mine.shift_id and ahead.status = 'waitlisted'
        and (ahead.created_at, ahead.id) < (mine.created_at, mine.id)) end as position
    from signups mine where mine.id = ${signupId}`);
  return result.rows[0]?.position ?? null;
}
