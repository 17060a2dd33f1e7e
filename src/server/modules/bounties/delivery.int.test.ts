import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { cityDateOf } from "../../platform/time.ts";
import { httpClient } from "../../testing/http-client.ts";
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";
import { accountBalances, ledgerPostings, reserveFromFund } from "../ledger/index.ts";
import { addBusinessDays, deliveryDueAt } from "./business-days.ts";
import { markMissedDeliveries } from "./missed-delivery.ts";
import { openSubmission } from "./open-submission.ts";
import { bids, bounties, cityHolidays, submissions } from "./schema.ts";

let t: TestApp;
let city: City;
let baseUrl: string;
let dso: string;
let admin: string;
let volunteer: string;
const vendors: Record<"ana" | "ben" | "cal", { cookie: string; id: string }> = {} as never;
let pendingVendorId: string;
let added = 0;

const base = "/api/v1/cities/riverside";
const criteria = ["Passes axe with no violations", "Works at 360 px"];

async function registerVendor(email: string, registration: Record<string, unknown>, verify = true) {
  const cookie = await t.signIn(email);
  const registered = await t.request({ method: "POST", url: `${base}/vendors`, cookie, body: registration });
  expect(registered.statusCode).toBe(201);
  const id = registered.json().id as string;
  if (verify)
    expect((await t.request({ method: "POST", url: `${base}/vendors/${id}/review`, cookie: dso, body: { decision: "verified" } })).statusCode).toBe(200);
  return { cookie, id };
}

async function addToFund(amountMinor: number) {
  expect((await t.request({ method: "POST", url: `${base}/fund/additions`, cookie: dso, body: { amountMinor } })).statusCode).toBe(201);
  added += amountMinor;
}

async function publishedFixed(title: string, amountMinor: number, target = city, cookie = dso) {
  const [created] = await t.database.db
    .insert(bounties)
    .values({
      cityId: target.id,
      kind: "fixed",
      title,
      acceptanceCriteria: criteria,
      requiredLicence: "MIT",
      amountMinor,
      currency: "USD",
      deliveryBusinessDays: 5,
      deadlineAt: new Date(Date.now() + 60 * 86_400_000),
    })
    .returning();
  if (!created) throw new Error("no bounty");
  const published = await t.request({ method: "POST", url: `/api/v1/cities/${target.slug}/bounties/${created.id}/publish`, cookie });
  expect(published.statusCode).toBe(200);
  return created;
}

async function balances() {
  return accountBalances(t.database.db, city.id, "USD");
}

/** Every posting balances, and the accounts together hold exactly what was added to the fund. */
async function expectLedgerBalanced() {
  const unbalanced = await t.database.pool.query(
    "select posting_id from ledger_lines where city_id = $1 group by posting_id, currency having sum(amount_minor) <> 0 or count(*) < 2",
    [city.id],
  );
  expect(unbalanced.rows).toEqual([]);
  const now = await balances();
  expect(now.funding_source).toBe(-added);
  expect(now.fund + now.reserved + now.payable + now.paid).toBe(added);
  return now;
}

async function submissionRow(id: string) {
  const [row] = await t.database.db.select().from(submissions).where(eq(submissions.id, id));
  return row;
}

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): { detail?: string; errors?: { field: string }[] } },
  status: number,
) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers["content-type"])).toContain("application/problem+json");
  return response.json();
}

/** A published fixed bounty assigned to the vendor and handed in by them, waiting for acceptance. */
async function handedIn(title: string, amountMinor: number, vendor: { cookie: string; id: string }) {
  const bounty = await publishedFixed(title, amountMinor);
  const assigned = await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/assign`, cookie: dso, body: { vendorId: vendor.id } });
  expect(assigned.statusCode).toBe(201);
  const submissionId = assigned.json().id as string;
  const submitted = await t.request({
    method: "POST",
    url: `${base}/submissions/${submissionId}/submit`,
    cookie: vendor.cookie,
    body: { pullRequestUrl: "https://github.com/riverside/permits/pull/7" },
  });
  expect(submitted.statusCode).toBe(200);
  return { bounty, submissionId };
}

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("riverside");
  dso = (await t.personWithRoles(city, "dso@riverside.example", [{ role: "dso_staff" }])).cookie;
  admin = (await t.personWithRoles(city, "admin@riverside.example", [{ role: "city_admin" }])).cookie;
  volunteer = (await t.personWithRoles(city, "volunteer@riverside.example", [{ role: "volunteer" }])).cookie;
  vendors.ana = await registerVendor("ana@dev.example", { legalName: "Ana Devs LLC", smallBusiness: true, taxFormOnFile: true, paymentReference: "AP-1001" });
  vendors.ben = await registerVendor("ben@dev.example", {
    legalName: "=SUM(A1) Ben Consulting",
    smallBusiness: false,
    taxFormOnFile: true,
    paymentReference: "AP-2002",
  });
  vendors.cal = await registerVendor("cal@dev.example", { legalName: "Cal Code", smallBusiness: true, taxFormOnFile: true, paymentReference: "AP-3003" });
  pendingVendorId = (await registerVendor("pending@dev.example", { legalName: "Pending Inc" }, false)).id;
  await addToFund(1_000_000);
  baseUrl = await t.listen();
});
afterAll(async () => t?.close());

describe("delivering a fixed-price bounty", () => {
  it("assigns, delivers, rejects with reasons, awards the next vendor, accepts and pays, with the ledger balanced at each step", async () => {
    const bounty = await publishedFixed("Accessible permit form", 50_000);
    expect(await expectLedgerBalanced()).toMatchObject({ reserved: 50_000, payable: 0, paid: 0 });

    // Holidays on the city's calendar push the due date out.
    // The city's next working day is a holiday, whatever day of the week the test runs on.
    const holiday = addBusinessDays(cityDateOf(new Date(), city.timeZone), 1, new Set());
    await t.database.db.insert(cityHolidays).values({ cityId: city.id, day: holiday, name: "Civic holiday" });

    // Refusals change nothing.
    expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/assign`, cookie: volunteer, body: { vendorId: vendors.ana.id } }), 403);
    expectProblem(
      await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/assign`, cookie: vendors.ana.cookie, body: { vendorId: vendors.ana.id } }),
      403,
    );
    const unverified = expectProblem(
      await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/assign`, cookie: dso, body: { vendorId: pendingVendorId } }),
      400,
    );
    expect(unverified.errors?.[0]?.field).toBe("vendorId");
    expect(unverified.errors?.[0]).toMatchObject({ message: "Only a vendor verified by the DSO can be given work." });
    // A vendor who has since joined the city's staff is not given work.
    const turned = await registerVendor("turned@dev.example", { legalName: "Turned Staff" });
    const turnedUser = await t.personWithRoles(city, "turned@dev.example", [{ role: "contracting_officer" }]);
    expect(turnedUser.cookie).toBeTruthy();
    const staffVendor = expectProblem(
      await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/assign`, cookie: dso, body: { vendorId: turned.id } }),
      400,
    );
    expect(staffVendor.errors?.[0]).toMatchObject({ field: "vendorId", message: "The city's own staff cannot be given bounty work." });
    expect(await t.database.db.select().from(submissions).where(eq(submissions.bountyId, bounty.id))).toEqual([]);

    const before = Date.now();
    const assigned = await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/assign`, cookie: dso, body: { vendorId: vendors.ana.id } });
    expect(assigned.statusCode).toBe(201);
    const first = assigned.json();
    expect(first).toMatchObject({ bountyId: bounty.id, vendorId: vendors.ana.id, status: "pending_delivery", amountMinor: 50_000, currency: "USD" });
    const expectedDue = deliveryDueAt(new Date(first.awardedAt), 5, new Set([holiday]), city.timeZone).dueAt;
    expect(first.dueAt).toBe(expectedDue.toISOString());
    // The holiday does not count: five working days with it are six without it.
    expect(first.dueAt).toBe(deliveryDueAt(new Date(first.awardedAt), 6, new Set(), city.timeZone).dueAt.toISOString());
    expect(new Date(first.dueAt).getTime()).toBeGreaterThan(before + 6 * 86_400_000);
    expect((await t.request({ method: "GET", url: `${base}/bounties/${bounty.id}` })).json().status).toBe("awarded");
    const twice = expectProblem(
      await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/assign`, cookie: dso, body: { vendorId: vendors.ben.id } }),
      409,
    );
    expect(twice.detail).toBe("Only a published bounty can be assigned; this bounty is awarded.");

    // Only the vendor it was awarded to moves the delivery on.
    expectProblem(await t.request({ method: "POST", url: `${base}/submissions/${first.id}/start`, cookie: vendors.ben.cookie }), 403);
    expectProblem(await t.request({ method: "POST", url: `${base}/submissions/${first.id}/start`, cookie: dso }), 403);
    expect((await submissionRow(first.id))?.status).toBe("pending_delivery");
    const started = await t.request({ method: "POST", url: `${base}/submissions/${first.id}/start`, cookie: vendors.ana.cookie });
    expect(started.statusCode).toBe(200);
    expect(started.json().status).toBe("in_progress");
    expectProblem(await t.request({ method: "POST", url: `${base}/submissions/${first.id}/start`, cookie: vendors.ana.cookie }), 409);

    for (const pullRequestUrl of [
      "http://github.com/riverside/permits/pull/7",
      "https://github.com/riverside/permits/issues/7",
      "https://gitlab.com/riverside/permits/pull/7",
      "https://github.com/riverside/pull/7",
    ]) {
      const bad = expectProblem(
        await t.request({ method: "POST", url: `${base}/submissions/${first.id}/submit`, cookie: vendors.ana.cookie, body: { pullRequestUrl } }),
        400,
      );
      expect(bad.errors?.[0]).toMatchObject({
        field: "pullRequestUrl",
        message: "Give the address of a GitHub pull request, like https://github.com/owner/repository/pull/12.",
      });
    }
    expectProblem(
      await t.request({
        method: "POST",
        url: `${base}/submissions/${first.id}/submit`,
        cookie: vendors.ben.cookie,
        body: { pullRequestUrl: "https://github.com/riverside/permits/pull/7" },
      }),
      403,
    );
    const submitted = await t.request({
      method: "POST",
      url: `${base}/submissions/${first.id}/submit`,
      cookie: vendors.ana.cookie,
      body: { pullRequestUrl: "https://github.com/riverside/permits/pull/7" },
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: "pending_acceptance", pullRequestUrl: "https://github.com/riverside/permits/pull/7" });

    // Not paid before acceptance; rejected only with reasons naming the bounty's criteria.
    const early = expectProblem(
      await t.request({ method: "POST", url: `${base}/submissions/${first.id}/pay`, cookie: dso, body: { paymentReference: "CHK-1" } }),
      409,
    );
    expect(early.detail).toBe("Only an accepted delivery can be paid; this one is waiting for acceptance.");
    expectProblem(await t.request({ method: "POST", url: `${base}/submissions/${first.id}/review`, cookie: volunteer, body: { decision: "accepted" } }), 403);
    expectProblem(
      await t.request({ method: "POST", url: `${base}/submissions/${first.id}/review`, cookie: vendors.ana.cookie, body: { decision: "accepted" } }),
      403,
    );
    const noReasons = expectProblem(
      await t.request({ method: "POST", url: `${base}/submissions/${first.id}/review`, cookie: dso, body: { decision: "rejected" } }),
      400,
    );
    expect(noReasons.errors?.[0]?.field).toBe("reasons");
    const unknown = expectProblem(
      await t.request({
        method: "POST",
        url: `${base}/submissions/${first.id}/review`,
        cookie: dso,
        body: { decision: "rejected", reasons: [{ criterion: "Looks nice", reason: "It does not." }] },
      }),
      400,
    );
    expect(unknown.errors?.[0]?.field).toBe("reasons.0.criterion");
    expect((await submissionRow(first.id))?.status).toBe("pending_acceptance");
    expect(await expectLedgerBalanced()).toMatchObject({ reserved: 50_000, payable: 0 });

    const reasons = [{ criterion: "Works at 360 px", reason: "The table overflows on a phone." }];
    const rejected = await t.request({ method: "POST", url: `${base}/submissions/${first.id}/review`, cookie: dso, body: { decision: "rejected", reasons } });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: "rejected", rejectionReasons: reasons });
    expectProblem(await t.request({ method: "POST", url: `${base}/submissions/${first.id}/review`, cookie: dso, body: { decision: "accepted" } }), 409);
    expect(await expectLedgerBalanced()).toMatchObject({ reserved: 50_000, payable: 0 });

    // Re-run: the DSO gives the work to another vendor; the money stays reserved for it.
    const noVendor = expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/award-next`, cookie: dso, body: {} }), 400);
    expect(noVendor.errors?.[0]?.field).toBe("vendorId");
    expectProblem(
      await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/award-next`, cookie: volunteer, body: { vendorId: vendors.ben.id } }),
      403,
    );
    const next = await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/award-next`, cookie: dso, body: { vendorId: vendors.ben.id } });
    expect(next.statusCode).toBe(201);
    const second = next.json();
    expect(second).toMatchObject({ vendorId: vendors.ben.id, status: "pending_delivery", amountMinor: 50_000 });
    const underWay = expectProblem(
      await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/award-next`, cookie: dso, body: { vendorId: vendors.cal.id } }),
      409,
    );
    expect(underWay.detail).toBe("The current delivery of this bounty is still under way; reject it or mark it missed first.");
    expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/cancel-after-delivery`, cookie: dso, body: { reason: "No" } }), 409);
    expect(await expectLedgerBalanced()).toMatchObject({ reserved: 50_000 });

    // The first vendor cannot hand in on the new delivery; the second can, straight from pending.
    expectProblem(
      await t.request({
        method: "POST",
        url: `${base}/submissions/${second.id}/submit`,
        cookie: vendors.ana.cookie,
        body: { pullRequestUrl: "https://github.com/a/b/pull/1" },
      }),
      403,
    );
    expect(
      (
        await t.request({
          method: "POST",
          url: `${base}/submissions/${second.id}/submit`,
          cookie: vendors.ben.cookie,
          body: { pullRequestUrl: "https://github.com/riverside/permits/pull/9" },
        })
      ).statusCode,
    ).toBe(200);
    const accepted = await t.request({ method: "POST", url: `${base}/submissions/${second.id}/review`, cookie: dso, body: { decision: "accepted" } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe("accepted");
    expect(accepted.json().acceptedAt).toBeTruthy();
    expect(await expectLedgerBalanced()).toMatchObject({ reserved: 0, payable: 50_000, paid: 0 });

    expectProblem(
      await t.request({ method: "POST", url: `${base}/submissions/${second.id}/pay`, cookie: volunteer, body: { paymentReference: "CHK-1" } }),
      403,
    );
    const noReference = expectProblem(
      await t.request({ method: "POST", url: `${base}/submissions/${second.id}/pay`, cookie: dso, body: { paymentReference: "" } }),
      400,
    );
    expect(noReference.errors?.[0]?.field).toBe("paymentReference");
    const paid = await t.request({ method: "POST", url: `${base}/submissions/${second.id}/pay`, cookie: admin, body: { paymentReference: "CHK-1" } });
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ status: "paid" });
    const again = expectProblem(
      await t.request({ method: "POST", url: `${base}/submissions/${second.id}/pay`, cookie: dso, body: { paymentReference: "CHK-2" } }),
      409,
    );
    expect(again.detail).toBe("This delivery has already been paid.");
    expect(await expectLedgerBalanced()).toMatchObject({ reserved: 0, payable: 0, paid: 50_000 });

    // The vendor and the DSO see the delivery; another vendor does not.
    expect((await t.request({ method: "GET", url: `${base}/submissions/${second.id}`, cookie: vendors.ben.cookie })).json().status).toBe("paid");
    expect((await t.request({ method: "GET", url: `${base}/submissions/${second.id}`, cookie: dso })).statusCode).toBe(200);
    expect((await t.request({ method: "GET", url: `${base}/submissions/${second.id}`, cookie: vendors.ana.cookie })).statusCode).toBe(404);

    const trail = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), like(auditEvents.action, "submission.%")));
    expect(trail.map((entry) => entry.action).sort()).toEqual(
      ["submission.accepted", "submission.paid", "submission.rejected", "submission.started", "submission.submitted", "submission.submitted"].sort(),
    );
  });

  it("accepts once and pays once when the same requests race", async () => {
    const { submissionId } = await handedIn("Raced payment", 20_000, vendors.cal);
    const client = httpClient(baseUrl, 16);
    try {
      const accepts = await Promise.all(
        Array.from({ length: 5 }, () =>
          client.request({
            method: "POST",
            path: `${base}/submissions/${submissionId}/review`,
            headers: { cookie: dso, origin: testPublicUrl },
            body: { decision: "accepted" },
          }),
        ),
      );
      expect(accepts.map((response) => response.status).sort()).toEqual([200, 409, 409, 409, 409]);

      const pays = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          client.request({
            method: "POST",
            path: `${base}/submissions/${submissionId}/pay`,
            headers: { cookie: index % 2 === 0 ? dso : admin, origin: testPublicUrl },
            body: { paymentReference: `CHK-RACE-${index}` },
          }),
        ),
      );
      const statuses = pays.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(9);
      const refusal = pays.find((response) => response.status === 409);
      expect(refusal?.headers["content-type"]).toContain("application/problem+json");
      expect(refusal?.json<{ detail: string }>().detail).toBe("This delivery has already been paid.");
    } finally {
      client.close();
    }
    const postings = await t.database.db
      .select()
      .from(ledgerPostings)
      .where(and(eq(ledgerPostings.cityId, city.id), like(ledgerPostings.idempotencyKey, `%:submission:${submissionId}:%`)));
    expect(postings.map((posting) => posting.idempotencyKey.split(":").at(-1)).sort()).toEqual(["accept", "pay"]);
    const row = await submissionRow(submissionId);
    expect(row?.status).toBe("paid");
    expect(await expectLedgerBalanced()).toMatchObject({ reserved: 0, payable: 0, paid: 70_000 });
    const paidTrail = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "submission.paid"), eq(auditEvents.targetId, submissionId)));
    expect(paidTrail).toHaveLength(1);
  });
});

describe("missed deliveries and re-running the work", () => {
  it("marks deliveries past due as missed, by the hourly job or by hand, then cancels and releases the money", async () => {
    const bounty = await publishedFixed("Never delivered", 30_000);
    const assigned = (await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/assign`, cookie: dso, body: { vendorId: vendors.ana.id } })).json();
    const notYet = expectProblem(await t.request({ method: "POST", url: `${base}/submissions/${assigned.id}/missed`, cookie: dso }), 409);
    expect(notYet.detail).toContain("is not due until");
    expect(await markMissedDeliveries(t.database.db)).toBe(0);

    await t.database.db
      .update(submissions)
      .set({ dueAt: new Date(Date.now() - 60_000) })
      .where(eq(submissions.id, assigned.id));
    const late = expectProblem(
      await t.request({
        method: "POST",
        url: `${base}/submissions/${assigned.id}/submit`,
        cookie: vendors.ana.cookie,
        body: { pullRequestUrl: "https://github.com/riverside/permits/pull/3" },
      }),
      409,
    );
    expect(late.detail).toContain("can no longer be handed in");
    expect(await markMissedDeliveries(t.database.db)).toBe(1);
    expect((await submissionRow(assigned.id))?.status).toBe("missed_delivery");
    expect(await markMissedDeliveries(t.database.db)).toBe(0);
    expectProblem(await t.request({ method: "POST", url: `${base}/submissions/${assigned.id}/missed`, cookie: dso }), 409);

    const fundBefore = (await balances()).fund;
    expectProblem(
      await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/cancel-after-delivery`, cookie: volunteer, body: { reason: "Gone" } }),
      403,
    );
    const cancelled = await t.request({
      method: "POST",
      url: `${base}/bounties/${bounty.id}/cancel-after-delivery`,
      cookie: dso,
      body: { reason: "Nobody delivered." },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: "cancelled", cancelReason: "Nobody delivered." });
    expect((await balances()).fund).toBe(fundBefore + 30_000);
    expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/cancel-after-delivery`, cookie: dso, body: { reason: "Twice" } }), 409);
    expect((await balances()).fund).toBe(fundBefore + 30_000);
    await expectLedgerBalanced();
  });

  it("awards an auction to the next-lowest verified bidder after a missed delivery, topping up the reservation", async () => {
    const [auction] = await t.database.db
      .insert(bounties)
      .values({
        cityId: city.id,
        kind: "auction",
        auctionType: "sealed",
        title: "Sealed auction for a parking map",
        acceptanceCriteria: criteria,
        requiredLicence: "MIT",
        amountMinor: 100_000,
        currency: "USD",
        startsAt: new Date(Date.now() - 3 * 86_400_000),
        endsAt: new Date(Date.now() - 86_400_000),
        status: "awarded",
        assignedVendorId: vendors.ana.id,
      })
      .returning();
    if (!auction) throw new Error("no auction");
    const [winning] = await t.database.db
      .insert(bids)
      .values([
        { cityId: city.id, bountyId: auction.id, vendorId: vendors.ana.id, auctionType: "sealed", amountMinor: 70_000, currency: "USD" },
        { cityId: city.id, bountyId: auction.id, vendorId: pendingVendorId, auctionType: "sealed", amountMinor: 75_000, currency: "USD" },
        { cityId: city.id, bountyId: auction.id, vendorId: vendors.cal.id, auctionType: "sealed", amountMinor: 90_000, currency: "USD" },
        { cityId: city.id, bountyId: auction.id, vendorId: vendors.ben.id, auctionType: "sealed", amountMinor: 80_000, currency: "USD" },
      ])
      .returning();
    // The auction closed at the winning bid: its reservation is the winning amount.
    const first = await t.database.db.transaction(async (tx) => {
      await reserveFromFund(tx, { cityId: city.id, currency: "USD", amountMinor: 70_000, idempotencyKey: `bounty:${auction.id}:reserve`, description: "test" });
      return openSubmission(tx, {
        cityId: city.id,
        bountyId: auction.id,
        vendorId: vendors.ana.id,
        amountMinor: 70_000,
        currency: "USD",
        awardedAt: new Date(),
        bidId: winning?.id ?? null,
      });
    });
    expect(first.status).toBe("pending_delivery");
    expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/assign`, cookie: dso, body: { vendorId: vendors.ben.id } }), 409);

    await t.database.db
      .update(submissions)
      .set({ dueAt: new Date(Date.now() - 1000) })
      .where(eq(submissions.id, first.id));
    const missed = await t.request({ method: "POST", url: `${base}/submissions/${first.id}/missed`, cookie: dso });
    expect(missed.statusCode).toBe(200);
    expect(missed.json().status).toBe("missed_delivery");

    const before = await balances();
    const next = await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/award-next`, cookie: dso, body: {} });
    expect(next.statusCode).toBe(201);
    // The pending vendor's lower bid is passed over; Ben's 800 USD is next.
    expect(next.json()).toMatchObject({ vendorId: vendors.ben.id, amountMinor: 80_000, status: "pending_delivery" });
    const after = await expectLedgerBalanced();
    expect(after.fund).toBe(before.fund - 10_000);
    expect(after.reserved).toBe(before.reserved + 10_000);

    // Ben misses too; then Cal, the last verified bidder; after Cal, no one is left.
    await t.database.db.update(submissions).set({ status: "missed_delivery" }).where(eq(submissions.id, next.json().id));
    const third = await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/award-next`, cookie: dso, body: {} });
    expect(third.json()).toMatchObject({ vendorId: vendors.cal.id, amountMinor: 90_000 });
    await t.database.db.update(submissions).set({ status: "missed_delivery" }).where(eq(submissions.id, third.json().id));
    const none = expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/award-next`, cookie: dso, body: {} }), 409);
    expect(none.detail).toBe("No other verified bidder is left on this auction.");
    const fundBefore = (await balances()).fund;
    expect(
      (await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/cancel-after-delivery`, cookie: dso, body: { reason: "No one left." } }))
        .statusCode,
    ).toBe(200);
    expect((await balances()).fund).toBe(fundBefore + 90_000);
    await expectLedgerBalanced();
  });
});

describe("payment export and public spend", () => {
  it("lists payable and paid deliveries for accounts payable, CSV guarded against formulas, and shows only paid bounties publicly", async () => {
    const { submissionId: payableId } = await handedIn("Accepted, not yet paid", 12_345, vendors.ana);
    expect((await t.request({ method: "POST", url: `${base}/submissions/${payableId}/review`, cookie: dso, body: { decision: "accepted" } })).statusCode).toBe(
      200,
    );

    const json = await t.request({ method: "GET", url: `${base}/payments.json`, cookie: admin });
    expect(json.statusCode).toBe(200);
    const payments = json.json().payments as {
      status: string;
      vendorLegalName: string;
      amountMinor: number;
      bountyTitle: string;
      vendorPaymentReference: string;
      acceptedAt: string | null;
    }[];
    expect(
      payments
        .filter((payment) => payment.status === "paid")
        .map((payment) => [payment.bountyTitle, payment.vendorLegalName, payment.vendorPaymentReference, payment.amountMinor]),
    ).toEqual([
      ["Accessible permit form", "=SUM(A1) Ben Consulting", "AP-2002", 50_000],
      ["Raced payment", "Cal Code", "AP-3003", 20_000],
    ]);
    expect(payments.filter((payment) => payment.status === "payable")).toEqual([
      expect.objectContaining({
        bountyTitle: "Accepted, not yet paid",
        vendorLegalName: "Ana Devs LLC",
        vendorPaymentReference: "AP-1001",
        amountMinor: 12_345,
        currency: "USD",
        paidAt: null,
      }),
    ]);
    expect(payments.every((payment) => payment.acceptedAt)).toBe(true);

    const csv = await t.request({ method: "GET", url: `${base}/payments.csv`, cookie: dso });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("submission_id,bounty_id,bounty,vendor_legal_name,vendor_payment_reference,amount,currency,status,accepted_at,paid_at");
    expect(lines).toHaveLength(4);
    expect(csv.body).toContain(`"'=SUM(A1) Ben Consulting",AP-2002,500.00,USD,paid`);
    expect(csv.body).toContain("Ana Devs LLC,AP-1001,123.45,USD,payable");

    for (const url of [`${base}/payments.json`, `${base}/payments.csv`]) {
      expectProblem(await t.request({ method: "GET", url, cookie: volunteer }), 403);
      expectProblem(await t.request({ method: "GET", url, cookie: vendors.ana.cookie }), 403);
      expectProblem(await t.request({ method: "GET", url }), 401);
    }

    const spend = await t.request({ method: "GET", url: `${base}/spend` });
    expect(spend.statusCode).toBe(200);
    const report = spend.json();
    expect(report.totalPaidMinor).toBe(70_000);
    expect(report.totalPaidMinor).toBe((await balances()).paid);
    expect(
      report.bounties
        .map((item: { title: string; vendorLegalName: string; amountMinor: number }) => [item.title, item.vendorLegalName, item.amountMinor])
        .sort(),
    ).toEqual([
      ["Accessible permit form", "=SUM(A1) Ben Consulting", 50_000],
      ["Raced payment", "Cal Code", 20_000],
    ]);
    expect(spend.body).not.toContain("AP-");
    expect(spend.body).not.toContain("Ana Devs");
  });
});

describe("tenancy", () => {
  it("hides one city's deliveries, payments and bounties from another city's staff", async () => {
    const { bounty, submissionId } = await handedIn("Riverside only", 5_000, vendors.ana);
    const other = await t.createCity("greendale");
    const otherDso = (await t.personWithRoles(other, "dso@greendale.example", [{ role: "dso_staff" }])).cookie;
    const attempts: { method: "GET" | "POST"; path: string; body?: unknown }[] = [
      { method: "POST", path: `/bounties/${bounty.id}/assign`, body: { vendorId: vendors.ben.id } },
      { method: "POST", path: `/submissions/${submissionId}/review`, body: { decision: "accepted" } },
      { method: "POST", path: `/submissions/${submissionId}/missed` },
      { method: "POST", path: `/submissions/${submissionId}/pay`, body: { paymentReference: "X" } },
      { method: "POST", path: `/bounties/${bounty.id}/award-next`, body: { vendorId: vendors.ben.id } },
      { method: "POST", path: `/bounties/${bounty.id}/cancel-after-delivery`, body: { reason: "x" } },
      { method: "GET", path: `/submissions/${submissionId}` },
    ];
    for (const attempt of attempts) {
      // Through this city's address, the other city's staff have no role here.
      expectProblem(await t.request({ method: attempt.method, url: `${base}${attempt.path}`, cookie: otherDso, body: attempt.body }), 404);
      // Through their own city's address, this city's records do not exist.
      expectProblem(await t.request({ method: attempt.method, url: `/api/v1/cities/greendale${attempt.path}`, cookie: otherDso, body: attempt.body }), 404);
    }
    expectProblem(await t.request({ method: "GET", url: `${base}/payments.json`, cookie: otherDso }), 404);
    // The vendor's own delivery is not reachable through another city either.
    expectProblem(
      await t.request({
        method: "POST",
        url: `/api/v1/cities/greendale/submissions/${submissionId}/submit`,
        cookie: vendors.ana.cookie,
        body: { pullRequestUrl: "https://github.com/a/b/pull/2" },
      }),
      404,
    );
    expect((await submissionRow(submissionId))?.status).toBe("pending_acceptance");
    expect((await t.request({ method: "GET", url: "/api/v1/cities/greendale/payments.json", cookie: otherDso })).json()).toEqual({ payments: [] });
    expect((await t.request({ method: "GET", url: "/api/v1/cities/greendale/spend" })).json()).toMatchObject({ totalPaidMinor: 0, bounties: [] });
  });
});
