import { index, pgEnum, pgTable, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn } from "../../db/columns.ts";
import { users } from "../auth/schema.ts";
import { cities } from "../tenancy/schema.ts";

export const cityRoles = ["city_admin", "dso_staff", "agency_staff", "group_organizer", "volunteer", "vendor", "contracting_officer"] as const;

export const cityRoleEnum = pgEnum("city_role", cityRoles);

/**
 * Who holds which role in which city. Agency staff hold the role for one agency; the agency id
 * is a plain column here (no foreign key) because agencies belong to their own module.
 */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: cityRoleEnum("role").notNull(),
    agencyId: uuid("agency_id"),
    createdAt: createdAtColumn(),
  },
  (table) => [
    unique("role_assignments_unique").on(table.cityId, table.userId, table.role, table.agencyId).nullsNotDistinct(),
    index("role_assignments_user_idx").on(table.userId, table.cityId),
  ],
);
