import { z } from "zod";
import { isoDateTime } from "./platform.ts";

/** Bounties and micro-purchase auctions. */

export const bountyStatus = z.enum(["draft", "published", "closed", "awarded", "cancelled"]);

export const bountyPath = z.object({ city: z.string(), bountyId: z.uuid() });

export const cancelBountyRequest = z.object({ reason: z.string().trim().min(1).max(2000) });

export const bounty = z
  .object({
    id: z.uuid(),
    problemId: z.uuid().nullable(),
    kind: z.enum(["fixed", "auction"]),
    auctionType: z.enum(["multi", "sealed"]).nullable(),
    title: z.string(),
    description: z.string(),
    acceptanceCriteria: z.array(z.string()),
    repositoryIssueUrl: z.string().nullable(),
    requiredLicence: z.string(),
    deadlineAt: isoDateTime.nullable(),
    deliveryBusinessDays: z.number().int().nullable(),
    amountMinor: z.number().int(),
    currency: z.string(),
    marketEstimateMinor: z.number().int().nullable(),
    smallBusinessOnly: z.boolean(),
    startsAt: isoDateTime.nullable(),
    endsAt: isoDateTime.nullable(),
    status: bountyStatus,
    publishedAt: isoDateTime.nullable(),
    cancelledAt: isoDateTime.nullable(),
    cancelReason: z.string().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: "Bounty" });
export type BountyView = z.infer<typeof bounty>;

/** A fixed-price bounty drafted from a problem; publishing it later reserves its amount from the fund. */
export const createBountyRequest = z.object({
  problemId: z.uuid(),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(20_000).default(""),
  /** The checklist a delivery is accepted against. */
  acceptanceCriteria: z.array(z.string().trim().min(1).max(500)).min(1).max(50),
  repositoryIssueUrl: z
    .string()
    .trim()
    .max(2000)
    .pipe(z.url({ protocol: /^https$/, error: "errors.field.url" }))
    .nullable()
    .optional(),
  /** An SPDX identifier from the city's list of accepted licences. */
  requiredLicence: z.string().trim().min(1).max(100),
  deadlineAt: isoDateTime,
  deliveryBusinessDays: z.number().int().min(1).max(365).nullable().optional(),
  /** The price in minor units of the city's currency. */
  amountMinor: z.number().int().min(1).max(1_000_000_000_000),
  marketEstimateMinor: z.number().int().min(0).max(1_000_000_000_000).nullable().optional(),
  smallBusinessOnly: z.boolean().default(false),
});
export type CreateBountyRequest = z.input<typeof createBountyRequest>;

/**
 * A micro-purchase reverse auction drafted from a problem. `amountMinor` is the start price, the most
 * the city will pay; publishing reserves it. Bidding is open from `startsAt` until `endsAt`.
 */
export const createAuctionRequest = createBountyRequest.omit({ deadlineAt: true }).extend({
  /** Multi-bid: each bid at least 1 USD below the lowest, amounts public. Sealed: one hidden bid per vendor. */
  auctionType: z.enum(["multi", "sealed"]),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
});
export type CreateAuctionRequest = z.input<typeof createAuctionRequest>;

/** A bid as written by the vendor: "1,000" and 1000 are both one thousand; see parse-amount.ts. */
export const placeBidRequest = z.object({
  amount: z.union([z.string().max(60), z.number()]).meta({ description: 'e.g. "4,999.00", "$4,999", 4999' }),
});

/**
 * One bid as a reader may see it: while a multi-bid auction is open, bidders are numbered in the
 * order they first bid ("Bidder 3") and named only after the auction closes.
 */
export const auctionBid = z
  .object({
    id: z.uuid(),
    amountMinor: z.number().int(),
    currency: z.string(),
    placedAt: isoDateTime,
    bidderNumber: z.number().int(),
    /** The vendor's legal name, once the auction has closed. */
    vendorName: z.string().nullable(),
    /** The bid is the reader's own. */
    mine: z.boolean(),
    /** The winning bid, once the auction has closed. */
    winning: z.boolean(),
  })
  .meta({ id: "AuctionBid" });
export type AuctionBidView = z.infer<typeof auctionBid>;

export const auctionBids = z
  .object({
    auctionType: z.enum(["multi", "sealed"]),
    status: bountyStatus,
    /** Every bid and bidder is shown: the auction has closed. */
    revealed: z.boolean(),
    bidCount: z.number().int(),
    /** Null while a sealed-bid auction is open. */
    lowestAmountMinor: z.number().int().nullable(),
    /** While a multi-bid auction is open: the most the next bid may be. */
    nextBidAtMostMinor: z.number().int().nullable(),
    /** While a sealed-bid auction is open, only the reader's own bid. */
    bids: z.array(auctionBid),
  })
  .meta({ id: "AuctionBids" });
export type AuctionBidsView = z.infer<typeof auctionBids>;

export const closeAuctionResponse = z.object({
  bounty,
  winningBid: z.object({ id: z.uuid(), vendorId: z.uuid(), amountMinor: z.number().int(), currency: z.string(), placedAt: isoDateTime }).nullable(),
});

/** Delivery of an awarded bounty, its acceptance and payment. */

export const submissionStatus = z.enum(["pending_delivery", "in_progress", "pending_acceptance", "accepted", "paid", "rejected", "missed_delivery"]);

export const submissionPath = z.object({ city: z.string(), submissionId: z.uuid() });

export const submission = z
  .object({
    id: z.uuid(),
    bountyId: z.uuid(),
    vendorId: z.uuid(),
    bidId: z.uuid().nullable(),
    amountMinor: z.number().int(),
    currency: z.string(),
    status: submissionStatus,
    dueAt: isoDateTime,
    pullRequestUrl: z.string().nullable(),
    rejectionReasons: z.array(z.object({ criterion: z.string(), reason: z.string() })).nullable(),
    awardedAt: isoDateTime,
    acceptedAt: isoDateTime.nullable(),
    paidAt: isoDateTime.nullable(),
    updatedAt: isoDateTime,
  })
  .meta({ id: "Submission" });
export type SubmissionView = z.infer<typeof submission>;

export const assignBountyRequest = z.object({ vendorId: z.uuid() });

/** A pull request on GitHub: https://github.com/<owner>/<repo>/pull/<number>. */
export const pullRequestUrlPattern = /^https:\/\/github\.com\/[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}\/pull\/[1-9][0-9]{0,9}\/?$/;

export const submitDeliveryRequest = z.object({
  pullRequestUrl: z.string().trim().max(300).regex(pullRequestUrlPattern, { error: "errors.delivery.pullRequestUrl" }),
});

export const reviewSubmissionRequest = z.object({
  decision: z.enum(["accepted", "rejected"]),
  /** For a rejection: what falls short, one entry per acceptance criterion of the bounty. */
  reasons: z
    .array(z.object({ criterion: z.string().trim().min(1).max(500), reason: z.string().trim().min(1).max(2000) }))
    .max(50)
    .default([]),
});

/** For a fixed-price bounty the DSO names the next vendor; an auction goes to the next-lowest bidder. */
export const awardNextRequest = z.object({ vendorId: z.uuid().optional() });

export const paySubmissionRequest = z.object({
  /** The payment's reference in the city's accounts-payable system (a check or transfer number). */
  paymentReference: z.string().trim().min(1).max(200),
});

export const paymentItem = z.object({
  submissionId: z.uuid(),
  bountyId: z.uuid(),
  bountyTitle: z.string(),
  vendorId: z.uuid(),
  vendorLegalName: z.string(),
  vendorPaymentReference: z.string().nullable(),
  amountMinor: z.number().int(),
  currency: z.string(),
  status: z.enum(["payable", "paid"]),
  acceptedAt: isoDateTime.nullable(),
  paidAt: isoDateTime.nullable(),
});
export const paymentExport = z.object({ payments: z.array(paymentItem) });

export const spendReport = z
  .object({
    currency: z.string(),
    totalPaidMinor: z.number().int(),
    bounties: z.array(
      z.object({
        bountyId: z.uuid(),
        title: z.string(),
        vendorLegalName: z.string(),
        amountMinor: z.number().int(),
        currency: z.string(),
        paidAt: isoDateTime,
      }),
    ),
  })
  .meta({ id: "SpendReport" });

/** The list of bounties: everyone sees what was published; DSO staff may ask for drafts too. */
export const bountyListQuery = z.object({
  status: bountyStatus.optional(),
  kind: z.enum(["fixed", "auction"]).optional(),
  problemId: z.uuid().optional(),
  includeDrafts: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true"),
});

export const bountyListItem = bounty
  .extend({
    /** The lowest bid of an auction; null for a sealed-bid auction until it closes, and for fixed bounties. */
    lowestBidMinor: z.number().int().nullable(),
    /** How many bids an auction has; null for a sealed-bid auction until it closes, and for fixed bounties. */
    bidCount: z.number().int().nullable(),
  })
  .meta({ id: "BountyListItem" });
export type BountyListItemView = z.infer<typeof bountyListItem>;

export const bountyList = z.object({ bounties: z.array(bountyListItem) });
export type BountyListView = z.infer<typeof bountyList>;

/** The DSO's review queue: deliveries with what a reviewer needs to pick one up. */
export const submissionQueueQuery = z.object({
  status: submissionStatus.optional(),
  bountyId: z.uuid().optional(),
});

export const submissionQueueItem = submission
  .extend({
    bountyTitle: z.string(),
    bountyKind: z.enum(["fixed", "auction"]),
    vendorLegalName: z.string(),
  })
  .meta({ id: "SubmissionQueueItem" });
export type SubmissionQueueItemView = z.infer<typeof submissionQueueItem>;

export const submissionQueue = z.object({ submissions: z.array(submissionQueueItem) });
export type SubmissionQueueView = z.infer<typeof submissionQueue>;

/**
 * After a rejected or missed delivery: cancel the bounty, releasing what it holds, and draft it anew
 * with the same terms. The new draft needs new dates: a deadline for a fixed-price bounty, bidding
 * times for an auction.
 */
export const rerunBountyRequest = cancelBountyRequest.extend({
  deadlineAt: isoDateTime.optional(),
  startsAt: isoDateTime.optional(),
  endsAt: isoDateTime.optional(),
});
export type RerunBountyRequest = z.input<typeof rerunBountyRequest>;

export const rerunBountyResponse = z.object({ cancelled: bounty, draft: bounty });
export type RerunBountyView = z.infer<typeof rerunBountyResponse>;

/** A vendor's own awarded work: each delivery with what its bounty asks for. */
export const myWorkItem = submission
  .extend({
    bounty: z.object({
      id: z.uuid(),
      title: z.string(),
      kind: z.enum(["fixed", "auction"]),
      acceptanceCriteria: z.array(z.string()),
      repositoryIssueUrl: z.string().nullable(),
      requiredLicence: z.string(),
    }),
  })
  .meta({ id: "MyWorkItem" });
export type MyWorkItemView = z.infer<typeof myWorkItem>;

export const myWork = z.object({ submissions: z.array(myWorkItem) });
export type MyWorkView = z.infer<typeof myWork>;

/** Who a bounty went to, once it is awarded: the vendor's legal name is public, as on the spend page. */
export const bountyAward = z
  .object({
    vendorName: z.string().nullable(),
    awardedAt: isoDateTime.nullable(),
    /** Where the current delivery stands; null before award. */
    deliveryStatus: submissionStatus.nullable(),
  })
  .meta({ id: "BountyAward" });
export type BountyAwardView = z.infer<typeof bountyAward>;

/**
 * Public figures on the city's bounties and auctions. The optional period is of days on the city's
 * calendar, both included; each figure is dated by its own event: bounties by when they were
 * published, auctions by when bidding ended, deliveries by acceptance (missed ones by their due
 * date), payments by when they were paid.
 */
export const bountyInsightsQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ["to"], error: "errors.insights.toBeforeFrom" });
export type BountyInsightsQuery = z.infer<typeof bountyInsightsQuery>;

/** Bounties of one kind ever published (drafts never count), by where they stand now; `published` ones are still open. */
export const bountyStatusCounts = z.object({
  total: z.number().int(),
  published: z.number().int(),
  closed: z.number().int(),
  awarded: z.number().int(),
  cancelled: z.number().int(),
});

/** One auction that closed: its bids are public from then on, the bidders' names are not repeated here. */
export const closedAuctionInsight = z
  .object({
    bountyId: z.uuid(),
    title: z.string(),
    auctionType: z.enum(["multi", "sealed"]),
    status: z.enum(["closed", "awarded"]),
    endedAt: isoDateTime,
    currency: z.string(),
    startPriceMinor: z.number().int(),
    /** The lowest bid, earliest between equals; null when nobody bid. */
    winningPriceMinor: z.number().int().nullable(),
    /** Winning price ÷ start price (0.8 is 20% below the start price). */
    winningRatio: z.number().nullable(),
    bidCount: z.number().int(),
    bidderCount: z.number().int(),
  })
  .meta({ id: "ClosedAuctionInsight" });
export type ClosedAuctionInsightView = z.infer<typeof closedAuctionInsight>;

export const bountyInsights = z
  .object({
    period: z.object({ from: z.iso.date().nullable(), to: z.iso.date().nullable() }),
    currency: z.string(),
    bounties: z.object({ fixed: bountyStatusCounts, auction: bountyStatusCounts }),
    auctions: z.object({
      closed: z.number().int(),
      /** Closed auctions that had at least one bid. */
      won: z.number().int(),
      averageBids: z.number().nullable(),
      averageBidders: z.number().nullable(),
      /** The mean of the winning ratios of the auctions won. */
      averageWinningRatio: z.number().nullable(),
      /** The most recently ended first; at most 200. */
      recent: z.array(closedAuctionInsight),
    }),
    deliveries: z.object({
      accepted: z.number().int(),
      /** Accepted deliveries handed in on or before their due time. */
      onTime: z.number().int(),
      onTimeShare: z.number().nullable(),
      missed: z.number().int(),
      /** Mean days from award to hand-in of the accepted deliveries. */
      averageDaysToDeliver: z.number().nullable(),
    }),
    payments: z.object({
      /** The ledger's paid account: the same total as the public spend report. */
      totalPaidMinor: z.number().int(),
      paidCount: z.number().int(),
      /** Paid work whose bounty carries the staff's market estimate. */
      estimatedCount: z.number().int(),
      marketEstimateMinor: z.number().int(),
      paidAgainstEstimateMinor: z.number().int(),
      /** Σ (market estimate − price paid) over paid work with an estimate. */
      estimatedSavingsMinor: z.number().int(),
    }),
  })
  .meta({ id: "BountyInsights" });
export type BountyInsightsView = z.infer<typeof bountyInsights>;
