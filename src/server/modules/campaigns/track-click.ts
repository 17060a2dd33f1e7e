import { sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { parseLinkToken } from "./link-token.ts";

/**
 * A click on the tracked link of a campaign message: counted on the recipient's row (the first
 * click's time, and how many), then the person goes on to the opportunity. The address they are
 * sent to names the campaign, for the sign-up funnel, and nothing about them.
 */
export async function trackClick(db: Database, token: string, publicUrl: string): Promise<{ location: string } | null> {
  const link = parseLinkToken(token);
  if (!link) return null;
  const result = await db.execute<{ campaign_id: string; opportunity_id: string | null; city_slug: string }>(sql`
    update campaign_recipients r
    set first_clicked_at = coalesce(r.first_clicked_at, now()), click_count = r.click_count + 1
    from campaigns k, cities c
    where r.id = ${link.recipientId}::uuid and r.token = ${link.secret} and k.id = r.campaign_id and c.id = r.city_id
    returning k.id as campaign_id, k.opportunity_id, c.slug as city_slug`);
  const row = result.rows[0];
  if (!row) return null;
  const base = publicUrl.replace(/\/$/, "");
  const path = row.opportunity_id ? `/${row.city_slug}/opportunities/${row.opportunity_id}` : `/${row.city_slug}/opportunities`;
  return { location: `${base}${path}?campaign=${encodeURIComponent(row.campaign_id)}` };
}
