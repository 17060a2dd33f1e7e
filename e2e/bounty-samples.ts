import { type APIRequestContext, expect, request } from "@playwright/test";
import { demoBountyTitles, demoCity } from "./pages.ts";

/** The demo city's bounties the page samples and the bidding journey visit, found by title in the public list. */

const bountiesApi = `/api/v1/cities/${demoCity}/bounties`;

export type BountySample = "openAuctionId" | "sealedAuctionId" | "paidAuctionId" | "fixedBountyId";

const titleOf: Record<BountySample, string> = {
  openAuctionId: demoBountyTitles.multi,
  sealedAuctionId: demoBountyTitles.sealed,
  paidAuctionId: demoBountyTitles.paid,
  fixedBountyId: demoBountyTitles.fixed,
};

export async function bountyIdByTitle(api: APIRequestContext, title: string): Promise<string> {
  const response = await api.get(bountiesApi);
  expect(response.status(), await response.text()).toBe(200);
  const { bounties } = (await response.json()) as { bounties: { id: string; title: string }[] };
  const found = bounties.find((bounty) => bounty.title === title);
  if (!found) throw new Error(`The demo city has no bounty "${title}"`);
  return found.id;
}

export async function bountySampleValue(name: BountySample, baseURL: string): Promise<string> {
  const api = await request.newContext({ baseURL });
  try {
    return await bountyIdByTitle(api, titleOf[name]);
  } finally {
    await api.dispose();
  }
}
