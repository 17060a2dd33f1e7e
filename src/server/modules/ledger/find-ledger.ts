import { desc, eq, inArray } from "drizzle-orm";
import type { FundBalancesView } from "../../../contracts/ledger.ts";
import type { Executor } from "../../db/connection.ts";
import type { Balances } from "./accounts.ts";
import { ledgerAccounts, ledgerLines, ledgerPostings } from "./schema.ts";

export function presentBalances(balances: Balances, currency: string): FundBalancesView {
  return {
    currency,
    availableMinor: balances.fund,
    reservedMinor: balances.reserved,
    payableMinor: balances.payable,
    paidMinor: balances.paid,
    addedMinor: -balances.funding_source,
  };
}

/** The city's postings, newest first, each with its lines. */
export async function listPostings(db: Executor, cityId: string, limit = 100) {
  const postings = await db
    .select()
    .from(ledgerPostings)
    .where(eq(ledgerPostings.cityId, cityId))
    .orderBy(desc(ledgerPostings.createdAt), desc(ledgerPostings.id))
    .limit(limit);
  if (postings.length === 0) return [];
  const lines = await db
    .select({ postingId: ledgerLines.postingId, account: ledgerAccounts.kind, amountMinor: ledgerLines.amountMinor, currency: ledgerLines.currency })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
    .where(
      inArray(
        ledgerLines.postingId,
        postings.map((posting) => posting.id),
      ),
    )
    .orderBy(ledgerLines.id);
  return postings.map((posting) => ({
    id: posting.id,
    description: posting.description,
    createdAt: posting.createdAt.toISOString(),
    lines: lines.filter((line) => line.postingId === posting.id).map(({ postingId: _postingId, ...line }) => line),
  }));
}
