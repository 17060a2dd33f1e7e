import { expect, test } from "@playwright/test";
import { originOf } from "./opportunity-samples.ts";
import { demoCity } from "./pages.ts";
import { signInContext, text, uniqueEmail } from "./support.ts";

/**
 * A developer registers as a vendor; the DSO rejects the registration with a reason, then verifies
 * it; the developer reads each answer on their page and, once verified, holds the city's vendor role.
 * And the fund: a double click on "Add to the fund" adds the money once.
 */

const cityApi = `/api/v1/cities/${demoCity}`;

test("a vendor registers, is rejected with a reason, then verified, and reads each answer", async ({ page, browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const email = uniqueEmail("vendor-journey");
  const legalName = `Journey Works ${Date.now().toString(36)}`;
  const signedUp = await page.request.post("/api/auth/sign-up/email", {
    data: { name: "Jo Journey", email, password: "a long vendor passphrase" },
    headers: originOf(baseURL),
  });
  expect(signedUp.status(), await signedUp.text()).toBe(200);

  // The developer registers.
  await page.goto(`/${demoCity}/vendor`);
  await expect(page.getByRole("heading", { level: 1, name: text("en", "vendors.own.title") })).toBeVisible();
  await page.getByLabel(text("en", "vendors.fields.legalName")).fill(legalName);
  // USWDS draws the box in the label; the input itself is hidden, so a person clicks the label.
  const smallBusiness = page.getByRole("checkbox", { name: text("en", "vendors.fields.smallBusiness") });
  await page.locator(`label[for="${await smallBusiness.getAttribute("id")}"]`).click();
  await expect(smallBusiness).toBeChecked();
  await page.getByRole("button", { name: text("en", "vendors.own.submit") }).click();
  await expect(page.getByRole("heading", { name: text("en", "vendors.own.pending.heading") })).toBeVisible();

  // The DSO finds it waiting and rejects it with a reason.
  const staffContext = await browser.newContext({ baseURL });
  await signInContext(staffContext, baseURL, "dso");
  const staff = await staffContext.newPage();
  await staff.goto(`/${demoCity}/admin/vendors?status=pending`);
  const item = staff.getByRole("listitem").filter({ has: staff.getByRole("heading", { name: legalName }) });
  await expect(item).toBeVisible();
  await item.getByRole("button", { name: `${text("en", "vendors.review.reject")} – ${legalName}` }).click();
  await item.getByLabel(text("en", "vendors.fields.reason")).fill("The tax form on file has expired.");
  await item.getByRole("button", { name: `${text("en", "vendors.review.confirmReject")} – ${legalName}` }).click();
  await expect(staff.getByRole("status").filter({ hasText: text("en", "vendors.review.done.rejected", { name: legalName }) })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: text("en", "vendors.own.rejected.heading") })).toBeVisible();
  await expect(page.getByText("The tax form on file has expired.").first()).toBeVisible();

  // The DSO verifies it after all.
  await staff.goto(`/${demoCity}/admin/vendors?status=rejected`);
  await item.getByRole("button", { name: `${text("en", "vendors.review.verify")} – ${legalName}` }).click();
  await expect(staff.getByRole("status").filter({ hasText: text("en", "vendors.review.done.verified", { name: legalName }) })).toBeVisible();
  await staffContext.close();

  await page.reload();
  await expect(page.getByRole("heading", { name: text("en", "vendors.own.verified.heading") })).toBeVisible();
  await expect(page.getByRole("link", { name: text("en", "vendors.own.links.bounties") })).toBeVisible();
  const me = (await (await page.request.get("/api/v1/me")).json()) as { memberships: { city: { slug: string }; roles: { role: string }[] }[] };
  const roles = me.memberships.find((membership) => membership.city.slug === demoCity)?.roles.map((grant) => grant.role);
  expect(roles).toContain("vendor");
});

test("a double click on the fund form adds the money once", async ({ page, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  await signInContext(page.context(), baseURL, "admin");
  const note = `Journey top-up ${Date.now().toString(36)}`;

  await page.goto(`/${demoCity}/admin/fund`);
  await expect(page.getByRole("heading", { level: 1, name: text("en", "fund.title") })).toBeVisible();
  // An amount that reads two ways is refused before anything is sent.
  await page.getByLabel(text("en", "fund.add.amount")).fill("1.234");
  await page.getByRole("button", { name: text("en", "fund.add.submit") }).click();
  await expect(page.getByText(text("en", "fund.add.amountErrors.unreadable")).first()).toBeVisible();

  await page.getByLabel(text("en", "fund.add.amount")).fill("1,234.56");
  await page.getByLabel(text("en", "fund.add.note")).fill(note);
  await page.getByRole("button", { name: text("en", "fund.add.submit") }).dblclick();
  await expect(page.getByRole("status").filter({ hasText: text("en", "fund.add.added", { amount: "$1,234.56" }) })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: note })).toHaveCount(1);

  // Other tests may add to the fund at the same time: the posting itself is what this click made.
  const { postings } = (await (await page.request.get(`${cityApi}/ledger/postings`)).json()) as {
    postings: { description: string; lines: { account: string; amountMinor: number }[] }[];
  };
  const ours = postings.filter((posting) => posting.description === note);
  expect(ours).toHaveLength(1);
  expect(ours[0]?.lines.find((line) => line.account === "fund")?.amountMinor).toBe(123_456);
});
