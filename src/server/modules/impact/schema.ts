import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";

/**
 * One program of the city's budget in one fiscal year: its total and the part of it paid by federal
 * funds. Written only by a budget import, which replaces whole fiscal years at once.
 */
export const budgetLines = pgTable(
  "budget_lines",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    fiscalYear: integer("fiscal_year").notNull(),
    department: text("department").notNull(),
    program: text("program").notNull(),
    totalMinor: bigint("total_minor", { mode: "number" }).notNull(),
    federalMinor: bigint("federal_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    importedBy: uuid("imported_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
  },
  (table) => [
    uniqueIndex("budget_lines_city_year_program_unique").on(table.cityId, table.fiscalYear, sql`lower(${table.department})`, sql`lower(${table.program})`),
    index("budget_lines_city_year_idx").on(table.cityId, table.fiscalYear),
    check("budget_lines_amounts", sql`${table.federalMinor} >= 0 and ${table.federalMinor} <= ${table.totalMinor}`),
  ],
);

/**
 * How a city values what it offsets. Without a row, the national value of a volunteer hour and a
 * fiscal year starting in July (offsets.ts).
 */
export const impactSettings = pgTable(
  "impact_settings",
  {
    cityId: uuid("city_id")
      .primaryKey()
      .references(() => cities.id, { onDelete: "cascade" }),
    hourValueMinor: integer("hour_value_minor").notNull(),
    hourValueYear: integer("hour_value_year").notNull(),
    hourValueSource: text("hour_value_source").notNull(),
    fiscalYearStartMonth: smallint("fiscal_year_start_month").notNull(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    check("impact_settings_hour_value", sql`${table.hourValueMinor} >= 0`),
    check("impact_settings_start_month", sql`${table.fiscalYearStartMonth} between 1 and 12`),
  ],
);
