import { type SQL, sql } from "drizzle-orm";
import { bigint, check, customType, index, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";

export const problemStatuses = ["new", "accepted", "declined", "in_progress", "solved"] as const;
export const problemStatusEnum = pgEnum("problem_status", problemStatuses);
/** Reported by the staff of an agency, or proposed by a resident. */
export const problemOriginEnum = pgEnum("problem_origin", ["agency", "resident"]);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * A problem with how the city works, reported by agency staff or proposed by a resident, then
 * triaged by the DSO. The reporter is kept for staff and never shown on the public board.
 * The search document uses the language-neutral `simple` configuration: one city writes in several languages.
 */
export const problems = pgTable(
  "problems",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    /** The agency whose work this is; a plain column, agencies belong to their own module. */
    agencyId: uuid("agency_id"),
    origin: problemOriginEnum("origin").notNull(),
    reportedBy: uuid("reported_by").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description").notNull(),
    affected: text("affected").notNull().default(""),
    frequency: text("frequency").notNull().default(""),
    /** What the problem costs the city today, per year, in minor units of `currency`. */
    costEstimateMinor: bigint("cost_estimate_minor", { mode: "number" }),
    currency: text("currency").notNull(),
    processLink: text("process_link"),
    status: problemStatusEnum("status").notNull().default("new"),
    declineReason: text("decline_reason"),
    triagedBy: uuid("triaged_by").references(() => users.id, { onDelete: "set null" }),
    triagedAt: timestamp("triaged_at", { withTimezone: true }),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`setweight(to_tsvector('simple', coalesce(${problems.title}, '')), 'A') || setweight(to_tsvector('simple', coalesce(${problems.description}, '') || ' ' || coalesce(${problems.affected}, '')), 'B')`,
      ),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    index("problems_city_status_idx").on(table.cityId, table.status, table.createdAt),
    index("problems_search_idx").using("gin", table.search),
    check("problems_cost_nonnegative", sql`${table.costEstimateMinor} is null or ${table.costEstimateMinor} >= 0`),
    check("problems_declined_has_reason", sql`${table.status} <> 'declined' or length(trim(coalesce(${table.declineReason}, ''))) > 0`),
  ],
);

/** One person's support for a problem; a person supports a problem at most once. */
export const problemSupports = pgTable(
  "problem_supports",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    problemId: uuid("problem_id")
      .notNull()
      .references(() => problems.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAtColumn(),
  },
  (table) => [unique("problem_supports_once_per_person").on(table.problemId, table.userId), index("problem_supports_user_idx").on(table.userId)],
);
