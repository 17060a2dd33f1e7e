import { expect, test } from "@playwright/test";
import { apiAs, publishOpportunity } from "./opportunity-samples.ts";
import { demoAccounts, demoCity } from "./pages.ts";
import { linkFromOutbox, signInThroughPage, text, uniqueEmail } from "./support.ts";

/**
 * A resident without an account finds an opportunity on a phone, takes a place with a name and an
 * email address, and confirms the address with the link in the message; the link opens "Your shifts",
 * signed in, with the place on it.
 */

test.use({ viewport: { width: 360, height: 740 } });

test("a resident takes a place without an account and confirms it by email", async ({ page, browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const title = `Journey: pond clean-up ${Date.now().toString(36)}`;
  const staff = await apiAs(baseURL, demoAccounts.dso);
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
  inThreeDays.setUTCMinutes(0, 0, 0);
  await publishOpportunity(staff, baseURL, {
    title,
    shifts: [{ startsAt: inThreeDays.toISOString(), endsAt: new Date(inThreeDays.getTime() + 2 * 3_600_000).toISOString(), capacity: 5 }],
  });
  await staff.dispose();

  const name = "Gale Guest";
  const email = uniqueEmail("guest");

  // The listing, searched by words: the search goes into the address.
  await page.goto(`/${demoCity}/opportunities`);
  await expect(page.getByRole("heading", { level: 1, name: text("en", "opportunities.title") })).toBeVisible();
  await page.getByLabel(text("en", "opportunities.filters.q")).fill(title);
  await page.getByRole("button", { name: text("en", "opportunities.filters.search"), exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=Journey/);
  await expect(page.getByRole("status").filter({ hasText: text("en", "opportunities.count_one", { count: "1" }) })).toBeVisible();
  await page.getByRole("link", { name: title }).click();

  // The opportunity: one tap on "Sign up" opens the short form.
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByRole("button", { name: new RegExp(`^${text("en", "shifts.signUp")}`) }).click();
  // The button gives way to the form, and the cursor is already in its first field.
  await expect(page.getByLabel(text("en", "fields.name"))).toBeFocused();
  await page.getByLabel(text("en", "fields.name")).fill(name);
  await page.getByLabel(text("en", "fields.email")).fill(email);
  await page.getByRole("button", { name: text("en", "shifts.guest.submit") }).click();
  await expect(page.getByRole("heading", { name: text("en", "shifts.guest.confirmedHeading") })).toBeVisible();
  await expect(page.getByText(text("en", "shifts.guest.checkMail", { email }))).toBeVisible();

  // The message with the link waits in the outbox, where a city admin reads it.
  // The admin is at a desk (the header's links are behind the menu button on a phone).
  const adminContext = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  let link: string;
  try {
    const adminPage = await adminContext.newPage();
    await signInThroughPage(adminPage, "admin");
    link = await linkFromOutbox(adminPage, email, text("en", "mail.magicLink.guestSubject"), /\/api\/auth\/magic-link\/verify\?/);
  } finally {
    await adminContext.close();
  }

  // The link signs the resident in and opens their shifts, with the place on it.
  await page.goto(link);
  await expect(page).toHaveURL(`/${demoCity}/my-shifts`);
  await expect(page.getByRole("heading", { level: 1, name: text("en", "myShifts.title") })).toBeVisible();
  const place = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
  await expect(place).toBeVisible();
  await expect(place.getByText(text("en", "myShifts.status.confirmed"), { exact: true })).toBeVisible();
  await expect(place.getByRole("button", { name: new RegExp(`^${text("en", "shifts.giveUp")}`) })).toBeVisible();
});
