import { expect, test } from "@playwright/test";
import { demoCity } from "./pages.ts";
import { linkFromOutbox, signInThroughPage, text, uniqueEmail } from "./support.ts";

/**
 * A person asks for a sign-in link; with no mail server the message waits in the outbox, where a
 * city admin (in a second browser) reads it and passes the link on. The link signs the person in, once.
 */

test("a person signs in with a link emailed to them", async ({ page, browser, baseURL }) => {
  const email = uniqueEmail("link-person");
  const header = page.getByRole("banner");

  await page.goto(`/${demoCity}/sign-in`);
  const linkForm = page.getByRole("region", { name: text("en", "signIn.linkHeading") });
  await linkForm.getByLabel(text("en", "fields.email")).fill(email);
  await linkForm.getByRole("button", { name: text("en", "signIn.sendLink") }).click();
  await expect(linkForm.getByRole("heading", { name: text("en", "signIn.linkSentHeading") })).toBeVisible();
  await expect(linkForm.getByText(text("en", "signIn.outboxHint"))).toBeVisible();

  const adminContext = await browser.newContext({ baseURL });
  const adminPage = await adminContext.newPage();
  let link: string;
  try {
    await signInThroughPage(adminPage, "admin");
    link = await linkFromOutbox(adminPage, email, text("en", "mail.magicLink.subject"), /\/api\/auth\/magic-link\/verify\?/);
  } finally {
    await adminContext.close();
  }
  expect(new URL(link).origin).toBe(new URL(page.url()).origin);

  await page.goto(link);
  await expect(page).toHaveURL(`/${demoCity}`);
  await expect(header.getByRole("link", { name: text("en", "nav.account") })).toBeVisible();
  await header.getByRole("link", { name: text("en", "nav.account") }).click();
  await expect(page.getByText(text("en", "account.signedInAs", { email }))).toBeVisible();

  // The link works once: opened again, in a fresh browser, it explains and signs nobody in.
  const otherContext = await browser.newContext({ baseURL });
  try {
    const other = await otherContext.newPage();
    await other.goto(link);
    await expect(other).toHaveURL(new RegExp(`/${demoCity}/sign-in\\?link=expired`));
    await expect(other.getByRole("heading", { name: text("en", "signIn.linkExpiredHeading") })).toBeVisible();
    await expect(other.getByRole("banner").getByRole("link", { name: text("en", "nav.signIn") })).toBeVisible();
    await expect(other.getByRole("banner").getByRole("link", { name: text("en", "nav.account") })).toHaveCount(0);
  } finally {
    await otherContext.close();
  }
});
