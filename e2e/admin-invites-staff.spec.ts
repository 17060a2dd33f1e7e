import { expect, test } from "@playwright/test";
import { demoCity } from "./pages.ts";
import { linkFromOutbox, signInThroughPage, text, uniqueEmail } from "./support.ts";

/**
 * The city admin invites a new address as agency staff for Parks and Recreation; the invitee follows
 * the emailed link, signs in with an emailed sign-in link and accepts; the staff page then lists them.
 * Mail is read in the outbox page by the admin, in the admin's own browser.
 */

const parks = "Parks and Recreation";
const parksRole = `${text("en", "roles.agency_staff")} (${parks})`;

test("the admin invites agency staff, who accepts", async ({ page: admin, browser, baseURL }) => {
  const invitee = uniqueEmail("new-parks-staff");

  // The admin finds the staff page through the administration pages.
  await signInThroughPage(admin, "admin");
  await admin
    .getByRole("banner")
    .getByRole("link", { name: text("en", "nav.admin") })
    .click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(text("en", "admin.title"));
  await admin.getByRole("link", { name: text("en", "admin.sections.staff.title") }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(text("en", "staff.title"));

  const inviteForm = admin.getByRole("region", { name: text("en", "staff.inviteHeading") });
  await inviteForm.getByLabel(text("en", "fields.email")).fill(invitee);
  await inviteForm.getByLabel(text("en", "fields.role")).selectOption({ label: text("en", "roles.agency_staff") });
  await inviteForm.getByLabel(text("en", "fields.agency")).selectOption({ label: parks });
  await inviteForm.getByRole("button", { name: text("en", "staff.sendInvitation") }).click();
  await expect(inviteForm.getByRole("status").filter({ hasText: text("en", "staff.invited") })).toBeVisible();

  const invitations = admin.getByRole("region", { name: text("en", "staff.invitationsHeading") });
  const invitationRow = invitations.getByRole("row").filter({ hasText: invitee });
  await expect(invitationRow).toContainText(parksRole);
  await expect(invitationRow).toContainText(text("en", "staff.invitationStatus.pending"));

  const invitationLink = await linkFromOutbox(admin, invitee, text("en", "mail.invitation.subject", { city: "Springfield" }), /\/invitations\//);
  expect(invitationLink).toMatch(new RegExp(`/${demoCity}/invitations/[A-Za-z0-9_-]{20,}$`));

  const inviteeContext = await browser.newContext({ baseURL });
  try {
    const person = await inviteeContext.newPage();
    await person.goto(invitationLink);
    await expect(person.getByRole("heading", { level: 1 })).toHaveText(text("en", "invitation.title"));
    await expect(person.getByText(text("en", "invitation.offer", { city: "Springfield", role: parksRole }))).toBeVisible();

    // Not signed in yet: the invitation leads to the sign-in page, which comes back here afterwards.
    await person.getByRole("link", { name: text("en", "invitation.signInToAccept", { email: invitee }) }).click();
    await expect(person).toHaveURL(new RegExp(`/${demoCity}/sign-in\\?next=`));
    const linkForm = person.getByRole("region", { name: text("en", "signIn.linkHeading") });
    await linkForm.getByLabel(text("en", "fields.email")).fill(invitee);
    await linkForm.getByRole("button", { name: text("en", "signIn.sendLink") }).click();
    await expect(linkForm.getByRole("heading", { name: text("en", "signIn.linkSentHeading") })).toBeVisible();

    const signInLink = await linkFromOutbox(admin, invitee, text("en", "mail.magicLink.subject"), /\/api\/auth\/magic-link\/verify\?/);
    await person.goto(signInLink);
    await expect(person).toHaveURL(new URL(invitationLink).pathname);
    await person.getByRole("button", { name: text("en", "invitation.accept") }).click();
    await expect(person.getByRole("heading", { name: text("en", "invitation.acceptedHeading") })).toBeVisible();

    // The new staff member now reaches the administration pages.
    await person.getByRole("link", { name: text("en", "invitation.toAdmin") }).click();
    await expect(person.getByRole("heading", { level: 1 })).toHaveText(text("en", "admin.title"));
  } finally {
    await inviteeContext.close();
  }

  await admin.goto(`/${demoCity}/admin/staff`);
  const members = admin.getByRole("region", { name: text("en", "staff.membersHeading") });
  const memberRow = members.getByRole("row").filter({ hasText: invitee });
  await expect(memberRow).toHaveCount(1);
  await expect(memberRow.getByText(parksRole, { exact: true })).toBeVisible();
  await expect(invitations.getByRole("row").filter({ hasText: invitee })).toContainText(text("en", "staff.invitationStatus.accepted"));
});
