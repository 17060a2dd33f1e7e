import { spawnSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../server/platform/auth/index.ts";
import { roleAssignments } from "../server/platform/policy/index.ts";
import { cities } from "../server/platform/tenancy/index.ts";
import { createTestDatabase, type TestDatabase } from "../server/testing/test-database.ts";

/** The `civitas` command, run as a real process against a database of its own. */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(2);
});
afterAll(async () => database?.drop());

function civitas(...args: string[]) {
  const result = spawnSync(process.execPath, ["bin/civitas.js", ...args], {
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: database.url, AUTH_SECRET: "x".repeat(40), LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each test starts several Node processes; on a busy two-core machine that takes a while.
describe("civitas command", { timeout: 120_000 }, () => {
  it("migrates", () => {
    const result = civitas("migrate");
    expect(result.stderr).toBe("");
    expect(result).toMatchObject({ code: 0, stdout: "Database is up to date.\n" });
  });

  it("creates a city, and refuses a bad one naming every option at fault", async () => {
    expect(civitas("create-city", "--slug", "riverton", "--name", "Riverton", "--time-zone", "America/Denver").code).toBe(0);
    const [city] = await database.db.select().from(cities).where(eq(cities.slug, "riverton"));
    expect(city).toMatchObject({ name: "Riverton", timeZone: "America/Denver", defaultLocale: "en", currency: "USD" });

    const bad = civitas("create-city", "--slug", "Bad Slug", "--name", "B", "--time-zone", "Mars/Olympus");
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain("--slug: Use lower-case letters, digits and single hyphens");
    expect(bad.stderr).toContain("--name: Use at least 2 characters.");
    expect(bad.stderr).toContain("--time-zone: Use a time zone name such as America/Chicago.");

    const duplicate = civitas("create-city", "--slug", "riverton", "--name", "Riverton again", "--time-zone", "America/Denver");
    expect(duplicate.code).toBe(65);
    expect(duplicate.stderr).toContain("A city with the address “riverton” already exists.");
  });

  it("makes a city admin, and a platform admin", async () => {
    const result = civitas("create-admin", "--email", "Mayor@Riverton.example", "--name", "Mayor", "--city", "riverton");
    expect(result.code).toBe(0);
    const [user] = await database.db.select().from(users).where(eq(users.email, "mayor@riverton.example"));
    expect(user).toBeDefined();
    const grants = await database.db
      .select()
      .from(roleAssignments)
      .where(eq(roleAssignments.userId, user?.id ?? ""));
    expect(grants.map((grant) => grant.role)).toEqual(["city_admin"]);

    expect(civitas("create-admin", "--email", "ops@civitas.example", "--name", "Ops", "--platform", "--password", "a sufficiently long password").code).toBe(0);
    const [operator] = await database.db.select().from(users).where(eq(users.email, "ops@civitas.example"));
    expect(operator?.isPlatformAdmin).toBe(true);

    const neither = civitas("create-admin", "--email", "x@example.org", "--name", "X");
    expect(neither.code).toBe(65);
    expect(neither.stderr).toContain("give either --city <slug> or --platform");
    expect(civitas("create-admin", "--email", "x@example.org", "--name", "X", "--city", "atlantis").stderr).toContain('there is no city "atlantis"');
  });

  it("loads the demo city only into an empty database", async () => {
    const refused = civitas("seed", "--demo");
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain("already has cities");
    await database.pool.query("truncate cities cascade");
    const seeded = civitas("seed", "--demo");
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain("admin@springfield.example");
    const [springfield] = await database.db.select().from(cities).where(eq(cities.slug, "springfield"));
    expect(springfield?.timeZone).toBe("America/Chicago");
  });

  it("explains how to use it when the command or an option is unknown", () => {
    const unknown = civitas("frobnicate");
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(unknown.stderr).toContain("Usage: civitas <command>");
    expect(civitas("create-city", "--colour", "blue").code).toBe(64);
    expect(civitas("help").stdout).toContain("create-admin");
  });
});
