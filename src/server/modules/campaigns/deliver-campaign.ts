import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { Database } from "../../db/connection.ts";
import { isSupportedLocale } from "../../platform/i18n/index.ts";
import { describeMailFailure, isPermanentMailFailure, type Mailer } from "../../platform/mail/index.ts";
import { composeCampaignMessage } from "./compose-message.ts";
import type { CampaignMessages } from "./schema.ts";
import type { SmsProvider } from "./sms.ts";

/**
 * Sends a campaign's queued recipients. Senders claim recipients in batches with a lease
 * (`lease_until`), so any number of senders can work on one campaign without two holding the same
 * person, and a sender that dies leaves its batch to be taken again once the lease runs out.
 *
 * Each recipient is marked sent right after the mail server has accepted their message (the marks
 * of messages accepted within the same few milliseconds share one statement), and only while still
 * queued. The one window that remains is between the server's acceptance and that mark: a sender
 * killed inside it leaves those recipients queued (at most the CAMPAIGN_CONCURRENCY messages it had
 * in flight), and whoever resumes sends them the same message again, with the same Message-ID
 * (derived from the recipient's row), by which receiving servers and mail clients can tell it is a
 * copy. No recipient is ever sent two different messages, and nobody marked sent is sent again.
 *
 * Contact details and consent are read at send time, not when the campaign was queued: someone who
 * unsubscribed, withdrew consent or deleted their account since is skipped, never sent to.
 */

export interface CampaignDeliverySettings {
  ratePerMinute: number;
  retrySeconds: number;
  maxAttempts: number;
  leaseSeconds: number;
  concurrency: number;
}

export interface CampaignDeliveryDeps {
  db: Database;
  /** The same database's pool, for the few hot statements, prepared once per connection. */
  pool: pg.Pool;
  mailer: Mailer;
  sms: SmsProvider;
  publicUrl: string;
  settings: CampaignDeliverySettings;
  /** Shared by every campaign a process sends, so the rate holds for the process as a whole. */
  throttle: Throttle;
}

export interface DeliveryOutcome {
  sent: number;
  failed: number;
  skipped: number;
  retried: number;
  /** The campaign has nothing left queued and is marked sent (or it is not being sent at all). */
  finished: boolean;
  /** When something still queued can next be tried (a retry's time, or another sender's lease running out). */
  nextAttemptAt: Date | null;
}

/**
 * The SMTP connections a campaign sender keeps open: half as many as messages in flight (each
 * connection has one message in hand while the next waits), at most 20, which relays accept.
 * `?pool=` in SMTP_URL overrides it.
 */
export function campaignMailPool(settings: Pick<CampaignDeliverySettings, "concurrency">) {
  return { maxConnections: Math.max(1, Math.min(20, Math.ceil(settings.concurrency / 2))), maxMessages: 10_000 };
}

/** Paces sends to a rate: each caller waits for its slot. */
export interface Throttle {
  take(): Promise<void>;
}

export function createThrottle(ratePerMinute: number): Throttle {
  const interval = 60_000 / ratePerMinute;
  let next = 0;
  return {
    async take() {
      const now = performance.now();
      const slot = Math.max(now, next);
      next = slot + interval;
      const wait = slot - now;
      // Below a millisecond a timer cannot wait precisely; the slot is still reserved, so the average holds.
      if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

interface ClaimedRecipient {
  id: string;
  language: string;
  token: string;
  attempts: number;
  email: string | null;
  name: string | null;
  phone: string | null;
  consent_email: boolean;
  consent_sms: boolean;
  erased_at: Date | null;
}

// The claim: a batch of queued recipients that nobody holds and that are due, leased to this sender;
// then each one's current address, name and consent. A pass goes through the campaign in id order
// from where its last batch ended, so it does not walk again over the entries of those already sent.
const claimStatement = `
  with claimed as (
    update campaign_recipients r set lease_until = now() + make_interval(secs => $3::double precision)
    where r.id in (
      select q.id from campaign_recipients q
      where q.campaign_id = $1 and q.status = 'queued' and q.id > $4::uuid
        and (q.lease_until is null or q.lease_until < now())
        and (q.next_attempt_at is null or q.next_attempt_at <= now())
      order by q.id
      limit $2
      for update skip locked)
    and exists (select 1 from campaigns c where c.id = $1 and c.status = 'sending')
    returning r.id, r.volunteer_id, r.language, r.token, r.attempts
  )
  select c.id, c.language, c.token, c.attempts, u.email, u.name, p.phone, p.consent_email, p.consent_sms, p.erased_at
  from claimed c
  join volunteer_profiles p on p.id = c.volunteer_id
  left join users u on u.id = p.user_id
  order by c.id`;

// Recipients whose messages were accepted in the same few milliseconds are marked in one statement.
const markSentStatement = `
  update campaign_recipients r set status = 'sent', message_id = accepted.reference, sent_at = now(), lease_until = null, last_error = null
  from unnest($1::uuid[], $2::text[]) as accepted(id, reference)
  where r.id = accepted.id and r.status = 'queued'`;

const markSkippedStatement = `
  update campaign_recipients set status = 'skipped', lease_until = null, last_error = $2
  where id = any($1::uuid[]) and status = 'queued'`;

const markFailedStatement = `
  update campaign_recipients set status = 'failed', attempts = attempts + 1, failed_at = now(), lease_until = null, last_error = $2
  where id = $1 and status = 'queued'`;

const markRetryStatement = `
  update campaign_recipients set attempts = attempts + 1, lease_until = null, last_error = $2,
         next_attempt_at = now() + make_interval(secs => $3::double precision)
  where id = $1 and status = 'queued'`;

const remainingStatement = `
  select count(*)::int as queued, min(greatest(coalesce(next_attempt_at, now()), coalesce(lease_until, now()))) as next_at
  from campaign_recipients where campaign_id = $1 and status = 'queued'`;

const finishStatement = `
  update campaigns set status = 'sent', finished_at = now(), updated_at = now()
  where id = $1 and status = 'sending'
    and not exists (select 1 from campaign_recipients where campaign_id = $1 and status = 'queued')`;

/** Longest wait between two tries of one recipient, however many failures came before. */
const maxRetryDelaySeconds = 6 * 3600;

export async function deliverCampaign(
  deps: CampaignDeliveryDeps,
  campaignId: string,
  options: { maxSeconds?: number; batchSize?: number; waitForRetriesSeconds?: number } = {},
): Promise<DeliveryOutcome> {
  const pool = deps.pool;
  const outcome: DeliveryOutcome = { sent: 0, failed: 0, skipped: 0, retried: 0, finished: false, nextAttemptAt: null };
  const campaignRows = await pool.query<{
    id: string;
    name: string;
    channel: "email" | "sms";
    messages: CampaignMessages;
    opportunity_id: string | null;
    status: string;
    city_id: string;
    city_slug: string;
    city_name: string;
    default_locale: string;
  }>(
    `select k.id, k.name, k.channel, k.messages, k.opportunity_id, k.status, c.id as city_id, c.slug as city_slug, c.name as city_name, c.default_locale
     from campaigns k join cities c on c.id = k.city_id where k.id = $1`,
    [campaignId],
  );
  const campaign = campaignRows.rows[0];
  if (campaign?.status !== "sending") {
    outcome.finished = true;
    return outcome;
  }
  const city = { name: campaign.city_name, slug: campaign.city_slug, defaultLocale: campaign.default_locale };
  const composedCampaign = {
    id: campaign.id,
    name: campaign.name,
    channel: campaign.channel,
    messages: campaign.messages,
    opportunityId: campaign.opportunity_id,
  };
  const { settings } = deps;
  const batchSize = options.batchSize ?? Math.max(50, settings.concurrency * 8);
  const deadline = performance.now() + (options.maxSeconds ?? 300) * 1000;
  const waitForRetries = (options.waitForRetriesSeconds ?? 5) * 1000;

  const reachable = (row: ClaimedRecipient): string | null => {
    if (row.erased_at) return "erased";
    if (campaign.channel === "email") {
      if (!row.email || /\.invalid$/i.test(row.email)) return "no email address";
      if (!row.consent_email) return "no consent for email";
    } else {
      if (!row.phone) return "no phone number";
      if (!row.consent_sms) return "no consent for text messages";
    }
    return null;
  };

  // Marking sent, right after acceptance: each sender waits for its recipient's mark, and the marks
  // of messages accepted at about the same time share one statement (at most a few milliseconds apart).
  let accepted: { id: string; reference: string; done: (error?: unknown) => void }[] = [];
  let acceptedTimer: ReturnType<typeof setTimeout> | null = null;
  const flushAccepted = () => {
    if (acceptedTimer) clearTimeout(acceptedTimer);
    acceptedTimer = null;
    const group = accepted;
    accepted = [];
    if (group.length === 0) return;
    pool.query({ name: "campaign-mark-sent", text: markSentStatement, values: [group.map((item) => item.id), group.map((item) => item.reference)] }).then(
      () => {
        for (const item of group) item.done();
      },
      (error: unknown) => {
        for (const item of group) item.done(error);
      },
    );
  };
  const markSent = (id: string, reference: string) =>
    new Promise<void>((resolve, reject) => {
      accepted.push({ id, reference, done: (error) => (error ? reject(error) : resolve()) });
      if (accepted.length >= Math.max(1, Math.floor(settings.concurrency / 2))) flushAccepted();
      else acceptedTimer ??= setTimeout(flushAccepted, 5);
    });

  const sendOne = async (row: ClaimedRecipient) => {
    const message = composeCampaignMessage({
      city,
      campaign: composedCampaign,
      recipient: { id: row.id, name: row.name ?? "", language: isSupportedLocale(row.language) ? row.language : city.defaultLocale, token: row.token },
      publicUrl: deps.publicUrl,
    });
    await deps.throttle.take();
    try {
      let reference = message.messageId;
      if (campaign.channel === "email") {
        await deps.mailer.send({
          cityId: campaign.city_id,
          kind: "campaign",
          to: row.email ?? "",
          subject: message.subject,
          text: message.text,
          html: message.html ?? undefined,
          headers: message.headers,
          messageId: message.messageId,
          fromName: city.name,
        });
      } else {
        reference = (await deps.sms.send({ to: row.phone ?? "", text: message.text, reference: message.messageId, cityId: campaign.city_id })).id;
      }
      await markSent(row.id, reference);
      outcome.sent += 1;
    } catch (error) {
      const reason = describeMailFailure(error);
      const permanent = isPermanentMailFailure(error) || (error as { permanent?: unknown }).permanent === true;
      if (permanent || row.attempts + 1 >= settings.maxAttempts) {
        await pool.query({ name: "campaign-mark-failed", text: markFailedStatement, values: [row.id, reason] });
        outcome.failed += 1;
      } else {
        const delay = Math.min(maxRetryDelaySeconds, settings.retrySeconds * 2 ** row.attempts);
        await pool.query({ name: "campaign-mark-retry", text: markRetryStatement, values: [row.id, reason, delay] });
        outcome.retried += 1;
      }
    }
  };

  // Recipients flow from claimed batches to a fixed number of senders working at once.
  const passStart = "00000000-0000-0000-0000-000000000000";
  let passCursor = passStart;
  let buffer: ClaimedRecipient[] = [];
  let claiming: Promise<void> | null = null;
  let exhausted = false;
  const claim = async () => {
    if (performance.now() > deadline) {
      exhausted = true;
      return;
    }
    const claimed = await pool.query<ClaimedRecipient>({
      name: "campaign-claim",
      text: claimStatement,
      values: [campaignId, batchSize, settings.leaseSeconds, passCursor],
    });
    const last = claimed.rows.at(-1);
    if (last) passCursor = last.id;
    const unreachable: string[] = [];
    const reasons: string[] = [];
    for (const row of claimed.rows) {
      const reason = reachable(row);
      if (reason) {
        unreachable.push(row.id);
        reasons.push(reason);
      } else buffer.push(row);
    }
    if (unreachable.length > 0) {
      await pool.query({ name: "campaign-mark-skipped", text: markSkippedStatement, values: [unreachable, [...new Set(reasons)].join("; ")] });
      outcome.skipped += unreachable.length;
    }
    if (claimed.rows.length === 0) exhausted = true;
  };
  const claimMore = () => {
    claiming ??= claim().finally(() => {
      claiming = null;
    });
    return claiming;
  };
  const nextRecipient = async (): Promise<ClaimedRecipient | null> => {
    for (;;) {
      const row = buffer.shift();
      // The next batch is claimed while the last of this one are still being sent.
      if (row && buffer.length < settings.concurrency && !exhausted) claimMore().catch(() => {});
      if (row) return row;
      if (exhausted) return null;
      await claimMore();
    }
  };
  const worker = async () => {
    for (let row = await nextRecipient(); row; row = await nextRecipient()) await sendOne(row);
  };

  for (;;) {
    buffer = [];
    exhausted = false;
    passCursor = passStart;
    await Promise.all(Array.from({ length: settings.concurrency }, worker));
    const remaining = await pool.query<{ queued: number; next_at: Date | null }>(remainingStatement, [campaignId]);
    const left = remaining.rows[0];
    if (!left || left.queued === 0) {
      await pool.query(finishStatement, [campaignId]);
      outcome.finished = true;
      outcome.nextAttemptAt = null;
      return outcome;
    }
    outcome.nextAttemptAt = left.next_at ? new Date(left.next_at) : new Date();
    const status = await pool.query<{ status: string }>("select status from campaigns where id = $1", [campaignId]);
    if (status.rows[0]?.status !== "sending") {
      outcome.finished = true;
      outcome.nextAttemptAt = null;
      return outcome;
    }
    // A retry due in a moment is waited for here; anything later is left to a job at that time.
    const wait = outcome.nextAttemptAt.getTime() - Date.now();
    if (wait > waitForRetries || performance.now() + wait > deadline) return outcome;
    await new Promise((resolve) => setTimeout(resolve, Math.max(50, wait + 20)));
  }
}
