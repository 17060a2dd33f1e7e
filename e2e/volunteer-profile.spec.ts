import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { demoCity } from "./pages.ts";
import { originOf, signInContext, text, uniqueEmail } from "./support.ts";

/**
 * Volunteering from both sides: a resident fills in a volunteer profile (keyboard included) and finds
 * it again after a reload; staff import a CSV, read the per-row report, fix the file and import it;
 * a volunteer downloads their data and deletes their account.
 */

const password = "a long volunteer passphrase";

/** A new resident with an account, signed in through the API in the page's context. */
async function newResident(page: Page, baseURL: string, name: string): Promise<string> {
  const email = uniqueEmail("volunteer");
  const response = await page.context().request.post("/api/auth/sign-up/email", { data: { name, email, password }, headers: originOf(baseURL) });
  expect(response.status(), await response.text()).toBe(200);
  return email;
}

/** Checks a USWDS checkbox by its label, as a mouse user does (the input itself is drawn by the label). */
async function tick(scope: Page | Locator, name: string, exact = true): Promise<void> {
  const box = scope.getByRole("checkbox", { name, exact });
  const id = await box.getAttribute("id");
  await scope.locator(`label[for="${id}"]`).click();
  await expect(box).toBeChecked();
}

test("a resident fills in a volunteer profile, saves it and finds it again", async ({ page, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const email = await newResident(page, baseURL, "Vera Volunteer");
  await page.goto(`/${demoCity}`);
  await page
    .getByRole("banner")
    .getByRole("link", { name: text("en", "volunteers.nav") })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "volunteers.profile.title"));
  await expect(page.getByText(text("en", "volunteers.profile.youAre", { name: "Vera Volunteer", email }))).toBeVisible();

  await page.getByLabel(text("en", "volunteers.fields.phone"), { exact: true }).fill("+1 217 555 0177");
  await page.getByLabel(text("en", "volunteers.fields.neighbourhood"), { exact: true }).fill("Enos Park");

  // Languages: narrow the list, then choose.
  const languages = page.getByRole("group", { name: text("en", "volunteers.fields.languages") });
  await languages.getByLabel(text("en", "volunteers.profile.languageFilter")).fill("span");
  await expect(languages.getByRole("checkbox")).toHaveCount(1);
  await tick(languages, "Spanish");
  await languages.getByLabel(text("en", "volunteers.profile.languageFilter")).fill("");
  await tick(languages, "Vietnamese");
  await expect(languages.getByText(text("en", "volunteers.profile.languagesChosen", { languages: "Spanish, Vietnamese" }))).toBeVisible();

  await tick(page.getByRole("group", { name: text("en", "volunteers.fields.skills") }), "First aid");

  // Availability by keyboard alone: Tab to a checkbox in the grid, Space to check it.
  const saturdayMorning = page.getByRole("checkbox", { name: "Saturday morning" });
  await page.getByRole("checkbox", { name: "Friday evening" }).focus();
  await page.keyboard.press("Tab");
  await expect(saturdayMorning).toBeFocused();
  await page.keyboard.press("Space");
  await expect(saturdayMorning).toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("checkbox", { name: "Saturday evening" })).toBeFocused();
  await page.keyboard.press("Space");

  await tick(page, text("en", "volunteers.profile.consentEmail"));
  await tick(page, text("en", "volunteers.profile.consentSms"), false);
  await page.getByRole("button", { name: text("en", "volunteers.profile.save") }).click();
  await expect(page.getByRole("status").filter({ hasText: text("en", "volunteers.profile.saved") })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel(text("en", "volunteers.fields.phone"), { exact: true })).toHaveValue("+1 217 555 0177");
  await expect(page.getByLabel(text("en", "volunteers.fields.neighbourhood"), { exact: true })).toHaveValue("Enos Park");
  await expect(page.getByRole("checkbox", { name: "Spanish", exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Vietnamese", exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "First aid", exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Saturday morning" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Saturday evening" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Saturday afternoon" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: text("en", "volunteers.profile.consentSms") })).toBeChecked();

  // Staff see the new volunteer.
  const staff = await page.context().browser()?.newContext({ baseURL });
  if (!staff) throw new Error("no browser");
  try {
    await signInContext(staff, baseURL, "dso");
    const list = await staff.request.get(`/api/v1/cities/${demoCity}/volunteers?q=${encodeURIComponent(email)}`);
    expect((await list.json()).volunteers[0]).toMatchObject({ name: "Vera Volunteer", languages: ["es", "vi"], phone: "+1 217 555 0177" });
  } finally {
    await staff.close();
  }
});

test("staff import a CSV, read the report of a bad row, fix it and import", async ({ page, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  await signInContext(page.context(), baseURL, "admin");
  const first = uniqueEmail("imported");
  const second = uniqueEmail("imported");
  await page.goto(`/${demoCity}/admin`);
  await page.getByRole("link", { name: text("en", "admin.sections.volunteers.title") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "volunteers.list.title"));

  const importing = page.getByRole("region", { name: text("en", "volunteers.import.heading") });
  const csv = importing.getByLabel(text("en", "volunteers.import.paste"));
  const broken = `name,email,languages,skills\n"Imani, Ade",${first},en;yo,first-aid\nJonas Weber,not-an-address,de,\n`;
  await csv.fill(broken);
  await importing.getByRole("button", { name: text("en", "volunteers.import.check") }).click();
  const report = importing.getByRole("table", { name: text("en", "volunteers.import.reportCaption") });
  await expect(report).toBeVisible();
  await expect(report.getByRole("row")).toHaveCount(2);
  await expect(report.getByRole("row").nth(1)).toContainText("3");
  await expect(report.getByRole("row").nth(1)).toContainText("email");
  await expect(report.getByRole("row").nth(1)).toContainText(text("en", "errors.field.email"));
  await expect(importing.getByRole("heading", { name: text("en", "volunteers.import.rejectedHeading") })).toBeVisible();

  await csv.fill(broken.replace("not-an-address", second));
  await importing.getByRole("button", { name: text("en", "volunteers.import.check") }).click();
  await expect(importing.getByRole("status").filter({ hasText: text("en", "volunteers.import.readyHeading") })).toBeVisible();
  await expect(report).toHaveCount(0);
  await importing.getByRole("button", { name: text("en", "volunteers.import.submit") }).click();
  await expect(importing.getByRole("status")).toContainText(text("en", "volunteers.import.done", { total: "2", created: "2", updated: "0" }));

  const search = page.getByRole("search");
  await search.getByLabel(text("en", "volunteers.list.nameOrEmail")).fill("Imani");
  await search.getByRole("button", { name: text("en", "volunteers.list.search"), exact: true }).click();
  const row = page.getByRole("row").filter({ hasText: first });
  await expect(row).toContainText("Imani, Ade");
  await row.getByRole("link", { name: "Imani, Ade" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Imani, Ade");
});

test("a volunteer downloads their data and deletes their account", async ({ page, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const email = await newResident(page, baseURL, "Dora Departing");
  const saved = await page.context().request.put(`/api/v1/cities/${demoCity}/me/volunteer-profile`, {
    data: { languages: ["pt"], neighbourhood: "Vinegar Hill", availability: ["sun-morning"], phone: "217 555 0101" },
    headers: originOf(baseURL),
  });
  expect(saved.status(), await saved.text()).toBe(200);

  await page.goto(`/${demoCity}/account`);
  await expect(page.getByRole("link", { name: text("en", "volunteers.account.link") })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: text("en", "account.download") }).click();
  const download = await downloading;
  const data = JSON.parse(await readFile((await download.path()) ?? "", "utf8"));
  expect(data.account.email).toBe(email);
  expect(data.volunteerProfiles).toEqual([
    expect.objectContaining({ city: demoCity, languages: ["pt"], neighbourhood: "Vinegar Hill", availability: ["sun-morning"], phone: "217 555 0101" }),
  ]);

  await tick(page, text("en", "account.deleteConfirm"));
  await page.getByRole("button", { name: text("en", "account.delete") }).click();
  await expect(page).toHaveURL(new RegExp(`/${demoCity}\\?account=deleted`));

  const staff = await page.context().browser()?.newContext({ baseURL });
  if (!staff) throw new Error("no browser");
  try {
    await signInContext(staff, baseURL, "admin");
    const list = await staff.request.get(`/api/v1/cities/${demoCity}/volunteers?q=${encodeURIComponent(email)}`);
    expect((await list.json()).total).toBe(0);
  } finally {
    await staff.close();
  }
});
