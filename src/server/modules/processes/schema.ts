import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { ProcessContentView } from "../../../contracts/processes.ts";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";

/** The city's rate table: what an hour of each role costs, for the cost of documented processes. */
export const processRates = pgTable(
  "process_rates",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    hourlyRateMinor: bigint("hourly_rate_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [unique("process_rates_city_role_unique").on(table.cityId, table.role), check("process_rates_nonnegative", sql`${table.hourlyRateMinor} >= 0`)],
);

/**
 * A business process of an agency. What it says lives in its revisions; this row points at the
 * current one and at the revisions marked as-is and to-be, and says whether the public may read it.
 */
export const processes = pgTable(
  "processes",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    /** The agency whose process this is; a plain column, agencies belong to their own module. */
    agencyId: uuid("agency_id").notNull(),
    /** The current revision's name, kept here for listing and search. */
    name: text("name").notNull(),
    currentRevision: integer("current_revision").notNull(),
    asIsRevision: integer("as_is_revision"),
    toBeRevision: integer("to_be_revision"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    index("processes_city_agency_idx").on(table.cityId, table.agencyId),
    check("processes_revision_positive", sql`${table.currentRevision} >= 1`),
    check(
      "processes_marks_exist",
      sql`coalesce(${table.asIsRevision}, 1) between 1 and ${table.currentRevision} and coalesce(${table.toBeRevision}, 1) between 1 and ${table.currentRevision}`,
    ),
  ],
);

/** One saved version of a process, numbered from 1. Never changed once written (a trigger refuses updates). */
export const processRevisions = pgTable(
  "process_revisions",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    content: jsonb("content").$type<ProcessContentView>().notNull(),
    message: text("message").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
  },
  (table) => [
    unique("process_revisions_process_number_unique").on(table.processId, table.number),
    check("process_revisions_number_positive", sql`${table.number} >= 1`),
  ],
);
