import { sql } from "drizzle-orm";
import { boolean, check, index, jsonb, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    /** Where the group lives online: its site, chat, code, calendar. */
    links: jsonb("links").$type<GroupLink[]>().notNull().default([]),
    /** When set, a person who asks to join waits for an organizer to approve them. */
    approvalRequired: boolean("approval_required").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [unique("groups_city_slug_unique").on(table.cityId, table.slug)],
);

export interface GroupLink {
  label: string;
  url: string;
}

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

export const projectStages = ["idea", "research", "prototype", "pilot", "live", "paused"] as const;
export const projectStageEnum = pgEnum("project_stage", projectStages);

/**
 * Something a group builds: its stage, technologies and repository, and the city's problems and
 * bounties it works on (plain id columns: those belong to their own modules).
 */
export const projects = pgTable(
  "projects",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    summary: text("summary").notNull(),
    description: text("description").notNull().default(""),
    stage: projectStageEnum("stage").notNull().default("idea"),
    technologies: text("technologies").array().notNull().default(sql`'{}'::text[]`),
    repositoryUrl: text("repository_url"),
    problemIds: uuid("problem_ids").array().notNull().default(sql`'{}'::uuid[]`),
    bountyIds: uuid("bounty_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    index("projects_group_idx").on(table.groupId),
    index("projects_city_idx").on(table.cityId, table.updatedAt),
    uniqueIndex("projects_group_name_unique").on(table.groupId, sql`lower(${table.name})`),
  ],
);

export const projectRoleStatusEnum = pgEnum("project_role_status", ["open", "filled", "closed"]);

/** A role a project needs filled ("front-end developer", "translator"), with the skills it asks for. */
export const projectRoles = pgTable(
  "project_roles",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    skillIds: uuid("skill_ids").array().notNull().default(sql`'{}'::uuid[]`),
    status: projectRoleStatusEnum("status").notNull().default("open"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [index("project_roles_project_idx").on(table.projectId)],
);

export const applicationStatusEnum = pgEnum("role_application_status", ["pending", "approved", "declined", "withdrawn"]);

/**
 * A volunteer's application to a role, with their message. Organizers approve or decline it; while
 * it waits, they are reminded after 2 days and again after 7. A person has at most one pending or
 * approved application per role.
 */
export const roleApplications = pgTable(
  "role_applications",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    roleId: uuid("role_id")
      .notNull()
      .references(() => projectRoles.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    status: applicationStatusEnum("status").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    firstReminderAt: timestamp("first_reminder_at", { withTimezone: true }),
    secondReminderAt: timestamp("second_reminder_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    uniqueIndex("role_applications_one_live").on(table.roleId, table.userId).where(sql`${table.status} in ('pending', 'approved')`),
    index("role_applications_pending_idx").on(table.cityId, table.status, table.createdAt),
    index("role_applications_user_idx").on(table.userId),
    check("role_applications_decided", sql`(${table.status} in ('approved', 'declined')) = (${table.decidedAt} is not null)`),
  ],
);
