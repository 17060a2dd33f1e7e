import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { httpClient } from "../../testing/http-client.ts";
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";
import { accountBalances, ledgerPostings } from "../ledger/index.ts";
import { closeAuctionsQueue } from "./auction-jobs.ts";
import { closeEndedAuctions } from "./close-auction.ts";
import { bids, bounties, bountySettings, submissions } from "./schema.ts";

let t: TestApp;
let city: City;
let dso: string;
let baseUrl: string;

const base = "/api/v1/cities/riverside";

interface TestVendor {
  id: string;
  cookie: string;
  legalName: string;
}

let vendorCount = 0;

/** A person who registers as a vendor; the DSO verifies them unless told not to. */
async function vendor(options: { smallBusiness?: boolean; verify?: boolean; citySlug?: string; reviewer?: string } = {}): Promise<TestVendor> {
  vendorCount += 1;
  const citySlug = options.citySlug ?? "riverside";
  const email = `vendor${vendorCount}@${citySlug}.example`;
  const legalName = `Civic Works ${vendorCount} LLC`;
  const cookie = await t.signIn(email);
  const registered = await t.request({
    method: "POST",
    url: `/api/v1/cities/${citySlug}/vendors`,
    cookie,
    body: { legalName, smallBusiness: options.smallBusiness ?? false, taxFormOnFile: true, paymentReference: `AP-${vendorCount}` },
  });
  expect(registered.statusCode).toBe(201);
  const id = registered.json().id as string;
  if (options.verify !== false) {
    const reviewed = await t.request({
      method: "POST",
      url: `/api/v1/cities/${citySlug}/vendors/${id}/review`,
      cookie: options.reviewer ?? dso,
      body: { decision: "verified" },
    });
    expect(reviewed.statusCode).toBe(200);
  }
  return { id, cookie, legalName };
}

/** A published auction with bidding open now (or at the times given); publishing reserves its start price. */
async function openAuction(options: { auctionType: "multi" | "sealed"; amountMinor: number; smallBusinessOnly?: boolean; startsAt?: Date; endsAt?: Date }) {
  const [created] = await t.database.db
    .insert(bounties)
    .values({
      cityId: city.id,
      kind: "auction",
      auctionType: options.auctionType,
      title: `Auction ${Math.random().toString(36).slice(2, 8)}`,
      description: "Make the permit form accessible.",
      acceptanceCriteria: ["Passes axe", "Works at 360 px"],
      requiredLicence: "MIT",
      amountMinor: options.amountMinor,
      currency: "USD",
      smallBusinessOnly: options.smallBusinessOnly ?? false,
      startsAt: options.startsAt ?? new Date(Date.now() - 60_000),
      endsAt: options.endsAt ?? new Date(Date.now() + 3_600_000),
    })
    .returning();
  if (!created) throw new Error("no auction");
  const published = await t.request({ method: "POST", url: `${base}/bounties/${created.id}/publish`, cookie: dso });
  expect(published.statusCode).toBe(200);
  return created;
}

/** Moves an auction's end time into the past, as the clock would. */
async function endAuction(bountyId: string) {
  await t.database.db
    .update(bounties)
    .set({ startsAt: sql`least(${bounties.startsAt}, now() - interval '2 seconds')`, endsAt: sql`now() - interval '1 second'` })
    .where(eq(bounties.id, bountyId));
}

function bid(bountyId: string, cookie: string, amount: string | number) {
  return t.request({ method: "POST", url: `${base}/bounties/${bountyId}/bids`, cookie, body: { amount } });
}

async function addToFund(amountMinor: number) {
  const response = await t.request({ method: "POST", url: `${base}/fund/additions`, cookie: dso, body: { amountMinor } });
  expect(response.statusCode).toBe(201);
}

async function unbalancedPostings(cityId: string) {
  const result = await t.database.pool.query(
    "select posting_id from ledger_lines where city_id = $1 group by posting_id, currency having sum(amount_minor) <> 0 or count(*) < 2",
    [cityId],
  );
  return result.rows;
}

async function bidsInTimeOrder(bountyId: string) {
  return t.database.db.select().from(bids).where(eq(bids.bountyId, bountyId)).orderBy(asc(bids.createdAt), asc(bids.id));
}

beforeAll(async () => {
  // No job worker: the every-minute close would race the tests that move an end time into the past.
  // The tests run the job's work (closeEndedAuctions) themselves.
  t = await startTestApp({ PROCESS_ROLE: "web" });
  city = await t.createCity("riverside");
  dso = (await t.personWithRoles(city, "dso@riverside.example", [{ role: "dso_staff" }])).cookie;
  baseUrl = await t.listen();
  await addToFund(20_000_000);
});
afterAll(async () => t?.close());

describe("drafting an auction from a problem", () => {
  async function acceptedProblem() {
    const reported = await t.request({
      method: "POST",
      url: `${base}/problems`,
      cookie: dso,
      body: { title: "Permits on paper", description: "Re-typed into a spreadsheet." },
    });
    const problemId = reported.json().id as string;
    const triaged = await t.request({ method: "POST", url: `${base}/problems/${problemId}/triage`, cookie: dso, body: { status: "accepted" } });
    expect(triaged.statusCode).toBe(200);
    return problemId;
  }

  const request = (problemId: string, overrides: Record<string, unknown> = {}) => ({
    problemId,
    title: "Online shelter permit form",
    description: "Replace the paper form with an accessible online form.",
    acceptanceCriteria: ["Passes axe with no violations", "Works at 360 px"],
    requiredLicence: "MIT",
    deliveryBusinessDays: 10,
    amountMinor: 450_000,
    marketEstimateMinor: 900_000,
    auctionType: "multi",
    startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    ...overrides,
  });

  it("drafts a multi-bid or sealed-bid auction, audited, and publishing reserves its start price", async () => {
    const problemId = await acceptedProblem();
    for (const auctionType of ["multi", "sealed"] as const) {
      const created = await t.request({ method: "POST", url: `${base}/bounties/auctions`, cookie: dso, body: request(problemId, { auctionType }) });
      expect(created.statusCode).toBe(201);
      const auction = created.json();
      expect(auction).toMatchObject({ kind: "auction", auctionType, status: "draft", amountMinor: 450_000, currency: "USD", deadlineAt: null, problemId });
      const [audited] = await t.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.targetId, auction.id), eq(auditEvents.action, "bounty.created")));
      expect(audited?.actorLabel).toBe("dso@riverside.example");
      const before = await accountBalances(t.database.db, city.id, "USD");
      expect((await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/publish`, cookie: dso })).statusCode).toBe(200);
      const after = await accountBalances(t.database.db, city.id, "USD");
      expect(after.fund).toBe(before.fund - 450_000);
      expect(after.reserved).toBe(before.reserved + 450_000);
    }
  });

  it("refuses a start in the past, an end before the start and a start price above the threshold, naming each field", async () => {
    const problemId = await acceptedProblem();
    const response = await t.request({
      method: "POST",
      url: `${base}/bounties/auctions`,
      cookie: dso,
      body: request(problemId, { startsAt: "2020-01-01T00:00:00Z", endsAt: "2019-12-31T00:00:00Z", amountMinor: 1_000_001, requiredLicence: "Proprietary" }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json().errors).toEqual(
      expect.arrayContaining([
        { field: "startsAt", message: "Choose a start time in the future." },
        { field: "endsAt", message: "The auction must end after it starts." },
        { field: "amountMinor", message: "This is above the micro-purchase threshold of 10,000.00 USD; only a contracting officer may set a higher amount." },
        { field: "requiredLicence", message: expect.stringContaining("MIT") },
      ]),
    );
    const malformed = await t.request({ method: "POST", url: `${base}/bounties/auctions`, cookie: dso, body: request(problemId, { auctionType: "dutch" }) });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe("auctionType");

    const officer = (await t.personWithRoles(city, "officer@riverside.example", [{ role: "contracting_officer" }])).cookie;
    const large = await t.request({ method: "POST", url: `${base}/bounties/auctions`, cookie: officer, body: request(problemId, { amountMinor: 1_500_000 }) });
    expect(large.statusCode).toBe(201);
    const volunteer = (await t.personWithRoles(city, "volunteer@riverside.example", [{ role: "volunteer" }])).cookie;
    expect((await t.request({ method: "POST", url: `${base}/bounties/auctions`, cookie: volunteer, body: request(problemId) })).statusCode).toBe(403);
  });

  it("keeps an auction for small businesses only when its start price is inside the city's band", async () => {
    const problemId = await acceptedProblem();
    const noBand = await t.request({ method: "POST", url: `${base}/bounties/auctions`, cookie: dso, body: request(problemId, { smallBusinessOnly: true }) });
    expect(noBand.statusCode).toBe(400);
    expect(noBand.json().errors).toEqual([{ field: "smallBusinessOnly", message: expect.stringContaining("no price band for small businesses") }]);

    await t.database.db.insert(bountySettings).values({ cityId: city.id, smallBusinessBandMinMinor: 300_000, smallBusinessBandMaxMinor: 500_000 });
    const outside = await t.request({
      method: "POST",
      url: `${base}/bounties/auctions`,
      cookie: dso,
      body: request(problemId, { smallBusinessOnly: true, amountMinor: 600_000 }),
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([
      { field: "smallBusinessOnly", message: "Only auctions that start between 3,000.00 USD and 5,000.00 USD may be kept for small businesses." },
    ]);
    const inside = await t.request({ method: "POST", url: `${base}/bounties/auctions`, cookie: dso, body: request(problemId, { smallBusinessOnly: true }) });
    expect(inside.statusCode).toBe(201);
    expect(inside.json().smallBusinessOnly).toBe(true);
    // Without the flag any start price up to the threshold is fine.
    const open = await t.request({ method: "POST", url: `${base}/bounties/auctions`, cookie: dso, body: request(problemId, { amountMinor: 600_000 }) });
    expect(open.statusCode).toBe(201);
  });
});

describe("multi-bid auctions", () => {
  it("takes each bid at least 1 USD below the lowest, never from the lowest bidder, with strict amounts", async () => {
    const auction = await openAuction({ auctionType: "multi", amountMinor: 500_000 });
    const first = await vendor();
    const second = await vendor();

    const atStart = await bid(auction.id, first.cookie, "5,000");
    expect(atStart.statusCode).toBe(409);
    expect(atStart.headers["content-type"]).toContain("application/problem+json");
    expect(atStart.json().detail).toBe("Your bid must be at most 4,999.00 USD: 1 USD below the start price.");
    expect(atStart.json().errors).toEqual([{ field: "amount", message: "Your bid must be at most 4,999.00 USD: 1 USD below the start price." }]);

    const opening = await bid(auction.id, first.cookie, "4,999");
    expect(opening.statusCode).toBe(201);
    expect(opening.json()).toMatchObject({ amountMinor: 499_900, currency: "USD", mine: true, bidderNumber: 1, vendorName: null });
    const again = await bid(auction.id, first.cookie, "4,000");
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe("You already hold the lowest bid (4,999.00 USD); you can bid again once someone bids lower.");

    const tooHigh = await bid(auction.id, second.cookie, "4,998.01");
    expect(tooHigh.statusCode).toBe(409);
    expect(tooHigh.json().detail).toBe("Your bid must be at most 4,998.00 USD: 1 USD below the lowest bid.");
    const same = await bid(auction.id, second.cookie, 4999);
    expect(same.statusCode).toBe(409);
    expect((await bid(auction.id, second.cookie, "$4,998.00")).statusCode).toBe(201);
    const lower = await bid(auction.id, first.cookie, "4,997");
    expect(lower.statusCode).toBe(201);
    expect(lower.json().bidderNumber).toBe(1);

    const placed = await bidsInTimeOrder(auction.id);
    expect(placed.map((row) => row.amountMinor)).toEqual([499_900, 499_800, 499_700]);
  });

  it("reads amounts strictly end to end: 1,000 is a thousand, and what could be read two ways is refused", async () => {
    const auction = await openAuction({ auctionType: "multi", amountMinor: 500_000 });
    const bidder = await vendor();
    const ambiguous = await bid(auction.id, bidder.cookie, "1.000");
    expect(ambiguous.statusCode).toBe(422);
    expect(ambiguous.headers["content-type"]).toContain("application/problem+json");
    expect(ambiguous.json()).toMatchObject({
      code: "invalid-amount",
      detail: "“1.000” could mean a few dollars or a few thousand. For thousands write 1,000 or 1000; for cents use a period and two decimals, as in 1000.50.",
      errors: [{ field: "amount", message: expect.stringContaining("1.000") }],
    });
    const spanish = await t.request({
      method: "POST",
      url: `${base}/bounties/${auction.id}/bids`,
      cookie: bidder.cookie,
      body: { amount: "1,00" },
      headers: { "accept-language": "es" },
    });
    expect(spanish.statusCode).toBe(422);
    expect(spanish.json().detail).toContain("Use un punto para los centavos");
    for (const [amount, message] of [
      ["1,00", "has a comma before the cents"],
      ["-5", "more than zero"],
      ["0", "more than zero"],
      ["1000.505", "at most two decimals"],
      ["100.505", "could mean a few dollars or a few thousand"],
      ["a thousand", "could not read this as an amount"],
      ["", "Write the amount of your bid."],
    ] as const) {
      const refused = await bid(auction.id, bidder.cookie, amount);
      expect(refused.statusCode, amount).toBe(422);
      expect(refused.json().detail).toContain(message);
    }
    const missing = await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/bids`, cookie: bidder.cookie, body: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe("amount");
    expect(await bidsInTimeOrder(auction.id)).toEqual([]);

    const thousand = await bid(auction.id, bidder.cookie, "1,000");
    expect(thousand.statusCode).toBe(201);
    expect(thousand.json().amountMinor).toBe(100_000);
    const other = await vendor();
    const cents = await bid(auction.id, other.cookie, 998.5);
    expect(cents.statusCode).toBe(201);
    expect(cents.json().amountMinor).toBe(99_850);
  });

  it("shows amounts with bidders numbered while open, and every bidder's name after close", async () => {
    const auction = await openAuction({ auctionType: "multi", amountMinor: 300_000 });
    const [alpha, beta, gamma] = [await vendor(), await vendor(), await vendor()];
    for (const [who, amount] of [
      [alpha, "2,900"],
      [beta, "2,800"],
      [alpha, "2,700"],
      [gamma, "2,600"],
    ] as const) {
      expect((await bid(auction.id, who.cookie, amount)).statusCode).toBe(201);
    }

    const anonymous = await t.request({ method: "GET", url: `${base}/bounties/${auction.id}/bids` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers["cache-control"]).toBe("no-store");
    const open = anonymous.json();
    expect(open).toMatchObject({
      auctionType: "multi",
      status: "published",
      revealed: false,
      bidCount: 4,
      lowestAmountMinor: 260_000,
      nextBidAtMostMinor: 259_900,
    });
    expect(open.bids.map((row: { amountMinor: number; bidderNumber: number }) => [row.amountMinor, row.bidderNumber])).toEqual([
      [290_000, 1],
      [280_000, 2],
      [270_000, 1],
      [260_000, 3],
    ]);
    for (const hidden of [alpha, beta, gamma]) {
      expect(anonymous.body).not.toContain(hidden.legalName);
      expect(anonymous.body).not.toContain(hidden.id);
    }
    expect(open.bids.every((row: { mine: boolean; vendorName: string | null }) => !row.mine && row.vendorName === null)).toBe(true);

    const asAlpha = (await t.request({ method: "GET", url: `${base}/bounties/${auction.id}/bids`, cookie: alpha.cookie })).json();
    expect(asAlpha.bids.map((row: { mine: boolean }) => row.mine)).toEqual([true, false, true, false]);
    expect(JSON.stringify(asAlpha)).not.toContain(beta.legalName);

    await endAuction(auction.id);
    const afterEnd = await bid(auction.id, beta.cookie, "2,000");
    expect(afterEnd.statusCode).toBe(409);
    expect(afterEnd.json().detail).toBe("Bidding on this auction has ended.");
    const before = await accountBalances(t.database.db, city.id, "USD");
    const closed = await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/close`, cookie: dso });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ bounty: { status: "awarded" }, winningBid: { vendorId: gamma.id, amountMinor: 260_000, currency: "USD" } });

    const revealed = (await t.request({ method: "GET", url: `${base}/bounties/${auction.id}/bids`, cookie: alpha.cookie })).json();
    expect(revealed).toMatchObject({ status: "awarded", revealed: true, bidCount: 4, lowestAmountMinor: 260_000, nextBidAtMostMinor: null });
    expect(
      revealed.bids.map((row: { vendorName: string; amountMinor: number; winning: boolean; mine: boolean }) => [
        row.vendorName,
        row.amountMinor,
        row.winning,
        row.mine,
      ]),
    ).toEqual([
      [alpha.legalName, 290_000, false, true],
      [beta.legalName, 280_000, false, false],
      [alpha.legalName, 270_000, false, true],
      [gamma.legalName, 260_000, true, false],
    ]);

    // The start price was reserved; 40.00 USD above the winning bid goes back to the fund.
    const after = await accountBalances(t.database.db, city.id, "USD");
    expect(after.fund).toBe(before.fund + 40_000);
    expect(after.reserved).toBe(before.reserved - 40_000);
    expect(await unbalancedPostings(city.id)).toEqual([]);
    const [awarded] = await t.database.db.select().from(bounties).where(eq(bounties.id, auction.id));
    expect(awarded?.assignedVendorId).toBe(gamma.id);
    const delivery = await t.database.db.select().from(submissions).where(eq(submissions.bountyId, auction.id));
    expect(delivery).toHaveLength(1);
    expect(delivery[0]).toMatchObject({ vendorId: gamma.id, amountMinor: 260_000, status: "pending_delivery" });
    const [audited] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, auction.id), eq(auditEvents.action, "auction.awarded")));
    expect(audited?.actorLabel).toBe("dso@riverside.example");

    // Closing twice posts nothing more; bidding on an awarded auction is refused.
    const twice = await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/close`, cookie: dso });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe("Only a published auction can be closed; this one is awarded.");
    expect(await closeEndedAuctions(t.database.db)).toMatchObject({ failed: [] });
    expect(await accountBalances(t.database.db, city.id, "USD")).toEqual(after);
    const releases = await t.database.db
      .select()
      .from(ledgerPostings)
      .where(eq(ledgerPostings.idempotencyKey, `bounty:${auction.id}:award-release`));
    expect(releases).toHaveLength(1);
    const late = await bid(auction.id, beta.cookie, "1,000");
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe("This auction takes no bids; it is awarded.");
  });

  it("never accepts two bids at the same or a higher amount: 20 concurrent bids over real HTTP", async () => {
    const auction = await openAuction({ auctionType: "multi", amountMinor: 1_000_000 });
    const bidders = [];
    for (let index = 0; index < 20; index++) bidders.push(await vendor());
    const amounts = [
      "9,999",
      "9,999",
      "9,998",
      "9,998",
      "9,999.00",
      "9,997",
      "9,990",
      "9,990",
      "9,950",
      "9,950",
      "9,998.50",
      "9,900",
      "9,900",
      "9,500",
      "9,500",
      "9,996",
      "9,995",
      "9,995",
      "9,000",
      "9,000",
    ];
    const client = httpClient(baseUrl, 20);
    try {
      const responses = await Promise.all(
        bidders.map((bidder, index) =>
          client.request({
            method: "POST",
            path: `${base}/bounties/${auction.id}/bids`,
            headers: { cookie: bidder.cookie, origin: testPublicUrl },
            body: { amount: amounts[index] },
          }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      const accepted = responses.filter((response) => response.status === 201);
      expect(accepted.length).toBeGreaterThanOrEqual(1);
      for (const refused of responses.filter((response) => response.status === 409)) {
        expect(refused.headers["content-type"]).toContain("application/problem+json");
        expect(refused.json<{ detail: string }>().detail).toMatch(/^Your bid must be at most [\d,]+\.\d\d USD: 1 USD below the (lowest bid|start price)\.$/);
      }
      const placed = await bidsInTimeOrder(auction.id);
      expect(placed).toHaveLength(accepted.length);
      for (let index = 1; index < placed.length; index++) {
        const previous = placed[index - 1];
        const current = placed[index];
        if (!previous || !current) throw new Error("missing bid");
        expect(current.amountMinor).toBeLessThanOrEqual(previous.amountMinor - 100);
        expect(current.createdAt.getTime()).toBeGreaterThanOrEqual(previous.createdAt.getTime());
      }
      expect(new Set(placed.map((row) => row.amountMinor)).size).toBe(placed.length);
      // The lowest amount asked for always gets in: whoever wrote it was at most 1 USD under anything before.
      expect(placed.at(-1)?.amountMinor).toBe(900_000);
    } finally {
      client.close();
    }
  });
});

describe("sealed-bid auctions", () => {
  it("takes one bid per vendor below the start price, hides amounts until close, and breaks ties by the earliest bid", async () => {
    const auction = await openAuction({ auctionType: "sealed", amountMinor: 300_000 });
    const [early, late, high] = [await vendor(), await vendor(), await vendor()];
    expect((await bid(auction.id, early.cookie, "2,500")).statusCode).toBe(201);
    const second = await bid(auction.id, early.cookie, "2,400");
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toBe("You have already bid on this sealed-bid auction; each vendor bids once.");
    const atStart = await bid(auction.id, late.cookie, "3,000");
    expect(atStart.statusCode).toBe(409);
    expect(atStart.json().detail).toBe("Your bid must be at most 2,999.00 USD: 1 USD below the start price.");
    // The same amount as an earlier bid is allowed in a sealed auction: nobody can see it.
    expect((await bid(auction.id, late.cookie, "2,500.00")).statusCode).toBe(201);
    expect((await bid(auction.id, high.cookie, "2,999")).statusCode).toBe(201);

    const anonymous = await t.request({ method: "GET", url: `${base}/bounties/${auction.id}/bids` });
    expect(anonymous.json()).toEqual({
      auctionType: "sealed",
      status: "published",
      revealed: false,
      bidCount: 3,
      lowestAmountMinor: null,
      nextBidAtMostMinor: null,
      bids: [],
    });
    const own = (await t.request({ method: "GET", url: `${base}/bounties/${auction.id}/bids`, cookie: late.cookie })).json();
    expect(own.bidCount).toBe(3);
    expect(own.bids).toEqual([expect.objectContaining({ amountMinor: 250_000, mine: true, vendorName: null })]);
    const staffView = await t.request({ method: "GET", url: `${base}/bounties/${auction.id}/bids`, cookie: dso });
    expect(staffView.json().bids).toEqual([]);

    await endAuction(auction.id);
    const closed = await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/close`, cookie: dso });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().winningBid).toMatchObject({ vendorId: early.id, amountMinor: 250_000 });
    const revealed = (await t.request({ method: "GET", url: `${base}/bounties/${auction.id}/bids` })).json();
    expect(revealed.revealed).toBe(true);
    expect(revealed.bids.map((row: { vendorName: string; amountMinor: number; winning: boolean }) => [row.vendorName, row.amountMinor, row.winning])).toEqual([
      [early.legalName, 250_000, true],
      [late.legalName, 250_000, false],
      [high.legalName, 299_900, false],
    ]);
    expect(await unbalancedPostings(city.id)).toEqual([]);
  });

  it("keeps a vendor to one bid when they send several at once", async () => {
    const auction = await openAuction({ auctionType: "sealed", amountMinor: 200_000 });
    const eager = await vendor();
    const client = httpClient(baseUrl, 8);
    try {
      const responses = await Promise.all(
        ["1,900", "1,800", "1,700", "1,600", "1,500", "1,400", "1,300", "1,200"].map((amount) =>
          client.request({
            method: "POST",
            path: `${base}/bounties/${auction.id}/bids`,
            headers: { cookie: eager.cookie, origin: testPublicUrl },
            body: { amount },
          }),
        ),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    } finally {
      client.close();
    }
    expect(await bidsInTimeOrder(auction.id)).toHaveLength(1);
  });
});

describe("who may bid, and when", () => {
  it("refuses staff, people who are not verified vendors of the city, and everyone outside the bidding window", async () => {
    const auction = await openAuction({ auctionType: "multi", amountMinor: 100_000 });
    const staff = await bid(auction.id, dso, "900");
    expect(staff.statusCode).toBe(403);
    expect(staff.json().detail).toBe("Staff and admins of this city cannot bid on its auctions.");
    const agency = await t.createAgency(city, "parks");
    const clerk = (await t.personWithRoles(city, "clerk@riverside.example", [{ role: "agency_staff", agencyId: agency.id }])).cookie;
    expect((await bid(auction.id, clerk, "900")).statusCode).toBe(403);

    const unverified = await vendor({ verify: false });
    const pending = await bid(auction.id, unverified.cookie, "900");
    expect(pending.statusCode).toBe(403);
    expect(pending.json().detail).toBe("Your vendor profile is not verified yet; you can bid once the city has verified it.");
    const rejected = await vendor();
    const review = await t.request({
      method: "POST",
      url: `${base}/vendors/${rejected.id}/review`,
      cookie: dso,
      body: { decision: "rejected", reason: "Tax form missing." },
    });
    expect(review.statusCode).toBe(200);
    expect((await bid(auction.id, rejected.cookie, "900")).statusCode).toBe(403);

    const resident = await t.signIn("resident@riverside.example");
    const notVendor = await bid(auction.id, resident, "900");
    expect(notVendor.statusCode).toBe(403);
    expect(notVendor.json().detail).toBe("Register as a vendor in this city to bid on its auctions.");
    expect((await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/bids`, body: { amount: "900" } })).statusCode).toBe(401);

    // A vendor verified in another city is not a vendor of this one; this city's auction is not found there.
    const other = await t.createCity("greendale");
    const otherDso = (await t.personWithRoles(other, "dso@greendale.example", [{ role: "dso_staff" }])).cookie;
    const elsewhere = await vendor({ citySlug: "greendale", reviewer: otherDso });
    expect((await bid(auction.id, elsewhere.cookie, "900")).json().detail).toBe("Register as a vendor in this city to bid on its auctions.");
    const crossCity = await t.request({
      method: "POST",
      url: `/api/v1/cities/greendale/bounties/${auction.id}/bids`,
      cookie: elsewhere.cookie,
      body: { amount: "900" },
    });
    expect(crossCity.statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: `/api/v1/cities/greendale/bounties/${auction.id}/bids` })).statusCode).toBe(404);
    expect(await bidsInTimeOrder(auction.id)).toEqual([]);

    const notYet = await openAuction({
      auctionType: "multi",
      amountMinor: 100_000,
      startsAt: new Date(Date.now() + 3_600_000),
      endsAt: new Date(Date.now() + 7_200_000),
    });
    const verified = await vendor();
    const early = await bid(notYet.id, verified.cookie, "900");
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe("Bidding on this auction has not opened yet.");

    const [draft] = await t.database.db
      .insert(bounties)
      .values({
        cityId: city.id,
        kind: "auction",
        auctionType: "multi",
        title: "Draft auction",
        requiredLicence: "MIT",
        amountMinor: 100_000,
        currency: "USD",
        startsAt: new Date(Date.now() - 60_000),
        endsAt: new Date(Date.now() + 3_600_000),
      })
      .returning();
    expect((await bid(draft?.id ?? "", verified.cookie, "900")).statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: `${base}/bounties/${draft?.id}/bids` })).statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: `${base}/bounties/${draft?.id}/bids`, cookie: dso })).statusCode).toBe(200);
  });

  it("takes bids on an auction kept for small businesses only from small businesses", async () => {
    const auction = await openAuction({ auctionType: "multi", amountMinor: 400_000, smallBusinessOnly: true });
    const large = await vendor({ smallBusiness: false });
    const refused = await bid(auction.id, large.cookie, "3,000");
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe("This auction is open to small businesses only.");
    const small = await vendor({ smallBusiness: true });
    expect((await bid(auction.id, small.cookie, "3,000")).statusCode).toBe(201);
  });
});

describe("closing auctions", () => {
  it("refuses to close before the end time, and lets only the DSO close", async () => {
    const auction = await openAuction({ auctionType: "multi", amountMinor: 100_000 });
    const early = await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/close`, cookie: dso });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe("This auction has not ended yet; it can be closed after its end time.");
    await endAuction(auction.id);
    const bidder = await vendor();
    // A verified vendor holds the city's vendor role: a member, refused rather than kept in the dark.
    expect((await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/close`, cookie: bidder.cookie })).statusCode).toBe(403);
    const volunteer = (await t.personWithRoles(city, "closer@riverside.example", [{ role: "volunteer" }])).cookie;
    expect((await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/close`, cookie: volunteer })).statusCode).toBe(403);
    const [unchanged] = await t.database.db.select().from(bounties).where(eq(bounties.id, auction.id));
    expect(unchanged?.status).toBe("published");
    const closed = await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/close`, cookie: dso });
    expect(closed.json()).toMatchObject({ bounty: { status: "closed" }, winningBid: null });
  });

  it("has a queue for the every-minute close", async () => {
    expect(await t.services.jobs.boss.getQueue(closeAuctionsQueue)).toMatchObject({ name: closeAuctionsQueue });
  });

  it("closes ended auctions every minute: with no bids the whole reservation goes back, once, and the ledger balances", async () => {
    const empty = await openAuction({ auctionType: "sealed", amountMinor: 150_000 });
    const won = await openAuction({ auctionType: "multi", amountMinor: 250_000 });
    const still = await openAuction({ auctionType: "multi", amountMinor: 50_000 });
    const winner = await vendor();
    expect((await bid(won.id, winner.cookie, "2,000")).statusCode).toBe(201);
    await endAuction(empty.id);
    await endAuction(won.id);
    const before = await accountBalances(t.database.db, city.id, "USD");

    const firstRun = await closeEndedAuctions(t.database.db);
    expect(firstRun.failed).toEqual([]);
    expect(firstRun.closed).toBeGreaterThanOrEqual(2);
    const statuses = await t.database.db.select({ id: bounties.id, status: bounties.status }).from(bounties);
    const statusOf = (id: string) => statuses.find((row) => row.id === id)?.status;
    expect(statusOf(empty.id)).toBe("closed");
    expect(statusOf(won.id)).toBe("awarded");
    expect(statusOf(still.id)).toBe("published");
    const after = await accountBalances(t.database.db, city.id, "USD");
    expect(after.fund).toBe(before.fund + 150_000 + 50_000);
    expect(after.reserved).toBe(before.reserved - 150_000 - 50_000);

    expect(await closeEndedAuctions(t.database.db)).toEqual({ closed: 0, failed: [] });
    expect(await accountBalances(t.database.db, city.id, "USD")).toEqual(after);
    expect(await unbalancedPostings(city.id)).toEqual([]);
    const total = await t.database.pool.query("select coalesce(sum(amount_minor), 0)::bigint as total from ledger_lines where city_id = $1", [city.id]);
    expect(Number(total.rows[0].total)).toBe(0);
    const [audited] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, empty.id), eq(auditEvents.action, "auction.closed")));
    expect(audited?.actorLabel).toBe("system");
    expect((await t.request({ method: "GET", url: `${base}/bounties/${empty.id}/bids` })).json()).toMatchObject({ status: "closed", revealed: true, bids: [] });
  });
});

describe("listing bounties", () => {
  it("shows everyone what was published, open first, with bid counts hidden for sealed auctions until they close; drafts only to the DSO", async () => {
    const multi = await openAuction({ auctionType: "multi", amountMinor: 300_000, endsAt: new Date(Date.now() + 1_800_000) });
    const sealed = await openAuction({ auctionType: "sealed", amountMinor: 300_000, endsAt: new Date(Date.now() + 2_400_000) });
    const first = await vendor();
    const second = await vendor();
    expect((await bid(multi.id, first.cookie, "2,500")).statusCode).toBe(201);
    expect((await bid(multi.id, second.cookie, "2,400.50")).statusCode).toBe(201);
    expect((await bid(sealed.id, first.cookie, "2,000")).statusCode).toBe(201);
    const [draft] = await t.database.db
      .insert(bounties)
      .values({ cityId: city.id, kind: "fixed", title: "Unpublished draft", requiredLicence: "MIT", amountMinor: 1_000, currency: "USD" })
      .returning();
    if (!draft) throw new Error("no draft");

    const anonymous = await t.request({ method: "GET", url: `${base}/bounties?kind=auction` });
    expect(anonymous.statusCode).toBe(200);
    const listed = anonymous.json().bounties as Array<{ id: string; status: string; bidCount: number | null; lowestBidMinor: number | null }>;
    expect(listed.some((item) => item.id === draft.id)).toBe(false);
    const multiItem = listed.find((item) => item.id === multi.id);
    const sealedItem = listed.find((item) => item.id === sealed.id);
    expect(multiItem).toMatchObject({ status: "published", bidCount: 2, lowestBidMinor: 240_050 });
    expect(sealedItem).toMatchObject({ status: "published", bidCount: null, lowestBidMinor: null });
    // Open ones first, the soonest to end first.
    const openIds = listed.filter((item) => item.status === "published").map((item) => item.id);
    expect(openIds.indexOf(multi.id)).toBeLessThan(openIds.indexOf(sealed.id));

    expect((await t.request({ method: "GET", url: `${base}/bounties?includeDrafts=true` })).statusCode).toBe(403);
    expect((await t.request({ method: "GET", url: `${base}/bounties?status=draft`, cookie: first.cookie })).statusCode).toBe(403);
    const staff = await t.request({ method: "GET", url: `${base}/bounties?includeDrafts=true`, cookie: dso });
    expect(staff.statusCode).toBe(200);
    expect((staff.json().bounties as Array<{ id: string }>).some((item) => item.id === draft.id)).toBe(true);
    expect((await t.request({ method: "GET", url: `${base}/bounties?kind=lottery` })).statusCode).toBe(400);

    // After close, the sealed auction shows its bids.
    await endAuction(sealed.id);
    await closeEndedAuctions(t.database.db);
    const afterClose = await t.request({ method: "GET", url: `${base}/bounties?status=awarded` });
    expect(
      (afterClose.json().bounties as Array<{ id: string; bidCount: number | null; lowestBidMinor: number | null }>).find((item) => item.id === sealed.id),
    ).toMatchObject({
      bidCount: 1,
      lowestBidMinor: 200_000,
    });

    // Another city's list holds none of these.
    await t.createCity("lakeshore");
    const elsewhere = await t.request({ method: "GET", url: "/api/v1/cities/lakeshore/bounties" });
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json().bounties).toEqual([]);
  });
});
