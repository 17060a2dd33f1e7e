import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { httpClient } from "../../testing/http-client.ts";
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";
import { accountBalances, ledgerPostings } from "../ledger/index.ts";
import { bounties } from "./schema.ts";

let t: TestApp;
let city: City;
let dso: string;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("riverside");
  dso = (await t.personWithRoles(city, "dso@riverside.example", [{ role: "dso_staff" }])).cookie;
  baseUrl = await t.listen();
});
afterAll(async () => t?.close());

const base = "/api/v1/cities/riverside";

async function draft(target: City, title: string, amountMinor: number) {
  const [created] = await t.database.db
    .insert(bounties)
    .values({
      cityId: target.id,
      kind: "fixed",
      title,
      description: "Make the form accessible.",
      acceptanceCriteria: ["Passes axe", "Works at 360 px"],
      requiredLicence: "MIT",
      amountMinor,
      currency: "USD",
      deadlineAt: new Date(Date.now() + 30 * 86_400_000),
    })
    .returning();
  if (!created) throw new Error("no bounty");
  return created;
}

async function addToFund(amountMinor: number, cookie = dso) {
  const response = await t.request({ method: "POST", url: `${base}/fund/additions`, cookie, body: { amountMinor } });
  expect(response.statusCode).toBe(201);
}

async function unbalancedPostings(cityId: string) {
  const result = await t.database.pool.query(
    "select posting_id from ledger_lines where city_id = $1 group by posting_id, currency having sum(amount_minor) <> 0 or count(*) < 2",
    [cityId],
  );
  return result.rows;
}

describe("publishing bounties against the fund", () => {
  it("never over-commits the fund: 20 concurrent publishes of 100 USD against 1,000 USD, exactly 10 succeed", async () => {
    await addToFund(100_000);
    const drafts = await Promise.all(Array.from({ length: 20 }, (_, index) => draft(city, `Concurrent bounty ${index + 1}`, 10_000)));
    const client = httpClient(baseUrl, 20);
    let lowest = Number.POSITIVE_INFINITY;
    // Watch the available money while the publishes run: it must never go below zero.
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        lowest = Math.min(lowest, (await accountBalances(t.database.db, city.id, "USD")).fund);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    try {
      const responses = await Promise.all(
        drafts.map((bounty) =>
          client.request({ method: "POST", path: `${base}/bounties/${bounty.id}/publish`, headers: { cookie: dso, origin: testPublicUrl } }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      expect(statuses.filter((status) => status === 409)).toHaveLength(10);
      const refusal = responses.find((response) => response.status === 409);
      expect(refusal?.headers["content-type"]).toContain("application/problem+json");
      expect(refusal?.json<{ detail: string }>().detail).toBe(
        "The bounty fund has 0.00 USD available, not enough for 100.00 USD. Add money to the fund or lower the amount.",
      );
    } finally {
      watching = false;
      await watcher;
      client.close();
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    const balances = await accountBalances(t.database.db, city.id, "USD");
    expect(balances).toMatchObject({ fund: 0, reserved: 100_000 });
    const published = await t.database.db
      .select()
      .from(bounties)
      .where(
        and(
          inArray(
            bounties.id,
            drafts.map((bounty) => bounty.id),
          ),
          eq(bounties.status, "published"),
        ),
      );
    expect(published).toHaveLength(10);
    // Refused publishes left their bounties in draft, with no money moved for them.
    const reservations = await t.database.db.select().from(ledgerPostings).where(eq(ledgerPostings.cityId, city.id));
    expect(reservations.filter((posting) => posting.idempotencyKey.endsWith(":reserve"))).toHaveLength(10);
    expect(await unbalancedPostings(city.id)).toEqual([]);

    // Cancelling a published bounty gives its money back, once; it can then fund a draft.
    const cancelled = await t.request({
      method: "POST",
      url: `${base}/bounties/${published[0]?.id}/cancel`,
      cookie: dso,
      body: { reason: "Solved by a reused tool." },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: "cancelled", cancelReason: "Solved by a reused tool." });
    const again = await t.request({ method: "POST", url: `${base}/bounties/${published[0]?.id}/cancel`, cookie: dso, body: { reason: "Twice" } });
    expect(again.statusCode).toBe(409);
    expect(await accountBalances(t.database.db, city.id, "USD")).toMatchObject({ fund: 10_000, reserved: 90_000 });
    const stillDraft = drafts.find((bounty) => !published.some((row) => row.id === bounty.id));
    expect((await t.request({ method: "POST", url: `${base}/bounties/${stillDraft?.id}/publish`, cookie: dso })).statusCode).toBe(200);
    expect(await accountBalances(t.database.db, city.id, "USD")).toMatchObject({ fund: 0, reserved: 100_000 });
    expect(await unbalancedPostings(city.id)).toEqual([]);

    const trail = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.action, "bounty.published")));
    expect(trail).toHaveLength(11);
  });

  it("reserves once when the same bounty is published twice at the same moment", async () => {
    await addToFund(50_000);
    const bounty = await draft(city, "Published twice", 20_000);
    const client = httpClient(baseUrl, 4);
    try {
      const responses = await Promise.all(
        [1, 2, 3].map(() => client.request({ method: "POST", path: `${base}/bounties/${bounty.id}/publish`, headers: { cookie: dso, origin: testPublicUrl } })),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409, 409]);
      expect(responses.find((response) => response.status === 409)?.json<{ detail: string }>().detail).toBe(
        "Only a draft can be published; this bounty is published.",
      );
    } finally {
      client.close();
    }
    expect(await accountBalances(t.database.db, city.id, "USD")).toMatchObject({ fund: 30_000, reserved: 120_000 });
  });

  it("lets only a contracting officer publish above the micro-purchase threshold", async () => {
    await addToFund(1_500_000);
    const large = await draft(city, "Rebuild the permit system", 1_200_000);
    const refused = await t.request({ method: "POST", url: `${base}/bounties/${large.id}/publish`, cookie: dso });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe("This amount is above the micro-purchase threshold of 10,000.00 USD; only a contracting officer may publish it.");
    expect((await t.request({ method: "GET", url: `${base}/bounties/${large.id}`, cookie: dso })).json().status).toBe("draft");

    const officer = (await t.personWithRoles(city, "officer@riverside.example", [{ role: "contracting_officer" }])).cookie;
    const published = await t.request({ method: "POST", url: `${base}/bounties/${large.id}/publish`, cookie: officer });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: "published", amountMinor: 1_200_000, currency: "USD" });
  });

  it("lets only the DSO publish or cancel, only in its own city, and hides drafts from the public", async () => {
    const bounty = await draft(city, "Private draft", 1_000);
    expect((await t.request({ method: "GET", url: `${base}/bounties/${bounty.id}` })).statusCode).toBe(404);
    const volunteer = (await t.personWithRoles(city, "vol@riverside.example", [{ role: "volunteer" }])).cookie;
    expect((await t.request({ method: "GET", url: `${base}/bounties/${bounty.id}`, cookie: volunteer })).statusCode).toBe(404);
    expect((await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/publish`, cookie: volunteer })).statusCode).toBe(403);
    expect((await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/cancel`, cookie: volunteer, body: { reason: "x" } })).statusCode).toBe(403);

    const other = await t.createCity("greendale");
    const otherDso = (await t.personWithRoles(other, "dso@greendale.example", [{ role: "dso_staff" }])).cookie;
    const otherFund = await t.request({ method: "POST", url: "/api/v1/cities/greendale/fund/additions", cookie: otherDso, body: { amountMinor: 100_000 } });
    expect(otherFund.statusCode).toBe(201);
    // Through its own city's address, another city's bounty does not exist.
    expect((await t.request({ method: "POST", url: `/api/v1/cities/greendale/bounties/${bounty.id}/publish`, cookie: otherDso })).statusCode).toBe(404);
    expect((await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/publish`, cookie: otherDso })).statusCode).toBe(404);
    const [unchanged] = await t.database.db.select().from(bounties).where(eq(bounties.id, bounty.id));
    expect(unchanged?.status).toBe("draft");

    const noReason = await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/cancel`, cookie: dso, body: { reason: "" } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe("reason");
    const cancelledDraft = await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/cancel`, cookie: dso, body: { reason: "Not needed" } });
    expect(cancelledDraft.json().status).toBe("cancelled");
    const republish = await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/publish`, cookie: dso });
    expect(republish.statusCode).toBe(409);
    expect(republish.json().detail).toBe("Only a draft can be published; this bounty is cancelled.");
  });
});

describe("drafting a fixed-price bounty from a problem", () => {
  async function problemWithStatus(status: "accepted" | "new" | "declined") {
    const reported = await t.request({
      method: "POST",
      url: `${base}/problems`,
      cookie: dso,
      body: { title: `Permits on paper (${status})`, description: "Re-typed into a spreadsheet." },
    });
    const problem = reported.json();
    if (status !== "new") {
      const triaged = await t.request({
        method: "POST",
        url: `${base}/problems/${problem.id}/triage`,
        cookie: dso,
        body: { status, reason: status === "declined" ? "Out of scope." : undefined },
      });
      expect(triaged.statusCode).toBe(200);
    }
    return problem.id as string;
  }

  const request = (problemId: string) => ({
    problemId,
    title: "Online shelter permit form",
    description: "Replace the paper form with an accessible online form.",
    acceptanceCriteria: ["Passes axe with no violations", "Works at 360 px", "Sends a confirmation email"],
    repositoryIssueUrl: "https://github.com/riverside/permits/issues/12",
    requiredLicence: "MIT",
    deadlineAt: new Date(Date.now() + 45 * 86_400_000).toISOString(),
    deliveryBusinessDays: 15,
    amountMinor: 450_000,
    marketEstimateMinor: 900_000,
  });

  async function bountyCount() {
    return (await t.database.db.select({ id: bounties.id }).from(bounties).where(eq(bounties.cityId, city.id))).length;
  }

  it("drafts from an accepted problem, audited, and publishing it reserves its amount", async () => {
    const problemId = await problemWithStatus("accepted");
    const created = await t.request({ method: "POST", url: `${base}/bounties`, cookie: dso, body: request(problemId) });
    expect(created.statusCode).toBe(201);
    const bounty = created.json();
    expect(bounty).toMatchObject({
      problemId,
      kind: "fixed",
      auctionType: null,
      status: "draft",
      acceptanceCriteria: ["Passes axe with no violations", "Works at 360 px", "Sends a confirmation email"],
      requiredLicence: "MIT",
      amountMinor: 450_000,
      currency: "USD",
      marketEstimateMinor: 900_000,
      smallBusinessOnly: false,
    });
    const [audited] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, bounty.id), eq(auditEvents.action, "bounty.created")));
    expect(audited?.actorLabel).toBe("dso@riverside.example");

    await addToFund(450_000);
    const before = await accountBalances(t.database.db, city.id, "USD");
    expect((await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/publish`, cookie: dso })).statusCode).toBe(200);
    const after = await accountBalances(t.database.db, city.id, "USD");
    expect(after.fund).toBe(before.fund - 450_000);
    expect(after.reserved).toBe(before.reserved + 450_000);
  });

  it("refuses a licence the city does not accept, a past deadline and an amount above the threshold, naming each field", async () => {
    const problemId = await problemWithStatus("accepted");
    const before = await bountyCount();
    const response = await t.request({
      method: "POST",
      url: `${base}/bounties`,
      cookie: dso,
      body: { ...request(problemId), requiredLicence: "Proprietary", deadlineAt: "2020-01-01T00:00:00Z", amountMinor: 1_000_001 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json().errors).toEqual(
      expect.arrayContaining([
        { field: "requiredLicence", message: expect.stringContaining("MIT, Apache-2.0") },
        { field: "deadlineAt", message: "Choose a deadline in the future." },
        {
          field: "amountMinor",
          message: "This is above the micro-purchase threshold of 10,000.00 USD; only a contracting officer may set a higher amount.",
        },
      ]),
    );
    const malformed = await t.request({
      method: "POST",
      url: `${base}/bounties`,
      cookie: dso,
      body: { ...request(problemId), amountMinor: 0, acceptanceCriteria: [], repositoryIssueUrl: "ftp://example.com/x", deadlineAt: "next week" },
    });
    expect(malformed.statusCode).toBe(400);
    expect(
      malformed
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(["acceptanceCriteria", "amountMinor", "deadlineAt", "repositoryIssueUrl"]);
    expect(await bountyCount()).toBe(before);

    const officer = (await t.personWithRoles(city, "officer2@riverside.example", [{ role: "contracting_officer" }])).cookie;
    const large = await t.request({ method: "POST", url: `${base}/bounties`, cookie: officer, body: { ...request(problemId), amountMinor: 1_500_000 } });
    expect(large.statusCode).toBe(201);
  });

  it("writes bounties only for accepted problems of the same city, and only by the DSO", async () => {
    for (const status of ["new", "declined"] as const) {
      const problemId = await problemWithStatus(status);
      const response = await t.request({ method: "POST", url: `${base}/bounties`, cookie: dso, body: request(problemId) });
      expect(response.statusCode).toBe(409);
      expect(response.json().errors[0].field).toBe("problemId");
    }
    const problemId = await problemWithStatus("accepted");
    const unknown = await t.request({ method: "POST", url: `${base}/bounties`, cookie: dso, body: request("01900000-0000-7000-8000-000000000000") });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: "problemId", message: "There is no such problem in this city." }]);

    const before = await bountyCount();
    const agency = await t.createAgency(city, "parks");
    const clerk = (await t.personWithRoles(city, "clerk@riverside.example", [{ role: "agency_staff", agencyId: agency.id }])).cookie;
    expect((await t.request({ method: "POST", url: `${base}/bounties`, cookie: clerk, body: request(problemId) })).statusCode).toBe(403);
    const other = await t.createCity("westbrook");
    const otherDso = (await t.personWithRoles(other, "dso@westbrook.example", [{ role: "dso_staff" }])).cookie;
    expect((await t.request({ method: "POST", url: `${base}/bounties`, cookie: otherDso, body: request(problemId) })).statusCode).toBe(404);
    // Another city's problem is not one of this city's.
    const crossCity = await t.request({ method: "POST", url: "/api/v1/cities/westbrook/bounties", cookie: otherDso, body: request(problemId) });
    expect(crossCity.statusCode).toBe(400);
    expect(crossCity.json().errors[0].field).toBe("problemId");
    expect(await bountyCount()).toBe(before);
  });
});
