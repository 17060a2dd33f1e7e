import type { Database } from "../../db/connection.ts";
import { postEntries } from "./post-entries.ts";

/** The demo city's bounty fund: 25,000 in its currency, added once however often the seed runs. */
export async function seedLedgerDemo(db: Database, city: { id: string; currency: string }, userIdByEmail: ReadonlyMap<string, string>): Promise<void> {
  await db.transaction(async (tx) => {
    await postEntries(tx, {
      cityId: city.id,
      currency: city.currency,
      idempotencyKey: "fund:add:demo-opening-balance",
      description: "Bounty fund for the fiscal year",
      createdBy: userIdByEmail.get("admin@springfield.example") ?? null,
      lines: [
        { account: "fund", amountMinor: 2_500_000 },
        { account: "funding_source", amountMinor: -2_500_000 },
      ],
    });
  });
}
