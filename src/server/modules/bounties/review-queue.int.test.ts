import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { accountBalances, reserveFromFund } from "../ledger/index.ts";
import { openSubmission } from "./open-submission.ts";
import { bids, bounties, submissions } from "./schema.ts";

let t: TestApp;
let city: City;
let dso: string;
let agencyStaff: string;
let volunteer: string;
const vendors: Record<"ana" | "ben", { cookie: string; id: string }> = {} as never;
let added = 0;

const base = "/api/v1/cities/lakeview";
const criteria = ["Passes axe with no violations", "Works at 360 px"];
const day = 86_400_000;

async function registerVendor(email: string, legalName: string) {
  const cookie = await t.signIn(email);
  const registered = await t.request({ method: "POST", url: `${base}/vendors`, cookie, body: { legalName, taxFormOnFile: true, paymentReference: "AP-1" } });
  expect(registered.statusCode).toBe(201);
  const id = registered.json().id as string;
  expect((await t.request({ method: "POST", url: `${base}/vendors/${id}/review`, cookie: dso, body: { decision: "verified" } })).statusCode).toBe(200);
  return { cookie, id };
}

async function publishedFixed(title: string, amountMinor: number) {
  const [created] = await t.database.db
    .insert(bounties)
    .values({
      cityId: city.id,
      kind: "fixed",
      title,
      description: "Described once, copied on a re-run.",
      acceptanceCriteria: criteria,
      requiredLicence: "MIT",
      amountMinor,
      currency: "USD",
      deliveryBusinessDays: 5,
      marketEstimateMinor: amountMinor * 2,
      smallBusinessOnly: true,
      deadlineAt: new Date(Date.now() + 60 * day),
    })
    .returning();
  if (!created) throw new Error("no bounty");
  expect((await t.request({ method: "POST", url: `${base}/bounties/${created.id}/publish`, cookie: dso })).statusCode).toBe(200);
  return created;
}

/** A published fixed bounty assigned to the vendor and handed in by them. */
async function handedIn(title: string, amountMinor: number, vendor: { cookie: string; id: string }) {
  const bounty = await publishedFixed(title, amountMinor);
  const assigned = await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/assign`, cookie: dso, body: { vendorId: vendor.id } });
  expect(assigned.statusCode).toBe(201);
  const submissionId = assigned.json().id as string;
  const submitted = await t.request({
    method: "POST",
    url: `${base}/submissions/${submissionId}/submit`,
    cookie: vendor.cookie,
    body: { pullRequestUrl: "https://github.com/lakeview/permits/pull/9" },
  });
  expect(submitted.statusCode).toBe(200);
  return { bounty, submissionId };
}

async function rejected(title: string, amountMinor: number) {
  const delivered = await handedIn(title, amountMinor, vendors.ana);
  const review = await t.request({
    method: "POST",
    url: `${base}/submissions/${delivered.submissionId}/review`,
    cookie: dso,
    body: { decision: "rejected", reasons: [{ criterion: criteria[0], reason: "Four contrast violations." }] },
  });
  expect(review.statusCode).toBe(200);
  return delivered;
}

async function balances() {
  return accountBalances(t.database.db, city.id, "USD");
}

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

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): { detail?: string; errors?: { field: string; message: string }[] } },
  status: number,
) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers["content-type"])).toContain("application/problem+json");
  return response.json();
}

async function bountiesTitled(title: string) {
  return t.database.db
    .select()
    .from(bounties)
    .where(and(eq(bounties.cityId, city.id), eq(bounties.title, title)));
}

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("lakeview");
  dso = (await t.personWithRoles(city, "dso@lakeview.example", [{ role: "dso_staff" }])).cookie;
  const agency = await t.createAgency(city, "parks", "Parks");
  agencyStaff = (await t.personWithRoles(city, "parks@lakeview.example", [{ role: "agency_staff", agencyId: agency.id }])).cookie;
  volunteer = (await t.personWithRoles(city, "volunteer@lakeview.example", [{ role: "volunteer" }])).cookie;
  vendors.ana = await registerVendor("ana@dev.example", "Ana Devs LLC");
  vendors.ben = await registerVendor("ben@dev.example", "Ben Consulting");
  expect((await t.request({ method: "POST", url: `${base}/fund/additions`, cookie: dso, body: { amountMinor: 1_000_000 } })).statusCode).toBe(201);
  added += 1_000_000;
});
afterAll(async () => t?.close());

describe("the review queue", () => {
  it("lists deliveries waiting for acceptance with the bounty's title, the vendor's legal name, the due date and the pull request", async () => {
    const waiting = await handedIn("Queue: permit form", 10_000, vendors.ana);
    const other = await handedIn("Queue: library cards", 12_000, vendors.ben);
    const accepted = await handedIn("Queue: already accepted", 8_000, vendors.ben);
    expect(
      (await t.request({ method: "POST", url: `${base}/submissions/${accepted.submissionId}/review`, cookie: dso, body: { decision: "accepted" } })).statusCode,
    ).toBe(200);

    const queue = await t.request({ method: "GET", url: `${base}/submissions?status=pending_acceptance`, cookie: dso });
    expect(queue.statusCode).toBe(200);
    expect(queue.headers["cache-control"]).toBe("no-store");
    const items = queue.json().submissions as Record<string, unknown>[];
    expect(items.map((item) => item.id).sort()).toEqual([waiting.submissionId, other.submissionId].sort());
    expect(items.find((item) => item.id === waiting.submissionId)).toMatchObject({
      bountyId: waiting.bounty.id,
      bountyTitle: "Queue: permit form",
      bountyKind: "fixed",
      vendorId: vendors.ana.id,
      vendorLegalName: "Ana Devs LLC",
      status: "pending_acceptance",
      pullRequestUrl: "https://github.com/lakeview/permits/pull/9",
      amountMinor: 10_000,
      currency: "USD",
    });
    expect(typeof items[0]?.dueAt).toBe("string");
    // Soonest due first.
    const dues = items.map((item) => String(item.dueAt));
    expect([...dues].sort()).toEqual(dues);

    // Every status, one status, one bounty's deliveries.
    const all = (await t.request({ method: "GET", url: `${base}/submissions`, cookie: dso })).json().submissions as { id: string }[];
    expect(all.map((item) => item.id)).toContain(accepted.submissionId);
    const acceptedOnly = (await t.request({ method: "GET", url: `${base}/submissions?status=accepted`, cookie: dso })).json().submissions as { id: string }[];
    expect(acceptedOnly.map((item) => item.id)).toEqual([accepted.submissionId]);
    const ofBounty = (await t.request({ method: "GET", url: `${base}/submissions?bountyId=${other.bounty.id}`, cookie: dso })).json().submissions as {
      id: string;
    }[];
    expect(ofBounty.map((item) => item.id)).toEqual([other.submissionId]);
  });

  it("refuses bad filters, people without the role, and anyone signed out", async () => {
    const bad = expectProblem(await t.request({ method: "GET", url: `${base}/submissions?status=lost`, cookie: dso }), 400);
    expect(bad.errors?.[0]?.field).toBe("query.status");
    expectProblem(await t.request({ method: "GET", url: `${base}/submissions?bountyId=not-an-id`, cookie: dso }), 400);
    expectProblem(await t.request({ method: "GET", url: `${base}/submissions`, cookie: agencyStaff }), 403);
    expectProblem(await t.request({ method: "GET", url: `${base}/submissions`, cookie: volunteer }), 403);
    // A vendor sees their own deliveries elsewhere, never the queue.
    expect([403, 404]).toContain((await t.request({ method: "GET", url: `${base}/submissions`, cookie: vendors.ana.cookie })).statusCode);
    expect((await t.request({ method: "GET", url: `${base}/submissions` })).statusCode).toBe(401);
  });

  it("shows another city's staff nothing of this city's deliveries", async () => {
    await handedIn("Queue: lakeview only", 5_000, vendors.ana);
    const other = await t.createCity("hillcrest");
    const otherDso = (await t.personWithRoles(other, "dso@hillcrest.example", [{ role: "dso_staff" }])).cookie;
    expectProblem(await t.request({ method: "GET", url: `${base}/submissions?status=pending_acceptance`, cookie: otherDso }), 404);
    const theirs = await t.request({ method: "GET", url: "/api/v1/cities/hillcrest/submissions?status=pending_acceptance", cookie: otherDso });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json()).toEqual({ submissions: [] });
  });
});

describe("re-running a bounty after a failed delivery", () => {
  it("cancels the bounty, releases what it holds and drafts it again with the same terms and new dates, audited", async () => {
    const { bounty, submissionId } = await rejected("Rerun: accessible permit form", 40_000);
    const before = await expectLedgerBalanced();
    const deadlineAt = new Date(Date.now() + 30 * day).toISOString();

    // Refusals change nothing.
    expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/rerun`, cookie: agencyStaff, body: { reason: "x", deadlineAt } }), 403);
    expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/rerun`, cookie: volunteer, body: { reason: "x", deadlineAt } }), 403);
    const noReason = expectProblem(
      await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/rerun`, cookie: dso, body: { reason: "", deadlineAt } }),
      400,
    );
    expect(noReason.errors?.[0]?.field).toBe("reason");
    const noDeadline = expectProblem(
      await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/rerun`, cookie: dso, body: { reason: "Again" } }),
      400,
    );
    expect(noDeadline.errors).toEqual([{ field: "deadlineAt", message: "This is required." }]);
    const past = expectProblem(
      await t.request({
        method: "POST",
        url: `${base}/bounties/${bounty.id}/rerun`,
        cookie: dso,
        body: { reason: "Again", deadlineAt: new Date(Date.now() - day).toISOString() },
      }),
      400,
    );
    expect(past.errors).toEqual([{ field: "deadlineAt", message: "Choose a deadline in the future." }]);
    expect((await bountiesTitled("Rerun: accessible permit form")).map((row) => row.status)).toEqual(["awarded"]);
    expect(await expectLedgerBalanced()).toEqual(before);

    const rerun = await t.request({
      method: "POST",
      url: `${base}/bounties/${bounty.id}/rerun`,
      cookie: dso,
      body: { reason: "Rejected; run it again.", deadlineAt },
    });
    expect(rerun.statusCode).toBe(201);
    const { cancelled, draft } = rerun.json();
    expect(cancelled).toMatchObject({ id: bounty.id, status: "cancelled", cancelReason: "Rejected; run it again." });
    expect(draft).toMatchObject({
      kind: "fixed",
      status: "draft",
      title: "Rerun: accessible permit form",
      description: "Described once, copied on a re-run.",
      acceptanceCriteria: criteria,
      requiredLicence: "MIT",
      amountMinor: 40_000,
      currency: "USD",
      deliveryBusinessDays: 5,
      marketEstimateMinor: 80_000,
      smallBusinessOnly: true,
      deadlineAt,
      publishedAt: null,
    });
    expect(draft.id).not.toBe(bounty.id);

    // The reservation went back to the fund; the draft holds nothing until it is published.
    const after = await expectLedgerBalanced();
    expect(after.fund).toBe(before.fund + 40_000);
    expect(after.reserved).toBe(before.reserved - 40_000);
    expect((await t.database.db.select().from(submissions).where(eq(submissions.id, submissionId)))[0]?.status).toBe("rejected");

    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, draft.id));
    expect(audit.map((event) => event.action)).toEqual(["bounty.rerun"]);
    expect(audit[0]?.before).toEqual({ rerunOf: bounty.id });
    const cancelAudit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, bounty.id), eq(auditEvents.action, "bounty.cancelled")));
    expect(cancelAudit).toHaveLength(1);

    // Done once: the old bounty is cancelled now.
    expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/rerun`, cookie: dso, body: { reason: "Twice", deadlineAt } }), 409);
    // The new draft publishes like any other, reserving its money again.
    expect((await t.request({ method: "POST", url: `${base}/bounties/${draft.id}/publish`, cookie: dso })).statusCode).toBe(200);
    expect((await expectLedgerBalanced()).reserved).toBe(before.reserved);
  });

  it("re-runs an auction with new bidding times, after a missed delivery, releasing the winning amount", async () => {
    const [auction] = await t.database.db
      .insert(bounties)
      .values({
        cityId: city.id,
        kind: "auction",
        auctionType: "multi",
        title: "Rerun: parking map auction",
        acceptanceCriteria: criteria,
        requiredLicence: "MIT",
        amountMinor: 100_000,
        currency: "USD",
        startsAt: new Date(Date.now() - 3 * day),
        endsAt: new Date(Date.now() - day),
        status: "awarded",
        assignedVendorId: vendors.ana.id,
      })
      .returning();
    if (!auction) throw new Error("no auction");
    const [winning] = await t.database.db
      .insert(bids)
      .values({ cityId: city.id, bountyId: auction.id, vendorId: vendors.ana.id, auctionType: "multi", amountMinor: 70_000, currency: "USD" })
      .returning();
    // The auction's fund movements as closing leaves them: the start price reserved, the unused part released.
    await t.database.db.transaction(async (tx) => {
      await reserveFromFund(tx, { cityId: city.id, currency: "USD", amountMinor: 70_000, idempotencyKey: `bounty:${auction.id}:reserve`, description: "test" });
      await openSubmission(tx, {
        cityId: city.id,
        bountyId: auction.id,
        vendorId: vendors.ana.id,
        amountMinor: 70_000,
        currency: "USD",
        awardedAt: new Date(Date.now() - 30 * day),
        bidId: winning?.id ?? null,
      });
    });
    await t.database.db.update(submissions).set({ status: "missed_delivery" }).where(eq(submissions.bountyId, auction.id));
    const before = await expectLedgerBalanced();

    const startsAt = new Date(Date.now() + day).toISOString();
    const endsAt = new Date(Date.now() + 8 * day).toISOString();
    const missing = expectProblem(
      await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/rerun`, cookie: dso, body: { reason: "Missed", deadlineAt: endsAt } }),
      400,
    );
    expect(missing.errors?.map((error) => error.field)).toEqual(["startsAt", "endsAt"]);
    const backwards = expectProblem(
      await t.request({
        method: "POST",
        url: `${base}/bounties/${auction.id}/rerun`,
        cookie: dso,
        body: { reason: "Missed", startsAt: endsAt, endsAt: startsAt },
      }),
      400,
    );
    expect(backwards.errors).toEqual([{ field: "endsAt", message: "The auction must end after it starts." }]);
    expect(await expectLedgerBalanced()).toEqual(before);

    const rerun = await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/rerun`, cookie: dso, body: { reason: "Missed", startsAt, endsAt } });
    expect(rerun.statusCode).toBe(201);
    expect(rerun.json().draft).toMatchObject({
      kind: "auction",
      auctionType: "multi",
      status: "draft",
      amountMinor: 100_000,
      startsAt,
      endsAt,
      deadlineAt: null,
    });
    const after = await expectLedgerBalanced();
    expect(after.fund).toBe(before.fund + 70_000);
  });

  it("refuses a bounty whose delivery is still under way, and one never awarded", async () => {
    const { bounty } = await handedIn("Rerun: still under review", 9_000, vendors.ben);
    const deadlineAt = new Date(Date.now() + 30 * day).toISOString();
    const underWay = expectProblem(
      await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/rerun`, cookie: dso, body: { reason: "No", deadlineAt } }),
      409,
    );
    expect(underWay.detail).toBe("The current delivery of this bounty is still under way; reject it or mark it missed first.");
    const published = await publishedFixed("Rerun: never awarded", 9_000);
    expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${published.id}/rerun`, cookie: dso, body: { reason: "No", deadlineAt } }), 409);
    expect((await bountiesTitled("Rerun: still under review")).length).toBe(1);
    expect((await bountiesTitled("Rerun: never awarded")).length).toBe(1);
  });

  it("makes one draft when two re-runs of the same bounty race", async () => {
    const { bounty } = await rejected("Rerun: raced", 25_000);
    const before = await expectLedgerBalanced();
    const deadlineAt = new Date(Date.now() + 30 * day).toISOString();
    const responses = await Promise.all(
      [1, 2, 3].map(() => t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/rerun`, cookie: dso, body: { reason: "Race", deadlineAt } })),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409, 409]);
    const rows = await bountiesTitled("Rerun: raced");
    expect(rows.map((row) => row.status).sort()).toEqual(["cancelled", "draft"]);
    const after = await expectLedgerBalanced();
    expect(after.fund).toBe(before.fund + 25_000);
  });

  it("does not re-run another city's bounty", async () => {
    const { bounty } = await rejected("Rerun: lakeview only", 6_000);
    const other = await t.createCity("brookside");
    const otherDso = (await t.personWithRoles(other, "dso@brookside.example", [{ role: "dso_staff" }])).cookie;
    const body = { reason: "Not yours", deadlineAt: new Date(Date.now() + 30 * day).toISOString() };
    expectProblem(await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/rerun`, cookie: otherDso, body }), 404);
    expectProblem(await t.request({ method: "POST", url: `/api/v1/cities/brookside/bounties/${bounty.id}/rerun`, cookie: otherDso, body }), 404);
    expect((await bountiesTitled("Rerun: lakeview only")).map((row) => row.status)).toEqual(["awarded"]);
  });
});
