import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { deliveryOf, newVerifiedVendor, postOk, shortAuction, waitUntil } from "./bounty-admin-samples.ts";
import { demoCity, demoProblemTitles } from "./pages.ts";
import { signInContext, text } from "./support.ts";

/**
 * A micro-purchase auction from start to payment: the DSO drafts auctions in the editor and
 * publishes one with a short bidding window; two verified vendors bid on the public bounty page; the
 * lower bid wins when the DSO closes it; the winner links a pull request; the DSO accepts the
 * delivery and records the payment, and the ledger shows the money paid.
 */

const cityApi = `/api/v1/cities/${demoCity}`;

/** A calendar day `days` from today in the city's time zone, as a date input takes it. */
function cityDate(timeZone: string, days: number): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [year, month, day] = parts.split("-").map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

/** Places a bid on the public bounty page, as the vendor signed in within `context`. */
async function bidOnPage(context: BrowserContext, bountyId: string, amount: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`/${demoCity}/bounties/${bountyId}`);
  await page.getByLabel(text("en", "bounties.bid.amount")).fill(amount);
  await page.getByRole("button", { name: text("en", "bounties.bid.submit"), exact: true }).click();
  const [before, after] = text("en", "bounties.bid.placed", { amount: "\u0000" }).split("\u0000").map(escapeRegExp);
  await expect(page.getByText(new RegExp(`${before}\\$${amount}(\\.00)?${after}`))).toBeVisible();
  await page.close();
}

function escapeRegExp(value = ""): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * What the ledger moved into or out of an account for postings whose description says `about`: other
 * tests run beside this one, so the fund's totals are not this test's to compare.
 */
async function ledgerMoves(page: Page, about: string, account: "reserved" | "payable" | "paid"): Promise<number[]> {
  const response = await page.request.get(`${cityApi}/ledger/postings`);
  expect(response.status()).toBe(200);
  const { postings } = (await response.json()) as { postings: { description: string; lines: { account: string; amountMinor: number }[] }[] };
  return postings
    .filter((posting) => posting.description.includes(about))
    .flatMap((posting) => posting.lines.filter((line) => line.account === account).map((line) => line.amountMinor))
    .sort((a, b) => a - b);
}

test("a vendor wins an auction with the lowest bid, delivers, and is accepted and paid", async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  if (!baseURL) throw new Error("baseURL is not configured");
  const run = Date.now().toString(36);
  const city = (await (await page.request.get(cityApi)).json()) as { timeZone: string };
  await signInContext(page.context(), baseURL, "dso");
  const dso = page.context().request;

  // The editor: an auction drafted from the accepted problem, its criteria written and reordered by keyboard.
  await page.goto(`/${demoCity}/admin/bounties`);
  await page.getByRole("link", { name: text("en", "bountyAdmin.list.new") }).click();
  await expect(page.getByRole("heading", { level: 1, name: text("en", "bountyAdmin.editor.title") })).toBeVisible();
  await page.getByLabel(text("en", "bountyAdmin.fields.problem")).selectOption({ label: demoProblemTitles.accepted });
  // USWDS draws radios and checkboxes on their labels; a mouse user clicks the label.
  await page.locator('label[for="bounty-kind-auction"]').click();
  await expect(page.getByRole("radio", { name: new RegExp(`^${text("en", "bountyAdmin.kind.auction")}`) })).toBeChecked();
  const draftTitle = `Journey: shelter calendar ${run}`;
  await page.getByLabel(text("en", "bountyAdmin.fields.title"), { exact: true }).fill(draftTitle);
  await page.getByLabel(text("en", "bountyAdmin.editor.criterionLabel", { number: "1" }), { exact: true }).fill("Shows free shelters by date");
  await page.getByRole("button", { name: text("en", "bountyAdmin.editor.addCriterion") }).focus();
  await page.keyboard.press("Enter");
  // The new field takes focus: type straight into it.
  await expect(page.getByLabel(text("en", "bountyAdmin.editor.criterionLabel", { number: "2" }), { exact: true })).toBeFocused();
  await page.keyboard.type("Works with a keyboard alone");
  await page.getByRole("button", { name: text("en", "bountyAdmin.editor.moveUpLabel", { number: "2" }) }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel(text("en", "bountyAdmin.editor.criterionLabel", { number: "1" }), { exact: true })).toHaveValue("Works with a keyboard alone");
  await page.getByLabel(text("en", "bountyAdmin.fields.licence")).selectOption("MIT");
  await page.getByLabel(text("en", "bountyAdmin.fields.startDate")).fill(cityDate(city.timeZone, 1));
  await page.getByLabel(text("en", "bountyAdmin.fields.endDate")).fill(cityDate(city.timeZone, 3));
  await page.getByRole("textbox", { name: text("en", "bountyAdmin.fields.startPrice") }).fill("3,000");
  await page.getByRole("button", { name: text("en", "bountyAdmin.editor.save") }).click();
  await expect(page.getByRole("heading", { level: 1, name: draftTitle })).toBeVisible();
  await expect(page.getByText(text("en", "bountyAdmin.status.draft"), { exact: true })).toBeVisible();
  const criteria = page.getByRole("region", { name: text("en", "bountyAdmin.manage.terms") }).getByRole("listitem");
  await expect(criteria).toHaveText(["Works with a keyboard alone", "Shows free shelters by date"]);
  // It was only a try: cancelled with a reason.
  const cancel = page.getByRole("region", { name: text("en", "bountyAdmin.manage.cancelHeading") });
  await cancel.getByLabel(text("en", "bountyAdmin.fields.reason")).fill("Drafted to try the editor.");
  await cancel.getByRole("button", { name: text("en", "bountyAdmin.manage.cancel") }).click();
  await expect(page.getByText(text("en", "bountyAdmin.status.cancelled"), { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Drafted to try the editor.")).toBeVisible();

  // Two verified vendors, each signed in in a browser of their own.
  const anaContext = await browser.newContext({ baseURL });
  const benContext = await browser.newContext({ baseURL });
  try {
    const ana = await newVerifiedVendor(anaContext, dso, baseURL, `Ana Quill Studio ${run}`);
    const ben = await newVerifiedVendor(benContext, dso, baseURL, `Ben Marsh Works ${run}`);

    // The auction to win: a short bidding window, published from its page with the fund's balance in view.
    const title = `Journey: permit reminders ${run}`;
    const auction = await shortAuction(dso, baseURL, { title, startPriceMinor: 300_000, criteria: ["Reminders go out a day ahead"], openForMs: 50_000 });
    await page.goto(`/${demoCity}/admin/bounties/${auction.id}`);
    const publish = page.getByRole("region", { name: text("en", "bountyAdmin.manage.publishHeading") });
    await expect(publish.getByText(/\$3,000/)).toBeVisible();
    await publish.getByRole("button", { name: text("en", "bountyAdmin.manage.publish") }).click();
    await expect(page.getByText(text("en", "bountyAdmin.status.published"), { exact: true })).toBeVisible();
    expect(await ledgerMoves(page, `Reserved for “${title}”`, "reserved")).toEqual([300_000]);

    // Both bid on the public page; Ben's is lower.
    await waitUntil(auction.startsAt);
    await bidOnPage(anaContext, auction.id, "2,500");
    await bidOnPage(benContext, auction.id, "2,400");

    // After the end time the DSO closes it (unless the every-minute job was quicker); the lower bid wins.
    await waitUntil(new Date(auction.endsAt.getTime() + 1_000));
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const close = page.getByRole("button", { name: text("en", "bountyAdmin.manage.close") });
    if (await close.isVisible()) await close.click();
    const deliveries = page.getByRole("region", { name: text("en", "bountyAdmin.delivery.heading") });
    await expect(async () => {
      await page.reload();
      await expect(deliveries.getByRole("heading", { level: 3, name: `Ben Marsh Works ${run}` })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 90_000 });
    const bids = page.getByRole("region", { name: text("en", "bountyAdmin.bids.heading") });
    await expect(bids.getByRole("row").filter({ hasText: text("en", "bountyAdmin.bids.winning") })).toContainText(`Ben Marsh Works ${run}`);
    await expect(bids.getByRole("row").filter({ hasText: `Ana Quill Studio ${run}` })).toContainText("$2,500");
    // The unused part of the start price went back to the fund at close.
    expect(await ledgerMoves(page, `Released from “${title}”`, "reserved")).toEqual([-60_000]);

    // The winner links the pull request.
    const delivery = await deliveryOf(benContext.request, auction.id);
    expect(delivery.status).toBe("pending_delivery");
    await postOk(benContext.request, baseURL, `/submissions/${delivery.id}/submit`, {
      pullRequestUrl: "https://github.com/springfield-dso/park-permits/pull/88",
    });
    expect(ana.id).not.toBe(ben.id);

    // The DSO finds it in the review queue, accepts it and records the payment.
    await page.goto(`/${demoCity}/admin/bounties`);
    const queue = page.getByRole("region", { name: text("en", "bountyAdmin.queue.heading") });
    await queue.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(deliveries.getByRole("link", { name: "https://github.com/springfield-dso/park-permits/pull/88" })).toBeVisible();
    await deliveries.getByRole("button", { name: text("en", "bountyAdmin.review.accept") }).click();
    await expect(deliveries.getByText(text("en", "bountyAdmin.submissionStatus.accepted"))).toBeVisible();
    await deliveries.getByLabel(text("en", "bountyAdmin.pay.reference")).fill(`CHK-${run}`);
    await deliveries.getByRole("button", { name: text("en", "bountyAdmin.pay.submit") }).click();
    await expect(deliveries.getByText(text("en", "bountyAdmin.submissionStatus.paid"), { exact: true }).first()).toBeVisible();
    await expect(deliveries.getByRole("button", { name: text("en", "bountyAdmin.pay.submit") })).toHaveCount(0);

    // The ledger: the winning amount is paid, once, and the payment export and public spend show it.
    expect(await ledgerMoves(page, `Paid to Ben Marsh Works ${run}, reference CHK-${run}`, "paid")).toEqual([240_000]);
    const payments = (await (await page.request.get(`${cityApi}/payments.json`)).json()) as {
      payments: { submissionId: string; status: string; amountMinor: number }[];
    };
    expect(payments.payments.find((payment) => payment.submissionId === delivery.id)).toMatchObject({ status: "paid", amountMinor: 240_000 });
    const spend = (await (await page.request.get(`${cityApi}/spend`)).json()) as { bounties: { bountyId: string; amountMinor: number }[] };
    expect(spend.bounties.find((item) => item.bountyId === auction.id)?.amountMinor).toBe(240_000);
  } finally {
    await anaContext.close();
    await benContext.close();
  }
});
