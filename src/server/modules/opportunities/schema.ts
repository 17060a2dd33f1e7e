import { sql } from "drizzle-orm";
import { doublePrecision, index, integer, pgEnum, pgTable, point, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";
import { agencies } from "../agencies/schema.ts";
import { causes } from "../volunteers/schema.ts";

export const locationKindEnum = pgEnum("location_kind", ["in_person", "remote"]);
export const opportunityVisibilityEnum = pgEnum("opportunity_visibility", ["public", "unlisted"]);
export const opportunityStatusEnum = pgEnum("opportunity_status", ["draft", "published", "archived"]);

/** Something residents can help with, owned by an agency; its shifts say when and how many. */
export const opportunities = pgTable(
  "opportunities",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
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
  (table) => [index("opportunities_city_status_idx").on(table.cityId, table.status), index("opportunities_agency_idx").on(table.agencyId)],
);
