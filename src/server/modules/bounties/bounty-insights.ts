import { type SQL, sql } from "drizzle-orm";
import type { BountyInsightsQuery, BountyInsightsView, ClosedAuctionInsightView } from "../../../contracts/bounties.ts";
import type { Database, Executor } from "../../db/connection.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { NonexistentLocalTimeError, parseCityDateTime } from "../../platform/time.ts";
import { accountBalances } from "../ledger/index.ts";

/** The per-auction table is for reading, not for export: a city runs tens of auctions a year. */
const recentAuctionLimit = 200;

interface Bounds {
  from: Date | null;
  /** The first instant after the period. */
  until: Date | null;
}

/** The instant a day begins on the city's calendar; where the clocks skip midnight, the first hour that exists. */
function startOfCityDay(date: string, timeZone: string): Date {
  try {
    return parseCityDateTime(`${date}T00:00`, timeZone);
  } catch (error) {
    if (!(error instanceof NonexistentLocalTimeError)) throw error;
    return parseCityDateTime(`${date}T01:00`, timeZone);
  }
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function boundsOf(query: BountyInsightsQuery, timeZone: string): Bounds {
  return {
    from: query.from ? startOfCityDay(query.from, timeZone) : null,
    until: query.to ? startOfCityDay(dayAfter(query.to), timeZone) : null,
  };
}

/** `and <column> in the period`, or nothing when the period is open at that end. */
function within(column: SQL, bounds: Bounds): SQL {
  return sql`${bounds.from ? sql`and ${column} >= ${bounds.from}` : sql``} ${bounds.until ? sql`and ${column} < ${bounds.until}` : sql``}`;
}

const emptyCounts = () => ({ total: 0, published: 0, closed: 0, awarded: 0, cancelled: 0 });

/** Four decimals: enough for a percentage with two, and the same figure on every run. */
function rounded(value: number | string | null): number | null {
  if (value === null) return null;
  return Math.round(Number(value) * 10_000) / 10_000;
}

/**
 * The public figures on a city's bounties and auctions: how many ran and how they ended, bids and
 * bidders per closed auction with the winning price against the start price, the share of accepted
 * deliveries handed in on time, what was paid, and the savings against the staff's market estimates.
 *
 * Aggregates only, and only what is public already: auctions appear once closed or awarded, when
 * their bids are revealed (find-bids.ts), and without the bidders' names. The total paid is the
 * ledger's paid account, as on the spend report. Every statement reads one snapshot, so the figures
 * agree with each other even while payments are being recorded.
 */
export async function bountyInsightsOf(db: Database, city: City, query: BountyInsightsQuery): Promise<BountyInsightsView> {
  const bounds = boundsOf(query, city.timeZone);
  return db.transaction(async (tx) => readInsights(tx, city, query, bounds), { isolationLevel: "repeatable read", accessMode: "read only" });
}

async function readInsights(db: Executor, city: City, query: BountyInsightsQuery, bounds: Bounds): Promise<BountyInsightsView> {
  // Bounties by kind and where they stand now, counting only those the public has seen.
  const counts = await db.execute<{ kind: "fixed" | "auction"; status: string; count: number }>(sql`
    select b.kind, b.status, count(*)::int as count
    from bounties b
    where b.city_id = ${city.id} and b.published_at is not null ${within(sql`b.published_at`, bounds)}
    group by b.kind, b.status`);
  const bounties = { fixed: emptyCounts(), auction: emptyCounts() };
  for (const row of counts.rows) {
    const tally = bounties[row.kind];
    tally.total += row.count;
    if (row.status === "published" || row.status === "closed" || row.status === "awarded" || row.status === "cancelled") tally[row.status] += row.count;
  }

  // Auctions whose bids are public: closed with no bids, or awarded to the lowest bid (earliest
  // between equals, as close-auction.ts decides).
  const closedAuctions = sql`
    select b.id, b.title, b.auction_type, b.status, b.ends_at, b.currency, b.amount_minor as start_price_minor,
           tally.bid_count, tally.bidder_count, winner.amount_minor as winning_price_minor
    from bounties b
    cross join lateral (
      select count(*)::int as bid_count, count(distinct bd.vendor_id)::int as bidder_count
      from bids bd where bd.city_id = b.city_id and bd.bounty_id = b.id
    ) tally
    left join lateral (
      select bd.amount_minor from bids bd where bd.city_id = b.city_id and bd.bounty_id = b.id
      order by bd.amount_minor, bd.created_at, bd.id limit 1
    ) winner on true
    where b.city_id = ${city.id} and b.kind = 'auction' and b.status in ('closed', 'awarded') ${within(sql`b.ends_at`, bounds)}`;
  const auctionSummary = await db.execute<{
    closed: number;
    won: number;
    average_bids: number | null;
    average_bidders: number | null;
    average_winning_ratio: number | null;
  }>(sql`
    with closed_auctions as (${closedAuctions})
    select count(*)::int as closed,
           count(winning_price_minor)::int as won,
           avg(bid_count)::float8 as average_bids,
           avg(bidder_count)::float8 as average_bidders,
           avg(winning_price_minor::numeric / start_price_minor)::float8 as average_winning_ratio
    from closed_auctions`);
  const recent = await db.execute<{
    id: string;
    title: string;
    auction_type: "multi" | "sealed";
    status: "closed" | "awarded";
    ends_at: Date;
    currency: string;
    start_price_minor: string;
    bid_count: number;
    bidder_count: number;
    winning_price_minor: string | null;
  }>(sql`
    with closed_auctions as (${closedAuctions})
    select * from closed_auctions order by ends_at desc, id limit ${recentAuctionLimit}`);

  // Accepted deliveries and when each was handed in: the last time it went into pending acceptance
  // (by the vendor, or by its pull request being merged), read from the audit trail, which is
  // written in the same transaction as the change. A delivery with no such entry counts from its acceptance.
  const deliveries = await db.execute<{ accepted: number; on_time: number; average_days: number | null; missed: number }>(sql`
    with accepted as (
      select s.awarded_at, s.due_at,
             coalesce((
               select max(a.created_at) from audit_events a
               where a.city_id = s.city_id and a.created_at >= s.awarded_at and a.created_at <= s.accepted_at
                 and a.target_type = 'submission' and a.target_id = s.id::text
                 and a.after ->> 'status' = 'pending_acceptance'
                 and (a.before ->> 'status') is distinct from 'pending_acceptance'
             ), s.accepted_at) as handed_in_at
      from submissions s
      where s.city_id = ${city.id} and s.status in ('accepted', 'paid') and s.accepted_at is not null ${within(sql`s.accepted_at`, bounds)}
    )
    select (select count(*)::int from accepted) as accepted,
           (select count(*)::int from accepted where handed_in_at <= due_at) as on_time,
           (select avg(extract(epoch from handed_in_at - awarded_at) / 86400)::float8 from accepted) as average_days,
           (select count(*)::int from submissions s
             where s.city_id = ${city.id} and s.status = 'missed_delivery' ${within(sql`s.due_at`, bounds)}) as missed`);

  // Paid work in the city's currency, and what the staff estimated it would cost on the open market.
  const paid = await db.execute<{ paid_count: number; estimated_count: number; market_estimate_minor: string; paid_against_estimate_minor: string }>(sql`
    select count(*)::int as paid_count,
           count(b.market_estimate_minor)::int as estimated_count,
           coalesce(sum(b.market_estimate_minor), 0)::text as market_estimate_minor,
           coalesce(sum(s.amount_minor) filter (where b.market_estimate_minor is not null), 0)::text as paid_against_estimate_minor
    from submissions s
    join bounties b on b.id = s.bounty_id and b.city_id = s.city_id
    where s.city_id = ${city.id} and s.status = 'paid' and s.currency = ${city.currency} ${within(sql`s.paid_at`, bounds)}`);

  // The total paid: for all time exactly what the spend report shows; for a period, the same
  // account's lines posted in it.
  let totalPaidMinor: number;
  if (!bounds.from && !bounds.until) {
    totalPaidMinor = (await accountBalances(db, city.id, city.currency)).paid;
  } else {
    const ledger = await db.execute<{ total: string }>(sql`
      select coalesce(sum(l.amount_minor), 0)::text as total
      from ledger_lines l
      join ledger_accounts acc on acc.id = l.account_id
      join ledger_postings p on p.id = l.posting_id
      where acc.city_id = ${city.id} and acc.kind = 'paid' and acc.currency = ${city.currency} ${within(sql`p.created_at`, bounds)}`);
    totalPaidMinor = Number(ledger.rows[0]?.total ?? 0);
  }

  const summary = auctionSummary.rows[0];
  const delivered = deliveries.rows[0];
  const money = paid.rows[0];
  const marketEstimateMinor = Number(money?.market_estimate_minor ?? 0);
  const paidAgainstEstimateMinor = Number(money?.paid_against_estimate_minor ?? 0);
  const accepted = delivered?.accepted ?? 0;
  const onTime = delivered?.on_time ?? 0;
  return {
    period: { from: query.from ?? null, to: query.to ?? null },
    currency: city.currency,
    bounties,
    auctions: {
      closed: summary?.closed ?? 0,
      won: summary?.won ?? 0,
      averageBids: rounded(summary?.average_bids ?? null),
      averageBidders: rounded(summary?.average_bidders ?? null),
      averageWinningRatio: rounded(summary?.average_winning_ratio ?? null),
      recent: recent.rows.map(
        (row): ClosedAuctionInsightView => ({
          bountyId: row.id,
          title: row.title,
          auctionType: row.auction_type,
          status: row.status,
          endedAt: new Date(row.ends_at).toISOString(),
          currency: row.currency,
          startPriceMinor: Number(row.start_price_minor),
          winningPriceMinor: row.winning_price_minor === null ? null : Number(row.winning_price_minor),
          winningRatio: row.winning_price_minor === null ? null : rounded(Number(row.winning_price_minor) / Number(row.start_price_minor)),
          bidCount: row.bid_count,
          bidderCount: row.bidder_count,
        }),
      ),
    },
    deliveries: {
      accepted,
      onTime,
      onTimeShare: accepted > 0 ? rounded(onTime / accepted) : null,
      missed: delivered?.missed ?? 0,
      averageDaysToDeliver: delivered?.average_days === null || delivered?.average_days === undefined ? null : Math.round(delivered.average_days * 10) / 10,
    },
    payments: {
      totalPaidMinor,
      paidCount: money?.paid_count ?? 0,
      estimatedCount: money?.estimated_count ?? 0,
      marketEstimateMinor,
      paidAgainstEstimateMinor,
      estimatedSavingsMinor: marketEstimateMinor - paidAgainstEstimateMinor,
    },
  };
}
