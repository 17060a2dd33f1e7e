import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import pg from "pg";
import { applyMigrations } from "../src/server/db/connection.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../src/server/db/embedded.ts";

/**
 * What every benchmark needs: a PostgreSQL server (DATABASE_URL, or the embedded one), a fresh
 * database on it, the real Civitas server as its own process, and percentiles. Benchmarks print one
 * JSON line; figures are only meaningful as ratios against a baseline measured in the same run.
 */

export interface BenchDatabase {
  serverUrl: string;
  url: string;
  name: string;
  drop(): Promise<void>;
}

let embedded: EmbeddedDatabase | null = null;

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function serverUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  embedded ??= await startEmbeddedPostgres({ directory: "./data/bench-postgres", port: Number(process.env.BENCH_EMBEDDED_POSTGRES_PORT ?? 54332) });
  return embedded.url;
}

export async function stopEmbedded(): Promise<void> {
  await embedded?.stop();
  embedded = null;
}

export async function freshDatabase(prefix: string, migrate = true): Promise<BenchDatabase> {
  const server = await serverUrl();
  const name = `${prefix}_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(server, "postgres") });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(server, name);
  if (migrate) await applyMigrations(url);
  return {
    serverUrl: server,
    url,
    name,
    async drop() {
      const client = new pg.Client({ connectionString: withDatabase(server, "postgres") });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const benchSecret = "benchmark-secret-that-is-long-enough-to-sign-cookies";

/** The real server, in its own process, web only (background jobs would compete for the same cores). */
export async function startCivitas(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["src/server/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      AUTH_SECRET: benchSecret,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      PROCESS_ROLE: "web",
      LOG_LEVEL: "warn",
      DATABASE_POOL_SIZE: "20",
      // BENCH_CPU_PROFILE=<directory> writes the server's CPU profile there, to see where the time goes.
      ...(process.env.BENCH_CPU_PROFILE ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}` } : {}),
      ...extra,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        return {
          url,
          process: child,
          stop: () =>
            new Promise((resolve) => {
              child.once("exit", () => resolve());
              child.kill("SIGTERM");
            }),
        };
      }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error("the Civitas server did not start");
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 100) / 100;
}

/** `pgbench -N -c 50 -j 2 -T seconds` at scale 10 on the same server: the baseline of database throughput. */
export async function pgbenchTps(seconds: number, clients = 50): Promise<number> {
  const database = await freshDatabase("civitas_pgbench", false);
  const url = new URL(database.url);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const args = ["-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username)];
  try {
    execFileSync("pgbench", [...args, "-i", "-q", "-s", "10", database.name], { env, stdio: "ignore" });
    const output = execFileSync("pgbench", [...args, "-N", "-c", String(clients), "-j", "2", "-T", String(seconds), database.name], { env, encoding: "utf8" });
    const match = output.match(/tps = ([\d.]+) \((?:without|excluding) initial connection time\)/) ?? output.match(/tps = ([\d.]+)/);
    if (!match?.[1]) throw new Error(`could not read pgbench's tps from:\n${output}`);
    return Number(match[1]);
  } finally {
    await database.drop();
  }
}
