import { sql } from "drizzle-orm";
import { bigint, check, index, pgEnum, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn } from "../../db/columns.ts";
import { users } from "../../platform/auth/schema.ts";
import { cities } from "../../platform/tenancy/schema.ts";

/**
 * The accounts of a city's bounty money. `funding_source` is the counter-account of money added
 * to the fund (the city's budget), so that every posting balances:
 *   funding_source → fund (money added) → reserved (bounty published) → payable (accepted) → paid.
 */
export const ledgerAccountKinds = ["funding_source", "fund", "reserved", "payable", "paid"] as const;
export const ledgerAccountKindEnum = pgEnum("ledger_account_kind", ledgerAccountKinds);

/** One account per city, kind and currency. It holds no balance: balances are sums of lines. */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    kind: ledgerAccountKindEnum("kind").notNull(),
    currency: text("currency").notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [unique("ledger_accounts_city_kind_currency_unique").on(table.cityId, table.kind, table.currency)],
);

/**
 * One business event that moves money. Its idempotency key (e.g. `bounty:<id>:reserve`) is unique
 * per city, so the same event can never post twice, even when two requests race.
 */
export const ledgerPostings = pgTable(
  "ledger_postings",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    idempotencyKey: text("idempotency_key").notNull(),
    description: text("description").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
  },
  (table) => [
    unique("ledger_postings_city_key_unique").on(table.cityId, table.idempotencyKey),
    index("ledger_postings_city_created_idx").on(table.cityId, table.createdAt),
  ],
);

/**
 * The lines of a posting: signed amounts in minor units, positive into an account, negative out of it.
 * A deferred constraint trigger (migration 0007) proves at commit that every posting has at least two
 * lines and sums to zero in each currency.
 */
export const ledgerLines = pgTable(
  "ledger_lines",
  {
    id: idColumn(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "cascade" }),
    postingId: uuid("posting_id")
      .notNull()
      .references(() => ledgerPostings.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => ledgerAccounts.id, { onDelete: "cascade" }),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [
    index("ledger_lines_account_idx").on(table.accountId),
    index("ledger_lines_posting_idx").on(table.postingId),
    check("ledger_lines_amount_nonzero", sql`${table.amountMinor} <> 0`),
  ],
);
