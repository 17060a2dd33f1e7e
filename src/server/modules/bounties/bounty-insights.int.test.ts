import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { City } from "../../platform/tenancy/index.ts";
import { cityDateOf } from "../../platform/time.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { bounties, submissions } from "./schema.ts";

let t: TestApp;
let riverside: City;
let greendale: City;
const staff: Record<string, string> = {};

interface TestVendor {
  id: string;
  cookie: string;
  legalName: string;
}

let vendorCount = 0;

async function vendor(target: City): Promise<TestVendor> {
  vendorCount += 1;
  const legalName = `Insight Works ${vendorCount} LLC`;
  const cookie = await t.signIn(`vendor${vendorCount}@${target.slug}.example`);
  const registered = await t.request({
    method: "POST",
    url: `/api/v1/cities/${target.slug}/vendors`,
    cookie,
    body: { legalName, smallBusiness: false, taxFormOnFile: true, paymentReference: `AP-INS-${vendorCount}` },
  });
  expect(registered.statusCode).toBe(201);
  const id = registered.json().id as string;
  const reviewed = await t.request({
    method: "POST",
    url: `/api/v1/cities/${target.slug}/vendors/${id}/review`,
    cookie: staff[target.slug],
    body: { decision: "verified" },
  });
  expect(reviewed.statusCode).toBe(200);
  return { id, cookie, legalName };
}

async function publish(target: City, bountyId: string) {
  const published = await t.request({ method: "POST", url: `/api/v1/cities/${target.slug}/bounties/${bountyId}/publish`, cookie: staff[target.slug] });
  expect(published.statusCode).toBe(200);
}

async function fixedBounty(target: City, options: { title: string; amountMinor: number; marketEstimateMinor?: number; publish?: boolean }) {
  const [created] = await t.database.db
    .insert(bounties)
    .values({
      cityId: target.id,
      kind: "fixed",
      title: options.title,
      acceptanceCriteria: ["Passes axe"],
      requiredLicence: "MIT",
      amountMinor: options.amountMinor,
      marketEstimateMinor: options.marketEstimateMinor ?? null,
      currency: "USD",
      deliveryBusinessDays: 5,
      deadlineAt: new Date(Date.now() + 60 * 86_400_000),
    })
    .returning();
  if (!created) throw new Error("no bounty");
  if (options.publish !== false) await publish(target, created.id);
  return created;
}

async function openAuction(target: City, options: { title: string; auctionType: "multi" | "sealed"; amountMinor: number; marketEstimateMinor?: number }) {
  const [created] = await t.database.db
    .insert(bounties)
    .values({
      cityId: target.id,
      kind: "auction",
      auctionType: options.auctionType,
      title: options.title,
      acceptanceCriteria: ["Passes axe"],
      requiredLicence: "MIT",
      amountMinor: options.amountMinor,
      marketEstimateMinor: options.marketEstimateMinor ?? null,
      currency: "USD",
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 3_600_000),
    })
    .returning();
  if (!created) throw new Error("no auction");
  await publish(target, created.id);
  return created;
}

async function bid(target: City, bountyId: string, who: TestVendor, amount: string) {
  const placed = await t.request({ method: "POST", url: `/api/v1/cities/${target.slug}/bounties/${bountyId}/bids`, cookie: who.cookie, body: { amount } });
  expect(placed.statusCode).toBe(201);
}

/** Ends the auction as the clock would, then closes it as the DSO; returns the winner's delivery, if any. */
async function closeAuction(target: City, bountyId: string) {
  await t.database.db
    .update(bounties)
    .set({ startsAt: sql`least(${bounties.startsAt}, now() - interval '2 seconds')`, endsAt: sql`now() - interval '1 second'` })
    .where(eq(bounties.id, bountyId));
  const closed = await t.request({ method: "POST", url: `/api/v1/cities/${target.slug}/bounties/${bountyId}/close`, cookie: staff[target.slug] });
  expect(closed.statusCode).toBe(200);
  const [delivery] = await t.database.db.select().from(submissions).where(eq(submissions.bountyId, bountyId));
  return delivery?.id ?? null;
}

async function assign(target: City, bountyId: string, who: TestVendor) {
  const assigned = await t.request({
    method: "POST",
    url: `/api/v1/cities/${target.slug}/bounties/${bountyId}/assign`,
    cookie: staff[target.slug],
    body: { vendorId: who.id },
  });
  expect(assigned.statusCode).toBe(201);
  return assigned.json().id as string;
}

/** The vendor hands the delivery in and the DSO accepts it; paid too when asked. */
async function deliver(target: City, submissionId: string, who: TestVendor, options: { pay: boolean }) {
  const base = `/api/v1/cities/${target.slug}/submissions/${submissionId}`;
  const submitted = await t.request({
    method: "POST",
    url: `${base}/submit`,
    cookie: who.cookie,
    body: { pullRequestUrl: "https://github.com/riverside/permits/pull/7" },
  });
  expect(submitted.statusCode).toBe(200);
  expect((await t.request({ method: "POST", url: `${base}/review`, cookie: staff[target.slug], body: { decision: "accepted" } })).statusCode).toBe(200);
  if (options.pay) {
    expect((await t.request({ method: "POST", url: `${base}/pay`, cookie: staff[target.slug], body: { paymentReference: "CHK-77" } })).statusCode).toBe(200);
  }
}

async function addToFund(target: City, amountMinor: number) {
  const added = await t.request({ method: "POST", url: `/api/v1/cities/${target.slug}/fund/additions`, cookie: staff[target.slug], body: { amountMinor } });
  expect(added.statusCode).toBe(201);
}

function insights(target: City, query = "") {
  return t.request({ method: "GET", url: `/api/v1/cities/${target.slug}/bounties/insights${query}` });
}

const vendorsOfRiverside: TestVendor[] = [];
const greendaleVendors: TestVendor[] = [];

beforeAll(async () => {
  // No job worker: the every-minute close and the hourly missed-delivery job would race the tests.
  t = await startTestApp({ PROCESS_ROLE: "web" });
  riverside = await t.createCity("riverside");
  greendale = await t.createCity("greendale");
  staff.riverside = (await t.personWithRoles(riverside, "dso@riverside.example", [{ role: "dso_staff" }])).cookie;
  staff.greendale = (await t.personWithRoles(greendale, "dso@greendale.example", [{ role: "dso_staff" }])).cookie;
  await addToFund(riverside, 5_000_000);
  await addToFund(greendale, 5_000_000);
  for (let index = 0; index < 3; index++) vendorsOfRiverside.push(await vendor(riverside));
  greendaleVendors.push(await vendor(greendale));
});
afterAll(async () => t?.close());

describe("public bounty insights", () => {
  it("answers with zeros for a city with no bounties yet", async () => {
    const empty = await insights(riverside);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({
      period: { from: null, to: null },
      currency: "USD",
      bounties: {
        fixed: { total: 0, published: 0, closed: 0, awarded: 0, cancelled: 0 },
        auction: { total: 0, published: 0, closed: 0, awarded: 0, cancelled: 0 },
      },
      auctions: { closed: 0, won: 0, averageBids: null, averageBidders: null, averageWinningRatio: null, recent: [] },
      deliveries: { accepted: 0, onTime: 0, onTimeShare: null, missed: 0, averageDaysToDeliver: null },
      payments: { totalPaidMinor: 0, paidCount: 0, estimatedCount: 0, marketEstimateMinor: 0, paidAgainstEstimateMinor: 0, estimatedSavingsMinor: 0 },
    });
  });

  it("counts auctions, bids, deliveries on time, payments and savings from the real operations, and nothing of another city", async () => {
    const [ana, ben, cal] = vendorsOfRiverside as [TestVendor, TestVendor, TestVendor];

    // Auction A: multi-bid from 5,000.00 (estimated 6,000.00); three bids by two vendors; won at 4,000.00, delivered and paid.
    const auctionA = await openAuction(riverside, { title: "Permit form auction", auctionType: "multi", amountMinor: 500_000, marketEstimateMinor: 600_000 });
    await bid(riverside, auctionA.id, ana, "4,900");
    await bid(riverside, auctionA.id, ben, "4,500");
    await bid(riverside, auctionA.id, ana, "4,000");
    const deliveryA = await closeAuction(riverside, auctionA.id);
    if (!deliveryA) throw new Error("auction A was not awarded");
    await deliver(riverside, deliveryA, ana, { pay: true });

    // Auction B: sealed-bid from 3,000.00 (no estimate); three vendors, two tie at 2,250.00 and the earlier wins;
    // accepted, not paid, and handed in after its due time.
    const auctionB = await openAuction(riverside, { title: "Sealed map auction", auctionType: "sealed", amountMinor: 300_000 });
    await bid(riverside, auctionB.id, ana, "2,700");
    await bid(riverside, auctionB.id, ben, "2,250");
    await bid(riverside, auctionB.id, cal, "2,250");
    const deliveryB = await closeAuction(riverside, auctionB.id);
    if (!deliveryB) throw new Error("auction B was not awarded");
    await deliver(riverside, deliveryB, ben, { pay: false });
    // As if its due time had been the moment of award: the hand-in came after it.
    await t.database.db
      .update(submissions)
      .set({ dueAt: sql`${submissions.awardedAt}` })
      .where(eq(submissions.id, deliveryB));

    // Auction C closes with no bids; D is still open; E was cancelled before it closed.
    const auctionC = await openAuction(riverside, { title: "Unloved auction", auctionType: "multi", amountMinor: 200_000, marketEstimateMinor: 250_000 });
    expect(await closeAuction(riverside, auctionC.id)).toBeNull();
    const auctionD = await openAuction(riverside, { title: "Open auction", auctionType: "multi", amountMinor: 100_000 });
    await bid(riverside, auctionD.id, cal, "900");
    const auctionE = await openAuction(riverside, { title: "Withdrawn auction", auctionType: "sealed", amountMinor: 150_000 });
    await bid(riverside, auctionE.id, cal, "1,200");
    const cancelled = await t.request({
      method: "POST",
      url: `/api/v1/cities/riverside/bounties/${auctionE.id}/cancel`,
      cookie: staff.riverside,
      body: { reason: "Scope changed." },
    });
    expect(cancelled.statusCode).toBe(200);

    // Fixed F: 500.00, estimated 800.00, delivered and paid. G stays a draft and H is cancelled, both with
    // estimates that must not count. I is awarded and its delivery missed.
    const fixedF = await fixedBounty(riverside, { title: "Fixed form fix", amountMinor: 50_000, marketEstimateMinor: 80_000 });
    await deliver(riverside, await assign(riverside, fixedF.id, cal), cal, { pay: true });
    await fixedBounty(riverside, { title: "Draft idea", amountMinor: 70_000, marketEstimateMinor: 900_000, publish: false });
    const fixedH = await fixedBounty(riverside, { title: "Cancelled fix", amountMinor: 40_000, marketEstimateMinor: 900_000 });
    expect(
      (
        await t.request({
          method: "POST",
          url: `/api/v1/cities/riverside/bounties/${fixedH.id}/cancel`,
          cookie: staff.riverside,
          body: { reason: "Done in house." },
        })
      ).statusCode,
    ).toBe(200);
    const fixedI = await fixedBounty(riverside, { title: "Missed fix", amountMinor: 30_000, marketEstimateMinor: 35_000 });
    const deliveryI = await assign(riverside, fixedI.id, ana);
    await t.database.db.update(submissions).set({ dueAt: sql`now() - interval '1 minute'` }).where(eq(submissions.id, deliveryI));
    expect((await t.request({ method: "POST", url: `/api/v1/cities/riverside/submissions/${deliveryI}/missed`, cookie: staff.riverside })).statusCode).toBe(
      200,
    );

    // Greendale: a closed auction and a paid bounty of its own, which Riverside's figures never show.
    const [gus] = greendaleVendors as [TestVendor];
    const greenAuction = await openAuction(greendale, { title: "Greendale auction", auctionType: "multi", amountMinor: 400_000, marketEstimateMinor: 990_000 });
    await bid(greendale, greenAuction.id, gus, "1,000");
    const greenDelivery = await closeAuction(greendale, greenAuction.id);
    if (!greenDelivery) throw new Error("the Greendale auction was not awarded");
    await deliver(greendale, greenDelivery, gus, { pay: true });

    const response = await insights(riverside);
    expect(response.statusCode).toBe(200);
    const figures = response.json();
    expect(figures.bounties).toEqual({
      fixed: { total: 3, published: 0, closed: 0, awarded: 2, cancelled: 1 },
      auction: { total: 5, published: 1, closed: 1, awarded: 2, cancelled: 1 },
    });
    expect(figures.auctions).toMatchObject({ closed: 3, won: 2, averageBids: 2, averageBidders: 1.6667, averageWinningRatio: 0.775 });
    expect(
      figures.auctions.recent.map((row: Record<string, unknown>) => [
        row.title,
        row.auctionType,
        row.status,
        row.bidCount,
        row.bidderCount,
        row.startPriceMinor,
        row.winningPriceMinor,
        row.winningRatio,
      ]),
    ).toEqual([
      ["Unloved auction", "multi", "closed", 0, 0, 200_000, null, null],
      ["Sealed map auction", "sealed", "awarded", 3, 3, 300_000, 225_000, 0.75],
      ["Permit form auction", "multi", "awarded", 3, 2, 500_000, 400_000, 0.8],
    ]);
    expect(figures.deliveries).toEqual({ accepted: 3, onTime: 2, onTimeShare: 0.6667, missed: 1, averageDaysToDeliver: 0 });
    // Paid: 4,000.00 for A and 500.00 for F; savings (6,000.00 − 4,000.00) + (800.00 − 500.00).
    expect(figures.payments).toEqual({
      totalPaidMinor: 450_000,
      paidCount: 2,
      estimatedCount: 2,
      marketEstimateMinor: 680_000,
      paidAgainstEstimateMinor: 450_000,
      estimatedSavingsMinor: 230_000,
    });
    const spend = (await t.request({ method: "GET", url: "/api/v1/cities/riverside/spend" })).json();
    expect(figures.payments.totalPaidMinor).toBe(spend.totalPaidMinor);

    // Aggregates only: no vendor's name, id or payment reference, and nothing of Greendale.
    for (const who of [...vendorsOfRiverside, gus]) {
      expect(response.body).not.toContain(who.legalName);
      expect(response.body).not.toContain(who.id);
    }
    expect(response.body).not.toContain("AP-INS");
    expect(response.body).not.toContain("Greendale");
    expect(response.body).not.toContain("Draft idea");

    const green = (await insights(greendale)).json();
    expect(green.bounties.auction).toEqual({ total: 1, published: 0, closed: 0, awarded: 1, cancelled: 0 });
    expect(green.bounties.fixed.total).toBe(0);
    expect(green.auctions.recent.map((row: { title: string }) => row.title)).toEqual(["Greendale auction"]);
    expect(green.payments).toMatchObject({ totalPaidMinor: 100_000, paidCount: 1, estimatedSavingsMinor: 890_000 });
    expect(green.deliveries).toMatchObject({ accepted: 1, onTime: 1, missed: 0 });
  });

  it("narrows every figure to a period of days on the city's calendar", async () => {
    const today = cityDateOf(new Date(), riverside.timeZone);
    const yesterday = cityDateOf(new Date(Date.now() - 86_400_000), riverside.timeZone);
    const tomorrow = cityDateOf(new Date(Date.now() + 86_400_000), riverside.timeZone);

    const around = (await insights(riverside, `?from=${yesterday}&to=${tomorrow}`)).json();
    const always = (await insights(riverside)).json();
    expect(around.period).toEqual({ from: yesterday, to: tomorrow });
    // Everything happened today: the period holds all of it, the total paid read from the ledger's lines in it.
    expect({ ...around, period: null }).toEqual({ ...always, period: null });
    expect(around.payments.totalPaidMinor).toBe(450_000);

    const later = (await insights(riverside, `?from=${tomorrow}`)).json();
    expect(later.bounties.auction.total).toBe(0);
    expect(later.auctions).toMatchObject({ closed: 0, recent: [] });
    expect(later.deliveries).toMatchObject({ accepted: 0, missed: 0 });
    expect(later.payments).toMatchObject({ totalPaidMinor: 0, paidCount: 0, estimatedSavingsMinor: 0 });

    const earlier = (await insights(riverside, `?to=${yesterday}`)).json();
    expect(earlier.bounties.fixed.total).toBe(0);
    expect(earlier.payments.totalPaidMinor).toBe(0);

    const oneDay = (await insights(riverside, `?from=${today}&to=${today}`)).json();
    expect(oneDay.payments.totalPaidMinor).toBe(450_000);
  });

  it("refuses a period that is not one, naming the field, in the reader's language", async () => {
    const malformed = await insights(riverside, "?from=2026-13-01&to=soon");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers["content-type"]).toContain("application/problem+json");
    expect(
      malformed
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(["query.from", "query.to"]);

    const backwards = await insights(riverside, "?from=2026-07-01&to=2026-06-30");
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: "query.to", message: "The end of the period must not be before its start." }]);
    const spanish = await t.request({
      method: "GET",
      url: "/api/v1/cities/riverside/bounties/insights?from=2026-07-01&to=2026-06-30",
      headers: { "accept-language": "es" },
    });
    expect(spanish.json().errors).toEqual([{ field: "query.to", message: "El final del periodo no puede ser anterior a su inicio." }]);
  });

  it("is public, for everyone alike, and unknown for a city that does not exist", async () => {
    const anonymous = await insights(riverside);
    const signedIn = await t.request({ method: "GET", url: "/api/v1/cities/riverside/bounties/insights", cookie: staff.greendale });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toEqual(anonymous.json());
    const unknown = await t.request({ method: "GET", url: "/api/v1/cities/atlantis/bounties/insights" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
  });

  it("is described in the API documentation with its period", async () => {
    const document = (await t.request({ method: "GET", url: "/api/openapi.json" })).json();
    const operation = document.paths["/api/v1/cities/{city}/bounties/insights"]?.get;
    expect(operation?.parameters.filter((parameter: { in: string }) => parameter.in === "query").map((parameter: { name: string }) => parameter.name)).toEqual([
      "from",
      "to",
    ]);
    expect(operation?.responses["200"]).toBeDefined();
  });
});
