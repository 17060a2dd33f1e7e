// Ledger: the city's bounty fund as double-entry bookkeeping. Every money-moving change elsewhere
// posts balanced lines through this module, in the same transaction as the change itself.

export { accountBalances, type Balances, type LedgerAccountKind } from "./accounts.ts";
export { addToFund } from "./add-to-fund.ts";
export { listPostings, presentBalances } from "./find-ledger.ts";
export { type PostingInput, type PostingLine, postEntries, UnbalancedPostingError } from "./post-entries.ts";
export { formatMinor, releaseReservation, reserveFromFund } from "./reserve-from-fund.ts";
export { registerLedgerRoutes } from "./routes.ts";
export { ledgerAccounts, ledgerLines, ledgerPostings } from "./schema.ts";
export { seedLedgerDemo } from "./seed-demo.ts";
