import { readdirSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { applyMigrations, migrationsFolder, openDatabase } from "./connection.ts";

/** Migrations apply on an empty database, twice at the same moment, and leave one copy of everything. */

const serverUrl = inject("serverUrl");
const name = `civitas_t_migrate_${process.pid}`;
const url = (() => {
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${name}`;
  return parsed.toString();
})();

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const parsed = new URL(serverUrl);
  parsed.pathname = "/postgres";
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await admin((client) => client.query(`drop database if exists ${name} with (force)`));
});

describe("migrations", () => {
  it("apply once when several instances start together", async () => {
    await admin(async (client) => {
      await client.query(`drop database if exists ${name} with (force)`);
      await client.query(`create database ${name}`);
    });
    await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url), applyMigrations(url)]);

    const database = openDatabase(url, 2);
    try {
      const applied = await database.pool.query("select count(*)::int as count from public.schema_migrations");
      const files = readdirSync(migrationsFolder).filter((file) => file.endsWith(".sql"));
      expect(applied.rows[0].count).toBe(files.length);
      const tables = await database.pool.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(
        expect.arrayContaining([
          "users",
          "sessions",
          "accounts",
          "verifications",
          "rate_limits",
          "cities",
          "agencies",
          "role_assignments",
          "invitations",
          "audit_events",
          "outbox_messages",
        ]),
      );
      const version = await database.pool.query<{ server_version_num: string }>("show server_version_num");
      expect(Number(version.rows[0]?.server_version_num)).toBeGreaterThanOrEqual(150000);
    } finally {
      await database.close();
    }
  });

  it("are a no-op when run again", async () => {
    await applyMigrations(url);
    const database = openDatabase(url, 1);
    try {
      const applied = await database.pool.query("select count(*)::int as count from public.schema_migrations");
      expect(applied.rows[0].count).toBe(readdirSync(migrationsFolder).filter((file) => file.endsWith(".sql")).length);
    } finally {
      await database.close();
    }
  });
});
