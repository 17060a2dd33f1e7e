import { and, asc, eq, sql } from "drizzle-orm";
import type { AuctionBidView } from "../../../contracts/bounties.ts";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import { hasRole, type Membership } from "../../platform/policy/index.ts";
import { formatMinor } from "../ledger/index.ts";
import { findVendorOfUser, rolesThatCannotBeVendors } from "../vendors/index.ts";
import { bidStepMinor, presentBid, rankedBids } from "./find-bids.ts";
import { writeBountyNotice } from "./notifications.ts";
import { parseAmount } from "./parse-amount.ts";
import { bids, bounties } from "./schema.ts";

/**
 * A verified vendor bids on a published auction while bidding is open. Multi-bid: at least 1 USD
 * below the lowest bid (or the start price when there is none), and never by the vendor who holds
 * the lowest bid. Sealed-bid: one bid per vendor, at least 1 USD below the start price. Staff and
 * admins of the city never bid; an auction kept for small businesses takes bids only from them.
 */
export async function placeBid(ctx: OperationContext, membership: Membership, bountyId: string, input: { amount: string | number }): Promise<AuctionBidView> {
  if (rolesThatCannotBeVendors.some((role) => hasRole(membership, role))) throw new ForbiddenError("errors.auctions.staffCannotBid");
  const vendor = await findVendorOfUser(ctx.db, ctx.city.id, membership.actor.userId);
  if (!vendor) throw new ForbiddenError("errors.auctions.notVendor");
  if (vendor.status !== "verified") throw new ForbiddenError("errors.auctions.vendorNotVerified");
  const parsed = parseAmount(input.amount, ctx.city.currency);
  if (!parsed.ok) {
    throw new DomainError(422, "invalid-amount", parsed.messageKey, parsed.params, [{ field: "amount", messageKey: parsed.messageKey, params: parsed.params }]);
  }
  const amountMinor = parsed.amountMinor;

  try {
    return await ctx.db.transaction(async (tx) => {
      // Why a row lock on the auction: the rule compares the new bid with the lowest accepted one,
      // and under READ COMMITTED two transactions that each read the lowest before the other commits
      // would both pass and both insert, at the same amount or one above the other. A conditional
      // INSERT … SELECT has the same hole, because each statement sees only committed bids. Taking
      // the auction row FOR UPDATE first makes the bids of one auction take turns: the next bidder
      // reads the lowest only after the previous bid has committed or rolled back, so accepted
      // multi-bids strictly decrease. The same lock serialises closing (close-auction.ts), so no bid
      // slips in after an auction is decided. Bids on different auctions do not wait for each other.
      const [auction] = await tx
        .select()
        .from(bounties)
        .where(and(eq(bounties.cityId, ctx.city.id), eq(bounties.id, bountyId)))
        .for("update");
      if (!auction) throw new NotFoundError("errors.bounties.notFound");
      if (auction.kind !== "auction" || !auction.auctionType) throw new ConflictError("errors.auctions.notAnAuction");
      if (auction.status === "draft") throw new NotFoundError("errors.bounties.notFound");
      if (auction.status !== "published") throw new ConflictError("errors.auctions.notOpen", { status: auction.status });
      // The database's clock, read after the lock: bids are timed in the order they were accepted.
      const now = await databaseNow(tx);
      if (auction.startsAt && now < auction.startsAt) throw new ConflictError("errors.auctions.notStarted");
      if (auction.endsAt && now >= auction.endsAt) throw new ConflictError("errors.auctions.ended");
      if (auction.smallBusinessOnly && !vendor.smallBusiness) throw new ForbiddenError("errors.auctions.smallBusinessOnly");

      let atMost: number;
      let below: "lowest" | "start";
      let outbidVendorId: string | null = null;
      if (auction.auctionType === "multi") {
        const [lowest] = await tx
          .select({ vendorId: bids.vendorId, amountMinor: bids.amountMinor })
          .from(bids)
          .where(and(eq(bids.cityId, ctx.city.id), eq(bids.bountyId, auction.id)))
          .orderBy(asc(bids.amountMinor), asc(bids.createdAt), asc(bids.id))
          .limit(1);
        if (lowest?.vendorId === vendor.id) {
          throw new ConflictError("errors.auctions.alreadyLowest", { amount: formatMinor(lowest.amountMinor, auction.currency) });
        }
        atMost = (lowest?.amountMinor ?? auction.amountMinor) - bidStepMinor;
        below = lowest ? "lowest" : "start";
        outbidVendorId = lowest?.vendorId ?? null;
      } else {
        const [earlier] = await tx
          .select({ id: bids.id })
          .from(bids)
          .where(and(eq(bids.cityId, ctx.city.id), eq(bids.bountyId, auction.id), eq(bids.vendorId, vendor.id)))
          .limit(1);
        if (earlier) throw new ConflictError("errors.auctions.alreadyBidSealed");
        atMost = auction.amountMinor - bidStepMinor;
        below = "start";
      }
      if (atMost < 1) throw new ConflictError("errors.auctions.noLowerBid");
      if (amountMinor > atMost) {
        const messageKey = below === "lowest" ? "errors.auctions.atMostBelowLowest" : "errors.auctions.atMostBelowStart";
        const params = { atMost: formatMinor(atMost, auction.currency), step: formatMinor(bidStepMinor, auction.currency).replace(".00", "") };
        throw new ConflictError(messageKey, params, [{ field: "amount", messageKey, params }]);
      }

      const [placed] = await tx
        .insert(bids)
        .values({
          cityId: ctx.city.id,
          bountyId: auction.id,
          vendorId: vendor.id,
          auctionType: auction.auctionType,
          amountMinor,
          currency: auction.currency,
          createdAt: sql`clock_timestamp()`,
        })
        .returning({ id: bids.id });
      if (!placed) throw new Error("insert returned no row");
      // The vendor who held the lowest bid hears the new lowest amount, never who bid it.
      if (outbidVendorId)
        await writeBountyNotice(tx, {
          cityId: ctx.city.id,
          kind: "outbid",
          vendorId: outbidVendorId,
          bountyId: auction.id,
          dedupeKey: `outbid:${placed.id}`,
          details: { amountMinor, currency: auction.currency },
        });
      // The trail says who bid; a sealed bid's amount stays in the bid alone until the auction closes.
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "auction.bid-placed",
        targetType: "bounty",
        targetId: auction.id,
        after: { bidId: placed.id, vendorId: vendor.id },
        requestId: ctx.requestId,
      });
      const ranked = (await rankedBids(tx, ctx.city.id, auction.id)).find((bid) => bid.id === placed.id);
      if (!ranked) throw new Error("placed bid not found");
      return presentBid(ranked, { viewerVendorId: vendor.id, revealed: false, vendorName: null });
    });
  } catch (error) {
    // The lock above already keeps a vendor to one sealed bid; the unique index is the last word.
    if (isUniqueViolation(error, "bids_sealed_one_per_vendor")) throw new ConflictError("errors.auctions.alreadyBidSealed");
    throw error;
  }
}

export async function databaseNow(tx: Executor): Promise<Date> {
  const result = await tx.execute<{ now: Date | string }>(sql`select clock_timestamp() as now`);
  const now = result.rows[0]?.now;
  if (!now) throw new Error("no time from the database");
  return new Date(now);
}
