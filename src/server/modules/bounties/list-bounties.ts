import { and, desc, eq, ne, type SQL, sql } from "drizzle-orm";
import type { BountyListItemView } from "../../../contracts/bounties.ts";
import type { Executor } from "../../db/connection.ts";
import { isRevealed } from "./find-bids.ts";
import { presentBounty } from "./find-bounties.ts";
import { bids, bounties } from "./schema.ts";

export interface BountyListFilter {
  status?: "draft" | "published" | "closed" | "awarded" | "cancelled";
  kind?: "fixed" | "auction";
  problemId?: string;
  /** Drafts are the DSO's work in progress; only staff who manage bounties may list them. */
  includeDrafts: boolean;
}

/** The most a list answers with: a city runs tens of bounties a year, not thousands. */
const listLimit = 500;

/**
 * The city's bounties, open ones first (the soonest to end or fall due), then the rest newest first.
 * Each auction carries its bid count and lowest bid, except a sealed-bid auction that has not closed:
 * its bids stay hidden, even their number.
 */
export async function listBounties(db: Executor, cityId: string, filter: BountyListFilter): Promise<BountyListItemView[]> {
  const conditions: SQL[] = [eq(bounties.cityId, cityId)];
  if (filter.status) conditions.push(eq(bounties.status, filter.status));
  if (!filter.includeDrafts) conditions.push(ne(bounties.status, "draft"));
  if (filter.kind) conditions.push(eq(bounties.kind, filter.kind));
  if (filter.problemId) conditions.push(eq(bounties.problemId, filter.problemId));

  const bidSummary = db
    .select({
      bountyId: bids.bountyId,
      bidCount: sql<number>`count(*)::int`.as("bid_count"),
      lowestBidMinor: sql<number>`min(${bids.amountMinor})::bigint`.as("lowest_bid_minor"),
    })
    .from(bids)
    .where(eq(bids.cityId, cityId))
    .groupBy(bids.bountyId)
    .as("bid_summary");

  const rows = await db
    .select({ bounty: bounties, bidCount: bidSummary.bidCount, lowestBidMinor: bidSummary.lowestBidMinor })
    .from(bounties)
    .leftJoin(bidSummary, eq(bidSummary.bountyId, bounties.id))
    .where(and(...conditions))
    .orderBy(
      sql`case when ${bounties.status} = 'published' then 0 else 1 end`,
      sql`case when ${bounties.status} = 'published' then coalesce(${bounties.endsAt}, ${bounties.deadlineAt}) end asc nulls last`,
      desc(bounties.createdAt),
    )
    .limit(listLimit);

  return rows.map(({ bounty, bidCount, lowestBidMinor }) => {
    const hidden = bounty.kind !== "auction" || (bounty.auctionType === "sealed" && !isRevealed(bounty));
    return {
      ...presentBounty(bounty),
      bidCount: hidden ? null : Number(bidCount ?? 0),
      lowestBidMinor: hidden || lowestBidMinor === null ? null : Number(lowestBidMinor),
    };
  });
}
