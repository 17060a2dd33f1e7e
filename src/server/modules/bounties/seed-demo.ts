import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import type { Actor } from "../../platform/auth/index.ts";
import { users } from "../../platform/auth/schema.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { loadGrants, type Membership } from "../../platform/policy/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { findProblemBoard } from "../problems/index.ts";
import { findVendorOfUser, registerVendor, reviewVendor } from "../vendors/index.ts";
import { closeAuction } from "./close-auction.ts";
import { createAuction } from "./create-auction.ts";
import { createFixedBounty } from "./create-bounty.ts";
import { paySubmission } from "./pay-submission.ts";
import { placeBid } from "./place-bid.ts";
import { publishBounty } from "./publish-bounty.ts";
import { reviewSubmission } from "./review-submission.ts";
import { bids, bounties, submissions } from "./schema.ts";
import { submitDelivery } from "./submit-delivery.ts";

/**
 * The demo city's bounties, made through the same operations people use, so the fund, the ledger,
 * the notices and the audit trail hold what they would: a published fixed-price bounty, an open
 * multi-bid auction with bids from both demo vendors, an open sealed-bid auction, and an auction
 * that closed, was delivered, accepted and paid. Only the clock is moved, where an auction has to
 * have started or ended already. Run again, it leaves what is there.
 */

export const demoBountyTitles = {
  fixed: "Online booking for picnic shelters",
  multi: "Permit status page for league organisers",
  sealed: "Export permit requests to the parks spreadsheet",
  paid: "Text message reminders for field permits",
} as const;

const demoRepository = "https://github.com/springfield-dso/park-permits";
const day = 86_400_000;

async function actorOf(db: Database, email: string): Promise<Actor | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  return user ? { userId: user.id, email: user.email, name: user.name, locale: user.locale ?? null, isPlatformAdmin: false } : null;
}

async function membershipOf(db: Database, city: City, actor: Actor): Promise<Membership> {
  return { cityId: city.id, actor, grants: await loadGrants(db, city.id, actor.userId) };
}

/** The second demo vendor registers and the DSO verifies them, as the vendor pages would. */
async function ensureVerifiedVendor(db: Database, city: City, vendor: Actor, dso: Actor, legalName: string): Promise<void> {
  const existing = await findVendorOfUser(db, city.id, vendor.userId);
  if (existing?.status === "verified") return;
  const registered =
    existing ??
    (await registerVendor({ db, city, actor: vendor, requestId: null }, await membershipOf(db, city, vendor), {
      legalName,
      smallBusiness: false,
      taxFormOnFile: true,
      paymentReference: "AP-SUPPLIER-31877",
    }));
  await reviewVendor({ db, city, actor: dso, requestId: null }, registered.id, { decision: "verified" });
}

/** Opens bidding now on an auction published to start in the future: the seed cannot wait for it. */
async function openBiddingNow(db: Database, bountyId: string): Promise<void> {
  await db
    .update(bounties)
    .set({ startsAt: new Date(Date.now() - 60 * 60_000) })
    .where(eq(bounties.id, bountyId));
}

export async function seedBountyDemo(db: Database, city: City): Promise<void> {
  const [dso, riley, morgan] = await Promise.all([
    actorOf(db, "dso@springfield.example"),
    actorOf(db, "vendor@springfield.example"),
    actorOf(db, "vendor2@springfield.example"),
  ]);
  if (!dso || !riley || !morgan) return;
  const board = await findProblemBoard(db, city.id, { status: "accepted", page: 1, pageSize: 1 }, null);
  const problem = board.problems[0];
  if (!problem) return;
  await ensureVerifiedVendor(db, city, morgan, dso, "Morgan Díaz Civic Code");

  const existing = await db
    .select({ title: bounties.title })
    .from(bounties)
    .where(and(eq(bounties.cityId, city.id), inArray(bounties.title, Object.values(demoBountyTitles))));
  const has = new Set(existing.map((row) => row.title));

  const staff: OperationContext = { db, city, actor: dso, requestId: null };
  const staffMembership = await membershipOf(db, city, dso);
  const asVendor = async (vendor: Actor) => ({
    ctx: { db, city, actor: vendor, requestId: null } as OperationContext,
    membership: await membershipOf(db, city, vendor),
  });
  const bid = async (vendor: Actor, bountyId: string, amount: string) => {
    const { ctx, membership } = await asVendor(vendor);
    return placeBid(ctx, membership, bountyId, { amount });
  };
  const now = Date.now();
  const common = {
    problemId: problem.id,
    requiredLicence: "MIT",
    smallBusinessOnly: false,
    deliveryBusinessDays: 10,
  };

  if (!has.has(demoBountyTitles.fixed)) {
    const fixed = await createFixedBounty(staff, staffMembership, {
      ...common,
      title: demoBountyTitles.fixed,
      description: "Residents book a picnic shelter online and get an answer at once, instead of mailing a paper form and waiting for a phone call.",
      acceptanceCriteria: [
        "A resident can see which shelters are free on a date",
        "A booking is confirmed by email in English and Spanish",
        "Passes an automated accessibility check with no violations",
      ],
      repositoryIssueUrl: `${demoRepository}/issues/12`,
      deadlineAt: new Date(now + 30 * day).toISOString(),
      amountMinor: 300_000,
      marketEstimateMinor: 750_000,
    });
    await publishBounty(staff, staffMembership, fixed.id);
  }

  if (!has.has(demoBountyTitles.multi)) {
    const multi = await createAuction(staff, staffMembership, {
      ...common,
      auctionType: "multi",
      title: demoBountyTitles.multi,
      description: "League organisers look up where their field permit stands without phoning the parks office.",
      acceptanceCriteria: ["Shows each request's status from the permit spreadsheet", "Works on a 360 px wide phone", "Available in English and Spanish"],
      repositoryIssueUrl: `${demoRepository}/issues/15`,
      amountMinor: 500_000,
      marketEstimateMinor: 1_200_000,
      startsAt: new Date(now + 60_000).toISOString(),
      endsAt: new Date(now + 7 * day).toISOString(),
    });
    await publishBounty(staff, staffMembership, multi.id);
    await openBiddingNow(db, multi.id);
    await bid(morgan, multi.id, "4,800");
    await bid(riley, multi.id, "4,500");
  }

  if (!has.has(demoBountyTitles.sealed)) {
    const sealed = await createAuction(staff, staffMembership, {
      ...common,
      auctionType: "sealed",
      title: demoBountyTitles.sealed,
      description: "Online permit requests land in the spreadsheet the parks clerks already use, so nobody re-types them.",
      acceptanceCriteria: ["Every online request appears in the spreadsheet within five minutes", "No request is written twice"],
      repositoryIssueUrl: `${demoRepository}/issues/18`,
      amountMinor: 250_000,
      marketEstimateMinor: 600_000,
      startsAt: new Date(now + 60_000).toISOString(),
      endsAt: new Date(now + 5 * day).toISOString(),
    });
    await publishBounty(staff, staffMembership, sealed.id);
    await openBiddingNow(db, sealed.id);
    await bid(morgan, sealed.id, "2,300");
  }

  if (!has.has(demoBountyTitles.paid)) {
    const paid = await createAuction(staff, staffMembership, {
      ...common,
      auctionType: "multi",
      title: demoBountyTitles.paid,
      description: "Permit holders get a text message the day before their booking, with a link to cancel.",
      acceptanceCriteria: ["A reminder is sent the day before each booking", "Residents can opt out by replying STOP"],
      repositoryIssueUrl: `${demoRepository}/issues/7`,
      amountMinor: 400_000,
      marketEstimateMinor: 950_000,
      startsAt: new Date(now + 60_000).toISOString(),
      endsAt: new Date(now + 7 * day).toISOString(),
    });
    await publishBounty(staff, staffMembership, paid.id);
    await openBiddingNow(db, paid.id);
    const placed = [await bid(riley, paid.id, "3,800"), await bid(morgan, paid.id, "3,500"), await bid(riley, paid.id, "3,200")];
    // The auction ran three weeks ago: its times and its bids move back together.
    const startsAt = new Date(now - 21 * day);
    const endsAt = new Date(now - 14 * day);
    await db
      .update(bounties)
      .set({ startsAt, endsAt, publishedAt: new Date(startsAt.getTime() - day) })
      .where(eq(bounties.id, paid.id));
    for (const [index, placedBid] of placed.entries()) {
      await db
        .update(bids)
        .set({ createdAt: new Date(startsAt.getTime() + (index + 1) * day) })
        .where(eq(bids.id, placedBid.id));
    }
    const closed = await closeAuction(db, { cityId: city.id, bountyId: paid.id, actor: dso });
    const [opened] = await db.select().from(submissions).where(eq(submissions.bountyId, paid.id)).limit(1);
    if (!closed.winningBid || !opened) throw new Error("the demo auction was not awarded");
    const { ctx: winner } = await asVendor(riley);
    await submitDelivery(winner, opened.id, { pullRequestUrl: "https://github.com/springfield-dso/park-permits/pull/21" });
    await reviewSubmission(staff, opened.id, { decision: "accepted", reasons: [] });
    await paySubmission(staff, opened.id, { paymentReference: "AP-CHECK-100245" });
    // The award, acceptance and payment happened over the days after the auction ended.
    await db
      .update(submissions)
      .set({
        awardedAt: endsAt,
        dueAt: new Date(endsAt.getTime() + 14 * day),
        acceptedAt: new Date(endsAt.getTime() + 9 * day),
        paidAt: new Date(endsAt.getTime() + 12 * day),
      })
      .where(eq(submissions.id, opened.id));
  }
}
