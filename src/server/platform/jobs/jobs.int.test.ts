import { eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { sessions, users, verifications } from "../auth/index.ts";
import { purgeExpiredRecords } from "../maintenance.ts";
import { createJobs } from "./index.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

async function waitFor(condition: () => boolean, milliseconds = 10_000) {
  const deadline = Date.now() + milliseconds;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("jobs on pg-boss", () => {
  it("runs a job sent by a web-only process in a jobs-only process", async () => {
    const handled: string[] = [];
    const definition = {
      name: "test.greet",
      pollingIntervalSeconds: 0.5,
      handle: async (data: { name: string }) => {
        handled.push(data.name);
      },
    };
    const web = createJobs({ url: database.url, work: false, logger: pino({ level: "silent" }) });
    const worker = createJobs({ url: database.url, work: true, logger: pino({ level: "silent" }) });
    web.define(definition);
    worker.define(definition);
    await web.start();
    await worker.start();
    try {
      expect(web.isWorking()).toBe(false);
      expect(worker.isWorking()).toBe(true);
      await web.send("test.greet", { name: "Ada" });
      await waitFor(() => handled.length === 1);
      expect(handled).toEqual(["Ada"]);
    } finally {
      await web.stop();
      await worker.stop();
    }
  });

  it("retries a failing job until it succeeds", async () => {
    let attempts = 0;
    const worker = createJobs({ url: database.url, work: true, logger: pino({ level: "silent" }) });
    worker.define({
      name: "test.flaky",
      retryLimit: 3,
      retryDelaySeconds: 1,
      retryBackoff: false,
      pollingIntervalSeconds: 0.5,
      handle: async () => {
        attempts += 1;
        if (attempts < 2) throw new Error("temporary failure");
      },
    });
    await worker.start();
    try {
      await worker.send("test.flaky", {});
      await waitFor(() => attempts >= 2, 15_000);
      expect(attempts).toBe(2);
    } finally {
      await worker.stop();
    }
  });

  it("refuses to define the same queue twice", () => {
    const jobs = createJobs({ url: database.url, work: false, logger: pino({ level: "silent" }) });
    jobs.define({ name: "test.once", handle: async () => {} });
    expect(() => jobs.define({ name: "test.once", handle: async () => {} })).toThrow(/defined twice/);
  });
});

describe("maintenance", () => {
  it("purges expired sessions and sign-in links, keeping live ones", async () => {
    const [user] = await database.db.insert(users).values({ name: "Pat", email: "pat@example.org" }).returning();
    if (!user) throw new Error("no user");
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3_600_000);
    await database.db.insert(sessions).values([
      { userId: user.id, token: "expired-token", expiresAt: past },
      { userId: user.id, token: "live-token", expiresAt: future },
    ]);
    await database.db.insert(verifications).values([
      { identifier: "old", value: "x", expiresAt: past },
      { identifier: "new", value: "y", expiresAt: future },
    ]);
    const purged = await purgeExpiredRecords(database.db);
    expect(purged).toMatchObject({ sessions: 1, verifications: 1 });
    const left = await database.db.select({ token: sessions.token }).from(sessions).where(eq(sessions.userId, user.id));
    expect(left.map((row) => row.token)).toEqual(["live-token"]);
  });
});
