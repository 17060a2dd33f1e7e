import { expect, test } from "@playwright/test";
import { demoCity } from "./pages.ts";
import { text, uniqueEmail } from "./support.ts";

/** A new resident creates an account with name, email and password and ends up signed in. */

test("a new resident signs up with a password and is signed in", async ({ page }) => {
  const name = "Robin Resident";
  const email = uniqueEmail("resident");
  const header = page.getByRole("banner");

  await page.goto(`/${demoCity}/sign-up`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "signUp.title"));
  await expect(header.getByRole("link", { name: text("en", "nav.signIn") })).toBeVisible();
  await expect(header.getByRole("link", { name: text("en", "nav.account") })).toHaveCount(0);

  await page.getByLabel(text("en", "fields.name")).fill(name);
  await page.getByLabel(text("en", "fields.email")).fill(email);
  await page.getByLabel(text("en", "fields.password")).fill("a long resident passphrase");
  await page.getByRole("button", { name: text("en", "signUp.submit") }).click();

  // Back on the city's front page, signed in.
  await expect(page).toHaveURL(`/${demoCity}`);
  await expect(page.getByText(text("en", "cityHome.welcomeBack", { name }))).toBeVisible();
  await expect(header.getByRole("link", { name: text("en", "nav.account") })).toBeVisible();
  await expect(header.getByRole("link", { name: text("en", "nav.signIn") })).toHaveCount(0);

  await header.getByRole("link", { name: text("en", "nav.account") }).click();
  await expect(page).toHaveURL(`/${demoCity}/account`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "account.title"));
  await expect(page.getByText(text("en", "account.signedInAs", { email }))).toBeVisible();
  await expect(page.getByLabel(text("en", "fields.name"))).toHaveValue(name);
  await expect(page.getByText(text("en", "account.noRoles"))).toBeVisible();

  // The session is a cookie, not page state: it survives a reload.
  await page.reload();
  await expect(page.getByText(text("en", "account.signedInAs", { email }))).toBeVisible();
});
