import { type BrowserContext, expect, test } from "@playwright/test";
import { apiAs, originOf, publishOpportunity } from "./opportunity-samples.ts";
import { demoAccounts, demoCity } from "./pages.ts";
import { text, uniqueEmail } from "./support.ts";

/**
 * A shift with one place: A takes it, B joins the waitlist as number 1. When A gives the place up on
 * "Your shifts", B has it at once, and a background job emails B that a place opened up.
 */

async function residentContext(browser: import("@playwright/test").Browser, baseURL: string, name: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  const response = await context.request.post("/api/auth/sign-up/email", {
    data: { name, email, password: "a long resident passphrase" },
    headers: originOf(baseURL),
  });
  expect(response.status(), await response.text()).toBe(200);
  return context;
}

test("a place given up goes to the first person waiting, who is told by email", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const title = `Journey: one-seat workshop ${Date.now().toString(36)}`;
  const staff = await apiAs(baseURL, demoAccounts.dso);
  const inFourDays = new Date(Date.now() + 4 * 86_400_000);
  inFourDays.setUTCMinutes(0, 0, 0);
  const opportunity = await publishOpportunity(staff, baseURL, {
    title,
    shifts: [{ startsAt: inFourDays.toISOString(), endsAt: new Date(inFourDays.getTime() + 3_600_000).toISOString(), capacity: 1, waitlistEnabled: true }],
  });

  const emailA = uniqueEmail("first");
  const emailB = uniqueEmail("second");
  const contextA = await residentContext(browser, baseURL, "Ari First", emailA);
  const contextB = await residentContext(browser, baseURL, "Bea Second", emailB);
  try {
    const pageA = await contextA.newPage();
    const pageB = await contextB.newPage();

    // A takes the only place.
    await pageA.goto(`/${demoCity}/opportunities/${opportunity.id}`);
    await pageA.getByRole("button", { name: new RegExp(`^${text("en", "shifts.signUp")}`) }).click();
    await expect(pageA.getByText(text("en", "shifts.signedUp"))).toBeVisible();

    // B finds it full and joins the waitlist, first in line.
    await pageB.goto(`/${demoCity}/opportunities/${opportunity.id}`);
    await expect(pageB.getByText(text("en", "shifts.waitlistOpen"), { exact: true })).toBeVisible();
    await pageB.getByRole("button", { name: new RegExp(`^${text("en", "shifts.joinWaitlist")}`) }).click();
    await expect(pageB.getByText(text("en", "shifts.waitlisted", { position: "1" }))).toBeVisible();
    await pageB.goto(`/${demoCity}/my-shifts`);
    const placeB = pageB.getByRole("listitem").filter({ has: pageB.getByRole("link", { name: title }) });
    await expect(placeB.getByText(text("en", "myShifts.status.waitlisted", { position: "1" }))).toBeVisible();

    // A gives the place up on "Your shifts", after confirming.
    await pageA.goto(`/${demoCity}/my-shifts`);
    const placeA = pageA.getByRole("listitem").filter({ has: pageA.getByRole("link", { name: title }) });
    await placeA.getByRole("button", { name: new RegExp(`^${text("en", "shifts.giveUp")}`) }).click();
    // Focus moves to the confirmation, which a keyboard user answers with Enter.
    await expect(placeA.getByRole("button", { name: text("en", "shifts.giveUpConfirm") })).toBeFocused();
    await pageA.keyboard.press("Enter");
    await expect(placeA.getByText(text("en", "myShifts.cancelled.volunteer"))).toBeVisible();

    // B now holds the place.
    await pageB.reload();
    await expect(placeB.getByText(text("en", "myShifts.status.confirmed"), { exact: true })).toBeVisible();

    // And B is told: the notice is sent by a background job, within about a second.
    const subject = text("en", "mail.shifts.promoted.subject", { title });
    const admin = await apiAs(baseURL, demoAccounts.admin);
    try {
      await expect
        .poll(
          async () => {
            const response = await admin.get(`/api/v1/cities/${demoCity}/outbox?recipient=${encodeURIComponent(emailB)}`);
            const { messages } = (await response.json()) as { messages: { subject: string }[] };
            return messages.map((message) => message.subject);
          },
          { timeout: 15_000 },
        )
        .toContain(subject);
    } finally {
      await admin.dispose();
    }
  } finally {
    await contextA.close();
    await contextB.close();
    await staff.dispose();
  }
});
