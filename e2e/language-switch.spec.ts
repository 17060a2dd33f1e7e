import { expect, type Page, test } from "@playwright/test";
import { demoCity } from "./pages.ts";
import { bodyText, type Language, stringsOfIn, text } from "./support.ts";

/**
 * Clicking "Español" switches every visible string of the page, keeps the choice across a reload
 * (a cookie), and clicking "English" switches back.
 */

interface Case {
  name: string;
  url: string;
  /** The h1: an en.json key, or text from the data that no language changes. */
  heading: { key: string } | { text: string };
  /** en.json keys of the strings this page shows, with the values of their placeholders. */
  strings: [key: string, values?: Record<string, string>][];
  /** Accessible names (not part of innerText) that must follow the language too. */
  landmarks: string[];
}

const frame: Case["strings"] = [
  ["nav.skipToContent"],
  ["nav.cityHome"],
  ["nav.signIn"],
  ["nav.language"],
  ["footer.allCities"],
  ["footer.apiDocs"],
  ["footer.note"],
];

const cases: Case[] = [
  {
    name: "city home page",
    url: `/${demoCity}`,
    heading: { text: "Springfield" },
    strings: [...frame, ["cityHome.intro", { city: "Springfield" }], ["cityHome.join"], ["cityHome.agenciesHeading"]],
    landmarks: ["nav.primary", "footer.navigation"],
  },
  {
    name: "sign-in page",
    url: `/${demoCity}/sign-in`,
    heading: { key: "signIn.title" },
    strings: [
      ...frame,
      ["signIn.title"],
      ["signIn.linkHeading"],
      ["signIn.linkIntro"],
      ["signIn.sendLink"],
      ["signIn.passwordHeading"],
      ["signIn.submit"],
      ["fields.email"],
      ["fields.password"],
      ["signIn.noAccount"],
      ["signIn.createAccount"],
    ],
    landmarks: ["nav.primary", "footer.navigation"],
  },
];

async function expectLanguage(page: Page, language: Language, pageCase: Case): Promise<void> {
  const other: Language = language === "en" ? "es" : "en";
  await expect(page.locator("html")).toHaveAttribute("lang", language);
  const heading = "key" in pageCase.heading ? text(language, pageCase.heading.key) : pageCase.heading.text;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await expect(page).toHaveTitle(`${heading} | Civitas`);
  // Wait until the page has everything: the city's name in the header (until it arrives the header
  // offers the list of cities instead) and no "Loading…".
  await expect(page.getByText(text(language, "footer.note"))).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: /Springfield/ })).toBeVisible();
  await expect(page.locator(".civitas-loading")).toHaveCount(0);
  // The page's own strings, and none of the other language's.
  const body = await bodyText(page);
  for (const [key, values] of pageCase.strings) {
    expect(body, `${language} string ${key}`).toContain(text(language, key, values));
    expect(body, `no ${other} string ${key}`).not.toContain(text(other, key, values));
  }
  for (const key of pageCase.landmarks) {
    await expect(page.getByRole("navigation", { name: text(language, key), exact: true })).toBeAttached();
  }
  await expect(page.getByRole("button", { name: language === "en" ? "English" : "Español" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: language === "en" ? "Español" : "English" })).toHaveAttribute("aria-pressed", "false");
}

for (const pageCase of cases) {
  test(`the ${pageCase.name} switches between English and Spanish`, async ({ page }) => {
    await page.goto(pageCase.url);
    await expect(page.getByText(text("en", "footer.note"))).toBeVisible();
    if (pageCase.url === `/${demoCity}`) await expect(page.getByRole("heading", { name: "Parks and Recreation" })).toBeVisible();
    await expectLanguage(page, "en", pageCase);
    // The detector used below finds this page's English strings while they are there.
    expect(stringsOfIn("en", await bodyText(page)).length).toBeGreaterThanOrEqual(pageCase.strings.length);

    await page.getByRole("button", { name: "Español" }).click();
    await expectLanguage(page, "es", pageCase);
    expect(stringsOfIn("en", await bodyText(page)), "English left on the Spanish page").toEqual([]);

    // The choice is remembered.
    await page.reload();
    await expectLanguage(page, "es", pageCase);

    await page.getByRole("button", { name: "English" }).click();
    await expectLanguage(page, "en", pageCase);
    expect(stringsOfIn("es", await bodyText(page)), "Spanish left on the English page").toEqual([]);
    await page.reload();
    await expectLanguage(page, "en", pageCase);
  });
}
