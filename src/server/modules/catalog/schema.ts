import { type SQL, sql } from "drizzle-orm";
import { bigint, check, customType, index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { PubliccodeDocument } from "../../../contracts/catalog.ts";
import { createdAtColumn, idColumn, updatedAtColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Where a fork came from: the other city's entry and that city. */
export interface ForkOrigin {
  objectUrl: string;
  pageUrl: string | null;
  cityName: string;
  actorUrl: string;
}

/**
 * A software solution in the city's catalog, described by its publiccode.yml (kept whole, as read),
 * with the columns listing and search need taken from it. A fork keeps its origin and the origin's
 * document as it was when forked (or when its changes were last taken), to show what changed since.
 * The search document uses the language-neutral `simple` configuration: descriptions come in many languages.
 */
export const catalogEntries = pgTable(
  "catalog_entries",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    url: text("url").notNull(),
    landingUrl: text("landing_url"),
    shortDescription: text("short_description").notNull(),
    license: text("license").notNull(),
    softwareType: text("software_type").notNull(),
    developmentStatus: text("development_status").notNull(),
    platforms: text("platforms").array().notNull(),
    categories: text("categories").array().notNull(),
    publiccodeVersion: text("publiccode_version").notNull(),
    publiccode: jsonb("publiccode").$type<PubliccodeDocument>().notNull(),
    /** Every description, feature and name, for full-text search. */
    searchText: text("search_text").notNull(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`setweight(to_tsvector('simple', coalesce(${catalogEntries.name}, '')), 'A') || setweight(to_tsvector('simple', coalesce(${catalogEntries.searchText}, '')), 'B')`,
      ),
    /** Agencies, problems and bounties of this city, by id: plain columns, they belong to their own modules. */
    agencyIds: uuid("agency_ids").array().notNull(),
    problemIds: uuid("problem_ids").array().notNull(),
    bountyIds: uuid("bounty_ids").array().notNull(),
    reuseSavingsMinor: bigint("reuse_savings_minor", { mode: "number" }).notNull().default(0),
    currency: text("currency").notNull(),
    forkOrigin: jsonb("fork_origin").$type<ForkOrigin>(),
    /** The origin's publiccode.yml when forked or when its changes were last taken. */
    forkBase: jsonb("fork_base").$type<PubliccodeDocument>(),
    forkedAt: timestamp("forked_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    index("catalog_entries_city_idx").on(table.cityId, table.updatedAt),
    index("catalog_entries_search_idx").using("gin", table.search),
    check("catalog_entries_savings_nonnegative", sql`${table.reuseSavingsMinor} >= 0`),
    check("catalog_entries_fork_whole", sql`(${table.forkOrigin} is null) = (${table.forkedAt} is null)`),
  ],
);

/** What kind of thing another city shared: catalog kinds, and the bounties and calls for volunteers shown beside them. */
export type RemoteEntryKind = "software" | "process" | "bounty" | "call";

/**
 * An entry of a city this city follows, as that city shared it over ActivityPub: read-only here,
 * replaced by each Update, marked deleted by a Delete. `data` holds the structured part (the
 * publiccode.yml of software, the steps and figures of a process).
 */
export const catalogRemoteEntries = pgTable(
  "catalog_remote_entries",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    kind: text("kind").$type<RemoteEntryKind>().notNull(),
    objectUrl: text("object_url").notNull(),
    pageUrl: text("page_url"),
    actorUrl: text("actor_url").notNull(),
    cityName: text("city_name").notNull(),
    name: text("name").notNull(),
    summary: text("summary").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    license: text("license"),
    developmentStatus: text("development_status"),
    categories: text("categories").array().notNull(),
    searchText: text("search_text").notNull(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`setweight(to_tsvector('simple', coalesce(${catalogRemoteEntries.name}, '')), 'A') || setweight(to_tsvector('simple', coalesce(${catalogRemoteEntries.searchText}, '')), 'B')`,
      ),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** When the origin says it last changed; older copies arriving late are ignored. */
    originUpdatedAt: timestamp("origin_updated_at", { withTimezone: true }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (table) => [
    unique("catalog_remote_entries_object_unique").on(table.cityId, table.objectUrl),
    index("catalog_remote_entries_actor_idx").on(table.cityId, table.actorUrl),
    index("catalog_remote_entries_search_idx").using("gin", table.search),
    check("catalog_remote_entries_kind", sql`${table.kind} in ('software', 'process', 'bounty', 'call')`),
  ],
);
