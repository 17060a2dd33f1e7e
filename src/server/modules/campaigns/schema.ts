import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";
import { opportunities } from "../opportunities/schema.ts";
import { volunteerProfiles } from "../volunteers/schema.ts";

export const campaignChannelEnum = pgEnum("campaign_channel", ["email", "sms"]);
export const campaignStatusEnum = pgEnum("campaign_status", ["draft", "scheduled", "sending", "sent", "cancelled"]);
export const campaignRecipientStatusEnum = pgEnum("campaign_recipient_status", ["queued", "sent", "failed", "skipped"]);

/** Who a campaign is for; every filter narrows, an empty list or null means "any". */
export type CampaignAudience = {
  skillIds: string[];
  languages: string[];
  neighbourhoods: string[];
  near: { latitude: number; longitude: number; radiusKm: number } | null;
  /** Weekly availability bits (see volunteer_profiles.availability); a volunteer free in any of them matches. */
  availability: number;
  credentialTypeIds: string[];
  attendedWithinDays: number | null;
  groupIds: string[];
};

/** One language's message: subject (email only) and text body. */
export type CampaignMessages = Record<string, { subject: string; body: string }>;

/**
 * A call to action to an audience of volunteers. The audience is kept as filters until the
 * campaign is sent; sending resolves it once into `campaign_recipients`.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    channel: campaignChannelEnum("channel").notNull().default("email"),
    audience: jsonb("audience").$type<CampaignAudience>().notNull(),
    messages: jsonb("messages").$type<CampaignMessages>().notNull(),
    opportunityId: uuid("opportunity_id").references(() => opportunities.id, { onDelete: "set null" }),
    status: campaignStatusEnum("status").notNull().default("draft"),
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    recipientCount: integer("recipient_count").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    index("campaigns_city_created_idx").on(table.cityId, table.createdAt),
    index("campaigns_scheduled_idx").on(table.scheduledFor).where(sql`${table.status} = 'scheduled'`),
  ],
);

/**
 * One person's copy of a campaign. The unique key makes a person get a campaign once however many
 * filters matched them; `lease_until` lets a sender that crashed mid-send be resumed by another without
 * sending twice what was already marked sent. `token` (with the id) names the recipient in the tracked
 * link and the unsubscribe link, so neither needs a sign-in.
 */
export const campaignRecipients = pgTable(
  "campaign_recipients",
  {
    id: idColumn(),
    /**
     * The campaign's city, for scoping every query. No foreign key of its own: the campaign's key
     * already removes these rows with their city, and a second check on each of 100,000 inserted rows
     * would be a fifth of the time it takes to queue them.
     */
    cityId: uuid("city_id").notNull(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    volunteerId: uuid("volunteer_id")
      .notNull()
      .references(() => volunteerProfiles.id, { onDelete: "cascade" }),
    language: text("language").notNull(),
    status: campaignRecipientStatusEnum("status").notNull().default("queued"),
    /** The secret half of the recipient's link token (link-token.ts); found through the id, so not indexed. */
    token: text("token").notNull(),
    attempts: integer("attempts").notNull().default(0),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    lastError: text("last_error"),
    messageId: text("message_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    firstClickedAt: timestamp("first_clicked_at", { withTimezone: true }),
    clickCount: integer("click_count").notNull().default(0),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (table) => [
    unique("campaign_recipients_once").on(table.campaignId, table.volunteerId),
    index("campaign_recipients_pending_idx").on(table.campaignId, table.id).where(sql`${table.status} = 'queued'`),
    index("campaign_recipients_volunteer_idx").on(table.volunteerId),
    check("campaign_recipients_attempts_nonnegative", sql`${table.attempts} >= 0`),
  ],
);
