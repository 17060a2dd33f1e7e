import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { type PageSample, pageSamples, parametersOf } from "./pages.ts";
import { interfaceText, type Language, parameterValue, signInContext, stringsOfIn, text, watchForErrors } from "./support.ts";

/**
 * Every page of the web app (e2e/pages.ts), wide and narrow and in Spanish: it loads without
 * console errors, has one h1, has no WCAG 2.1 A/AA violations that axe can find and, on a phone,
 * does not scroll sideways.
 */

const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const viewports = [
  { name: "1280 px", width: 1280, height: 800 },
  { name: "360 px", width: 360, height: 740 },
] as const;

async function addressOf(sample: PageSample, baseURL: string): Promise<string> {
  let url = sample.url;
  for (const name of parametersOf(sample.url)) url = url.replace(`{${name}}`, await parameterValue(name, baseURL));
  return url;
}

function expectedHeading(sample: PageSample, language: Language): string {
  return "key" in sample.heading ? text(language, sample.heading.key) : sample.heading.text;
}

/** Waits until the page shows what `sample` is about and every request has settled. */
async function expectReady(page: Page, sample: PageSample, language: Language): Promise<void> {
  // The page shows what this sample is about (two h1s are caught by the tests, not here).
  await expect(page.getByRole("heading", { level: 1, name: expectedHeading(sample, language), exact: true }).first()).toBeVisible();
  // Data still arriving shows "Loading…"; wait for every request to settle before judging the page.
  await expect(page.locator(".civitas-loading")).toHaveCount(0);
  await page.waitForLoadState("networkidle");
}

function unexpectedErrors(sample: PageSample, errors: string[]): string[] {
  return errors.filter((error) => !sample.expectedConsoleErrors?.some((expected) => error.includes(expected)));
}

async function axeViolations(page: Page): Promise<string> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.helpUrl}\n${violation.nodes
          .map((node) => `  - ${node.target.join(" ")}\n    ${node.failureSummary?.replace(/\n/g, "\n    ")}`)
          .join("\n")}`,
    )
    .join("\n");
}

/*
 * One test per page, in one browser context (from browser.newContext(), as @axe-core/playwright
 * requires) signed in as the sample's visitor: wide, then the same page narrowed to a phone, then
 * reloaded in Spanish. Loading and signing in once per page, not once per check, keeps the run short.
 */
for (const sample of pageSamples) {
  test(`${sample.pattern} – ${sample.label} (${sample.as})`, async ({ browser, baseURL }) => {
    if (!baseURL) throw new Error("baseURL is not configured");
    const context = await browser.newContext({ baseURL, viewport: viewports[0], locale: "en-US" });
    try {
      if (sample.as !== "anonymous") await signInContext(context, baseURL, sample.as);
      const page = await context.newPage();
      const errors = watchForErrors(page);
      const url = await addressOf(sample, baseURL);

      await test.step("at 1280 px", async () => {
        const response = await page.goto(url);
        expect(response?.status(), `GET ${url}`).toBe(200);
        await expectReady(page, sample, "en");
        // Soft assertions: one run reports every problem of the page.
        await expect.soft(page.locator("h1"), "exactly one h1").toHaveCount(1);
        await expect.soft(page.locator("html")).toHaveAttribute("lang", "en");
        expect.soft(await axeViolations(page), `axe: WCAG 2.1 A/AA violations on ${sample.url} at 1280 px`).toBe("");
      });

      await test.step("at 360 px", async () => {
        await page.setViewportSize(viewports[1]);
        await expect.soft(page.locator("h1"), "exactly one h1").toHaveCount(1);
        expect.soft(await axeViolations(page), `axe: WCAG 2.1 A/AA violations on ${sample.url} at 360 px`).toBe("");
        const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, window: window.innerWidth }));
        expect.soft(widths.scroll, `the page is ${widths.scroll} px wide in a ${widths.window} px window`).toBeLessThanOrEqual(widths.window);
      });

      await test.step("in Spanish", async () => {
        await page.setViewportSize(viewports[0]);
        await context.addCookies([{ name: "civitas_lang", value: "es", url: baseURL }]);
        const response = await page.reload();
        expect(response?.status(), `GET ${url} in Spanish`).toBe(200);
        await expectReady(page, sample, "es");
        await expect.soft(page.locator("html")).toHaveAttribute("lang", "es");
        await expect.soft(page.locator("h1"), "exactly one h1").toHaveCount(1);
        expect.soft(await axeViolations(page), `axe: WCAG 2.1 A/AA violations on ${sample.url} in Spanish`).toBe("");
        const body = (sample.dataText ?? []).reduce((text, data) => text.replaceAll(data, ""), await interfaceText(page));
        expect.soft(stringsOfIn("en", body), "strings of en.json left on the Spanish page").toEqual([]);
      });

      expect.soft(unexpectedErrors(sample, errors), "console errors and page errors").toEqual([]);
    } finally {
      await context.close();
    }
  });
}
