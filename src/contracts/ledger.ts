import { z } from "zod";
import { isoDateTime } from "./platform.ts";

/** The bounty fund and its double-entry ledger. */

export const fundBalances = z
  .object({
    currency: z.string(),
    /** Money in the fund that no bounty has reserved yet. */
    availableMinor: z.number().int(),
    reservedMinor: z.number().int(),
    payableMinor: z.number().int(),
    paidMinor: z.number().int(),
    /** Everything ever added to the fund. */
    addedMinor: z.number().int(),
  })
  .meta({ id: "FundBalances" });
export type FundBalancesView = z.infer<typeof fundBalances>;

export const addToFundRequest = z.object({
  amountMinor: z.number().int().min(1).max(1_000_000_000_000),
  note: z.string().trim().max(500).default(""),
  /** The same key sent twice (a retried request, a double click) adds the money once. */
  idempotencyKey: z.string().trim().min(8).max(100).optional(),
});

export const addToFundResponse = z.object({ postingId: z.uuid(), posted: z.boolean(), balances: fundBalances });

export const ledgerPosting = z.object({
  id: z.uuid(),
  description: z.string(),
  createdAt: isoDateTime,
  lines: z.array(z.object({ account: z.enum(["funding_source", "fund", "reserved", "payable", "paid"]), amountMinor: z.number().int(), currency: z.string() })),
});
export const ledgerPostingList = z.object({ postings: z.array(ledgerPosting) });
