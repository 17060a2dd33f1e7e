import { pgTable, text } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";

/** A city is the tenant: everything else belongs to exactly one. */
export const cities = pgTable("cities", {
  id: idColumn(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull(),
  defaultLocale: text("default_locale").notNull().default("en"),
  currency: text("currency").notNull().default("USD"),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
});
