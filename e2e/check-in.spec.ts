import { expect, test } from "@playwright/test";
import { apiAs, checkInTokenOf, newResident, originOf, publishOpportunity } from "./opportunity-samples.ts";
import { demoAccounts, demoCity } from "./pages.ts";
import { signInContext, text, uniqueEmail } from "./support.ts";

/**
 * A volunteer scans the site's code with a phone a few minutes before the shift: signs in, comes back
 * to the check-in page, taps "I've arrived", later "I'm leaving". The site lead sees it on the roster.
 */

test.use({ viewport: { width: 360, height: 740 } });

/** A language-file string as a pattern, its {{placeholders}} standing for any text. */
function textPattern(key: string): RegExp {
  const parts = text("en", key).split(/\{\{\w+\}\}/);
  return new RegExp(parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".+"));
}

test("a volunteer checks in and out with the site's code, and the roster shows it", async ({ page, browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const title = `Journey: early litter pick ${Date.now().toString(36)}`;
  const staff = await apiAs(baseURL, demoAccounts.dso);
  const startsAt = new Date(Date.now() + 5 * 60_000);
  const opportunity = await publishOpportunity(staff, baseURL, {
    title,
    shifts: [{ startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), capacity: 4 }],
  });
  const shift = opportunity.shifts[0];
  if (!shift) throw new Error("no shift");
  const token = await checkInTokenOf(staff, shift.id);
  await staff.dispose();

  // The volunteer already holds a place, taken earlier.
  const name = "Casey Checkin";
  const email = uniqueEmail("checkin");
  const volunteer = await newResident(baseURL, name, email);
  const signup = await volunteer.post(`/api/v1/cities/${demoCity}/shifts/${shift.id}/signups`, { headers: originOf(baseURL), data: {} });
  expect(signup.status(), await signup.text()).toBe(201);
  await volunteer.dispose();

  // The code opens the check-in page; signed out, it sends them to sign in and back.
  const checkInPath = `/${demoCity}/check-in/${shift.id}?token=${token}`;
  await page.goto(checkInPath);
  await expect(page.getByRole("heading", { level: 1, name: text("en", "shifts.checkIn.title") })).toBeVisible();
  await page.getByRole("link", { name: text("en", "shifts.checkIn.signIn") }).click();
  await expect(page).toHaveURL(new RegExp(`/${demoCity}/sign-in\\?next=`));
  const form = page.getByRole("region", { name: text("en", "signIn.passwordHeading") });
  await form.getByLabel(text("en", "fields.email")).fill(email);
  await form.getByLabel(text("en", "fields.password")).fill("a long resident passphrase");
  await form.getByRole("button", { name: text("en", "signIn.submit") }).click();
  await expect(page).toHaveURL(checkInPath);
  await expect(page.getByText(title)).toBeVisible();

  // One big button, then the other.
  await page.getByRole("button", { name: text("en", "shifts.checkIn.arrived") }).click();
  await expect(page.getByRole("status").filter({ hasText: textPattern("shifts.checkIn.arrivedAt") })).toBeVisible();
  await page.getByRole("button", { name: text("en", "shifts.checkIn.leaving") }).click();
  await expect(page.getByRole("status").filter({ hasText: textPattern("shifts.checkIn.leftAt") })).toBeVisible();
  await expect(page.getByRole("button", { name: text("en", "shifts.checkIn.leaving") })).toHaveCount(0);

  // The site lead sees the volunteer present on the roster.
  const leadContext = await browser.newContext({ baseURL });
  try {
    await signInContext(leadContext, baseURL, "dso");
    const lead = await leadContext.newPage();
    await lead.goto(`/${demoCity}/admin/shifts/${shift.id}/roster`);
    await expect(lead.getByRole("heading", { level: 1, name: text("en", "roster.title") })).toBeVisible();
    const person = lead.getByRole("listitem").filter({ has: lead.getByRole("heading", { name }) });
    await expect(person.getByText(textPattern("roster.inOut"))).toBeVisible();
    await expect(person.getByRole("checkbox", { name: new RegExp(`^${text("en", "roster.present")}`) })).toBeChecked();
    await expect(lead.getByText(text("en", "roster.summary", { confirmed: "1", capacity: "4", present: "1", waiting: "0" }))).toBeVisible();
  } finally {
    await leadContext.close();
  }
});
