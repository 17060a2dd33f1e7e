import { sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { isSupportedLocale, translate } from "../../platform/i18n/index.ts";
import { type Mailer, renderMail } from "../../platform/mail/index.ts";
import { calendarOf } from "./calendar.ts";

/**
 * Sends the notices owed to volunteers (confirmed, waitlisted, promoted, shift changed or cancelled,
 * reminders), each in the volunteer's language with the shift as an .ics attachment. Notices are
 * claimed for two minutes at a time, so several senders never send one twice while it is in hand;
 * a failed send is tried again later, up to five times.
 */

export interface NoticeMessage {
  kind: string;
  details: Record<string, unknown>;
  signupId: string;
  status: string;
  email: string;
  name: string;
  locale: string;
  city: { id: string; slug: string; name: string; timeZone: string };
  title: string;
  startsAt: Date;
  endsAt: Date;
  address: string | null;
  remote: boolean;
  note: string;
}

export function formatShiftTime(startsAt: Date, endsAt: Date, locale: string, timeZone: string): string {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone }).format(startsAt);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone });
  const zone =
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(startsAt).find((part) => part.type === "timeZoneName")?.value ?? "";
  return `${day}, ${time.format(startsAt)}–${time.format(endsAt)} ${zone}`.trim();
}

/** Subject and body of one notice; exported for tests and for the reminder job. */
export function composeNotice(message: NoticeMessage, publicUrl: string) {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(message.locale, key, params);
  const when = formatShiftTime(message.startsAt, message.endsAt, message.locale, message.city.timeZone);
  const where = message.remote ? t("mail.shifts.remote") : (message.address ?? "");
  const previousWhen =
    typeof message.details.fromStartsAt === "string" && typeof message.details.fromEndsAt === "string"
      ? formatShiftTime(new Date(message.details.fromStartsAt), new Date(message.details.fromEndsAt), message.locale, message.city.timeZone)
      : "";
  const params = { title: message.title, when, where, city: message.city.name, name: message.name, previousWhen, reason: String(message.details.reason ?? "") };
  const kindKey = `mail.shifts.${message.kind}`;
  const paragraphs = [t(`${kindKey}.body`, params), `${t("mail.shifts.when")}: ${when}`, `${t("mail.shifts.where")}: ${where}`];
  if (message.note) paragraphs.push(message.note);
  if (params.reason && (message.kind === "shift-cancelled" || message.kind === "cancelled-by-staff"))
    paragraphs.push(`${t("mail.shifts.reason")}: ${params.reason}`);
  const myShifts = `${publicUrl}/${message.city.slug}/my-shifts`;
  const body = renderMail({
    locale: message.locale,
    heading: t(`${kindKey}.heading`, params),
    paragraphs,
    action: { label: t("mail.shifts.manage"), url: myShifts },
    footer: t("mail.shifts.footer", { city: message.city.name }),
  });
  const cancelled = ["shift-cancelled", "moved-clash", "cancelled-by-staff"].includes(message.kind);
  const ics = calendarOf(
    message.title,
    [
      {
        signupId: message.signupId,
        title: message.title,
        startsAt: message.startsAt,
        endsAt: message.endsAt,
        location: message.remote ? null : message.address,
        description: message.note,
        url: myShifts,
        cancelled,
      },
    ],
    publicUrl,
  );
  return {
    subject: t(`${kindKey}.subject`, params),
    ...body,
    attachments: [{ filename: "shift.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH", content: ics }],
  };
}

const claimStatement = sql`
  update shift_notices n set attempts = attempts + 1, claimed_until = now() + interval '2 minutes'
  where n.id in (
    select id from shift_notices
    where sent_at is null and attempts < 5 and (claimed_until is null or claimed_until < now())
    order by created_at
    limit 100
    for update skip locked
  )
  returning n.id`;

export async function sendPendingNotices(db: Database, mailer: Mailer, publicUrl: string): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const claimed = await db.execute<{ id: string }>(claimStatement);
    if (claimed.rows.length === 0) break;
    const ids = claimed.rows.map((row) => row.id);
    const rows = await db.execute<{
      id: string;
      kind: string;
      details: Record<string, unknown>;
      signup_id: string;
      status: string;
      email: string | null;
      name: string | null;
      user_locale: string | null;
      city_id: string;
      city_slug: string;
      city_name: string;
      time_zone: string;
      default_locale: string;
      title: string;
      starts_at: Date;
      ends_at: Date;
      address: string | null;
      location_kind: string;
      note: string;
    }>(sql`
      select n.id, n.kind, n.details, n.signup_id, s.status, u.email, u.name, u.locale as user_locale,
             c.id as city_id, c.slug as city_slug, c.name as city_name, c.time_zone, c.default_locale,
             o.title, sh.starts_at, sh.ends_at, o.address, o.location_kind, sh.note
      from shift_notices n
      join signups s on s.id = n.signup_id
      join shifts sh on sh.id = s.shift_id
      join opportunities o on o.id = sh.opportunity_id
      join volunteer_profiles p on p.id = s.volunteer_id
      left join users u on u.id = p.user_id
      join cities c on c.id = n.city_id
      where n.id in ${ids}`);
    for (const row of rows.rows) {
      if (!row.email) {
        // The person deleted their account: nobody to tell.
        await db.execute(sql`update shift_notices set sent_at = now(), last_error = 'no recipient' where id = ${row.id}`);
        continue;
      }
      const locale = isSupportedLocale(row.user_locale) ? row.user_locale : row.default_locale;
      try {
        const mail = composeNotice(
          {
            kind: row.kind,
            details: row.details,
            signupId: row.signup_id,
            status: row.status,
            email: row.email,
            name: row.name ?? "",
            locale,
            city: { id: row.city_id, slug: row.city_slug, name: row.city_name, timeZone: row.time_zone },
            title: row.title,
            startsAt: new Date(row.starts_at),
            endsAt: new Date(row.ends_at),
            address: row.address,
            remote: row.location_kind === "remote",
            note: row.note,
          },
          publicUrl,
        );
        await mailer.send({ cityId: row.city_id, kind: `shift-${row.kind}`, to: row.email, ...mail });
        await db.execute(sql`update shift_notices set sent_at = now(), last_error = null where id = ${row.id}`);
        sent += 1;
      } catch (error) {
        await db.execute(
          sql`update shift_notices set last_error = ${String((error as Error).message ?? error).slice(0, 500)}, claimed_until = null where id = ${row.id}`,
        );
        failed += 1;
      }
    }
  }
  return { sent, failed };
}
