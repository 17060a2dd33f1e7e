import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../platform/auth/schema.ts";
import { seedDemoCity } from "../../seed/demo-city.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { accountBalances, seedLedgerDemo } from "../ledger/index.ts";
import { seedVendorDemo, vendors } from "../vendors/index.ts";
import { problemSupports, problems } from "./schema.ts";
import { seedProblemDemo } from "./seed-demo.ts";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe("the demo city's problems, vendor and fund", () => {
  it("are seeded once, however often the seeds run", async () => {
    const { city } = await seedDemoCity(t.database.db, t.services.auth, { password: "demo-password-long-enough" });
    const userIds = new Map((await t.database.db.select({ id: users.id, email: users.email }).from(users)).map((user) => [user.email, user.id]));
    await seedProblemDemo(t.database.db, city, userIds);
    await seedVendorDemo(t.database.db, city, userIds);
    await seedLedgerDemo(t.database.db, city, userIds);

    const seeded = await t.database.db.select().from(problems).where(eq(problems.cityId, city.id));
    expect(seeded.map((problem) => problem.status).sort()).toEqual(["accepted", "declined", "new"]);
    expect(seeded.find((problem) => problem.status === "declined")?.declineReason).toBeTruthy();
    const supports = await t.database.db.select().from(problemSupports).where(eq(problemSupports.cityId, city.id));
    expect(supports).toHaveLength(4);
    const demoVendors = await t.database.db.select().from(vendors).where(eq(vendors.cityId, city.id));
    // The second demo vendor comes with the demo bounties (bounties/seed-demo.ts), which also draw on the fund.
    expect(demoVendors.filter((vendor) => vendor.userId === userIds.get("vendor@springfield.example"))).toEqual([
      expect.objectContaining({ status: "verified" }),
    ]);
    expect((await accountBalances(t.database.db, city.id, "USD")).funding_source).toBe(-2_500_000);

    const board = await t.request({ method: "GET", url: "/api/v1/cities/springfield/problems?status=accepted" });
    expect(board.json().problems).toEqual([expect.objectContaining({ supportCount: 3, agency: expect.objectContaining({ name: "Parks and Recreation" }) })]);
    expect(board.body).not.toContain("@springfield.example");
  });
});
