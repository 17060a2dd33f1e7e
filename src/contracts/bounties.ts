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
