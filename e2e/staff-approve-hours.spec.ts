import { expect, type Page, test } from "@playwright/test";
import { originOf } from "./opportunity-samples.ts";
import { demoCity } from "./pages.ts";
import { signInContext, text, uniqueEmail } from "./support.ts";

/**
 * The whole loop as staff run it: write an opportunity and a shift in the editor and publish it; a
 * volunteer signs up; the site lead marks them present on the roster; their hours wait in the review
 * queue; staff approve them; the volunteer sees them approved on "Your shifts".
 */

/** A calendar day `days` from today in the city's time zone, as a date input takes it. */
function cityDate(timeZone: string, days: number): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [year, month, day] = parts.split("-").map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

function placeOn(page: Page, title: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
}

test("staff publish a shift, mark attendance and approve the hours the volunteer then sees", async ({ page, browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const title = `Journey: bench painting ${Date.now().toString(36)}`;
  const city = (await (await page.request.get(`/api/v1/cities/${demoCity}`)).json()) as { timeZone: string };
  await signInContext(page.context(), baseURL, "dso");

  // Staff write the opportunity.
  await page.goto(`/${demoCity}/admin/opportunities`);
  await page.getByRole("link", { name: text("en", "opportunities.staff.new") }).click();
  await expect(page.getByRole("heading", { level: 1, name: text("en", "opportunities.editor.newTitle") })).toBeVisible();
  await page.getByLabel(text("en", "fields.agency")).selectOption({ label: "Parks and Recreation" });
  await page.getByLabel(text("en", "opportunities.fields.title")).fill(title);
  await page.getByLabel(text("en", "opportunities.fields.summary")).fill("Sand and repaint the benches along the lake path.");
  await page.getByLabel(text("en", "opportunities.fields.address")).fill("Lake path, 500 Lake Shore Dr");
  await page.getByLabel(text("en", "opportunities.fields.neighbourhood")).fill("Lakeside");
  await page.getByRole("button", { name: text("en", "opportunities.editor.create") }).click();
  await expect(page.getByText(text("en", "opportunities.editor.created"))).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/${demoCity}/admin/opportunities/[0-9a-f-]{36}$`));
  const opportunityId = page.url().split("/").at(-1) ?? "";

  // A shift, in the city's wall-clock time, then publish.
  const addShift = page.getByRole("region", { name: text("en", "opportunities.editor.addShiftHeading") });
  await addShift.getByLabel(text("en", "opportunities.shiftFields.date")).fill(cityDate(city.timeZone, 2));
  await addShift.getByLabel(text("en", "opportunities.shiftFields.start")).fill("10:00");
  await addShift.getByLabel(text("en", "opportunities.shiftFields.end")).fill("12:00");
  await addShift.getByLabel(text("en", "opportunities.shiftFields.capacity")).fill("3");
  await addShift.getByRole("button", { name: text("en", "opportunities.editor.addShift") }).click();
  await expect(page.getByText(text("en", "opportunities.editor.shiftAdded"))).toBeVisible();
  const shifts = page.getByRole("region", { name: text("en", "opportunities.editor.shiftsHeading") });
  await expect(shifts.getByRole("heading", { level: 3, name: /10:00\sAM\s–\s12:00\sPM/ })).toBeVisible();
  await page.getByRole("button", { name: text("en", "opportunities.editor.publish") }).click();
  await expect(page.getByText(text("en", "opportunities.editor.changed.published"))).toBeVisible();

  // A volunteer signs up.
  const volunteerName = "Val Painter";
  const volunteerContext = await browser.newContext({ baseURL });
  try {
    const created = await volunteerContext.request.post("/api/auth/sign-up/email", {
      data: { name: volunteerName, email: uniqueEmail("painter"), password: "a long resident passphrase" },
      headers: originOf(baseURL),
    });
    expect(created.status(), await created.text()).toBe(200);
    const volunteer = await volunteerContext.newPage();
    await volunteer.goto(`/${demoCity}/opportunities/${opportunityId}`);
    await volunteer.getByRole("button", { name: new RegExp(`^${text("en", "shifts.signUp")}`) }).click();
    await expect(volunteer.getByText(text("en", "shifts.signedUp"))).toBeVisible();

    // The site lead marks them present on the roster, reached from the editor.
    await page.getByRole("link", { name: new RegExp(`^${text("en", "opportunities.editor.roster")}`) }).click();
    await expect(page.getByRole("heading", { level: 1, name: text("en", "roster.title") })).toBeVisible();
    const person = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: volunteerName }) });
    // The USWDS checkbox is drawn on its label; a finger taps the label.
    await person.locator("label", { hasText: text("en", "roster.present") }).click();
    await expect(person.getByRole("checkbox", { name: new RegExp(`^${text("en", "roster.present")}`) })).toBeChecked();
    await expect(person.getByText(text("en", "hours.status.pending"))).toBeVisible();

    // The hours wait in the review queue; staff approve them.
    await page.goto(`/${demoCity}/admin/hours`);
    const entry = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: volunteerName }) });
    await expect(entry.getByText(title, { exact: true })).toBeVisible();
    await expect(entry.getByText("2 hr", { exact: true })).toBeVisible();
    await entry.getByRole("button", { name: new RegExp(`^${text("en", "hours.approve")}`) }).click();
    await expect(entry).toHaveCount(0);
    await page.getByLabel(text("en", "hours.statusFilter")).selectOption("approved");
    await page.getByRole("button", { name: text("en", "common.filter") }).click();
    await expect(page).toHaveURL(/status=approved/);
    await expect(entry.getByText(text("en", "hours.status.approved"))).toBeVisible();

    // The volunteer sees them approved.
    await volunteer.goto(`/${demoCity}/my-shifts`);
    const place = placeOn(volunteer, title);
    await expect(place.getByText(text("en", "myShifts.hours", { time: "2 hr" }))).toBeVisible();
    await expect(place.getByText(text("en", "hours.status.approved"), { exact: true })).toBeVisible();
  } finally {
    await volunteerContext.close();
  }
});
