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
