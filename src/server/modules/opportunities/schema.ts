import { sql } from "drizzle-orm";
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, point, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";
import { agencies } from "../agencies/schema.ts";
import { groups } from "../groups/schema.ts";
import { causes, volunteerProfiles } from "../volunteers/schema.ts";

export const locationKindEnum = pgEnum("location_kind", ["in_person", "remote"]);
export const opportunityVisibilityEnum = pgEnum("opportunity_visibility", ["public", "unlisted"]);
export const opportunityStatusEnum = pgEnum("opportunity_status", ["draft", "published", "archived"]);

/** Something residents can help with, run by an agency or a group; its shifts say when and how many. */
export const opportunities = pgTable(
  "opportunities",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    /** Who runs it: an agency of the city, or a group (a hack night, a workshop); exactly one. */
    agencyId: uuid("agency_id").references(() => agencies.id, { onDelete: "restrict" }),
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    description: text("description").notNull().default(""),
    causeId: uuid("cause_id").references(() => causes.id, { onDelete: "set null" }),
    requiredSkillIds: uuid("required_skill_ids").array().notNull().default(sql`'{}'::uuid[]`),
    requiredCredentialTypeIds: uuid("required_credential_type_ids").array().notNull().default(sql`'{}'::uuid[]`),
    requiredLanguages: text("required_languages").array().notNull().default(sql`'{}'::text[]`),
    minimumAge: integer("minimum_age"),
    locationKind: locationKindEnum("location_kind").notNull(),
    address: text("address"),
    neighbourhood: text("neighbourhood"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    location: point("location").generatedAlwaysAs(
      sql`case when latitude is not null and longitude is not null then point(longitude * cos(radians(latitude)), latitude) end`,
    ),
    visibility: opportunityVisibilityEnum("visibility").notNull().default("public"),
    status: opportunityStatusEnum("status").notNull().default("draft"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    index("opportunities_city_status_idx").on(table.cityId, table.status),
    index("opportunities_agency_idx").on(table.agencyId),
    index("opportunities_group_idx").on(table.groupId),
    check("opportunities_one_host", sql`(${table.agencyId} is null) <> (${table.groupId} is null)`),
  ],
);

export const shiftStatusEnum = pgEnum("shift_status", ["scheduled", "cancelled"]);
export const signupStatusEnum = pgEnum("signup_status", ["confirmed", "waitlisted", "cancelled"]);
export const hoursStatusEnum = pgEnum("hours_status", ["pending", "approved", "rejected"]);
export const hoursSourceEnum = pgEnum("hours_source", ["attendance", "self_reported"]);

/**
 * When and how many. `confirmed_count` is kept by the sign-up statement itself, and the database
 * refuses any row where it exceeds `capacity`: overbooking is impossible, not merely unlikely.
 */
export const shifts = pgTable(
  "shifts",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    opportunityId: uuid("opportunity_id")
      .notNull()
      .references(() => opportunities.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    capacity: integer("capacity").notNull(),
    waitlistEnabled: boolean("waitlist_enabled").notNull().default(true),
    confirmedCount: integer("confirmed_count").notNull().default(0),
    status: shiftStatusEnum("status").notNull().default("scheduled"),
    note: text("note").notNull().default(""),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** What staff told volunteers when they cancelled the shift. */
    cancellationReason: text("cancellation_reason"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    check("shifts_time_order", sql`${table.endsAt} > ${table.startsAt}`),
    check("shifts_capacity_positive", sql`${table.capacity} > 0`),
    check("shifts_never_over_capacity", sql`${table.confirmedCount} >= 0 and ${table.confirmedCount} <= ${table.capacity}`),
    index("shifts_opportunity_starts_idx").on(table.opportunityId, table.startsAt),
    index("shifts_city_starts_idx").on(table.cityId, table.startsAt),
  ],
);

/**
 * A volunteer's place on a shift. The shift's times are copied here so that an exclusion constraint
 * (migration 0002) can refuse two overlapping confirmed places for one volunteer.
 */
export const signups = pgTable(
  "signups",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    shiftId: uuid("shift_id")
      .notNull()
      .references(() => shifts.id, { onDelete: "cascade" }),
    volunteerId: uuid("volunteer_id")
      .notNull()
      .references(() => volunteerProfiles.id, { onDelete: "restrict" }),
    status: signupStatusEnum("status").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    walkIn: boolean("walk_in").notNull().default(false),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledBecause: text("cancelled_because"),
    /** What staff said when they cancelled this place. */
    cancellationReason: text("cancellation_reason"),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    checkedOutAt: timestamp("checked_out_at", { withTimezone: true }),
    firstReminderSentAt: timestamp("first_reminder_sent_at", { withTimezone: true }),
    secondReminderSentAt: timestamp("second_reminder_sent_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    uniqueIndex("signups_one_active_per_shift").on(table.shiftId, table.volunteerId).where(sql`${table.status} in ('confirmed', 'waitlisted')`),
    index("signups_shift_status_created_idx").on(table.shiftId, table.status, table.createdAt),
    index("signups_volunteer_status_idx").on(table.volunteerId, table.status),
    index("signups_reminders_idx").on(table.startsAt).where(sql`${table.status} = 'confirmed'`),
  ],
);

/**
 * Hours given: from attendance at a shift, or reported by the volunteer for remote work; staff
 * approve or reject them. Approved hours are what the city counts.
 */
export const volunteerHours = pgTable(
  "volunteer_hours",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    volunteerId: uuid("volunteer_id")
      .notNull()
      .references(() => volunteerProfiles.id, { onDelete: "restrict" }),
    opportunityId: uuid("opportunity_id")
      .notNull()
      .references(() => opportunities.id, { onDelete: "restrict" }),
    signupId: uuid("signup_id").references(() => signups.id, { onDelete: "set null" }),
    source: hoursSourceEnum("source").notNull(),
    workedOn: date("worked_on").notNull(),
    minutes: integer("minutes").notNull(),
    description: text("description").notNull().default(""),
    status: hoursStatusEnum("status").notNull().default("pending"),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    rejectionReason: text("rejection_reason"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    check("volunteer_hours_minutes_range", sql`${table.minutes} > 0 and ${table.minutes} <= 1440`),
    uniqueIndex("volunteer_hours_one_per_signup").on(table.signupId),
    index("volunteer_hours_city_status_idx").on(table.cityId, table.status),
    index("volunteer_hours_volunteer_idx").on(table.volunteerId),
  ],
);

/** Per-city settings of the shift engine. */
export const shiftSettings = pgTable("shift_settings", {
  cityId: uuid("city_id")
    .primaryKey()
    .references(() => cities.id, { onDelete: "cascade" }),
  firstReminderHours: integer("first_reminder_hours").notNull().default(24),
  secondReminderHours: integer("second_reminder_hours").notNull().default(2),
  updatedAt: updatedAtColumn(),
});

/**
 * Messages owed to volunteers about their places (confirmed, waitlisted, promoted, shift moved or
 * cancelled), written in the same statement or transaction as the change and sent by a job: a
 * change that happened is never left untold, even if the process dies right after it.
 */
export const shiftNotices = pgTable(
  "shift_notices",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    signupId: uuid("signup_id")
      .notNull()
      .references(() => signups.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer("attempts").notNull().default(0),
    /** Until when a sender has it in hand; another sender leaves it alone till then. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (table) => [index("shift_notices_unsent_idx").on(table.createdAt).where(sql`${table.sentAt} is null`)],
);
