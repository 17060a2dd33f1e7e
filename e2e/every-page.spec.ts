import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { type PageSample, pageSamples, parametersOf } from "./pages.ts";
import { bodyText, type Language, parameterValue, signInContext, stringsOfIn, text, watchForErrors } from "./support.ts";

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

/** A page from browser.newContext() (as @axe-core/playwright requires), signed in as the sample's visitor. */
async function openSample(
  browser: Browser,
  baseURL: string,
  sample: PageSample,
  options: { width: number; height: number; language: Language },
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL, viewport: { width: options.width, height: options.height }, locale: "en-US" });
  if (options.language !== "en") await context.addCookies([{ name: "civitas_lang", value: options.language, url: baseURL }]);
  if (sample.as !== "anonymous") await signInContext(context, baseURL, sample.as);
  const page = await context.newPage();
  const errors = watchForErrors(page);
  const url = await addressOf(sample, baseURL);
  const response = await page.goto(url);
  expect(response?.status(), `GET ${url}`).toBe(200);
  // The page shows what this sample is about (two h1s are caught by the tests, not here).
  await expect(page.getByRole("heading", { level: 1, name: expectedHeading(sample, options.language), exact: true }).first()).toBeVisible();
  // Data still arriving shows "Loading…"; wait for every request to settle before judging the page.
  await expect(page.locator(".civitas-loading")).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  return { page, errors, close: () => context.close() };
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

for (const sample of pageSamples) {
  test.describe(`${sample.pattern} – ${sample.label} (${sample.as})`, () => {
    for (const viewport of viewports) {
      test(`at ${viewport.name}`, async ({ browser, baseURL }) => {
        if (!baseURL) throw new Error("baseURL is not configured");
        const { page, errors, close } = await openSample(browser, baseURL, sample, { ...viewport, language: "en" });
        try {
          // Soft assertions: one run reports every problem of the page.
          await expect.soft(page.locator("h1"), "exactly one h1").toHaveCount(1);
          await expect.soft(page.locator("html")).toHaveAttribute("lang", "en");
          expect.soft(await axeViolations(page), `axe: WCAG 2.1 A/AA violations on ${sample.url}`).toBe("");

          if (viewport.width === 360) {
            const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, window: window.innerWidth }));
            expect.soft(widths.scroll, `the page is ${widths.scroll} px wide in a ${widths.window} px window`).toBeLessThanOrEqual(widths.window);
          }

          expect.soft(unexpectedErrors(sample, errors), "console errors and page errors").toEqual([]);
        } finally {
          await close();
        }
      });
    }

    test("in Spanish", async ({ browser, baseURL }) => {
      if (!baseURL) throw new Error("baseURL is not configured");
      const { page, errors, close } = await openSample(browser, baseURL, sample, { width: 1280, height: 800, language: "es" });
      try {
        await expect.soft(page.locator("html")).toHaveAttribute("lang", "es");
        await expect.soft(page.locator("h1"), "exactly one h1").toHaveCount(1);
        expect.soft(await axeViolations(page), `axe: WCAG 2.1 A/AA violations on ${sample.url} in Spanish`).toBe("");
        expect.soft(stringsOfIn("en", await bodyText(page)), "strings of en.json left on the Spanish page").toEqual([]);
        expect.soft(unexpectedErrors(sample, errors), "console errors and page errors").toEqual([]);
      } finally {
        await close();
      }
    });
  });
}
