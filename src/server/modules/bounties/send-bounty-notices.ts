import { sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { isSupportedLocale, translate } from "../../platform/i18n/index.ts";
import type { Jobs } from "../../platform/jobs/index.ts";
import { type Mailer, renderMail } from "../../platform/mail/index.ts";
import { onBountyNoticesWritten, queueDueSoonNotices } from "./notifications.ts";
import type { BountyNoticeKind, RejectionReason } from "./schema.ts";

/**
 * Sends the notices owed to vendors, each to the vendor's account email in the vendor's language
 * (else the city's), with a link to the bounty. Notices are claimed for two minutes at a time, so
 * several senders never send one twice while it is in hand; a failed send is tried again later, up
 * to five times. An outbid notice says the new lowest amount, never who bid it.
 */

export interface BountyNoticeMessage {
  kind: BountyNoticeKind;
  details: Record<string, unknown>;
  locale: string;
  city: { slug: string; name: string; timeZone: string };
  bounty: { id: string; title: string };
}

function formatMoney(amountMinor: unknown, currency: unknown, locale: string): string {
  const amount = Number(amountMinor) / 100;
  const code = typeof currency === "string" ? currency : "USD";
  return new Intl.NumberFormat(locale, { style: "currency", currency: code }).format(amount);
}

function formatTime(value: unknown, locale: string, timeZone: string): string {
  if (typeof value !== "string" && !(value instanceof Date)) return "";
  const time = new Date(value);
  const zone =
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(time).find((part) => part.type === "timeZoneName")?.value ?? "";
  return `${new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone }).format(time)} ${zone}`.trim();
}

/** Subject and body of one notice; exported for tests. */
export function composeBountyNotice(message: BountyNoticeMessage, publicUrl: string) {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(message.locale, key, params);
  const { details, locale } = message;
  const params = {
    title: message.bounty.title,
    city: message.city.name,
    amount: formatMoney(details.amountMinor, details.currency, locale),
    dueAt: formatTime(details.dueAt, locale, message.city.timeZone),
    paymentReference: String(details.paymentReference ?? ""),
  };
  const kindKey = `mail.bounties.${message.kind}`;
  const paragraphs = [t(`${kindKey}.body`, params)];
  if (message.kind === "rejected" && Array.isArray(details.reasons)) {
    for (const reason of details.reasons as RejectionReason[]) paragraphs.push(`${reason.criterion}: ${reason.reason}`);
    paragraphs.push(t("mail.bounties.rejected.next"));
  }
  const body = renderMail({
    locale,
    heading: t(`${kindKey}.heading`, params),
    paragraphs,
    action: { label: t("mail.bounties.view"), url: `${publicUrl}/${message.city.slug}/bounties/${message.bounty.id}` },
    footer: t("mail.bounties.footer", { city: message.city.name }),
  });
  return { subject: t(`${kindKey}.subject`, params), ...body };
}

const claimStatement = sql`
  update bounty_notices n set attempts = attempts + 1, claimed_until = now() + interval '2 minutes'
  where n.id in (
    select id from bounty_notices
    where sent_at is null and attempts < 5 and (claimed_until is null or claimed_until < now())
    order by created_at
    limit 100
    for update skip locked
  )
  returning n.id`;

export async function sendPendingBountyNotices(db: Database, mailer: Mailer, publicUrl: string): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const claimed = await db.execute<{ id: string }>(claimStatement);
    if (claimed.rows.length === 0) break;
    const ids = claimed.rows.map((row) => row.id);
    const rows = await db.execute<{
      id: string;
      kind: BountyNoticeKind;
      details: Record<string, unknown>;
      email: string | null;
      user_locale: string | null;
      city_id: string;
      city_slug: string;
      city_name: string;
      time_zone: string;
      default_locale: string;
      bounty_id: string;
      title: string;
    }>(sql`
      select n.id, n.kind, n.details, u.email, u.locale as user_locale,
             c.id as city_id, c.slug as city_slug, c.name as city_name, c.time_zone, c.default_locale,
             b.id as bounty_id, b.title
      from bounty_notices n
      join vendors v on v.id = n.vendor_id
      left join users u on u.id = v.user_id
      join cities c on c.id = n.city_id
      join bounties b on b.id = n.bounty_id
      where n.id in ${ids}`);
    for (const row of rows.rows) {
      if (!row.email) {
        // The vendor's account is gone: nobody to tell.
        await db.execute(sql`update bounty_notices set sent_at = now(), last_error = 'no recipient' where id = ${row.id}`);
        continue;
      }
      const locale = isSupportedLocale(row.user_locale) ? row.user_locale : row.default_locale;
      try {
        const mail = composeBountyNotice(
          {
            kind: row.kind,
            details: row.details,
            locale,
            city: { slug: row.city_slug, name: row.city_name, timeZone: row.time_zone },
            bounty: { id: row.bounty_id, title: row.title },
          },
          publicUrl,
        );
        await mailer.send({ cityId: row.city_id, kind: `bounty-${row.kind}`, to: row.email, messageId: `bounty-notice-${row.id}@civitas`, ...mail });
        await db.execute(sql`update bounty_notices set sent_at = now(), last_error = null where id = ${row.id}`);
        sent += 1;
      } catch (error) {
        await db.execute(
          sql`update bounty_notices set last_error = ${String((error as Error).message ?? error).slice(0, 500)}, claimed_until = null where id = ${row.id}`,
        );
        failed += 1;
      }
    }
  }
  return { sent, failed };
}

export const sendBountyNoticesQueue = "bounties.send-notices";
export const queueDueSoonQueue = "bounties.queue-due-soon";

/**
 * Notices go out every minute and, after a change, within about a second: writing a notice asks for
 * one run at most once a second, however many arrive. The short wait lets the writing transaction
 * commit first; a notice not yet visible then goes out at the next minute.
 */
export function defineBountyNoticeJobs(jobs: Jobs, deps: { db: Database; mailer: Mailer; publicUrl: string }): void {
  jobs.define<Record<string, never>>({
    name: sendBountyNoticesQueue,
    schedule: "* * * * *",
    retryLimit: 1,
    pollingIntervalSeconds: 0.5,
    handle: async () => {
      await sendPendingBountyNotices(deps.db, deps.mailer, deps.publicUrl);
    },
  });
  jobs.define<Record<string, never>>({
    name: queueDueSoonQueue,
    schedule: "* * * * *",
    retryLimit: 1,
    handle: async () => {
      if ((await queueDueSoonNotices(deps.db)) > 0) await sendPendingBountyNotices(deps.db, deps.mailer, deps.publicUrl);
    },
  });
  let pending: ReturnType<typeof setTimeout> | null = null;
  onBountyNoticesWritten(() => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      jobs.send(sendBountyNoticesQueue, {}, { singletonKey: "now", singletonSeconds: 1 }).catch(() => {
        // The every-minute run sends them anyway.
      });
    }, 500);
    pending.unref();
  });
}
