import pg from "pg";
import { PgBoss } from "pg-boss";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../db/connection.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../db/embedded.ts";

/**
 * Once per test run: find a PostgreSQL server (DATABASE_URL, else an embedded one), build a
 * template database with every migration and the job-queue schema applied, and hand its name to
 * the test files. Each test file then copies the template into a database of its own.
 */

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
    templateDatabase: string;
  }
}

let embedded: EmbeddedDatabase | null = null;
let serverUrl = "";
let templateDatabase = "";

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function setup(project: TestProject): Promise<void> {
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    embedded = await startEmbeddedPostgres({ directory: "./data/test-postgres", port: Number(process.env.TEST_EMBEDDED_POSTGRES_PORT ?? 54330) });
    serverUrl = embedded.url;
  }
  templateDatabase = `civitas_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`create database ${templateDatabase}`);
  } finally {
    await admin.end();
  }
  const templateUrl = withDatabase(serverUrl, templateDatabase);
  await applyMigrations(templateUrl);
  const boss = new PgBoss({ connectionString: templateUrl, supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false });
  project.provide("serverUrl", serverUrl);
  project.provide("templateDatabase", templateDatabase);
}

export async function teardown(): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    const leftovers = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [`civitas_t_${process.pid}_%`]);
    for (const row of leftovers.rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
    await admin.query(`drop database if exists ${templateDatabase} with (force)`);
  } finally {
    await admin.end();
  }
  await embedded?.stop();
}
