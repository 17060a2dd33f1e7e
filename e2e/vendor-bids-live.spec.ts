import { type APIRequestContext, expect, test } from "@playwright/test";
import { bountyIdByTitle } from "./bounty-samples.ts";
import { demoBountyTitles, demoCity } from "./pages.ts";
import { originOf, signInContext, text } from "./support.ts";

/**
 * Two vendors watch the same open multi-bid auction. The second one bids; the first one's page,
 * never reloaded, shows the new lowest bid and announces it, and offers the bid form again now that
 * they no longer hold the lowest bid.
 */

interface Bids {
  lowestAmountMinor: number | null;
  nextBidAtMostMinor: number | null;
  bids: { amountMinor: number; mine: boolean }[];
}

async function bidsAs(api: APIRequestContext, bountyId: string): Promise<Bids> {
  const response = await api.get(`/api/v1/cities/${demoCity}/bounties/${bountyId}/bids`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Bids;
}

function holdsLowest(bids: Bids): boolean {
  return bids.bids.find((bid) => bid.amountMinor === bids.lowestAmountMinor)?.mine ?? false;
}

const dollars = (amountMinor: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(amountMinor / 100);

test("a bid in one browser shows up in another without a reload", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const first = await browser.newContext({ baseURL });
  const second = await browser.newContext({ baseURL });
  try {
    await signInContext(first, baseURL, "vendor");
    await signInContext(second, baseURL, "vendor2");
    const bountyId = await bountyIdByTitle(first.request, demoBountyTitles.multi);
    const url = `/${demoCity}/bounties/${bountyId}`;

    // The first vendor holds the lowest bid, as the demo city starts out; the test makes it so if not.
    let current = await bidsAs(first.request, bountyId);
    if (!holdsLowest(current)) {
      const atMost = current.nextBidAtMostMinor;
      if (atMost === null) throw new Error("the demo auction cannot go lower");
      const placed = await first.request.post(`/api/v1/cities/${demoCity}/bounties/${bountyId}/bids`, {
        headers: originOf(baseURL),
        data: { amount: (atMost / 100).toFixed(2) },
      });
      expect(placed.status(), await placed.text()).toBe(201);
      current = await bidsAs(first.request, bountyId);
    }

    const watching = await first.newPage();
    await watching.goto(url);
    await expect(watching.getByRole("heading", { level: 1, name: demoBountyTitles.multi })).toBeVisible();
    await expect(watching.getByText(text("en", "bounties.bid.youHoldLowest"))).toBeVisible();
    // Marks this very document: a reload would lose it.
    await watching.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    const bidding = await second.newPage();
    await bidding.goto(url);
    const atMost = (await bidsAs(second.request, bountyId)).nextBidAtMostMinor;
    if (atMost === null) throw new Error("the demo auction cannot go lower");
    const amountField = bidding.getByLabel(text("en", "bounties.bid.amount"));
    await expect(amountField).toBeVisible();
    // The server reads the amount strictly and says which part it could not read, under the field.
    await amountField.fill("4.999");
    await bidding.getByRole("button", { name: text("en", "bounties.bid.submit"), exact: true }).click();
    await expect(bidding.locator("#bid-amount-error")).toContainText("4.999");
    await expect(amountField).toHaveAttribute("aria-invalid", "true");
    expect((await bidsAs(second.request, bountyId)).bids).toHaveLength(current.bids.length);
    await amountField.fill((atMost / 100).toFixed(2));
    await bidding.getByRole("button", { name: text("en", "bounties.bid.submit"), exact: true }).click();
    await expect(bidding.getByText(text("en", "bounties.bid.placed", { amount: dollars(atMost) }))).toBeVisible();

    // The first vendor's page catches up by itself and says so politely.
    const announcement = watching.getByRole("status").filter({ hasText: text("en", "bounties.bids.newLowest", { amount: dollars(atMost) }) });
    await expect(announcement).toBeVisible({ timeout: 15_000 });
    await expect(announcement).toHaveAttribute("aria-live", "polite");
    await expect(watching.getByLabel(text("en", "bounties.bid.amount"))).toBeVisible();
    expect(await watching.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  } finally {
    await first.close();
    await second.close();
  }
});
