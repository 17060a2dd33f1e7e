import { pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { cities } from "../../platform/tenancy/schema.ts";

/** A city department or office: Parks, Libraries, Health, the DSO itself. */
export const agencies = pgTable(
  "agencies",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    contactEmail: text("contact_email"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [unique("agencies_city_slug_unique").on(table.cityId, table.slug)],
);
