import type { Executor } from "../../db/connection.ts";
import { ConflictError } from "../../platform/errors/index.ts";
import { accountBalances, lockFundAccount } from "./accounts.ts";
import { postEntries } from "./post-entries.ts";

export interface ReservationInput {
  cityId: string;
  currency: string;
  amountMinor: number;
  /** The business event, e.g. `bounty:<id>:reserve`. */
  idempotencyKey: string;
  description: string;
  createdBy?: string | null;
}

/**
 * Moves money from the fund to `reserved`, in the caller's transaction, refusing when the fund
 * does not hold enough.
 *
 * Why a row lock on the fund account: the available money is a sum over ledger lines, not a
 * column, so no single conditional UPDATE can check and commit it at once, and two transactions
 * that each read the sum before the other commits would both see enough money. Locking the fund
 * account row (SELECT … FOR UPDATE) makes reservations in one city take turns: the second reads the
 * sum only after the first has committed or rolled back. Reservations are rare (a publish, not a
 * sign-up), so the queue costs nothing noticeable, and the lock covers every future way of
 * spending from the fund as long as it goes through here.
 */
export async function reserveFromFund(tx: Executor, input: ReservationInput): Promise<{ postingId: string; posted: boolean }> {
  await lockFundAccount(tx, input.cityId, input.currency);
  const balances = await accountBalances(tx, input.cityId, input.currency);
  if (balances.fund < input.amountMinor) {
    throw new ConflictError("errors.ledger.insufficientFund", {
      available: formatMinor(balances.fund, input.currency),
      needed: formatMinor(input.amountMinor, input.currency),
    });
  }
  return postEntries(tx, {
    cityId: input.cityId,
    currency: input.currency,
    idempotencyKey: input.idempotencyKey,
    description: input.description,
    createdBy: input.createdBy ?? null,
    lines: [
      { account: "fund", amountMinor: -input.amountMinor },
      { account: "reserved", amountMinor: input.amountMinor },
    ],
  });
}

/** Gives reserved money back to the fund (a bounty cancelled, an auction won below its start price). */
export async function releaseReservation(tx: Executor, input: ReservationInput): Promise<{ postingId: string; posted: boolean }> {
  await lockFundAccount(tx, input.cityId, input.currency);
  return postEntries(tx, {
    cityId: input.cityId,
    currency: input.currency,
    idempotencyKey: input.idempotencyKey,
    description: input.description,
    createdBy: input.createdBy ?? null,
    lines: [
      { account: "reserved", amountMinor: -input.amountMinor },
      { account: "fund", amountMinor: input.amountMinor },
    ],
  });
}

/** An amount in minor units written for a message, e.g. 1,000.00 USD. */
export function formatMinor(amountMinor: number, currency: string): string {
  return `${new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amountMinor / 100)} ${currency}`;
}
