import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBulkVolunteers } from "../../testing/bulk-volunteers.ts";
import { httpClient } from "../../testing/http-client.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { createAgency } from "../agencies/index.ts";
import { createCity } from "../cities/index.ts";
import { opportunities, shifts, signups } from "./schema.ts";

/**
 * A place the server acknowledged survives the server being killed outright (kill -9) and
 * restarted: the acknowledgement is sent only after PostgreSQL has committed the sign-up.
 */

const secret = "crash-test-secret-that-is-long-enough-to-sign";
let database: TestDatabase;
let cityId = "";
let shiftId = "";

beforeAll(async () => {
  database = await createTestDatabase(4);
  const city = await createCity(database.db, null, { slug: "crashtown", name: "Crashtown", timeZone: "America/Chicago", defaultLocale: "en", currency: "USD" });
  cityId = city.id;
  const agency = await createAgency(
    { db: database.db, city, actor: null, requestId: null },
    { slug: "parks", name: "Parks", description: "", contactEmail: null },
  );
  const [opportunity] = await database.db
    .insert(opportunities)
    .values({
      cityId,
      agencyId: agency.id,
      title: "Sandbags",
      summary: "Fill sandbags before the flood.",
      locationKind: "in_person",
      address: "Depot",
      status: "published",
    })
    .returning();
  const startsAt = new Date(Date.now() + 86_400_000);
  const [shift] = await database.db
    .insert(shifts)
    .values({
      cityId,
      opportunityId: opportunity?.id ?? "",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
      capacity: 150,
      waitlistEnabled: true,
    })
    .returning();
  shiftId = shift?.id ?? "";
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

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["src/server/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      AUTH_SECRET: secret,
      DATABASE_URL: database.url,
      PORT: String(port),
      SEED_DEMO: "false",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    stdio: "ignore",
  });
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  child.kill("SIGKILL");
  throw new Error("server did not start");
}

describe("a crash of the server", { timeout: 120_000 }, () => {
  it("loses no sign-up it acknowledged, and leaves the counts consistent", async () => {
    const volunteers = await createBulkVolunteers(database.pool, { cityId, count: 400, secret });
    const port = await freePort();
    const server = await startServer(port);
    const client = httpClient(`http://127.0.0.1:${port}`, 50);
    const acknowledged: string[] = [];
    let killed = false;
    const attempts = volunteers.map((volunteer) =>
      client
        .request({
          method: "POST",
          path: `/api/v1/cities/crashtown/shifts/${shiftId}/signups`,
          headers: { cookie: volunteer.cookie, origin: `http://127.0.0.1:${port}` },
        })
        .then((response) => {
          if (response.status === 201) acknowledged.push(response.json<{ id: string }>().id);
          // Pull the plug in the middle of the surge.
          if (acknowledged.length === 60 && !killed) {
            killed = true;
            server.kill("SIGKILL");
          }
        })
        .catch(() => {}),
    );
    await Promise.all(attempts);
    client.close();
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);

    const restarted = await startServer(port);
    try {
      const stored = await database.db.select({ id: signups.id, status: signups.status }).from(signups).where(eq(signups.shiftId, shiftId));
      const storedIds = new Set(stored.map((row) => row.id));
      expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
      const confirmed = stored.filter((row) => row.status === "confirmed").length;
      const [shift] = await database.db.select().from(shifts).where(eq(shifts.id, shiftId));
      expect(shift?.confirmedCount).toBe(confirmed);
      expect(confirmed).toBeLessThanOrEqual(150);
      // The restarted server answers for the place it acknowledged before the crash.
      const first = volunteers.find((volunteer) => volunteer.cookie);
      const again = await fetch(`http://127.0.0.1:${port}/api/v1/cities/crashtown/me/signups`, { headers: { cookie: first?.cookie ?? "" } });
      expect(again.status).toBe(200);
      const held = await database.db
        .select()
        .from(signups)
        .where(and(eq(signups.shiftId, shiftId), eq(signups.volunteerId, volunteers[0]?.profileId ?? "")));
      expect((await again.json()).upcoming.length).toBe(held.length);
    } finally {
      restarted.kill("SIGTERM");
    }
  });
});
