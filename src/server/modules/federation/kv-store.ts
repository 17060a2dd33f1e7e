import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { federationKv } from "./schema.ts";

/**
 * Fedify's key–value store (its caches of remote documents and keys, and the record of activities
 * already handled, which makes inbox deliveries idempotent) in an ordinary logged table of ours.
 */
export class PostgresKvStore implements KvStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  #live() {
    return or(isNull(federationKv.expiresAt), gt(federationKv.expiresAt, sql`now()`));
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const [row] = await this.#db
      .select({ value: federationKv.value })
      .from(federationKv)
      .where(and(eq(federationKv.key, [...key]), this.#live()))
      .limit(1);
    return row ? (row.value as { v: T }).v : undefined;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const expiresAt = options?.ttl ? new Date(Date.now() + options.ttl.total({ unit: "millisecond" })) : null;
    // Values are wrapped so that JSON null and absent stay apart.
    await this.#db
      .insert(federationKv)
      .values({ key: [...key], value: { v: value }, expiresAt })
      .onConflictDoUpdate({ target: federationKv.key, set: { value: { v: value }, expiresAt } });
  }

  async delete(key: KvKey): Promise<void> {
    await this.#db.delete(federationKv).where(eq(federationKv.key, [...key]));
  }

  async cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    const expiresAt = options?.ttl ? new Date(Date.now() + options.ttl.total({ unit: "millisecond" })) : null;
    return this.#db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${JSON.stringify(key)}))`);
      const [row] = await tx
        .select({ value: federationKv.value })
        .from(federationKv)
        .where(and(eq(federationKv.key, [...key]), this.#live()))
        .limit(1);
      const current = row ? (row.value as { v: unknown }).v : undefined;
      if (JSON.stringify(current) !== JSON.stringify(expectedValue)) return false;
      if (newValue === undefined) await tx.delete(federationKv).where(eq(federationKv.key, [...key]));
      else
        await tx
          .insert(federationKv)
          .values({ key: [...key], value: { v: newValue }, expiresAt })
          .onConflictDoUpdate({ target: federationKv.key, set: { value: { v: newValue }, expiresAt } });
      return true;
    });
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    const length = prefix?.length ?? 0;
    const rows = await this.#db
      .select({ key: federationKv.key, value: federationKv.value })
      .from(federationKv)
      .where(and(this.#live(), prefix ? sql`${federationKv.key}[1:${length}] = ${sql.param([...prefix])}::text[]` : undefined));
    for (const row of rows) yield { key: row.key as unknown as KvKey, value: (row.value as { v: unknown }).v };
  }

  /** Drops expired records; run now and then by the maintenance job. */
  async sweep(): Promise<void> {
    await this.#db.delete(federationKv).where(sql`${federationKv.expiresAt} <= now()`);
  }
}
