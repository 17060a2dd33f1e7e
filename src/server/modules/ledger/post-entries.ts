import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { ensureAccounts, type LedgerAccountKind } from "./accounts.ts";
import { ledgerLines, ledgerPostings } from "./schema.ts";

export interface PostingLine {
  account: LedgerAccountKind;
  /** Positive into the account, negative out of it, in minor units. */
  amountMinor: number;
}

export interface PostingInput {
  cityId: string;
  currency: string;
  /** Names the business event, e.g. `bounty:<id>:reserve`; the same key posts once. */
  idempotencyKey: string;
  description: string;
  createdBy?: string | null;
  lines: PostingLine[];
}

/** A posting that does not balance is a mistake in the code that asked for it, never the user's. */
export class UnbalancedPostingError extends Error {}

/**
 * Writes one balanced posting, inside the caller's transaction so that money moves together with
 * the state change it belongs to. Refuses an unbalanced posting here; the database refuses it again
 * at commit (a deferred constraint trigger). When the idempotency key has been posted already, by
 * this request or a racing one, nothing is written and the earlier posting is returned.
 */
export async function postEntries(tx: Executor, input: PostingInput): Promise<{ postingId: string; posted: boolean }> {
  if (input.lines.length < 2) throw new UnbalancedPostingError("a posting needs at least two lines");
  if (input.lines.some((line) => !Number.isSafeInteger(line.amountMinor) || line.amountMinor === 0)) {
    throw new UnbalancedPostingError("every line needs a non-zero whole amount in minor units");
  }
  const sum = input.lines.reduce((total, line) => total + line.amountMinor, 0);
  if (sum !== 0) throw new UnbalancedPostingError(`posting ${input.idempotencyKey} is off by ${sum}`);

  const [posting] = await tx
    .insert(ledgerPostings)
    .values({ cityId: input.cityId, idempotencyKey: input.idempotencyKey, description: input.description, createdBy: input.createdBy ?? null })
    .onConflictDoNothing({ target: [ledgerPostings.cityId, ledgerPostings.idempotencyKey] })
    .returning({ id: ledgerPostings.id });
  if (!posting) {
    const [earlier] = await tx
      .select({ id: ledgerPostings.id })
      .from(ledgerPostings)
      .where(and(eq(ledgerPostings.cityId, input.cityId), eq(ledgerPostings.idempotencyKey, input.idempotencyKey)))
      .limit(1);
    if (!earlier) throw new Error(`posting ${input.idempotencyKey} neither written nor found`);
    return { postingId: earlier.id, posted: false };
  }
  const accounts = await ensureAccounts(tx, input.cityId, input.currency);
  await tx.insert(ledgerLines).values(
    input.lines.map((line) => {
      const accountId = accounts.get(line.account);
      if (!accountId) throw new Error(`no ${line.account} account`);
      return { cityId: input.cityId, postingId: posting.id, accountId, amountMinor: line.amountMinor, currency: input.currency };
    }),
  );
  return { postingId: posting.id, posted: true };
}
