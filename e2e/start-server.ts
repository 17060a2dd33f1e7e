import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Starts Civitas for the browser tests on a FRESH database, every run:
 * - with DATABASE_URL: drops and re-creates the database civitas_e2e_<port> on that server;
 * - without: deletes ./data/e2e-postgres and lets the app start an embedded PostgreSQL there.
 * The demo city is loaded, sign-in rate limits are off, and mail goes to the outbox.
 * The web app is not built here: `npm run build` runs before the tests.
 */

const port = Number(process.env.E2E_PORT ?? 3200);
// One database per port, so that runs on different ports (E2E_PORT) never drop each other's.
const databaseName = `civitas_e2e_${port}`;
const root = path.resolve(import.meta.dirname, "..");

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function freshDatabase(serverUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.query(`create database ${databaseName}`);
  } finally {
    await admin.end();
  }
  return withDatabase(serverUrl, databaseName);
}

async function main(): Promise<void> {
  const webDirectory = path.resolve(root, process.env.WEB_DIST_DIR ?? "dist/web");
  if (!existsSync(path.join(webDirectory, "index.html"))) {
    process.stderr.write(`e2e/start-server.ts: ${webDirectory}/index.html is missing. Build the web app first: npm run build\n`);
    process.exit(1);
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    PUBLIC_URL: `http://localhost:${port}`,
    SEED_DEMO: "true",
    RATE_LIMITS: "false",
    LOG_LEVEL: "warn",
    // Browser tests federate with a second instance on this machine, and do not wait long for retries.
    FEDERATION_ALLOW_PRIVATE_ADDRESSES: "true",
    FEDERATION_RETRY_SECONDS: "2",
  };
  // Mail must go to the outbox, where the tests read it.
  delete env.SMTP_URL;

  if (process.env.DATABASE_URL) {
    env.DATABASE_URL = await freshDatabase(process.env.DATABASE_URL);
  } else {
    const directory = "./data/e2e-postgres";
    rmSync(path.join(root, directory), { recursive: true, force: true });
    env.EMBEDDED_POSTGRES_DIR = directory;
    env.EMBEDDED_POSTGRES_PORT = "54331";
  }

  const child = spawn(process.execPath, ["src/server/main.ts"], { cwd: root, env, stdio: "inherit" });
  const forward = (signal: NodeJS.Signals) => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGTERM", () => forward("SIGTERM"));
  process.on("SIGINT", () => forward("SIGINT"));
  child.on("error", (error) => {
    process.stderr.write(`e2e/start-server.ts: could not start the server: ${error.message}\n`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`e2e/start-server.ts: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
