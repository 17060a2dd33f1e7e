import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { type ledgerAccountKinds, ledgerAccounts, ledgerLines } from "./schema.ts";

export type LedgerAccountKind = (typeof ledgerAccountKinds)[number];
const allKinds: readonly LedgerAccountKind[] = ["funding_source", "fund", "reserved", "payable", "paid"];

/** The city's accounts in one currency, opened on first use. */
export async function ensureAccounts(db: Executor, cityId: string, currency: string): Promise<Map<LedgerAccountKind, string>> {
  const load = async () =>
    db
      .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind })
      .from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.cityId, cityId), eq(ledgerAccounts.currency, currency)));
  let rows = await load();
  if (rows.length < allKinds.length) {
    await db
      .insert(ledgerAccounts)
      .values(allKinds.map((kind) => ({ cityId, kind, currency })))
      .onConflictDoNothing({ target: [ledgerAccounts.cityId, ledgerAccounts.kind, ledgerAccounts.currency] });
    rows = await load();
  }
  return new Map(rows.map((row) => [row.kind, row.id]));
}

/**
 * Locks the city's fund account until the transaction ends, so that whoever checks the available
 * money and then commits some of it does so alone (see reserve-from-fund.ts).
 */
export async function lockFundAccount(db: Executor, cityId: string, currency: string): Promise<Map<LedgerAccountKind, string>> {
  const accounts = await ensureAccounts(db, cityId, currency);
  await db
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.cityId, cityId), eq(ledgerAccounts.kind, "fund"), eq(ledgerAccounts.currency, currency)))
    .for("update");
  return accounts;
}

export type Balances = Record<LedgerAccountKind, number>;

/** Balances derived from the lines, never stored: nothing can drift away from what was posted. */
export async function accountBalances(db: Executor, cityId: string, currency: string): Promise<Balances> {
  const rows = await db
    .select({ kind: ledgerAccounts.kind, balance: sql<string>`coalesce(sum(${ledgerLines.amountMinor}), 0)::text` })
    .from(ledgerAccounts)
    .leftJoin(ledgerLines, eq(ledgerLines.accountId, ledgerAccounts.id))
    .where(and(eq(ledgerAccounts.cityId, cityId), eq(ledgerAccounts.currency, currency)))
    .groupBy(ledgerAccounts.kind);
  const balances: Balances = { funding_source: 0, fund: 0, reserved: 0, payable: 0, paid: 0 };
  for (const row of rows) balances[row.kind] = Number(row.balance);
  return balances;
}
