import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";

/** The real process: start-up, demo seed, two instances at once, configuration errors, shutdown. */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(2);
  // Start from a database with no schema at all, as a new deployment would.
  await database.pool.query("drop schema public cascade; create schema public; drop schema if exists pgboss cascade; drop schema if exists drizzle cascade");
});
afterAll(async () => database?.drop());

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function start(environment: Record<string, string>, args: string[] = []): Running {
  const child = spawn(process.execPath, ["src/server/main.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "development", LOG_LEVEL: "info", AUTH_SECRET: "x".repeat(40), SEED_DEMO: "true", ...environment },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, port: Number(environment.PORT ?? 0), output: () => output, exited };
}

async function waitForHealth(running: Running): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`exited early:\n${running.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${running.port}/api/health`);
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`never became healthy:\n${running.output()}`);
}

describe("the server process", { timeout: 120_000 }, () => {
  it("starts twice at once on an empty database: migrates once, seeds one demo city, both serve", async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const a = start({ DATABASE_URL: database.url, PORT: String(portA) });
    const b = start({ DATABASE_URL: database.url, PORT: String(portB) });
    try {
      await Promise.all([waitForHealth(a), waitForHealth(b)]);
      for (const port of [portA, portB]) {
        const cities = await (await fetch(`http://127.0.0.1:${port}/api/v1/cities`)).json();
        expect(cities.cities.map((city: { slug: string }) => city.slug)).toEqual(["springfield"]);
        const ready = await (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).json();
        expect(ready.checks).toEqual({ database: "ok", jobs: "ok" });
      }
      const agencies = await database.pool.query("select count(*)::int as count from agencies");
      expect(agencies.rows[0].count).toBe(5);
    } finally {
      a.child.kill("SIGTERM");
      b.child.kill("SIGTERM");
    }
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    expect(a.output()).toContain("shutting down");
  });

  it("finishes a request in flight before it stops on SIGTERM", async () => {
    const port = await freePort();
    const running = start({ DATABASE_URL: database.url, PORT: String(port) });
    await waitForHealth(running);
    // Hold a lock the request needs, so it is certainly mid-way when the signal arrives.
    const blocker = await database.pool.connect();
    await blocker.query("begin");
    await blocker.query("lock table agencies in access exclusive mode");
    const inFlight = fetch(`http://127.0.0.1:${port}/api/v1/cities/springfield/agencies`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    running.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(running.child.exitCode).toBeNull();
    await blocker.query("commit");
    blocker.release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).agencies).toHaveLength(5);
    expect(await running.exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  });

  it("runs web-only and jobs-only processes", async () => {
    const port = await freePort();
    const web = start({ DATABASE_URL: database.url, PORT: String(port) }, ["--web-only"]);
    const jobs = start({ DATABASE_URL: database.url, PORT: String(await freePort()), PROCESS_ROLE: "jobs" });
    try {
      await waitForHealth(web);
      const ready = await (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).json();
      expect(ready.checks.jobs).toBe("not-run-here");
      const deadline = Date.now() + 30_000;
      while (!jobs.output().includes("running background jobs only") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(jobs.output()).toContain("running background jobs only");
    } finally {
      web.child.kill("SIGTERM");
      jobs.child.kill("SIGTERM");
    }
    expect(await web.exited).toBe(0);
    expect(await jobs.exited).toBe(0);
  });

  it("refuses a wrong setting with one line naming the variable", async () => {
    const running = start({ DATABASE_URL: database.url, PORT: "eighty" });
    expect(await running.exited).toBe(78);
    expect(running.output().trim()).toBe('Invalid configuration: PORT must be a number (got "eighty")');
  });
});
