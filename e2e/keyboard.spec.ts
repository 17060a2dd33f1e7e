import { expect, test } from "@playwright/test";
import { demoAccounts, demoCity, demoPassword } from "./pages.ts";
import { tabTo, text } from "./support.ts";

/** Everything here is done with the keyboard alone: Tab, Shift+Tab, typing and Enter. */

test("the skip link comes first and moves focus to the main content", async ({ page }) => {
  await page.goto(`/${demoCity}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Springfield");

  // Off screen until focused, then it slides into view.
  const skipLink = page.getByRole("link", { name: text("en", "nav.skipToContent") });
  const top = async () => (await skipLink.boundingBox())?.y ?? Number.NEGATIVE_INFINITY;
  expect(await top(), "the skip link waits off screen").toBeLessThan(0);

  await page.keyboard.press("Tab");
  await expect(skipLink).toBeFocused();
  await expect.poll(top, { message: "the focused skip link is on screen" }).toBeGreaterThanOrEqual(0);

  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  // The next Tab lands on the first control of the main content, not in the header.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("main").getByRole("link", { name: text("en", "cityHome.join") })).toBeFocused();
});

test("a city admin signs in with a password and reaches the administration pages by keyboard", async ({ page }) => {
  await page.goto(`/${demoCity}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Springfield");
  const header = page.getByRole("banner");

  await tabTo(page, header.getByRole("link", { name: text("en", "nav.signIn") }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/${demoCity}/sign-in`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "signIn.title"));

  const passwordForm = page.getByRole("region", { name: text("en", "signIn.passwordHeading") });
  const email = passwordForm.getByLabel(text("en", "fields.email"));
  const password = passwordForm.getByLabel(text("en", "fields.password"));
  await tabTo(page, email);
  await page.keyboard.type(demoAccounts.admin);
  await page.keyboard.press("Tab");
  await expect(password).toBeFocused();
  await page.keyboard.type(demoPassword);
  await expect(email).toHaveValue(demoAccounts.admin);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(`/${demoCity}`);
  const adminLink = header.getByRole("link", { name: text("en", "nav.admin") });
  await expect(adminLink).toBeVisible();
  // Focus is on the new page's heading; the navigation is above it.
  await tabTo(page, adminLink, { backwards: true });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/${demoCity}/admin`);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(text("en", "admin.title"));
  await expect(heading, "the new page's heading takes focus").toBeFocused();
  await expect(adminLink).toHaveAttribute("aria-current", "page");
});
