import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn } from "../../db/columns.ts";
import { cities } from "../../platform/tenancy/schema.ts";

/** The key pairs a city's actor signs with: RSA for HTTP Signatures, Ed25519 for object integrity proofs. */
export const federationKeys = pgTable(
  "federation_keys",
  {
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    algorithm: text("algorithm").$type<"RSASSA-PKCS1-v1_5" | "Ed25519">().notNull(),
    privateKey: jsonb("private_key").$type<JsonWebKey>().notNull(),
    publicKey: jsonb("public_key").$type<JsonWebKey>().notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [primaryKey({ columns: [table.cityId, table.algorithm] })],
);

/** Accounts that follow a city's actor: other Civitas cities, or any fediverse account. */
export const federationFollowers = pgTable(
  "federation_followers",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    actorUrl: text("actor_url").notNull(),
    inboxUrl: text("inbox_url").notNull(),
    sharedInboxUrl: text("shared_inbox_url"),
    handle: text("handle"),
    name: text("name").notNull(),
    /** The Follow activity's id, to match its Undo. */
    followActivityId: text("follow_activity_id"),
    followedAt: createdAtColumn(),
  },
  (table) => [unique("federation_followers_actor_unique").on(table.cityId, table.actorUrl)],
);

/** Cities (or any actors) this city follows, and how far each Follow got. */
export const federationFollowing = pgTable(
  "federation_following",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    actorUrl: text("actor_url").notNull(),
    inboxUrl: text("inbox_url").notNull(),
    handle: text("handle"),
    name: text("name").notNull(),
    status: text("status").$type<"pending" | "accepted" | "rejected">().notNull().default("pending"),
    requestedAt: createdAtColumn(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    lastReceivedAt: timestamp("last_received_at", { withTimezone: true }),
  },
  (table) => [
    unique("federation_following_actor_unique").on(table.cityId, table.actorUrl),
    check("federation_following_status", sql`${table.status} in ('pending', 'accepted', 'rejected')`),
  ],
);

/** What kind of local record a city shares. */
export type PublishedKind = "software" | "process" | "bounty" | "call";

/**
 * What a city has published over ActivityPub, one row per shared record: its version and a hash of
 * what was sent, so that a change sends one Update and no change sends nothing; a record no longer
 * public gets a Delete and a tombstone here.
 */
export const federationPublished = pgTable(
  "federation_published",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    kind: text("kind").$type<PublishedKind>().notNull(),
    localId: uuid("local_id").notNull(),
    version: integer("version").notNull().default(1),
    /** The version whose activity was handed to the delivery queue; behind `version` until then, so none is lost. */
    sentVersion: integer("sent_version").notNull().default(0),
    contentHash: text("content_hash").notNull(),
    /** The object as last sent, for the outbox collection and for dereferencing its id. */
    object: jsonb("object").$type<Record<string, unknown>>().notNull(),
    firstPublishedAt: timestamp("first_published_at", { withTimezone: true }).notNull().defaultNow(),
    lastPublishedAt: timestamp("last_published_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (table) => [
    unique("federation_published_record_unique").on(table.cityId, table.kind, table.localId),
    index("federation_published_recent_idx").on(table.cityId, table.lastPublishedAt),
    check("federation_published_kind", sql`${table.kind} in ('software', 'process', 'bounty', 'call')`),
  ],
);

/** Fedify's cache and idempotence records, in a logged table of our own. */
export const federationKv = pgTable(
  "federation_kv",
  {
    key: text("key").array().primaryKey(),
    value: jsonb("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (table) => [index("federation_kv_expires_idx").on(table.expiresAt)],
);
