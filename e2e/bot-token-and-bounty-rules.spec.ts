import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, request, test } from "@playwright/test";
import { demoCity } from "./pages.ts";
import { originOf, signInContext, text, watchForErrors } from "./support.ts";

/**
 * A vendor makes a personal access token for a bidding bot on the account pages, copies it from the
 * one screen that shows it, sees a program use it, and revokes it; the city admin sets the bounty
 * rules and the holiday calendar. Both pages are checked with axe and at 360 px with their data shown.
 */

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.window);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("a vendor makes a token for a bot, the bot uses it, and the vendor revokes it", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const context = await browser.newContext({ baseURL, locale: "en-US" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL).origin });
  try {
    // Not Dana, whose token page the every-page check reads in Spanish while this journey runs.
    await signInContext(context, baseURL, "parks");
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(`/${demoCity}/account`);
    await page.getByRole("link", { name: text("en", "tokens.accountLink") }).click();
    await expect(page.getByRole("heading", { level: 1, name: text("en", "tokens.title") })).toBeVisible();

    // No English words: the name is data, shown as written in any language.
    const name = `civbot-${Date.now().toString(36)}`;
    await page.getByLabel(text("en", "tokens.name")).fill(name);
    await page.getByLabel(text("en", "tokens.lifetime")).selectOption("30");
    await page.getByRole("button", { name: text("en", "tokens.create") }).click();

    await expect(page.getByRole("heading", { name: text("en", "tokens.createdHeading", { name }) })).toBeVisible();
    const secret = page.getByLabel(text("en", "tokens.secretLabel"));
    const token = await secret.inputValue();
    expect(token).toMatch(/^civ_pat_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: text("en", "tokens.copy") }).click();
    await expect(page.getByRole("status").filter({ hasText: text("en", "tokens.copied") })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await expectNoSidewaysScroll(page);

    // A program holding the token reaches the bidding routes and nothing else.
    const bot = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const missing = `/api/v1/cities/${demoCity}/bounties/00000000-0000-7000-8000-000000000000`;
    expect((await bot.get(missing)).status()).toBe(404);
    expect((await bot.get("/api/v1/me")).status()).toBe(401);

    await page.getByRole("button", { name: text("en", "tokens.done") }).click();
    await expect(secret).toHaveCount(0);
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(text("en", "tokens.states.active"));
    await expect(page.locator("body")).not.toContainText(token);
    await expectNoSidewaysScroll(page);

    await row.getByRole("button", { name: text("en", "tokens.revokeNamed", { name }) }).click();
    await expect(page.getByRole("status").filter({ hasText: text("en", "tokens.revokedNotice", { name }) })).toBeVisible();
    await expect(row).toContainText(text("en", "tokens.states.revoked"));
    const refused = await bot.get(missing);
    expect(refused.status()).toBe(401);
    expect((await refused.json()).detail).toBe(text("en", "errors.accessTokens.revoked"));
    await bot.dispose();
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test("the city admin sets the bounty rules and the holiday calendar", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const context = await browser.newContext({ baseURL, locale: "en-US" });
  const settingsUrl = `/api/v1/cities/${demoCity}/bounty-settings`;
  await signInContext(context, baseURL, "admin");
  // The rules as they were, put back at the end: other journeys publish bounties in the same city.
  const original = await (await context.request.get(settingsUrl)).json();
  try {
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(`/${demoCity}/admin/bounty-settings`);
    await expect(page.getByRole("heading", { level: 1, name: text("en", "bountySettings.title") })).toBeVisible();

    const threshold = page.getByLabel(text("en", "bountySettings.threshold"));
    await expect(threshold).not.toHaveValue("");
    await threshold.fill("12,000");
    await page.getByLabel(text("en", "bountySettings.bandMin")).fill("5,000");
    await page.getByLabel(text("en", "bountySettings.bandMax")).fill("1,000");
    await page.getByRole("button", { name: text("en", "common.save") }).click();
    await expect(page.getByText(text("en", "errors.bountySettings.bandOrder")).first()).toBeVisible();
    await expect(page.getByLabel(text("en", "bountySettings.bandMin"))).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel(text("en", "bountySettings.bandMax")).fill("9,000");
    await page.getByRole("button", { name: text("en", "common.save") }).click();
    await expect(page.getByRole("status").filter({ hasText: text("en", "common.savedChanges") })).toBeVisible();
    const saved = await (await context.request.get(settingsUrl)).json();
    expect(saved).toMatchObject({ microPurchaseThresholdMinor: 1_200_000, smallBusinessBandMinMinor: 500_000, smallBusinessBandMaxMinor: 900_000 });

    const holidays = page.getByRole("region", { name: text("en", "bountySettings.holidaysHeading") });
    await holidays.getByLabel(text("en", "bountySettings.holidayDay")).fill("2031-07-04");
    await holidays.getByLabel(text("en", "bountySettings.holidayName")).fill("Independence Day");
    await holidays.getByRole("button", { name: text("en", "bountySettings.addHoliday") }).click();
    const row = holidays.getByRole("row").filter({ hasText: "Independence Day" });
    await expect(row).toContainText("Jul 4, 2031");
    await expectNoSidewaysScroll(page);

    await row.getByRole("button").click();
    await expect(page.getByRole("status").filter({ hasText: text("en", "bountySettings.holidayRemoved", { name: "Independence Day" }) })).toBeVisible();
    await expect(holidays.getByRole("row").filter({ hasText: "Independence Day" })).toHaveCount(0);
    // The refused band is the browser's one expected error: its 400 answer.
    expect(errors.filter((error) => !error.includes("400 (Bad Request)"))).toEqual([]);
  } finally {
    const restored = await context.request.put(settingsUrl, {
      headers: originOf(baseURL),
      data: {
        microPurchaseThresholdMinor: original.microPurchaseThresholdMinor,
        smallBusinessBandMinMinor: original.smallBusinessBandMinMinor,
        smallBusinessBandMaxMinor: original.smallBusinessBandMaxMinor,
        acceptedLicences: original.acceptedLicences,
      },
    });
    expect(restored.status()).toBe(200);
    await context.close();
  }
});
