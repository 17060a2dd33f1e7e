import { sql } from "drizzle-orm";
import type { AuctionBidsView, AuctionBidView } from "../../../contracts/bounties.ts";
import type { Executor } from "../../db/connection.ts";
import { vendorLegalNames } from "../vendors/index.ts";
import type { Bounty } from "./find-bounties.ts";

/** One major unit (1 USD in cents): each multi-bid must undercut the lowest by at least this much. */
export const bidStepMinor = 100;

/** A closed auction shows every bid and bidder; until then they are hidden as the auction type says. */
export function isRevealed(bounty: Bounty): boolean {
  return bounty.status === "awarded" || bounty.status === "closed";
}

export interface RankedBid {
  id: string;
  vendorId: string;
  amountMinor: number;
  currency: string;
  createdAt: Date;
  bidderNumber: number;
  /** 1 for the winning bid: lowest amount, then earliest. */
  place: number;
}

/**
 * An auction's bids with each bidder's number: bidders are numbered in the order of their first
 * bid, so "Bidder 3" stays Bidder 3 for the whole auction without naming anyone. The place orders
 * bids the way the auction is decided: lowest amount first, and between equal amounts the earliest.
 */
export async function rankedBids(db: Executor, cityId: string, bountyId: string): Promise<RankedBid[]> {
  const result = await db.execute<{
    id: string;
    vendor_id: string;
    amount_minor: string;
    currency: string;
    created_at: Date | string;
    bidder_number: string;
    place: string;
  }>(sql`
    with first_bids as (
      select vendor_id, row_number() over (order by min(created_at), vendor_id) as bidder_number
      from bids where city_id = ${cityId} and bounty_id = ${bountyId}
      group by vendor_id
    )
    select b.id, b.vendor_id, b.amount_minor, b.currency, b.created_at, f.bidder_number,
           row_number() over (order by b.amount_minor, b.created_at, b.id) as place
    from bids b join first_bids f on f.vendor_id = b.vendor_id
    where b.city_id = ${cityId} and b.bounty_id = ${bountyId}
    order by b.created_at, b.id
  `);
  return result.rows.map((row) => ({
    id: row.id,
    vendorId: row.vendor_id,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    createdAt: new Date(row.created_at),
    bidderNumber: Number(row.bidder_number),
    place: Number(row.place),
  }));
}

/**
 * The bids of an auction as the reader may see them, oldest first. While a multi-bid auction is
 * open: every amount and time, bidders by number only. While a sealed-bid auction is open: the
 * count, and the reader's own bid. After it closes: everything, each bid with its vendor's legal
 * name and the winning bid marked. `viewerVendorId` marks the reader's own bids.
 */
export async function findBids(db: Executor, bounty: Bounty, viewerVendorId: string | null): Promise<AuctionBidsView> {
  const ranked = await rankedBids(db, bounty.cityId, bounty.id);
  const revealed = isRevealed(bounty);
  const auctionType = bounty.auctionType ?? "multi";
  const names = revealed ? await vendorLegalNames(db, bounty.cityId, [...new Set(ranked.map((bid) => bid.vendorId))]) : new Map<string, string>();
  const visible = revealed || auctionType === "multi" ? ranked : ranked.filter((bid) => bid.vendorId === viewerVendorId);
  const lowest = ranked.find((bid) => bid.place === 1) ?? null;
  const biddingOpen = bounty.status === "published" && auctionType === "multi";
  const nextBidAtMost = (lowest?.amountMinor ?? bounty.amountMinor) - bidStepMinor;
  return {
    auctionType,
    status: bounty.status,
    revealed,
    bidCount: ranked.length,
    lowestAmountMinor: revealed || auctionType === "multi" ? (lowest?.amountMinor ?? null) : null,
    nextBidAtMostMinor: biddingOpen && nextBidAtMost >= 1 ? nextBidAtMost : null,
    bids: visible.map((bid) => presentBid(bid, { viewerVendorId, revealed, vendorName: names.get(bid.vendorId) ?? null })),
  };
}

export function presentBid(bid: RankedBid, options: { viewerVendorId: string | null; revealed: boolean; vendorName: string | null }): AuctionBidView {
  return {
    id: bid.id,
    amountMinor: bid.amountMinor,
    currency: bid.currency,
    placedAt: bid.createdAt.toISOString(),
    bidderNumber: bid.bidderNumber,
    vendorName: options.revealed ? options.vendorName : null,
    mine: options.viewerVendorId !== null && bid.vendorId === options.viewerVendorId,
    winning: options.revealed && bid.place === 1,
  };
}
