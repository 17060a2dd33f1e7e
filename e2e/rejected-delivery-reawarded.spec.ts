import { expect, test } from "@playwright/test";
import { deliveryOf, draftFixedBounty, newVerifiedVendor, postOk, shortAuction, waitUntil } from "./bounty-admin-samples.ts";
import { demoCity } from "./pages.ts";
import { signInContext, text } from "./support.ts";

/**
 * When the winner's delivery falls short: the DSO rejects it with a reason against the acceptance
 * criterion it misses, then awards the work to the next-lowest bidder, who is now the one due to
 * deliver, with the money reserved brought to their bid.
 */

const cityApi = `/api/v1/cities/${demoCity}`;

test("a rejected delivery is re-awarded to the next bidder, who is then due", async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  if (!baseURL) throw new Error("baseURL is not configured");
  const run = Date.now().toString(36);
  await signInContext(page.context(), baseURL, "dso");
  const dso = page.context().request;

  const coraContext = await browser.newContext({ baseURL });
  const devContext = await browser.newContext({ baseURL });
  try {
    const cora = await newVerifiedVendor(coraContext, dso, baseURL, `Cora Field Labs ${run}`);
    const dev = await newVerifiedVendor(devContext, dso, baseURL, `Dev Hollis Code ${run}`);
    const criteria = ["Every page passes axe", "Works at 360 px wide"];
    const title = `Journey: league schedule page ${run}`;
    const auction = await shortAuction(dso, baseURL, { title, startPriceMinor: 200_000, criteria, openForMs: 20_000 });
    await postOk(dso, baseURL, `/bounties/${auction.id}/publish`, {});

    // Dev bids lowest and wins; Cora is next.
    await waitUntil(auction.startsAt);
    await postOk(coraContext.request, baseURL, `/bounties/${auction.id}/bids`, { amount: "1,800" }, 201);
    await postOk(devContext.request, baseURL, `/bounties/${auction.id}/bids`, { amount: "1,700" }, 201);
    await waitUntil(new Date(auction.endsAt.getTime() + 1_000));
    // Closed by the DSO, or already by the every-minute job.
    const closed = await dso.post(`${cityApi}/bounties/${auction.id}/close`, { headers: { origin: new URL(baseURL).origin } });
    expect([200, 409]).toContain(closed.status());
    let first = { id: "", status: "", dueAt: "" };
    await expect(async () => {
      first = await deliveryOf(devContext.request, auction.id);
    }).toPass({ timeout: 90_000 });
    await postOk(devContext.request, baseURL, `/submissions/${first.id}/submit`, { pullRequestUrl: "https://github.com/springfield-dso/park-permits/pull/90" });

    // The DSO rejects the delivery, ticking the criterion it misses and saying why.
    await page.goto(`/${demoCity}/admin/bounties/${auction.id}`);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const deliveries = page.getByRole("region", { name: text("en", "bountyAdmin.delivery.heading") });
    const review = deliveries.getByRole("group", { name: text("en", "bountyAdmin.review.rejectLegend") });
    // USWDS draws the checkbox on its label; a mouse user clicks the label.
    await review.locator("label", { hasText: "Works at 360 px wide" }).click();
    await expect(review.getByRole("checkbox", { name: "Works at 360 px wide" })).toBeChecked();
    await review.getByLabel(text("en", "bountyAdmin.review.reasonFor", { number: "2" })).fill("The schedule table scrolls sideways on a phone.");
    await deliveries.getByRole("button", { name: text("en", "bountyAdmin.review.reject") }).click();
    const rejected = deliveries.getByRole("article", { name: `Dev Hollis Code ${run}` });
    await expect(rejected.getByText(text("en", "bountyAdmin.submissionStatus.rejected"), { exact: true })).toBeVisible();
    await expect(rejected.getByRole("listitem")).toHaveText(["Works at 360 px wide: The schedule table scrolls sideways on a phone."]);

    // Then gives the work to the next bidder.
    const next = page.getByRole("region", { name: text("en", "bountyAdmin.next.heading") });
    await next.getByRole("button", { name: text("en", "bountyAdmin.next.awardNextBidder") }).click();
    const now = deliveries.getByRole("article", { name: `Cora Field Labs ${run}` });
    await expect(now.getByText(text("en", "bountyAdmin.submissionStatus.pending_delivery"), { exact: true })).toBeVisible();
    await expect(now.getByText("$1,800")).toBeVisible();
    await expect(page.getByRole("region", { name: text("en", "bountyAdmin.next.heading") })).toHaveCount(0);

    // Cora is now due to deliver, some business days from now; the reservation follows her bid.
    const due = await deliveryOf(coraContext.request, auction.id);
    expect(due.status).toBe("pending_delivery");
    expect(new Date(due.dueAt).getTime()).toBeGreaterThan(Date.now() + 3 * 86_400_000);
    expect(cora.id).not.toBe(dev.id);
    const postings = (await (await page.request.get(`${cityApi}/ledger/postings`)).json()) as {
      postings: { description: string; lines: { account: string; amountMinor: number }[] }[];
    };
    const topUp = postings.postings.find((posting) => posting.description === `Reserved for “${title}” brought to the next award`);
    expect(topUp?.lines.find((line) => line.account === "reserved")?.amountMinor).toBe(10_000);
  } finally {
    await coraContext.close();
    await devContext.close();
  }
});

/** A calendar day `days` from today in the city's time zone, as a date input takes it. */
function cityDate(timeZone: string, days: number): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [year, month, day] = parts.split("-").map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

test("a bounty whose delivery was rejected is run again as a new draft with new dates", async ({ page, browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const run = Date.now().toString(36);
  const city = (await (await page.request.get(cityApi)).json()) as { timeZone: string };
  await signInContext(page.context(), baseURL, "dso");
  const dso = page.context().request;
  const vendorContext = await browser.newContext({ baseURL });
  try {
    const vendor = await newVerifiedVendor(vendorContext, dso, baseURL, `Eli Stone Apps ${run}`);
    const title = `Journey: pool pass renewals ${run}`;
    const bountyId = await draftFixedBounty(dso, baseURL, title, 5_000);
    await postOk(dso, baseURL, `/bounties/${bountyId}/publish`, {});
    const assigned = await postOk<{ id: string }>(dso, baseURL, `/bounties/${bountyId}/assign`, { vendorId: vendor.id }, 201);
    await postOk(vendorContext.request, baseURL, `/submissions/${assigned.id}/submit`, {
      pullRequestUrl: "https://github.com/springfield-dso/park-permits/pull/91",
    });
    const [criterion] = ((await (await dso.get(`${cityApi}/bounties/${bountyId}`)).json()) as { acceptanceCriteria: string[] }).acceptanceCriteria;
    await postOk(dso, baseURL, `/submissions/${assigned.id}/review`, { decision: "rejected", reasons: [{ criterion, reason: "Not done." }] });

    await page.goto(`/${demoCity}/admin/bounties/${bountyId}`);
    const rerun = page.getByRole("region", { name: text("en", "bountyAdmin.rerun.heading") });
    await rerun.getByLabel(text("en", "bountyAdmin.fields.reason")).fill("Rejected; offered again.");
    await rerun.getByLabel(text("en", "bountyAdmin.fields.deadlineDate")).fill(cityDate(city.timeZone, 20));
    await rerun.getByRole("button", { name: text("en", "bountyAdmin.rerun.submit") }).click();

    // The new draft, with the same terms; the old bounty is cancelled with the reason.
    await expect(page).not.toHaveURL(new RegExp(`${bountyId}$`));
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText(text("en", "bountyAdmin.status.draft"), { exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: text("en", "bountyAdmin.manage.publishHeading") })).toBeVisible();
    const old = (await (await dso.get(`${cityApi}/bounties/${bountyId}`)).json()) as { status: string; cancelReason: string };
    expect(old).toMatchObject({ status: "cancelled", cancelReason: "Rejected; offered again." });
  } finally {
    await vendorContext.close();
  }
});
