import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cityRoleEnum } from "../../platform/policy/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";

export const invitationStatusEnum = pgEnum("invitation_status", ["pending", "accepted", "revoked"]);

/** A city admin's invitation for someone to take a role; accepted by the person signed in with that email. */
export const invitations = pgTable(
  "invitations",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: cityRoleEnum("role").notNull(),
    agencyId: uuid("agency_id"),
    tokenHash: text("token_hash").notNull().unique(),
    status: invitationStatusEnum("status").notNull().default("pending"),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (table) => [index("invitations_city_status_idx").on(table.cityId, table.status)],
);
