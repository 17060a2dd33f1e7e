import type pg from "pg";
import type { Logger } from "pino";
import type { Jobs } from "../../platform/jobs/index.ts";
import { type CampaignDeliveryDeps, deliverCampaign } from "./deliver-campaign.ts";
import { type CampaignScheduler, startCampaignSending } from "./send-campaign.ts";

export const startCampaignQueue = "campaigns.start";
export const deliverCampaignQueue = "campaigns.deliver";
export const resumeCampaignsQueue = "campaigns.resume";

/** How long one delivery job runs before it hands the rest of its campaign to the next one. */
const deliveryRunSeconds = 240;

/**
 * Sending campaigns through the job queue. `campaigns.start` resolves a scheduled campaign's audience
 * at its time and delivers it; `campaigns.deliver` sends one campaign's queued recipients for a few
 * minutes at most, then asks for another run if anything is left, so a long campaign is many short
 * jobs and a throttled one never outlives its job. Every minute `campaigns.resume` picks up what a
 * stopped or crashed process left: campaigns still sending with recipients due, scheduled campaigns
 * whose time has passed, and campaigns whose last recipient went out but that were not yet marked sent.
 */
export function defineCampaignJobs(jobs: Jobs, deps: CampaignDeliveryDeps & { logger?: Logger }): CampaignScheduler {
  const pool = deps.pool;

  const deliverSoon = async (campaignId: string, at?: Date) => {
    await jobs.send(
      deliverCampaignQueue,
      { campaignId },
      at && at.getTime() > Date.now() ? { startAfter: at, singletonKey: `${campaignId}:${at.getTime()}` } : { singletonKey: campaignId, singletonSeconds: 1 },
    );
  };

  const deliver = async (campaignId: string) => {
    const outcome = await deliverCampaign(deps, campaignId, { maxSeconds: deliveryRunSeconds });
    deps.logger?.info({ campaignId, ...outcome }, "campaign delivery run");
    if (!outcome.finished) await deliverSoon(campaignId, outcome.nextAttemptAt ?? undefined);
  };

  jobs.define<{ campaignId: string }>({
    name: startCampaignQueue,
    retryLimit: 5,
    pollingIntervalSeconds: 1,
    handle: async ({ campaignId }) => {
      await startCampaignSending(deps.db, campaignId);
      const status = await pool.query<{ status: string }>("select status from campaigns where id = $1", [campaignId]);
      if (status.rows[0]?.status === "sending") await deliver(campaignId);
    },
  });

  jobs.define<{ campaignId: string }>({
    name: deliverCampaignQueue,
    retryLimit: 5,
    retryDelaySeconds: 10,
    pollingIntervalSeconds: 0.5,
    expireInSeconds: deliveryRunSeconds * 2,
    handle: async ({ campaignId }) => deliver(campaignId),
  });

  jobs.define<Record<string, never>>({
    name: resumeCampaignsQueue,
    schedule: "* * * * *",
    retryLimit: 1,
    handle: async () => {
      for (const campaignId of await campaignsToResume(pool)) await deliverSoon(campaignId);
      const due = await pool.query<{ id: string }>("select id from campaigns where status = 'scheduled' and scheduled_for <= now() - interval '1 minute'");
      for (const row of due.rows) await jobs.send(startCampaignQueue, { campaignId: row.id }, { singletonKey: row.id, singletonSeconds: 60 });
    },
  });

  return {
    deliverSoon: (campaignId) => deliverSoon(campaignId),
    async startAt(campaignId, at) {
      await jobs.send(startCampaignQueue, { campaignId }, { startAfter: at, singletonKey: `${campaignId}:${at.getTime()}` });
    },
  };
}

/**
 * Campaigns a sender should be working on and perhaps is not: still sending, with a recipient due
 * whom nobody holds. Campaigns with nothing left queued are marked sent here.
 */
export async function campaignsToResume(pool: pg.Pool): Promise<string[]> {
  await pool.query(`
    update campaigns k set status = 'sent', finished_at = now(), updated_at = now()
    where k.status = 'sending' and not exists (select 1 from campaign_recipients r where r.campaign_id = k.id and r.status = 'queued')`);
  const rows = await pool.query<{ id: string }>(`
    select k.id from campaigns k
    where k.status = 'sending' and exists (
      select 1 from campaign_recipients r
      where r.campaign_id = k.id and r.status = 'queued'
        and (r.lease_until is null or r.lease_until < now())
        and (r.next_attempt_at is null or r.next_attempt_at <= now()))`);
  return rows.rows.map((row) => row.id);
}
