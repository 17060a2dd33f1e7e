import { and, desc, eq, sql } from "drizzle-orm";
import type { CampaignFunnelView, CampaignSummaryView, CampaignView } from "../../../contracts/campaigns.ts";
import type { Executor } from "../../db/connection.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import { opportunities } from "../opportunities/index.ts";
import { presentAudience } from "./audience.ts";
import { campaigns } from "./schema.ts";
import type { Campaign } from "./send-campaign.ts";

export async function listCampaigns(db: Executor, cityId: string): Promise<Campaign[]> {
  return db.select().from(campaigns).where(eq(campaigns.cityId, cityId)).orderBy(desc(campaigns.createdAt), desc(campaigns.id)).limit(500);
}

export async function findCampaign(db: Executor, cityId: string, campaignId: string): Promise<Campaign | null> {
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.cityId, cityId), eq(campaigns.id, campaignId)))
    .limit(1);
  return campaign ?? null;
}

/**
 * A campaign of this city, locked until the transaction ends, for a change allowed only in some
 * statuses: not found when it is not the city's, a conflict with `conflictKey` when its status is not
 * one of `statuses`.
 */
export async function lockCampaign(
  tx: Executor,
  cityId: string,
  campaignId: string,
  statuses: readonly Campaign["status"][],
  conflictKey: string,
): Promise<Campaign> {
  const [campaign] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.cityId, cityId), eq(campaigns.id, campaignId)))
    .for("update");
  if (!campaign) throw new NotFoundError("errors.campaigns.notFound");
  if (!statuses.includes(campaign.status)) throw new ConflictError(conflictKey);
  return campaign;
}

/**
 * Recipients with what came of the message. A sign-up counts for the campaign when it is for a shift
 * of the campaign's opportunity and was made after the message was sent to that volunteer (cancelled
 * later or not: it happened); attended is such a sign-up checked in. Worked out when read, so the
 * sign-up path knows nothing of campaigns.
 */
export function attributedRecipients(campaignId: string, opportunityId: string | null) {
  return sql`
    select r.*, coalesce(a.signed_up, false) as signed_up, coalesce(a.attended, false) as attended
    from campaign_recipients r
    left join (
      select r2.id, true as signed_up, bool_or(s.checked_in_at is not null) as attended
      from shifts sh
      join signups s on s.shift_id = sh.id
      join campaign_recipients r2 on r2.campaign_id = ${campaignId}::uuid and r2.volunteer_id = s.volunteer_id
      where sh.opportunity_id = ${opportunityId}::uuid and r2.sent_at is not null and s.created_at > r2.sent_at
      group by r2.id
    ) a on a.id = r.id
    where r.campaign_id = ${campaignId}::uuid`;
}

export async function campaignFunnel(db: Executor, campaign: Campaign): Promise<CampaignFunnelView> {
  const result = await db.execute<Record<keyof CampaignFunnelView, number>>(sql`
    select count(*)::int as "queued",
      count(*) filter (where x.status = 'sent')::int as "sent",
      count(*) filter (where x.status = 'failed')::int as "failed",
      count(*) filter (where x.first_clicked_at is not null)::int as "clicked",
      count(*) filter (where x.signed_up)::int as "signedUp",
      count(*) filter (where x.attended)::int as "attended",
      count(*) filter (where x.unsubscribed_at is not null)::int as "unsubscribed"
    from (${attributedRecipients(campaign.id, campaign.opportunityId)}) x`);
  const row = result.rows[0];
  return {
    queued: Number(row?.queued ?? 0),
    sent: Number(row?.sent ?? 0),
    failed: Number(row?.failed ?? 0),
    clicked: Number(row?.clicked ?? 0),
    signedUp: Number(row?.signedUp ?? 0),
    attended: Number(row?.attended ?? 0),
    unsubscribed: Number(row?.unsubscribed ?? 0),
  };
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

export function presentCampaignSummary(campaign: Campaign): CampaignSummaryView {
  return {
    id: campaign.id,
    name: campaign.name,
    channel: campaign.channel,
    status: campaign.status,
    scheduledFor: iso(campaign.scheduledFor),
    queuedAt: iso(campaign.queuedAt),
    finishedAt: iso(campaign.finishedAt),
    recipientCount: campaign.recipientCount,
    createdAt: campaign.createdAt.toISOString(),
  };
}

export async function presentCampaign(db: Executor, campaign: Campaign): Promise<CampaignView> {
  const [opportunity] = campaign.opportunityId
    ? await db
        .select({ id: opportunities.id, title: opportunities.title })
        .from(opportunities)
        .where(and(eq(opportunities.cityId, campaign.cityId), eq(opportunities.id, campaign.opportunityId)))
    : [];
  return {
    ...presentCampaignSummary(campaign),
    audience: presentAudience(campaign.audience),
    messages: Object.entries(campaign.messages).map(([language, message]) => ({ language, subject: message.subject, body: message.body })),
    opportunity: opportunity ?? null,
    cancelledAt: iso(campaign.cancelledAt),
    funnel: await campaignFunnel(db, campaign),
  };
}
