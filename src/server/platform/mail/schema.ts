import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn } from "../../db/columns.ts";
import { cities } from "../tenancy/schema.ts";

/**
 * Mail that was not sent over SMTP because no SMTP_URL is configured. City admins read their
 * city's messages in the app; platform admins read all of them.
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: idColumn(),
    cityId: uuid("city_id").references(() => cities.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    attachments: jsonb("attachments").$type<{ filename: string; contentType: string; content: string }[]>().notNull().default([]),
    createdAt: createdAtColumn(),
  },
  (table) => [index("outbox_messages_city_created_idx").on(table.cityId, table.createdAt), index("outbox_messages_recipient_idx").on(table.recipient)],
);
