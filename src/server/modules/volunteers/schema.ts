import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, date, doublePrecision, index, integer, jsonb, pgTable, point, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";

/** A name in every language the city writes it in: `{ "en": "First aid", "es": "Primeros auxilios" }`. */
export type LocalizedNames = Record<string, string>;

/** The city's skill tree: "Languages › Interpreting", "Trades › Carpentry". */
export const skills = pgTable(
  "skills",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => skills.id, { onDelete: "restrict" }),
    slug: text("slug").notNull(),
    names: jsonb("names").$type<LocalizedNames>().notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAtColumn(),
  },
  (table) => [unique("skills_city_slug_unique").on(table.cityId, table.slug)],
);

/** What a volunteer cares about and an opportunity serves: food security, parks, literacy… */
export const causes = pgTable(
  "causes",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    names: jsonb("names").$type<LocalizedNames>().notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [unique("causes_city_slug_unique").on(table.cityId, table.slug)],
);

/** Checks and trainings staff record for volunteers: background check, food handler, CPR. */
export const credentialTypes = pgTable(
  "credential_types",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    names: jsonb("names").$type<LocalizedNames>().notNull(),
    /** How long one stays valid; null for no expiry. */
    validityMonths: integer("validity_months"),
    createdAt: createdAtColumn(),
  },
  (table) => [unique("credential_types_city_slug_unique").on(table.cityId, table.slug)],
);

/**
 * A resident's volunteer profile in one city. Contact details live on the account (users); when the
 * account is deleted the profile loses its person (`user_id` null, personal fields cleared) but keeps
 * its id, so the hours it gave still count, anonymously.
 */
export const volunteerProfiles = pgTable(
  "volunteer_profiles",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    phone: text("phone"),
    birthDate: date("birth_date"),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    skillIds: uuid("skill_ids").array().notNull().default(sql`'{}'::uuid[]`),
    causeIds: uuid("cause_ids").array().notNull().default(sql`'{}'::uuid[]`),
    neighbourhood: text("neighbourhood"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** A plane point (longitude scaled by the cosine of latitude, latitude) for nearest-first search. */
    location: point("location").generatedAlwaysAs(
      sql`case when latitude is not null and longitude is not null then point(longitude * cos(radians(latitude)), latitude) end`,
    ),
    /** Weekly availability: bit (day × 3 + part), day 0 = Monday, parts morning, afternoon, evening. */
    availability: integer("availability").notNull().default(0),
    accessibilityNeeds: text("accessibility_needs"),
    consentEmail: boolean("consent_email").notNull().default(false),
    consentSms: boolean("consent_sms").notNull().default(false),
    /** Secret of the volunteer's private calendar feed URL. */
    calendarToken: text("calendar_token").notNull().unique(),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    unique("volunteer_profiles_city_user_unique").on(table.cityId, table.userId),
    index("volunteer_profiles_skills_idx").using("gin", table.skillIds),
    index("volunteer_profiles_languages_idx").using("gin", table.languages),
    // Nearest-first search within one city (city_id through btree_gist, migration 0002).
    index("volunteer_profiles_city_location_idx").using("gist", table.cityId, table.location),
  ],
);

export const volunteerCredentials = pgTable(
  "volunteer_credentials",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    volunteerId: uuid("volunteer_id")
      .notNull()
      .references(() => volunteerProfiles.id, { onDelete: "cascade" }),
    credentialTypeId: uuid("credential_type_id")
      .notNull()
      .references(() => credentialTypes.id, { onDelete: "restrict" }),
    issuedOn: date("issued_on").notNull(),
    expiresOn: date("expires_on"),
    note: text("note").notNull().default(""),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [unique("volunteer_credentials_unique").on(table.volunteerId, table.credentialTypeId)],
);
