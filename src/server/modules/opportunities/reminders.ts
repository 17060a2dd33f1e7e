import { sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";

/**
 * Reminders before a shift (by default the day before and two hours before; each city sets its own):
 * for each confirmed place whose reminder time has come, the sign-up is marked and a notice written in
 * one statement, so a reminder is queued exactly once however many job runners there are. A place
 * taken after its reminder time skips that reminder: the confirmation just said the same.
 */
export async function queueDueReminders(db: Database): Promise<number> {
  const first = await db.execute<{ queued: number }>(sql`
    with due as (
      update signups s set first_reminder_sent_at = now()
      from shifts sh left join shift_settings ss on ss.city_id = sh.city_id
      where s.shift_id = sh.id and s.status = 'confirmed' and sh.status = 'scheduled' and s.first_reminder_sent_at is null
        and s.starts_at > now() and s.starts_at <= now() + make_interval(hours => coalesce(ss.first_reminder_hours, 24))
      returning s.id, s.city_id, s.created_at, s.starts_at, coalesce(ss.first_reminder_hours, 24) as hours
    ), queued as (
      insert into shift_notices (city_id, signup_id, kind)
      select city_id, id, 'reminder-first' from due where created_at < starts_at - make_interval(hours => hours)
      returning 1
    )
    select count(*)::int as queued from queued`);
  const second = await db.execute<{ queued: number }>(sql`
    with due as (
      update signups s set second_reminder_sent_at = now()
      from shifts sh left join shift_settings ss on ss.city_id = sh.city_id
      where s.shift_id = sh.id and s.status = 'confirmed' and sh.status = 'scheduled' and s.second_reminder_sent_at is null
        and s.starts_at > now() and s.starts_at <= now() + make_interval(hours => coalesce(ss.second_reminder_hours, 2))
      returning s.id, s.city_id, s.created_at, s.starts_at, coalesce(ss.second_reminder_hours, 2) as hours
    ), queued as (
      insert into shift_notices (city_id, signup_id, kind)
      select city_id, id, 'reminder-second' from due where created_at < starts_at - make_interval(hours => hours)
      returning 1
    )
    select count(*)::int as queued from queued`);
  return (first.rows[0]?.queued ?? 0) + (second.rows[0]?.queued ?? 0);
}
