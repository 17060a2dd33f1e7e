import { expect, test } from "@playwright/test";
import { demoGroup, demoProjectNames } from "./group-samples.ts";
import { originOf } from "./opportunity-samples.ts";
import { demoCity } from "./pages.ts";
import { signInContext, text, uniqueEmail } from "./support.ts";

/**
 * Civic-tech groups as their people use them: a volunteer applies to an open role of a project with
 * a message (and a second try at the same role gets a clear answer); the group's organizer approves
 * the application on the group's page; the volunteer then shows on the project with that role. And an
 * organizer puts a hack night with a date on the group's public page.
 */

const roleTitle = "UX researcher";

/** A calendar day `days` from today in the city's time zone, as a date input takes it. */
function cityDate(timeZone: string, days: number): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [year, month, day] = parts.split("-").map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

test("a volunteer applies to a project's role, the organizer approves, and the volunteer shows on the project", async ({ page, browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const volunteerName = `Robin Researcher ${Date.now().toString(36)}`;
  const created = await page.request.post("/api/auth/sign-up/email", {
    data: { name: volunteerName, email: uniqueEmail("researcher"), password: "a long resident passphrase" },
    headers: originOf(baseURL),
  });
  expect(created.status(), await created.text()).toBe(200);

  // The volunteer finds the project among the city's projects.
  await page.goto(`/${demoCity}/projects`);
  await page.getByRole("link", { name: demoProjectNames.permits }).click();
  await expect(page.getByRole("heading", { level: 1, name: demoProjectNames.permits })).toBeVisible();
  const projectUrl = page.url();

  // The same page open in a second tab, its form open too: the second try at the same role.
  const secondTab = await page.context().newPage();
  await secondTab.goto(projectUrl);
  const roleInSecondTab = secondTab.getByRole("article", { name: roleTitle });
  await roleInSecondTab.getByRole("button", { name: `${text("en", "projects.apply.start")} ${roleTitle}` }).click();

  const role = page.getByRole("article", { name: roleTitle });
  await expect(role.getByText(text("en", "projects.roleStatus.open"), { exact: true })).toBeVisible();
  await role.getByRole("button", { name: `${text("en", "projects.apply.start")} ${roleTitle}` }).click();
  await role
    .getByLabel(text("en", "projects.apply.message"))
    .fill("I run interviews for a living and would love to test the permit page with league organisers.");
  await role.getByRole("button", { name: text("en", "projects.apply.send") }).click();
  await expect(role.getByText(text("en", "projects.apply.sent"))).toBeVisible();
  await expect(role.getByText(text("en", "projects.apply.yours.pending"))).toBeVisible();
  await expect(role.getByRole("button", { name: new RegExp(`^${text("en", "projects.apply.start")}`) })).toHaveCount(0);

  await roleInSecondTab.getByLabel(text("en", "projects.apply.message")).fill("Applying once more, in case the first did not arrive.");
  await roleInSecondTab.getByRole("button", { name: text("en", "projects.apply.send") }).click();
  await expect(roleInSecondTab.getByText(text("en", "errors.groups.alreadyApplied"))).toBeVisible();
  await secondTab.close();

  // The application is on the volunteer's own list, waiting.
  await page.goto(`/${demoCity}/my-applications`);
  const mine = page.getByRole("row").filter({ hasText: roleTitle });
  await expect(mine.getByText(text("en", "projects.applicationStatus.pending"))).toBeVisible();

  // The organizer approves it on the group's page.
  const organizerContext = await browser.newContext({ baseURL });
  try {
    await signInContext(organizerContext, baseURL, "organizer");
    const organizer = await organizerContext.newPage();
    await organizer.goto(`/${demoCity}/groups/${demoGroup.slug}`);
    await organizer.getByRole("link", { name: text("en", "groups.detail.manage") }).click();
    await expect(organizer.getByRole("heading", { level: 1, name: text("en", "groups.manage.heading") })).toBeVisible();
    const applications = organizer.getByRole("region", { name: text("en", "groups.manage.applicationsHeading") });
    const application = applications.getByRole("listitem").filter({
      has: organizer.getByRole("heading", { name: text("en", "groups.manage.applicationTitle", { name: volunteerName, role: roleTitle }) }),
    });
    await expect(application.getByText("I run interviews for a living")).toBeVisible();
    await expect(application.getByText(text("en", "groups.manage.waitingDays_other", { count: "0" }))).toBeVisible();
    await application.getByRole("button", { name: `${text("en", "groups.manage.approve")} ${volunteerName}` }).click();
    // Only waiting applications are listed: the answered one leaves the list.
    await expect(application).toHaveCount(0);
  } finally {
    await organizerContext.close();
  }

  // The volunteer now holds the role and shows on the project with it.
  await page.goto(projectUrl);
  await expect(role.getByText(text("en", "projects.apply.yours.approved"))).toBeVisible();
  const members = page.getByRole("region", { name: text("en", "projects.detail.membersHeading") });
  await expect(members.getByText(text("en", "projects.detail.memberRole", { name: volunteerName, role: roleTitle }))).toBeVisible();
});

test("an organizer adds a hack night with a date from the group's page, and it shows on the public page", async ({ page, browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const title = `Hack night: open data ${Date.now().toString(36)}`;
  const city = (await (await page.request.get(`/api/v1/cities/${demoCity}`)).json()) as { timeZone: string };
  await signInContext(page.context(), baseURL, "organizer");

  await page.goto(`/${demoCity}/groups/${demoGroup.slug}/manage`);
  await page.getByRole("link", { name: text("en", "groups.manage.addEvent") }).click();
  await expect(page.getByRole("heading", { level: 1, name: text("en", "opportunities.editor.newTitle") })).toBeVisible();
  // The group hosts it: no agency to choose.
  await expect(page.getByText(text("en", "opportunities.editor.hostGroup"))).toBeVisible();
  await expect(page.getByLabel(text("en", "fields.agency"))).toHaveCount(0);
  await page.getByLabel(text("en", "opportunities.fields.title")).fill(title);
  await page.getByLabel(text("en", "opportunities.fields.summary")).fill("An evening with the city's open data: find a question, answer it together.");
  await page.getByLabel(text("en", "opportunities.fields.address")).fill("Springfield Public Library, Main Branch, 326 S 7th St");
  await page.getByRole("button", { name: text("en", "opportunities.editor.create") }).click();
  await expect(page.getByText(text("en", "opportunities.editor.created"))).toBeVisible();

  const addShift = page.getByRole("region", { name: text("en", "opportunities.editor.addShiftHeading") });
  await addShift.getByLabel(text("en", "opportunities.shiftFields.date")).fill(cityDate(city.timeZone, 9));
  await addShift.getByLabel(text("en", "opportunities.shiftFields.start")).fill("18:00");
  await addShift.getByLabel(text("en", "opportunities.shiftFields.end")).fill("21:00");
  await addShift.getByLabel(text("en", "opportunities.shiftFields.capacity")).fill("25");
  await addShift.getByRole("button", { name: text("en", "opportunities.editor.addShift") }).click();
  await expect(page.getByText(text("en", "opportunities.editor.shiftAdded"))).toBeVisible();
  await page.getByRole("button", { name: text("en", "opportunities.editor.publish") }).click();
  await expect(page.getByText(text("en", "opportunities.editor.changed.published"))).toBeVisible();

  // Anyone sees it among the group's coming events, and signs up on its page as for any shift.
  const visitor = await browser.newContext({ baseURL });
  try {
    const reader = await visitor.newPage();
    await reader.goto(`/${demoCity}/groups/${demoGroup.slug}`);
    const events = reader.getByRole("region", { name: text("en", "groups.detail.eventsHeading") });
    await events.getByRole("link", { name: title }).click();
    await expect(reader.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(reader.getByRole("link", { name: demoGroup.name })).toBeVisible();
  } finally {
    await visitor.close();
  }
});
