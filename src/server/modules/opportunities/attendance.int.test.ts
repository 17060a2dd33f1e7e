import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../platform/auth/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";
import { todayIn } from "../volunteers/credential-dates.ts";
import { ensureVolunteerProfile } from "../volunteers/index.ts";
import { volunteerProfiles } from "../volunteers/schema.ts";
import { scanCheckInCode } from "./attendance.ts";
import { queueDueReminders } from "./reminders.ts";
import { shiftNotices, shifts, signups, volunteerHours } from "./schema.ts";
import { sendPendingNotices } from "./send-notices.ts";

/** On the day: check-in by code, the roster, walk-ins, hours and their review; before it: reminders. */

let t: TestApp;
let city: City;
let lead: { cookie: string; userId: string };
let agencyId: string;

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("hillcrest");
  agencyId = (await t.createAgency(city, "health", "Health")).id;
  lead = await t.personWithRoles(city, "lead@hillcrest.example", [{ role: "agency_staff", agencyId }]);
});
afterAll(async () => t?.close());

const base = "/api/v1/cities/hillcrest";

async function shiftWith(options: { title?: string; startsInMinutes: number; minutes: number; capacity?: number; remote?: boolean }) {
  const opportunity = (
    await t.request({
      method: "POST",
      url: `${base}/opportunities`,
      cookie: lead.cookie,
      body: options.remote
        ? { agencyId, title: options.title ?? "Phone bank", summary: "Call neighbours about the flu clinic.", locationKind: "remote" }
        : {
            agencyId,
            title: options.title ?? "Flu clinic",
            summary: "Greet people and keep the queue moving.",
            locationKind: "in_person",
            address: "Clinic, 5 Elm St",
          },
    })
  ).json();
  await t.request({ method: "POST", url: `${base}/opportunities/${opportunity.id}/publish`, cookie: lead.cookie });
  const startsAt = new Date(Date.now() + Math.max(options.startsInMinutes, 2) * 60_000);
  const created = await t.request({
    method: "POST",
    url: `${base}/opportunities/${opportunity.id}/shifts`,
    cookie: lead.cookie,
    body: { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + options.minutes * 60_000).toISOString(), capacity: options.capacity ?? 10 },
  });
  const shiftId: string = created.json().shifts[0].id;
  if (options.startsInMinutes < 2) {
    // Shifts cannot be created in the past; move it to the time the test needs.
    const startsAtNow = new Date(Date.now() + options.startsInMinutes * 60_000);
    const endsAtNow = new Date(startsAtNow.getTime() + options.minutes * 60_000);
    await t.database.db.update(shifts).set({ startsAt: startsAtNow, endsAt: endsAtNow }).where(eq(shifts.id, shiftId));
    await t.database.db.update(signups).set({ startsAt: startsAtNow, endsAt: endsAtNow }).where(eq(signups.shiftId, shiftId));
  }
  return { opportunityId: opportunity.id as string, shiftId };
}

async function codeOf(shiftId: string) {
  const response = await t.request({ method: "GET", url: `${base}/shifts/${shiftId}/check-in-code`, cookie: lead.cookie });
  expect(response.statusCode).toBe(200);
  const body = response.json();
  expect(body.svg).toContain("<svg");
  return { url: body.url as string, token: new URL(body.url).searchParams.get("token") ?? "" };
}

describe("check-in by code", () => {
  it("checks in on the first scan, out on the second, and records the hours as pending", async () => {
    const { shiftId } = await shiftWith({ startsInMinutes: 5, minutes: 120 });
    const person = await t.personWithRoles(city, "nurse@hillcrest.example", [{ role: "volunteer" }]);
    await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/signups`, cookie: person.cookie });
    const { url, token } = await codeOf(shiftId);
    expect(url).toBe(`${testPublicUrl}/hillcrest/check-in/${shiftId}?token=${token}`);

    const arrival = await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/check-in`, cookie: person.cookie, body: { token } });
    expect(arrival.statusCode).toBe(200);
    expect(arrival.json()).toMatchObject({ checkedOutAt: null, minutes: null });

    // Leaving 90 minutes after the start counts 90 minutes.
    const [shift] = await t.database.db.select().from(shifts).where(eq(shifts.id, shiftId));
    const departure = await scanCheckInCode(t.database.db, {
      cityId: city.id,
      timeZone: city.timeZone,
      shiftId,
      token,
      userId: person.userId,
      signingKey: t.services.signingKey,
      now: new Date((shift?.startsAt.getTime() ?? 0) + 90 * 60_000),
    });
    expect(departure.minutes).toBe(90);
    const [hours] = await t.database.db
      .select()
      .from(volunteerHours)
      .where(eq(volunteerHours.opportunityId, shift?.opportunityId ?? ""));
    expect(hours).toMatchObject({ minutes: 90, status: "pending", source: "attendance" });
  });

  it("refuses a forged code, a code outside the shift's window, and someone not on the roster", async () => {
    const { shiftId } = await shiftWith({ startsInMinutes: 600, minutes: 60 });
    const person = await t.personWithRoles(city, "early@hillcrest.example", [{ role: "volunteer" }]);
    await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/signups`, cookie: person.cookie });
    const { token } = await codeOf(shiftId);
    const forged = await t.request({
      method: "POST",
      url: `${base}/shifts/${shiftId}/check-in`,
      cookie: person.cookie,
      body: { token: `${token.slice(0, -2)}xx` },
    });
    expect(forged.statusCode).toBe(403);
    const early = await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/check-in`, cookie: person.cookie, body: { token } });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe("Check-in opens an hour before the shift starts.");

    const open = await shiftWith({ startsInMinutes: 10, minutes: 60 });
    const stranger = await t.personWithRoles(city, "stranger@hillcrest.example", [{ role: "volunteer" }]);
    const notListed = await t.request({
      method: "POST",
      url: `${base}/shifts/${open.shiftId}/check-in`,
      cookie: stranger.cookie,
      body: { token: (await codeOf(open.shiftId)).token },
    });
    expect(notListed.json().detail).toBe("You do not have a place on this shift. Ask the site lead to add you.");
  });
});

describe("roster", () => {
  it("shows the site lead contact details, takes walk-ins even when full, and marks attendance", async () => {
    const { shiftId, opportunityId } = await shiftWith({ startsInMinutes: -30, minutes: 180, capacity: 1 });
    const [shift] = await t.database.db.select().from(shifts).where(eq(shifts.id, shiftId));
    // The only place was taken before the shift began.
    const early = await t.personWithRoles(city, "first@hillcrest.example", [{ role: "volunteer" }]);
    const volunteer = (await ensureVolunteerProfile(t.database.db, city.id, early.userId)).id;
    await t.database.db.insert(signups).values({
      cityId: city.id,
      shiftId,
      volunteerId: volunteer,
      status: "confirmed",
      startsAt: shift?.startsAt ?? new Date(),
      endsAt: shift?.endsAt ?? new Date(),
      confirmedAt: new Date(),
    });
    await t.database.db.update(shifts).set({ confirmedCount: 1 }).where(eq(shifts.id, shiftId));

    const walkIn = await t.request({
      method: "POST",
      url: `${base}/shifts/${shiftId}/walk-ins`,
      cookie: lead.cookie,
      body: { name: "Sam Walker", email: null },
    });
    expect(walkIn.statusCode).toBe(201);
    const roster = (await t.request({ method: "GET", url: `${base}/shifts/${shiftId}/roster`, cookie: lead.cookie })).json();
    expect(roster.shift).toMatchObject({ capacity: 2, confirmedCount: 2 });
    const sam = roster.entries.find((entry: { name: string }) => entry.name === "Sam Walker");
    expect(sam).toMatchObject({ walkIn: true, email: null, status: "confirmed" });
    expect(roster.entries.find((entry: { email: string }) => entry.email === "first@hillcrest.example")).toBeDefined();

    const firstEntry = roster.entries.find((entry: { email: string }) => entry.email === "first@hillcrest.example");
    expect(
      (await t.request({ method: "POST", url: `${base}/signups/${firstEntry.signupId}/attendance`, cookie: lead.cookie, body: { attended: true } })).statusCode,
    ).toBe(204);
    const [hours] = await t.database.db.select().from(volunteerHours).where(eq(volunteerHours.signupId, firstEntry.signupId));
    expect(hours).toMatchObject({ minutes: 180, status: "pending", opportunityId });
    expect(
      (await t.request({ method: "POST", url: `${base}/signups/${firstEntry.signupId}/attendance`, cookie: lead.cookie, body: { attended: false } }))
        .statusCode,
    ).toBe(204);
    expect(await t.database.db.select().from(volunteerHours).where(eq(volunteerHours.signupId, firstEntry.signupId))).toEqual([]);

    const csv = await t.request({ method: "GET", url: `${base}/shifts/${shiftId}/roster.csv`, cookie: lead.cookie });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\r\n")[0]).toBe("\uFEFFname,email,phone,status,waitlist_position,walk_in,checked_in_at,checked_out_at,minutes,hours_status");
    expect(csv.body).toContain("Sam Walker,,,confirmed,,yes,");
  });

  it("is not for volunteers, nor for staff of another agency", async () => {
    const { shiftId } = await shiftWith({ startsInMinutes: 300, minutes: 60 });
    const volunteer = await t.personWithRoles(city, "curious@hillcrest.example", [{ role: "volunteer" }]);
    const otherAgency = (await t.createAgency(city, "roads", "Roads")).id;
    const roads = await t.personWithRoles(city, "roads@hillcrest.example", [{ role: "agency_staff", agencyId: otherAgency }]);
    expect((await t.request({ method: "GET", url: `${base}/shifts/${shiftId}/roster`, cookie: volunteer.cookie })).statusCode).toBe(403);
    expect((await t.request({ method: "GET", url: `${base}/shifts/${shiftId}/roster`, cookie: roads.cookie })).statusCode).toBe(403);
    expect((await t.request({ method: "GET", url: `${base}/shifts/${shiftId}/roster.csv`, cookie: roads.cookie })).statusCode).toBe(403);
  });
});

describe("hours", () => {
  it("are reported for remote work, reviewed by staff of that agency, and rejected with a reason", async () => {
    const { opportunityId } = await shiftWith({ startsInMinutes: 300, minutes: 60, remote: true });
    const person = await t.personWithRoles(city, "caller@hillcrest.example", [{ role: "volunteer" }]);
    // The city's today, not UTC's: between midnight UTC and midnight in the city they differ.
    const today = todayIn(city.timeZone);
    const reported = await t.request({
      method: "POST",
      url: `${base}/me/hours`,
      cookie: person.cookie,
      body: { opportunityId, workedOn: today, minutes: 75, description: "Called 40 neighbours" },
    });
    expect(reported.statusCode).toBe(201);
    const future = await t.request({
      method: "POST",
      url: `${base}/me/hours`,
      cookie: person.cookie,
      body: { opportunityId, workedOn: "2999-01-01", minutes: 75, description: "Time travel" },
    });
    expect(future.json().errors).toEqual([{ field: "workedOn", message: "You cannot report hours for a day that has not come yet." }]);

    const pending = (await t.request({ method: "GET", url: `${base}/hours?status=pending`, cookie: lead.cookie })).json().entries;
    const entry = pending.find((item: { id: string }) => item.id === reported.json().id);
    expect(entry).toMatchObject({ minutes: 75, source: "self_reported", volunteer: { name: "caller" } });

    const noReason = await t.request({ method: "POST", url: `${base}/hours/${entry.id}/reject`, cookie: lead.cookie, body: {} });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await t.request({ method: "POST", url: `${base}/hours/${entry.id}/reject`, cookie: lead.cookie, body: { reason: "No calls logged that day" } }))
        .statusCode,
    ).toBe(204);
    const mine = (await t.request({ method: "GET", url: `${base}/hours?status=rejected`, cookie: lead.cookie })).json().entries;
    expect(mine.find((item: { id: string }) => item.id === entry.id)).toMatchObject({ status: "rejected", rejectionReason: "No calls logged that day" });
    expect((await t.request({ method: "POST", url: `${base}/hours/${entry.id}/approve`, cookie: lead.cookie })).statusCode).toBe(204);
    const audit = await t.request({
      method: "GET",
      url: `/api/v1/cities/hillcrest/audit-events?action=hours.approved`,
      cookie: (await t.personWithRoles(city, "admin@hillcrest.example", [{ role: "city_admin" }])).cookie,
    });
    expect(audit.json().events[0]).toMatchObject({ actor: "lead@hillcrest.example", before: { status: "rejected" } });

    const own = (await t.request({ method: "GET", url: `${base}/me/hours`, cookie: person.cookie })).json().entries;
    expect(own).toEqual([
      expect.objectContaining({ minutes: 75, status: "approved", source: "self_reported", opportunity: expect.objectContaining({ title: "Phone bank" }) }),
    ]);

    const csv = await t.request({ method: "GET", url: `${base}/hours.csv`, cookie: lead.cookie });
    expect(csv.body).toContain("caller,Phone bank,self_reported,75,1.25,approved");
  });
});

describe("reminders and calendars", () => {
  it("queue the day-before and two-hour reminders once each, with the shift attached", async () => {
    const { shiftId } = await shiftWith({ title: "Blood drive", startsInMinutes: 23 * 60, minutes: 120 });
    const person = await t.personWithRoles(city, "donor@hillcrest.example", [{ role: "volunteer" }]);
    await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/signups`, cookie: person.cookie });
    // The place was taken well before the reminder time.
    await t.database.db
      .update(signups)
      .set({ createdAt: new Date(Date.now() - 3 * 86_400_000) })
      .where(eq(signups.shiftId, shiftId));
    expect(await queueDueReminders(t.database.db)).toBeGreaterThanOrEqual(1);
    expect(await queueDueReminders(t.database.db)).toBe(0);
    await sendPendingNotices(t.database.db, t.services.mailer, testPublicUrl);
    const reminder = await t.awaitMail("donor@hillcrest.example", "shift-reminder-first");
    expect(reminder?.subject).toBe("Reminder: Blood drive");
    const event = ICAL.Component.fromString(reminder?.attachments[0]?.content ?? "").getFirstSubcomponent("vevent");
    expect(event?.getFirstPropertyValue("summary")).toBe("Blood drive");
    const second = await t.database.db
      .select()
      .from(shiftNotices)
      .innerJoin(signups, eq(signups.id, shiftNotices.signupId))
      .where(and(eq(signups.shiftId, shiftId), eq(shiftNotices.kind, "reminder-second")));
    expect(second).toHaveLength(0);
  });

  it("offer each volunteer a private feed that a real iCalendar parser reads", async () => {
    const { shiftId } = await shiftWith({ title: "Vaccination day", startsInMinutes: 3000, minutes: 240 });
    const person = await t.personWithRoles(city, "feed@hillcrest.example", [{ role: "volunteer" }]);
    await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/signups`, cookie: person.cookie });
    const { calendarUrl } = (await t.request({ method: "GET", url: `${base}/me/signups`, cookie: person.cookie })).json();
    expect(calendarUrl).toMatch(new RegExp(`^${testPublicUrl}/api/v1/calendar/[\\w-]+\\.ics$`));
    const feed = await t.request({ method: "GET", url: calendarUrl.replace(testPublicUrl, "") });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toContain("text/calendar");
    const calendar = ICAL.Component.fromString(feed.body);
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    const events = calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
    expect(events.map((event) => event.summary)).toEqual(["Vaccination day"]);
    const [event] = events;
    if (!event) throw new Error("no event in the feed");
    expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(240 * 60_000);
    expect((await t.request({ method: "GET", url: "/api/v1/calendar/not-a-real-token-at-all-xxxxxxxx.ics" })).statusCode).toBe(404);
  });
});

describe("signing up without an account", () => {
  it("takes the place at once and mails a link to confirm the address", async () => {
    const { shiftId } = await shiftWith({ title: "Community dinner", startsInMinutes: 4000, minutes: 120 });
    const answer = await t.request({
      method: "POST",
      url: `${base}/shifts/${shiftId}/guest-signups`,
      body: { name: "Rosa Díaz", email: "Rosa@Example.org" },
      headers: { "accept-language": "es" },
    });
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toEqual({ status: "confirmed", waitlistPosition: null, email: "rosa@example.org" });
    const link = await t.latestMail("rosa@example.org", "magic-link");
    expect(link?.subject).toBe("Confirme su correo para Civitas");
    expect(link?.textBody).toContain("callbackURL=%2Fhillcrest%2Fmy-shifts");
    // Following the link proves the address and signs the resident in, on their shifts.
    const url = link?.textBody.match(/https?:\/\/\S+magic-link\/verify\S+/)?.[0] ?? "";
    const followed = await t.request({ method: "GET", url: url.replace(testPublicUrl, "") });
    expect(followed.statusCode).toBe(302);
    expect(followed.headers.location).toBe(`${testPublicUrl}/hillcrest/my-shifts`);
    const session =
      ([] as string[])
        .concat(followed.headers["set-cookie"] ?? [])
        .find((cookie) => cookie.startsWith("civitas.session_token="))
        ?.split(";")[0] ?? "";
    const mine = (await t.request({ method: "GET", url: `${base}/me/signups`, cookie: session })).json();
    expect(mine.upcoming.map((place: { shift: { id: string } }) => place.shift.id)).toEqual([shiftId]);
    const bad = await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/guest-signups`, body: { name: "", email: "not an email" } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(["email", "name"]);
  });
});

describe("signing up without an account, for an opportunity with requirements", () => {
  it("asks the resident to sign in and fill in a profile, and makes no account", async () => {
    const opportunity = (
      await t.request({
        method: "POST",
        url: `${base}/opportunities`,
        cookie: lead.cookie,
        body: {
          agencyId,
          title: "Bilingual desk",
          summary: "Help Spanish speakers at the clinic desk.",
          locationKind: "in_person",
          address: "Clinic",
          requiredLanguages: ["es"],
          minimumAge: 16,
        },
      })
    ).json();
    await t.request({ method: "POST", url: `${base}/opportunities/${opportunity.id}/publish`, cookie: lead.cookie });
    const startsAt = new Date(Date.now() + 5 * 86_400_000);
    const shiftId = (
      await t.request({
        method: "POST",
        url: `${base}/opportunities/${opportunity.id}/shifts`,
        cookie: lead.cookie,
        body: { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), capacity: 3 },
      })
    ).json().shifts[0].id;
    const refused = await t.request({
      method: "POST",
      url: `${base}/shifts/${shiftId}/guest-signups`,
      body: { name: "Guest", email: "guest@hillcrest.example" },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      title: "Something this opportunity asks for is missing",
      detail:
        "This opportunity asks for speaking Spanish; being at least 16 on the day. We check that on a volunteer profile, so please sign in (or create an account) and fill in your profile first.",
    });
    expect(await t.database.db.select().from(users).where(eq(users.email, "guest@hillcrest.example"))).toEqual([]);
    // The shift itself can be read by anyone, for the page a QR code opens.
    expect((await t.request({ method: "GET", url: `${base}/shifts/${shiftId}` })).json()).toMatchObject({
      id: shiftId,
      opportunity: { title: "Bilingual desk" },
    });
  });
});

describe("deleting an account", () => {
  it("gives up the person's coming places, promoting whoever waits, and keeps their hours anonymously", async () => {
    const { shiftId } = await shiftWith({ title: "Food drive", startsInMinutes: 5000, minutes: 60, capacity: 1 });
    const leaver = await t.personWithRoles(city, "leaver@hillcrest.example", [{ role: "volunteer" }]);
    const next = await t.personWithRoles(city, "next@hillcrest.example", [{ role: "volunteer" }]);
    await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/signups`, cookie: leaver.cookie });
    expect((await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/signups`, cookie: next.cookie })).json().status).toBe("waitlisted");
    const [profile] = await t.database.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, leaver.userId));
    const { opportunityId } = await shiftWith({ startsInMinutes: 300, minutes: 60, remote: true });
    await t.database.db.insert(volunteerHours).values({
      cityId: city.id,
      volunteerId: profile?.id ?? "",
      opportunityId,
      source: "self_reported",
      workedOn: "2026-01-05",
      minutes: 60,
      status: "approved",
      description: "my words",
    });

    expect((await t.request({ method: "DELETE", url: "/api/v1/me", cookie: leaver.cookie, body: { confirm: true } })).statusCode).toBe(204);
    expect((await t.request({ method: "GET", url: `${base}/me/signups`, cookie: next.cookie })).json().upcoming[0].status).toBe("confirmed");
    const kept = await t.database.db
      .select()
      .from(volunteerHours)
      .where(eq(volunteerHours.volunteerId, profile?.id ?? ""));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ minutes: 60, status: "approved", description: "" });
    const [anonymous] = await t.database.db
      .select()
      .from(volunteerProfiles)
      .where(eq(volunteerProfiles.id, profile?.id ?? ""));
    expect(anonymous?.userId).toBeNull();
  });
});
