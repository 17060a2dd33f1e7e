import { index, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";

/** Civic-tech and volunteer groups of a city (a brigade, a neighbourhood association). */
export const groups = pgTable(
  "groups",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [unique("groups_city_slug_unique").on(table.cityId, table.slug)],
);

export const groupMemberRoleEnum = pgEnum("group_member_role", ["member", "organizer"]);
export const groupMemberStatusEnum = pgEnum("group_member_status", ["pending", "active"]);

/** A person's place in a group; `pending` while organizers of a group that approves members decide. */
export const groupMembers = pgTable(
  "group_members",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: groupMemberRoleEnum("role").notNull().default("member"),
    status: groupMemberStatusEnum("status").notNull().default("active"),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAtColumn(),
  },
  (table) => [unique("group_members_group_user_unique").on(table.groupId, table.userId), index("group_members_user_idx").on(table.userId)],
);
