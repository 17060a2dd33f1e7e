import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn } from "../../db/columns.ts";
import { cities } from "../tenancy/schema.ts";

/**
 * Every privileged action: who did what to which record, when, and the record before and after.
 * Rows are only ever inserted. The actor's email is copied so the trail stays readable if the
 * account is later erased.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: idColumn(),
    cityId: uuid("city_id").references(() => cities.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
    createdAt: createdAtColumn(),
  },
  (table) => [index("audit_events_city_created_idx").on(table.cityId, table.createdAt)],
);
