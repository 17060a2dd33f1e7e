import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { Actor } from "../../platform/auth/index.ts";
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { cities } from "../../platform/tenancy/index.ts";
import { findOpportunity } from "../opportunities/index.ts";
import { audienceConditions, audienceSource, countAudience, reachableCondition } from "./audience.ts";
import { lockCampaign } from "./find-campaigns.ts";
import { campaigns } from "./schema.ts";

export type Campaign = typeof campaigns.$inferSelect;

/**
 * How sending is put in motion: the job queue, in the app; something that records the calls, in tests.
 * `deliverSoon` asks for the queued recipients of a campaign already resolved to be delivered;
 * `startAt` asks for `startCampaignSending` to run at that time and delivery to follow.
 */
export type CampaignScheduler = {
  deliverSoon(campaignId: string): Promise<void>;
  startAt(campaignId: string, at: Date): Promise<void>;
};

/**
 * What must hold before a campaign goes out (and while it waits, scheduled): a message in the city's
 * default language, since that is what everyone without a message in their own language gets; a
 * subject on every email; a linked opportunity of this city that is published.
 */
export async function sendingProblems(db: Executor, city: { id: string; defaultLocale: string }, campaign: Campaign): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const languages = Object.keys(campaign.messages);
  if (!languages.includes(city.defaultLocale)) {
    problems.push({ field: "messages", messageKey: "errors.campaigns.defaultLanguageMessage", params: { language: city.defaultLocale } });
  }
  if (campaign.channel === "email") {
    languages.forEach((language, index) => {
      if (!campaign.messages[language]?.subject.trim())
        problems.push({ field: `messages.${index}.subject`, messageKey: "errors.campaigns.subjectRequired", params: { language } });
    });
  }
  if (campaign.opportunityId) {
    const opportunity = await findOpportunity(db, city.id, campaign.opportunityId);
    if (!opportunity) problems.push({ field: "opportunityId", messageKey: "errors.campaigns.unknownOpportunity" });
    else if (opportunity.status !== "published") problems.push({ field: "opportunityId", messageKey: "errors.campaigns.opportunityNotPublished" });
  }
  return problems;
}

/**
 * Sends a draft now or at a time to come (a scheduled campaign may be moved to another time, or sent
 * now). Sending now resolves the audience at once and asks for delivery; a time to come is handed to
 * the scheduler, which resolves the audience then.
 */
export async function sendCampaign(
  ctx: OperationContext,
  campaignId: string,
  input: { sendAt: string | null },
  scheduler: CampaignScheduler,
): Promise<Campaign> {
  const sendAt = input.sendAt === null ? null : new Date(input.sendAt);
  if (sendAt && sendAt.getTime() <= Date.now()) throw new InvalidInputError([{ field: "sendAt", messageKey: "errors.campaigns.sendAtPast" }]);

  const scheduled = await ctx.db.transaction(async (tx) => {
    const before = await lockCampaign(tx, ctx.city.id, campaignId, ["draft", "scheduled"], "errors.campaigns.alreadySent");
    const problems = await sendingProblems(tx, ctx.city, before);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const { reachable } = await countAudience(tx, ctx.city.id, before.channel, before.audience);
    if (reachable === 0) throw new ConflictError("errors.campaigns.emptyAudience");
    if (!sendAt) {
      // Cleared so that a start asked for earlier, at the old time, finds nothing to do.
      if (before.scheduledFor) await tx.update(campaigns).set({ scheduledFor: null }).where(eq(campaigns.id, campaignId));
      return null;
    }
    const [after] = await tx.update(campaigns).set({ status: "scheduled", scheduledFor: sendAt }).where(eq(campaigns.id, campaignId)).returning();
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "campaign.scheduled",
      targetType: "campaign",
      targetId: campaignId,
      before,
      after,
      requestId: ctx.requestId,
    });
    return after ?? before;
  });

  if (scheduled && sendAt) {
    await scheduler.startAt(campaignId, sendAt);
    return scheduled;
  }
  const started = await startCampaignSending(ctx.db, campaignId, { actor: ctx.actor, requestId: ctx.requestId });
  // Cancelled between the two steps: nothing was queued.
  if (!started) throw new ConflictError("errors.campaigns.alreadySent");
  await scheduler.deliverSoon(campaignId);
  const [campaign] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw new NotFoundError("errors.campaigns.notFound");
  return campaign;
}

/**
 * Resolves a draft or scheduled campaign's audience into its recipients and marks it `sending`, in
 * one transaction: one `INSERT … SELECT` over the same conditions as the live count, one row per
 * volunteer however many filters matched them (the database's unique key refuses a second), each with the language they will get and a random
 * token for their links. Answers null, changing nothing, when the campaign is no longer waiting
 * (cancelled, or already started), or when it waits for a later time than now (it was moved).
 *
 * A volunteer's language: their account's language when the campaign has a message in it, else the
 * first language on their profile that has one, else the city's default language.
 */
export async function startCampaignSending(
  db: Database,
  campaignId: string,
  audit: { actor: Actor | null; requestId: string | null } = { actor: null, requestId: null },
): Promise<{ recipients: number } | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ campaign: campaigns, early: sql<boolean>`coalesce(${campaigns.scheduledFor} > now() + interval '5 seconds', false)` })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId))
      .for("update");
    const before = row?.campaign;
    if (!before || (before.status !== "draft" && before.status !== "scheduled")) return null;
    // The database's clock, the one the job queue keeps time by.
    if (before.status === "scheduled" && row.early) return null;
    const [city] = await tx.select({ defaultLocale: cities.defaultLocale }).from(cities).where(eq(cities.id, before.cityId));
    if (!city) return null;
    const languages = Object.keys(before.messages);
    const fallback = languages.includes(city.defaultLocale) ? city.defaultLocale : (languages[0] ?? city.defaultLocale);

    // Ids are UUIDv7 like the application's (RFC 9562): the statement's time in milliseconds, then a
    // counter in the order of the rows, then random bits of this statement. Ids that rise with the rows
    // let the primary key and the pending-recipients index take each new entry at their right edge.
    const time = Date.now().toString(16).padStart(12, "0");
    const idStart = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    const idEnd = `-${randomBytes(6).toString("hex")}`;
    // Each profile appears once in the SELECT, so the unique key (campaign, volunteer) is a guard here,
    // not a filter (ON CONFLICT would add a probe of that index for every row).
    const inserted = await tx.execute<{ recipients: number }>(sql`
      with queued as (
        insert into campaign_recipients (id, city_id, campaign_id, volunteer_id, language, token)
        select
          (${idStart}::text || lpad(to_hex(row_number() over (order by p.id) >> 12), 3, '0')
            || '-8' || lpad(to_hex(row_number() over (order by p.id) & 4095), 3, '0') || ${idEnd}::text)::uuid,
          ${before.cityId}::uuid, ${campaignId}::uuid, p.id,
          case when u.locale = any(${sql.param(languages)}::text[]) then u.locale
               when p.languages[1] = any(${sql.param(languages)}::text[]) then p.languages[1]
               else coalesce(
                 (select spoken.language from unnest(p.languages) with ordinality as spoken(language, position)
                  where spoken.language = any(${sql.param(languages)}::text[]) order by spoken.position limit 1),
                 ${fallback}::text)
          end,
          replace(gen_random_uuid()::text, '-', '')
        from ${audienceSource}
        where ${audienceConditions(before.cityId, before.audience)} and ${reachableCondition(before.channel)}
        order by p.id
        returning 1
      )
      select count(*)::int as recipients from queued`);
    const recipients = Number(inserted.rows[0]?.recipients ?? 0);
    const [after] = await tx
      .update(campaigns)
      .set({ status: "sending", queuedAt: sql`now()`, recipientCount: recipients })
      .where(eq(campaigns.id, campaignId))
      .returning();
    await recordAudit(tx, {
      cityId: before.cityId,
      actor: audit.actor,
      action: "campaign.queued",
      targetType: "campaign",
      targetId: campaignId,
      before,
      after,
      requestId: audit.requestId,
    });
    return { recipients };
  });
}
