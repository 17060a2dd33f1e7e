import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoCity } from "../../seed/demo-city.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { accountBalances } from "../ledger/index.ts";
import { bids, bounties, submissions } from "./schema.ts";
import { demoBountyTitles, seedBountyDemo } from "./seed-demo.ts";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe("the demo city's bounties", () => {
  it("are open, sealed and paid, with the money accounted for in the ledger, and seeded once", async () => {
    const { city } = await seedDemoCity(t.database.db, t.services.auth, { password: "demo-password-long-enough" });
    await seedBountyDemo(t.database.db, city);

    const seeded = await t.database.db.select().from(bounties).where(eq(bounties.cityId, city.id));
    const byTitle = new Map(seeded.map((bounty) => [bounty.title, bounty]));
    expect(seeded).toHaveLength(4);
    expect(byTitle.get(demoBountyTitles.fixed)).toMatchObject({ kind: "fixed", status: "published" });
    expect(byTitle.get(demoBountyTitles.multi)).toMatchObject({ kind: "auction", auctionType: "multi", status: "published" });
    expect(byTitle.get(demoBountyTitles.sealed)).toMatchObject({ kind: "auction", auctionType: "sealed", status: "published" });
    const paid = byTitle.get(demoBountyTitles.paid);
    expect(paid).toMatchObject({ kind: "auction", status: "awarded", marketEstimateMinor: 950_000 });
    expect(paid?.endsAt?.getTime()).toBeLessThan(Date.now());

    const [delivery] = await t.database.db
      .select()
      .from(submissions)
      .where(eq(submissions.bountyId, paid?.id ?? ""));
    expect(delivery).toMatchObject({ status: "paid", amountMinor: 320_000 });

    // Reserved: the fixed price and the two open auctions' start prices; paid: the winning bid.
    const balances = await accountBalances(t.database.db, city.id, "USD");
    expect(balances).toMatchObject({ reserved: 300_000 + 500_000 + 250_000, payable: 0, paid: 320_000 });
    expect(balances.fund).toBe(2_500_000 - 300_000 - 500_000 - 250_000 - 320_000);

    // The open multi-bid auction shows its lowest bid, from the first demo vendor.
    const list = await t.request({ method: "GET", url: "/api/v1/cities/springfield/bounties" });
    expect(list.statusCode).toBe(200);
    const multi = list.json().bounties.find((item: { title: string }) => item.title === demoBountyTitles.multi);
    expect(multi).toMatchObject({ lowestBidMinor: 450_000, bidCount: 2 });

    const bidCount = (await t.database.db.select().from(bids)).length;
    await seedBountyDemo(t.database.db, city);
    expect(await t.database.db.select().from(bounties).where(eq(bounties.cityId, city.id))).toHaveLength(4);
    expect(await t.database.db.select().from(bids)).toHaveLength(bidCount);
    expect(await accountBalances(t.database.db, city.id, "USD")).toEqual(balances);
  });
});
