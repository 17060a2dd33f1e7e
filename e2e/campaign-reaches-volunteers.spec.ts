import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { campaignMailTo, newCampaignVolunteer, sendCampaignToNeighbourhood, unsubscribeTokenIn } from "./campaign-samples.ts";
import { apiAs, originOf, publishOpportunity } from "./opportunity-samples.ts";
import { demoAccounts, demoCity } from "./pages.ts";
import { linkFromOutbox, signInContext, text, uniqueEmail } from "./support.ts";

/**
 * A member of DSO staff calls volunteers to action: builds an audience and watches the count, writes
 * the message in English and Spanish linked to an opportunity, previews it and sends it. The volunteer
 * follows the tracked link in the message and signs up, and the campaign's results count both. And
 * the unsubscribe link in a message works for someone who is not signed in.
 */

const password = "a long resident passphrase";

async function signedInResident(browser: Browser, baseURL: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  const response = await context.request.post("/api/auth/sign-in/email", { data: { email, password }, headers: originOf(baseURL) });
  expect(response.status(), await response.text()).toBe(200);
  return context;
}

/** The live count's sentence, once it has settled on a number. */
async function settledCount(page: Page): Promise<string> {
  const count = page.locator("#audience-count");
  await expect(count).toContainText(/\d/);
  await expect(page.locator(".civitas-audience-count[aria-busy]")).toHaveCount(0);
  return (await count.textContent()) ?? "";
}

/** A number in the results table: the row of the stage, the "Volunteers" column. */
function funnelCell(page: Page, stage: string) {
  return page.locator(`tr[data-stage="${stage}"] td`).first();
}

test("a campaign reaches the right volunteers, and its results count who clicked and signed up", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const tag = Date.now().toString(36);
  const neighbourhood = `Barrio Alegre ${tag}`;
  const volunteerEmail = uniqueEmail("campaign-volunteer");
  const title = `Journey: food bank sorters ${tag}`;

  // An opportunity with a shift three days ahead, and a volunteer who speaks Spanish and lives in a
  // neighbourhood nobody else has.
  const staffApi = await apiAs(baseURL, demoAccounts.dso);
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
  inThreeDays.setUTCMinutes(0, 0, 0);
  const opportunity = await publishOpportunity(staffApi, baseURL, {
    title,
    shifts: [{ startsAt: inThreeDays.toISOString(), endsAt: new Date(inThreeDays.getTime() + 2 * 3_600_000).toISOString(), capacity: 5 }],
  });
  await staffApi.dispose();
  const volunteerApi = await newCampaignVolunteer(baseURL, { name: "Marisol Quintana", email: volunteerEmail, neighbourhood, languages: ["es"] });
  await volunteerApi.dispose();

  const staffContext = await browser.newContext({ baseURL });
  const adminContext = await browser.newContext({ baseURL });
  const volunteerContext = await signedInResident(browser, baseURL, volunteerEmail);
  try {
    await signInContext(staffContext, baseURL, "dso");
    const page = await staffContext.newPage();

    // From the administration home to a new campaign.
    await page.goto(`/${demoCity}/admin`);
    await page.getByRole("link", { name: text("en", "admin.sections.campaigns.title") }).click();
    await expect(page.getByRole("heading", { level: 1, name: text("en", "campaigns.title") })).toBeVisible();
    await page.getByRole("link", { name: text("en", "campaigns.list.new") }).click();
    await expect(page.getByRole("heading", { level: 1, name: text("en", "campaigns.editor.newTitle") })).toBeVisible();
    await page.getByLabel(text("en", "campaigns.fields.name")).fill(`Food bank sorters ${tag}`);

    // The audience: everyone at first; Spanish speakers; then only the new volunteer's neighbourhood.
    const everyone = await settledCount(page);
    expect(everyone).toMatch(/volunteers? will receive this/);
    await page.locator("summary", { hasText: text("en", "campaigns.audience.languages") }).click();
    await page.getByLabel(text("en", "volunteers.profile.languageFilter")).fill("span");
    // The USWDS checkbox is drawn on its label; a mouse user clicks the label.
    await page.locator('label[for="audience-language-es"]').click();
    await expect(page.getByRole("checkbox", { name: "Spanish", exact: true })).toBeChecked();
    await expect(page.locator("#audience-count")).not.toHaveText(everyone);
    const spanishSpeakers = await settledCount(page);
    // Filters open from the keyboard too.
    await page.locator("summary", { hasText: text("en", "campaigns.audience.place") }).focus();
    await page.keyboard.press("Enter");
    await page.getByLabel(text("en", "campaigns.audience.neighbourhoods")).fill(neighbourhood);
    await expect(page.locator("#audience-count")).not.toHaveText(spanishSpeakers);
    await expect(page.locator("#audience-count")).toHaveText(text("en", "campaigns.audience.reachable_one", { formatted: "1" }));
    // The count is a polite live region, so screen readers hear it change.
    await expect(page.locator("#audience-count")).toHaveAttribute("aria-live", "polite");

    // Messages in English (the city's language) and Spanish, linked to the opportunity.
    await page.locator("#campaign-message-en-subject").fill(`Sort food with us ${tag}`);
    await page.locator("#campaign-message-en-body").fill("Hello {{name}},\n\nThe food bank needs sorters this week.");
    await page.getByLabel(text("en", "campaigns.messages.addLabel")).selectOption({ label: "Spanish" });
    await page.getByRole("button", { name: text("en", "campaigns.messages.add"), exact: true }).click();
    // Focus goes to the new message's first field.
    await expect(page.locator("#campaign-message-es-subject")).toBeFocused();
    await page.locator("#campaign-message-es-subject").fill(`Clasifique alimentos con nosotros ${tag}`);
    await page.locator("#campaign-message-es-body").fill("Hola, {{name}}:\n\nEl banco de alimentos necesita ayuda esta semana.");
    await page.getByLabel(text("en", "campaigns.fields.opportunity")).selectOption({ label: title });
    await page.getByRole("button", { name: text("en", "campaigns.editor.create") }).click();
    await expect(page).toHaveURL(new RegExp(`/${demoCity}/admin/campaigns/[0-9a-f-]{36}$`));
    await expect(page.getByText(text("en", "campaigns.editor.created"))).toBeVisible();
    await expect(page.locator("#campaign-status").locator("..")).toContainText(text("en", "campaigns.status.draft"));

    // The Spanish preview: the subject, the volunteer's name filled in, and the button to the opportunity.
    await page.getByLabel(text("en", "campaigns.preview.language"), { exact: true }).selectOption({ label: "Spanish" });
    await page.getByRole("button", { name: text("en", "campaigns.preview.show") }).click();
    const preview = page.locator("#campaign-preview-result");
    await expect(preview).toContainText(`Clasifique alimentos con nosotros ${tag}`);
    const mail = page.frameLocator(".civitas-campaign-preview__frame");
    await expect(mail.getByText("El banco de alimentos necesita ayuda esta semana.")).toBeVisible();
    await expect(mail.getByText(`Hola, ${text("es", "mail.campaign.sampleName").split(" ")[0]}:`)).toBeVisible();
    await expect(mail.getByRole("link", { name: text("es", "mail.campaign.action") })).toBeVisible();

    // Send now, after a confirmation that says how many people it goes to.
    await page.getByRole("button", { name: text("en", "campaigns.send.sendNow") }).click();
    const question = page.locator("#campaign-send-question");
    await expect(question).toContainText("to 1 volunteer?");
    await expect(page.getByRole("button", { name: text("en", "campaigns.send.confirmNowButton") })).toBeFocused();
    await page.getByRole("button", { name: text("en", "campaigns.send.confirmNowButton") }).click();
    // The form makes way for the results; focus goes to where the campaign stands.
    await expect(page.locator("#campaign-status-text")).toBeFocused();
    await expect(page.locator(".civitas-status-panel .usa-tag")).toHaveText(text("en", "campaigns.status.sent"), { timeout: 30_000 });
    await expect(funnelCell(page, "sent")).toHaveText("1");
    await expect(funnelCell(page, "clicked")).toHaveText("0");

    // A city admin reads the message in the outbox: the volunteer got it in Spanish.
    const adminPage = await adminContext.newPage();
    await signInContext(adminContext, baseURL, "admin");
    const trackedLink = await linkFromOutbox(adminPage, volunteerEmail, `Clasifique alimentos con nosotros ${tag}`, /\/c\//);

    // The volunteer follows the tracked link to the opportunity and signs up.
    const volunteerPage = await volunteerContext.newPage();
    await volunteerPage.goto(trackedLink);
    await expect(volunteerPage).toHaveURL(new RegExp(`/${demoCity}/opportunities/${opportunity.id}`));
    await expect(volunteerPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await volunteerPage.getByRole("button", { name: new RegExp(`^${text("en", "shifts.signUp")}`) }).click();
    await expect(volunteerPage.getByText(text("en", "shifts.signedUp"))).toBeVisible();

    // The campaign's results count the click and the sign-up.
    await page.reload();
    await expect(funnelCell(page, "clicked")).toHaveText("1");
    await expect(funnelCell(page, "signedUp")).toHaveText("1");
    await expect(page.locator('tr[data-stage="signedUp"] td').nth(1)).toHaveText("100%");
    // The chart beside the table shows the same numbers.
    await expect(page.locator(".civitas-funnel__row--signedUp .civitas-funnel__value")).toHaveText("1");
  } finally {
    await staffContext.close();
    await adminContext.close();
    await volunteerContext.close();
  }
});

test("the unsubscribe link in a campaign message works without signing in", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const tag = Date.now().toString(36);
  const neighbourhood = `Loma Quieta ${tag}`;
  const email = uniqueEmail("campaign-unsubscriber");
  const name = `A note to ${neighbourhood}`;
  const resident = await newCampaignVolunteer(baseURL, { name: "Uma Ulloa", email, neighbourhood });
  const admin = await apiAs(baseURL, demoAccounts.admin);
  const staff = await apiAs(baseURL, demoAccounts.dso);
  const context = await browser.newContext({ baseURL });
  try {
    await sendCampaignToNeighbourhood(baseURL, { name, neighbourhood });
    const message = await campaignMailTo(admin, email);
    const token = unsubscribeTokenIn(message.textBody);
    // Mail clients can offer one-click unsubscribe too.
    expect(message.headers["List-Unsubscribe"]).toContain(token);

    const page = await context.newPage();
    await page.goto(`/${demoCity}/unsubscribe/${token}`);
    await expect(page.getByRole("heading", { level: 1, name: text("en", "unsubscribe.title") })).toBeVisible();
    await expect(page.getByText(text("en", "unsubscribe.from", { city: "Springfield", campaign: name }))).toBeVisible();
    await page.getByRole("button", { name: text("en", "unsubscribe.button") }).click();
    // The confirmation's heading only appears once the server has answered (the explanation before the
    // button holds the confirmation's sentence too, so the sentence alone proves nothing).
    await expect(page.getByRole("heading", { level: 2, name: text("en", "unsubscribe.doneHeading") })).toBeVisible();
    await expect(
      page.getByText(text("en", "unsubscribe.done", { city: "Springfield", what: text("en", "unsubscribe.what.email") }), { exact: true }),
    ).toBeVisible();

    // It holds: the volunteer's profile no longer agrees to email, and the audience can no longer reach them.
    const profile = await resident.get(`/api/v1/cities/${demoCity}/me/volunteer-profile`);
    expect(((await profile.json()) as { consent: { email: boolean } }).consent.email).toBe(false);
    const count = await staff.post(`/api/v1/cities/${demoCity}/campaigns/audience-count`, {
      headers: originOf(baseURL),
      data: { channel: "email", audience: { neighbourhoods: [neighbourhood] } },
    });
    expect(await count.json()).toEqual({ reachable: 0, unreachable: 1 });

    // Opened again, even without the city in the address, the link says so.
    await page.goto(`/unsubscribe/${token}`);
    await expect(page.getByRole("heading", { level: 2, name: text("en", "unsubscribe.alreadyHeading") })).toBeVisible();
    await expect(page.getByRole("button", { name: text("en", "unsubscribe.button") })).toHaveCount(0);
  } finally {
    await context.close();
    await resident.dispose();
    await admin.dispose();
    await staff.dispose();
  }
});
