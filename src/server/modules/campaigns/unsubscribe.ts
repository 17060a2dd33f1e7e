import { sql } from "drizzle-orm";
import type { UnsubscribeStatusView } from "../../../contracts/campaigns.ts";
import type { Database } from "../../db/connection.ts";
import { withdrawConsent } from "../volunteers/index.ts";
import { parseLinkToken } from "./link-token.ts";

/**
 * The unsubscribe link of a campaign message. Its token is the only key: whoever holds the message
 * may unsubscribe its recipient, and learns which city and campaign it came from, never who the
 * recipient is. Unsubscribing withdraws the recipient's consent for the campaign's channel (email or
 * SMS), so no later campaign reaches them there; doing it twice changes nothing the second time.
 */

interface RecipientOfToken {
  id: string;
  volunteer_id: string;
  unsubscribed_at: Date | null;
  campaign_name: string;
  channel: "email" | "sms";
  city_name: string;
  city_slug: string;
  consent: boolean | null;
}

// The consent shown is the volunteer's current one, read with the recipient in one statement.
const recipientOfToken = (link: { recipientId: string; secret: string }, lock: boolean) => sql`
  select r.id, r.volunteer_id, r.unsubscribed_at, k.name as campaign_name, k.channel, c.name as city_name, c.slug as city_slug,
         case when p.erased_at is not null then false when k.channel = 'email' then p.consent_email else p.consent_sms end as consent
  from campaign_recipients r
  join campaigns k on k.id = r.campaign_id
  join cities c on c.id = r.city_id
  left join volunteer_profiles p on p.id = r.volunteer_id
  where r.id = ${link.recipientId}::uuid and r.token = ${link.secret}
  ${lock ? sql`for update of r` : sql``}`;

function present(row: RecipientOfToken, unsubscribed: boolean): UnsubscribeStatusView {
  return { cityName: row.city_name, citySlug: row.city_slug, campaignName: row.campaign_name, channel: row.channel, unsubscribed };
}

export async function findUnsubscribeStatus(db: Database, token: string): Promise<UnsubscribeStatusView | null> {
  const link = parseLinkToken(token);
  if (!link) return null;
  const result = await db.execute<RecipientOfToken & Record<string, unknown>>(recipientOfToken(link, false));
  const row = result.rows[0];
  if (!row) return null;
  return present(row, row.unsubscribed_at !== null || row.consent !== true);
}

export async function unsubscribeByToken(db: Database, token: string, requestId: string | null): Promise<UnsubscribeStatusView | null> {
  const link = parseLinkToken(token);
  if (!link) return null;
  return db.transaction(async (tx) => {
    const result = await tx.execute<RecipientOfToken & Record<string, unknown>>(recipientOfToken(link, true));
    const row = result.rows[0];
    if (!row) return null;
    await withdrawConsent(tx, { volunteerId: row.volunteer_id, channel: row.channel, source: "unsubscribe link", requestId });
    if (!row.unsubscribed_at) await tx.execute(sql`update campaign_recipients set unsubscribed_at = now() where id = ${row.id}`);
    return present(row, true);
  });
}
