import { expect, request, test } from "@playwright/test";
import { demoCity, pageSamples, parametersOf } from "./pages.ts";
import { parameterValue } from "./support.ts";

/**
 * What anyone can read about the demo city, every public page as a browser shows it and every
 * open-data file, holds no email address, no phone number and no volunteer's name.
 */

/** The demo volunteers (src/server/seed/demo-city.ts). */
const volunteerNames = ["Chris Okafor", "Dana Kim", "Luis Hernández", "Priya Shah", "Tom Becker", "Ana Souza"];
const email = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const phone = /(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/;

function personalDataIn(text: string): string[] {
  return [text.match(email)?.[0], text.match(phone)?.[0], ...volunteerNames.filter((name) => text.includes(name))].filter(
    (found): found is string => found !== undefined,
  );
}

test("the checks find what they look for", () => {
  expect(personalDataIn("Write to dana@springfield.example or call (217) 555-0134, Dana Kim")).toEqual([
    "dana@springfield.example",
    "(217) 555-0134",
    "Dana Kim",
  ]);
  expect(personalDataIn("FY2026: $1,234,567.89 from 2025-07-01 to 2026-06-30")).toEqual([]);
});

/** The city's pages anyone can open: not those behind a secret link (an invitation shows its invitee their own address). */
const publicUrls = [
  ...new Set(
    pageSamples
      .filter((sample) => sample.as === "anonymous" && sample.url.startsWith(`/${demoCity}`) && !sample.pattern.includes(":token"))
      .map((sample) => sample.url),
  ),
];

test(`no public page shows personal data (${publicUrls.length} pages)`, async ({ browser, baseURL }) => {
  test.setTimeout(publicUrls.length * 15_000);
  if (!baseURL) throw new Error("baseURL is not configured");
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const found: string[] = [];
  try {
    for (const sample of publicUrls) {
      let url = sample;
      for (const name of parametersOf(sample)) url = url.replace(`{${name}}`, await parameterValue(name, baseURL));
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      await expect(page.locator(".civitas-loading")).toHaveCount(0);
      await page.waitForLoadState("networkidle");
      // What the page holds, hidden parts too, and its links, fields and labels.
      const shown = await page.evaluate(() =>
        [
          document.body.textContent ?? "",
          ...[...document.querySelectorAll("a[href]")].map((link) => link.getAttribute("href") ?? ""),
          ...[...document.querySelectorAll("input, textarea")].map((field) => (field as HTMLInputElement).value),
          ...[...document.querySelectorAll("[title], [aria-label], [alt]")].flatMap((element) =>
            ["title", "aria-label", "alt"].map((name) => element.getAttribute(name) ?? ""),
          ),
        ].join("\n"),
      );
      for (const item of personalDataIn(shown)) found.push(`${url}: ${item}`);
    }
  } finally {
    await context.close();
  }
  expect(found).toEqual([]);
});

test("no open-data file holds personal data", async ({ baseURL }) => {
  const api = await request.newContext({ baseURL });
  try {
    const index = await api.get(`/api/v1/cities/${demoCity}/open-data`);
    expect(index.ok()).toBe(true);
    const datasets: { csv: string; json: string }[] = (await index.json()).datasets;
    expect(datasets.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const file of datasets.flatMap((dataset) => [dataset.csv, dataset.json])) {
      const response = await api.get(file);
      expect(response.ok(), file).toBe(true);
      for (const item of personalDataIn(await response.text())) found.push(`${file}: ${item}`);
    }
    expect(found).toEqual([]);
  } finally {
    await api.dispose();
  }
});
