import { expect, test } from "@playwright/test";
import { originOf } from "./opportunity-samples.ts";
import { demoCity } from "./pages.ts";
import { signInContext, text, uniqueEmail } from "./support.ts";

/**
 * Work done from home: a volunteer reports the time they spent on a remote opportunity from "Your
 * shifts", sees it waiting for review, staff turn it down with a reason, and the volunteer reads the
 * reason where they reported it.
 */

const remoteTitle = "Translate preparedness guides";

test("a volunteer reports remote hours and reads why staff did not approve them", async ({ page, browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const volunteerName = `Rémy Translator ${Date.now().toString(36)}`;
  const created = await page.request.post("/api/auth/sign-up/email", {
    data: { name: volunteerName, email: uniqueEmail("translator"), password: "a long resident passphrase" },
    headers: originOf(baseURL),
  });
  expect(created.status(), await created.text()).toBe(200);

  await page.goto(`/${demoCity}/my-shifts`);
  const report = page.getByRole("region", { name: text("en", "myShifts.report.heading") });
  await report.getByLabel(text("en", "myShifts.report.opportunity")).selectOption({ label: remoteTitle });
  await report.getByLabel(text("en", "myShifts.report.workedOn")).fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await report.getByLabel(text("en", "fields.description")).fill("Translated the heat guide into Spanish.");
  // No time given: the form says so and nothing is recorded.
  await report.getByRole("button", { name: text("en", "myShifts.report.submit") }).click();
  await expect(report.getByRole("heading", { name: text("en", "errors.titles.badRequest") })).toBeVisible();
  await expect(report.getByRole("listitem").filter({ hasText: `${text("en", "myShifts.report.time")}:` })).toHaveCount(1);
  await expect(page.getByRole("region", { name: text("en", "myShifts.reported.heading") })).toHaveCount(0);

  await report.getByLabel(text("en", "myShifts.report.hours")).fill("1");
  await report.getByLabel(text("en", "myShifts.report.minutes")).fill("30");
  await report.getByRole("button", { name: text("en", "myShifts.report.submit") }).click();
  await expect(report.getByText(text("en", "myShifts.report.sent"))).toBeVisible();

  const reported = page.getByRole("region", { name: text("en", "myShifts.reported.heading") });
  const entry = reported.getByRole("listitem").filter({ has: page.getByRole("link", { name: remoteTitle }) });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByText(text("en", "hours.status.pending"), { exact: true })).toBeVisible();
  await expect(entry.getByText("Translated the heat guide into Spanish.")).toBeVisible();

  // Staff turn it down with a reason.
  const staffContext = await browser.newContext({ baseURL });
  try {
    await signInContext(staffContext, baseURL, "dso");
    const staff = await staffContext.newPage();
    await staff.goto(`/${demoCity}/admin/hours`);
    const item = staff.getByRole("listitem").filter({ has: staff.getByRole("heading", { name: volunteerName }) });
    await expect(item.getByText(text("en", "hours.sources.self_reported"))).toBeVisible();
    await item.getByRole("button", { name: new RegExp(`^${text("en", "hours.reject")}`) }).click();
    await item.getByLabel(text("en", "hours.reason")).fill("The heat guide was translated last month; please pick the flood guide.");
    await item.getByRole("button", { name: new RegExp(`^${text("en", "hours.confirmReject")}`) }).click();
    await expect(item).toHaveCount(0);
  } finally {
    await staffContext.close();
  }

  await page.reload();
  await expect(entry.getByText(text("en", "hours.status.rejected"), { exact: true })).toBeVisible();
  await expect(
    entry.getByText(text("en", "myShifts.rejectedBecause", { reason: "The heat guide was translated last month; please pick the flood guide." })),
  ).toBeVisible();
});
