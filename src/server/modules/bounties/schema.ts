import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";
import { problems } from "../problems/schema.ts";
import { vendors } from "../vendors/schema.ts";

export const bountyKindEnum = pgEnum("bounty_kind", ["fixed", "auction"]);
export const auctionTypeEnum = pgEnum("auction_type", ["multi", "sealed"]);
export const bountyStatuses = ["draft", "published", "closed", "awarded", "cancelled"] as const;
export const bountyStatusEnum = pgEnum("bounty_status", bountyStatuses);
export const submissionStatuses = ["pending_delivery", "in_progress", "pending_acceptance", "accepted", "paid", "rejected", "missed_delivery"] as const;
export const submissionStatusEnum = pgEnum("submission_status", submissionStatuses);

/** The 18F micro-purchase threshold, 10,000 USD in cents. */
export const defaultMicroPurchaseThresholdMinor = 1_000_000;
export const defaultAcceptedLicences = ["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-or-later", "AGPL-3.0-or-later", "MPL-2.0", "CC0-1.0"];

/**
 * A city's rules for bounties: the micro-purchase threshold (above it only a contracting officer may
 * publish), the price band kept for small businesses, and the open-source licences it accepts.
 */
export const bountySettings = pgTable(
  "bounty_settings",
  {
    cityId: uuid("city_id")
      .primaryKey()
      .references(() => cities.id, { onDelete: "cascade" }),
    microPurchaseThresholdMinor: bigint("micro_purchase_threshold_minor", { mode: "number" }).notNull().default(defaultMicroPurchaseThresholdMinor),
    smallBusinessBandMinMinor: bigint("small_business_band_min_minor", { mode: "number" }),
    smallBusinessBandMaxMinor: bigint("small_business_band_max_minor", { mode: "number" }),
    acceptedLicences: text("accepted_licences")
      .array()
      .notNull()
      .default(sql`'{MIT,Apache-2.0,BSD-3-Clause,GPL-3.0-or-later,AGPL-3.0-or-later,MPL-2.0,CC0-1.0}'::text[]`),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    check("bounty_settings_threshold_positive", sql`${table.microPurchaseThresholdMinor} > 0`),
    check(
      "bounty_settings_band_ordered",
      sql`${table.smallBusinessBandMinMinor} is null or ${table.smallBusinessBandMaxMinor} is null or ${table.smallBusinessBandMinMinor} <= ${table.smallBusinessBandMaxMinor}`,
    ),
  ],
);

/** Days the city does not work; delivery deadlines count business days around them. */
export const cityHolidays = pgTable(
  "city_holidays",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    name: text("name").notNull().default(""),
    createdAt: createdAtColumn(),
  },
  (table) => [unique("city_holidays_city_day_unique").on(table.cityId, table.day)],
);

/**
 * Paid work on a problem: a fixed-price bounty, or a micro-purchase reverse auction (multi-bid or
 * sealed-bid) whose start price is the most the city will pay. `amountMinor` is the fixed price or
 * the start price; publishing reserves it from the fund.
 */
export const bounties = pgTable(
  "bounties",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    problemId: uuid("problem_id").references(() => problems.id, { onDelete: "set null" }),
    kind: bountyKindEnum("kind").notNull(),
    auctionType: auctionTypeEnum("auction_type"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** The checklist a delivery is accepted against, in order. */
    acceptanceCriteria: jsonb("acceptance_criteria").$type<string[]>().notNull().default([]),
    repositoryIssueUrl: text("repository_issue_url"),
    requiredLicence: text("required_licence").notNull(),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }),
    deliveryBusinessDays: integer("delivery_business_days"),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    /** What the work would cost on the open market, estimated by staff, for the savings figures. */
    marketEstimateMinor: bigint("market_estimate_minor", { mode: "number" }),
    smallBusinessOnly: boolean("small_business_only").notNull().default(false),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    status: bountyStatusEnum("status").notNull().default("draft"),
    assignedVendorId: uuid("assigned_vendor_id").references(() => vendors.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    index("bounties_city_status_idx").on(table.cityId, table.status, table.createdAt),
    index("bounties_problem_idx").on(table.problemId),
    check("bounties_amount_positive", sql`${table.amountMinor} > 0`),
    check("bounties_market_estimate_nonnegative", sql`${table.marketEstimateMinor} is null or ${table.marketEstimateMinor} >= 0`),
    check("bounties_delivery_days_positive", sql`${table.deliveryBusinessDays} is null or ${table.deliveryBusinessDays} > 0`),
    check(
      "bounties_kind_shape",
      sql`(${table.kind} = 'fixed' and ${table.auctionType} is null) or (${table.kind} = 'auction' and ${table.auctionType} is not null and ${table.startsAt} is not null and ${table.endsAt} is not null and ${table.endsAt} > ${table.startsAt})`,
    ),
  ],
);

/**
 * A vendor's bid on an auction. The auction type is copied onto the bid so that the database itself
 * holds a sealed-bid auction to one bid per vendor.
 */
export const bids = pgTable(
  "bids",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    bountyId: uuid("bounty_id")
      .notNull()
      .references(() => bounties.id, { onDelete: "cascade" }),
    vendorId: uuid("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    auctionType: auctionTypeEnum("auction_type").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [
    index("bids_bounty_amount_idx").on(table.bountyId, table.amountMinor, table.createdAt),
    uniqueIndex("bids_sealed_one_per_vendor").on(table.bountyId, table.vendorId).where(sql`${table.auctionType} = 'sealed'`),
    check("bids_amount_positive", sql`${table.amountMinor} > 0`),
  ],
);

export type RejectionReason = { criterion: string; reason: string };

/**
 * The delivery of an awarded bounty by one vendor: due some business days after award, linked to a
 * pull request, then accepted and paid, or rejected (reasons per criterion) or missed. A bounty has
 * at most one delivery under way; a rejected or missed one makes room for the next bidder.
 */
export const submissions = pgTable(
  "submissions",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    bountyId: uuid("bounty_id")
      .notNull()
      .references(() => bounties.id, { onDelete: "cascade" }),
    vendorId: uuid("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    bidId: uuid("bid_id").references(() => bids.id, { onDelete: "set null" }),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    status: submissionStatusEnum("status").notNull().default("pending_delivery"),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    pullRequestUrl: text("pull_request_url"),
    rejectionReasons: jsonb("rejection_reasons").$type<RejectionReason[]>(),
    awardedAt: timestamp("awarded_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    uniqueIndex("submissions_one_open_per_bounty").on(table.bountyId).where(sql`${table.status} not in ('rejected', 'missed_delivery')`),
    index("submissions_vendor_idx").on(table.vendorId),
    check("submissions_amount_positive", sql`${table.amountMinor} > 0`),
    check("submissions_rejected_has_reasons", sql`${table.status} <> 'rejected' or jsonb_array_length(coalesce(${table.rejectionReasons}, '[]'::jsonb)) > 0`),
  ],
);

export const bountyNoticeKinds = ["outbid", "awarded", "due-soon", "accepted", "rejected", "paid"] as const;
export type BountyNoticeKind = (typeof bountyNoticeKinds)[number];

/**
 * Messages owed to vendors (outbid, awarded, delivery due soon, accepted, rejected, paid), written in
 * the same transaction as the change they tell of and sent by a job: a change that happened is never
 * left untold, and one whose transaction rolled back is never told. The dedupe key names the event,
 * so the same event never queues two messages.
 */
export const bountyNotices = pgTable(
  "bounty_notices",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    kind: text("kind").$type<BountyNoticeKind>().notNull(),
    vendorId: uuid("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    bountyId: uuid("bounty_id")
      .notNull()
      .references(() => bounties.id, { onDelete: "cascade" }),
    submissionId: uuid("submission_id").references(() => submissions.id, { onDelete: "cascade" }),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text("dedupe_key").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** Until when a sender has it in hand; another sender leaves it alone till then. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (table) => [
    uniqueIndex("bounty_notices_dedupe_key_unique").on(table.dedupeKey),
    index("bounty_notices_unsent_idx").on(table.createdAt).where(sql`${table.sentAt} is null`),
    index("bounty_notices_vendor_idx").on(table.vendorId),
  ],
);
