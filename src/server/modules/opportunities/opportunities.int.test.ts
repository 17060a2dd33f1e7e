import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type City, cities } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";
import { causes, skills } from "../volunteers/schema.ts";
import { shifts, signups } from "./schema.ts";
import { sendPendingNotices } from "./send-notices.ts";

/** Staff manage opportunities and shifts; residents find them in the listing and on their page. */

let t: TestApp;
let city: City;
let parksLead: { cookie: string; userId: string };
let parks: { id: string };
let library: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("riverbend");
  await t.database.db.update(cities).set({ timeZone: "America/Chicago" }).where(eq(cities.id, city.id));
  t.services.directory.forget("riverbend");
  parks = await t.createAgency(city, "parks", "Parks");
  library = await t.createAgency(city, "library", "Library");
  parksLead = await t.personWithRoles(city, "lead@riverbend.example", [{ role: "agency_staff", agencyId: parks.id }]);
});
afterAll(async () => t?.close());

const base = "/api/v1/cities/riverbend";

async function createOpportunity(body: Record<string, unknown> = {}) {
  return t.request({
    method: "POST",
    url: `${base}/opportunities`,
    cookie: parksLead.cookie,
    body: {
      agencyId: parks.id,
      title: "Plant trees",
      summary: "Plant 200 saplings along the river trail.",
      locationKind: "in_person",
      address: "River Trail, north gate",
      ...body,
    },
  });
}

function nextYearDate(month: number, day: number): string {
  const year = new Date().getUTCFullYear() + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

describe("opportunities", () => {
  it("are created as drafts, invisible to the public until published", async () => {
    const created = await createOpportunity();
    expect(created.statusCode).toBe(201);
    const opportunity = created.json();
    expect(opportunity).toMatchObject({ status: "draft", agency: { id: parks.id, name: "Parks" }, shifts: [] });
    expect((await t.request({ method: "GET", url: `${base}/opportunities/${opportunity.id}` })).statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: `${base}/opportunities/${opportunity.id}`, cookie: parksLead.cookie })).statusCode).toBe(200);
    const published = await t.request({ method: "POST", url: `${base}/opportunities/${opportunity.id}/publish`, cookie: parksLead.cookie });
    expect(published.json()).toMatchObject({ status: "published" });
    expect((await t.request({ method: "GET", url: `${base}/opportunities/${opportunity.id}` })).statusCode).toBe(200);
  });

  it("change only the fields sent", async () => {
    const created = (await createOpportunity({ description: "Bring gloves.", requiredLanguages: ["es"], neighbourhood: "Northside" })).json();
    const changed = await t.request({
      method: "PATCH",
      url: `${base}/opportunities/${created.id}`,
      cookie: parksLead.cookie,
      body: { title: "Plant oak trees" },
    });
    expect(changed.json()).toMatchObject({
      title: "Plant oak trees",
      description: "Bring gloves.",
      requiredLanguages: ["es"],
      neighbourhood: "Northside",
      address: "River Trail, north gate",
    });
    const shift = await t.request({
      method: "POST",
      url: `${base}/opportunities/${created.id}/shifts`,
      cookie: parksLead.cookie,
      body: { startsAt: `${nextYearDate(8, 8)}T09:00`, endsAt: `${nextYearDate(8, 8)}T10:00`, capacity: 4, waitlistEnabled: false, note: "Meet at the gate" },
    });
    const shiftId = shift.json().shifts[0].id;
    await t.request({ method: "PATCH", url: `${base}/shifts/${shiftId}`, cookie: parksLead.cookie, body: { capacity: 6 } });
    const [stored] = await t.database.db.select().from(shifts).where(eq(shifts.id, shiftId));
    expect(stored).toMatchObject({ capacity: 6, waitlistEnabled: false, note: "Meet at the gate" });
  });

  it("refuses bad input naming each field, and an agency the staff member does not work for", async () => {
    const bad = await createOpportunity({ title: "", summary: "short", locationKind: "in_person", address: null, latitude: 40 });
    expect(bad.statusCode).toBe(400);
    const fields = bad
      .json()
      .errors.map((error: { field: string }) => error.field)
      .sort();
    expect(fields).toEqual(["address", "longitude", "summary", "title"]);
    const foreign = await createOpportunity({ agencyId: library.id });
    expect(foreign.statusCode).toBe(403);
    const unknownCause = await createOpportunity({ causeId: "01900000-0000-7000-8000-000000000000" });
    expect(unknownCause.statusCode).toBe(400);
    expect(unknownCause.json().errors).toEqual([{ field: "causeId", message: "That cause is not one of this city's." }]);
  });
});

describe("shifts", () => {
  it("read wall-clock times in the city's zone, across a change of clocks", async () => {
    const opportunity = (await createOpportunity()).json();
    const winter = await t.request({
      method: "POST",
      url: `${base}/opportunities/${opportunity.id}/shifts`,
      cookie: parksLead.cookie,
      body: { startsAt: `${nextYearDate(1, 10)}T09:00`, endsAt: `${nextYearDate(1, 10)}T12:00`, capacity: 10 },
    });
    expect(winter.statusCode).toBe(201);
    const summer = await t.request({
      method: "POST",
      url: `${base}/opportunities/${opportunity.id}/shifts`,
      cookie: parksLead.cookie,
      body: { startsAt: `${nextYearDate(7, 10)}T09:00`, endsAt: `${nextYearDate(7, 10)}T12:00`, capacity: 10 },
    });
    const times = summer.json().shifts.map((shift: { startsAt: string }) => shift.startsAt);
    expect(times).toEqual([`${nextYearDate(1, 10)}T15:00:00.000Z`, `${nextYearDate(7, 10)}T14:00:00.000Z`]);
  });

  it("refuse a time the clocks skip, an end before the start and a start in the past", async () => {
    const opportunity = (await createOpportunity()).json();
    // The second Sunday of March, 02:30, does not exist in Chicago.
    const year = new Date().getUTCFullYear() + 1;
    const secondSunday = [...Array(14).keys()]
      .map((day) => new Date(Date.UTC(year, 2, day + 1)))
      .filter((date) => date.getUTCDay() === 0)[1]
      ?.toISOString()
      .slice(0, 10);
    const skipped = await t.request({
      method: "POST",
      url: `${base}/opportunities/${opportunity.id}/shifts`,
      cookie: parksLead.cookie,
      body: { startsAt: `${secondSunday}T02:30`, endsAt: `${secondSunday}T05:00`, capacity: 3 },
    });
    expect(skipped.statusCode).toBe(400);
    expect(skipped.json().errors).toEqual([{ field: "startsAt", message: "That time does not exist on that day: the clocks change. Choose another time." }]);
    const backwards = await t.request({
      method: "POST",
      url: `${base}/opportunities/${opportunity.id}/shifts`,
      cookie: parksLead.cookie,
      body: { startsAt: `${nextYearDate(5, 1)}T12:00`, endsAt: `${nextYearDate(5, 1)}T09:00`, capacity: 3 },
    });
    expect(backwards.json().errors).toEqual([{ field: "endsAt", message: "The shift must end after it starts." }]);
    const past = await t.request({
      method: "POST",
      url: `${base}/opportunities/${opportunity.id}/shifts`,
      cookie: parksLead.cookie,
      body: { startsAt: "2020-05-01T09:00", endsAt: "2020-05-01T10:00", capacity: 3 },
    });
    expect(past.json().errors[0].field).toBe("startsAt");
    expect((await t.database.db.select().from(shifts).where(eq(shifts.opportunityId, opportunity.id))).length).toBe(0);
  });

  it("tell everyone holding or waiting for a place when the time changes, and when the shift is cancelled", async () => {
    const opportunity = (await createOpportunity({ title: "Clean the creek" })).json();
    await t.request({ method: "POST", url: `${base}/opportunities/${opportunity.id}/publish`, cookie: parksLead.cookie });
    const created = await t.request({
      method: "POST",
      url: `${base}/opportunities/${opportunity.id}/shifts`,
      cookie: parksLead.cookie,
      body: { startsAt: `${nextYearDate(4, 4)}T09:00`, endsAt: `${nextYearDate(4, 4)}T11:00`, capacity: 1 },
    });
    const shiftId = created.json().shifts[0].id;
    const holder = await t.personWithRoles(city, "holder@riverbend.example", [{ role: "volunteer" }]);
    const waiter = await t.personWithRoles(city, "waiter@riverbend.example", [{ role: "volunteer" }]);
    await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/signups`, cookie: holder.cookie });
    await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/signups`, cookie: waiter.cookie });

    const moved = await t.request({
      method: "PATCH",
      url: `${base}/shifts/${shiftId}`,
      cookie: parksLead.cookie,
      body: { startsAt: `${nextYearDate(4, 4)}T13:00`, endsAt: `${nextYearDate(4, 4)}T15:00` },
    });
    expect(moved.statusCode).toBe(200);
    const kept = await t.database.db.select().from(signups).where(eq(signups.shiftId, shiftId));
    expect(kept.every((signup) => signup.startsAt.toISOString() === `${nextYearDate(4, 4)}T18:00:00.000Z`)).toBe(true);
    await sendPendingNotices(t.database.db, t.services.mailer, testPublicUrl);
    for (const email of ["holder@riverbend.example", "waiter@riverbend.example"]) {
      const mail = await t.awaitMail(email, "shift-shift-changed");
      expect(mail?.subject).toBe("Time changed: Clean the creek");
      expect(mail?.textBody).toContain("1:00");
      const calendar = ICAL.Component.fromString(mail?.attachments[0]?.content ?? "");
      const event = calendar.getFirstSubcomponent("vevent");
      expect(event?.getFirstPropertyValue("dtstart")?.toString()).toContain(`${nextYearDate(4, 4)}T18:00:00`);
    }

    const raise = await t.request({ method: "PATCH", url: `${base}/shifts/${shiftId}`, cookie: parksLead.cookie, body: { capacity: 2 } });
    expect(raise.json()).toEqual({ bumped: 0, promoted: 1 });
    const lower = await t.request({ method: "PATCH", url: `${base}/shifts/${shiftId}`, cookie: parksLead.cookie, body: { capacity: 1 } });
    expect(lower.statusCode).toBe(409);
    expect(lower.json().errors).toEqual([{ field: "capacity", message: "2 people already have a place; the capacity cannot be lower." }]);

    const cancelled = await t.request({ method: "POST", url: `${base}/shifts/${shiftId}/cancel`, cookie: parksLead.cookie, body: { reason: "Flood warning" } });
    expect(cancelled.json()).toEqual({ told: 2 });
    await sendPendingNotices(t.database.db, t.services.mailer, testPublicUrl);
    const places = (await t.request({ method: "GET", url: `${base}/me/signups`, cookie: waiter.cookie })).json();
    expect(places.upcoming[0]).toMatchObject({ status: "cancelled", cancelledBecause: "shift-cancelled", cancellationReason: "Flood warning" });
    // Staff still see the cancelled shift; the public page does not list it as open.
    const staffView = (await t.request({ method: "GET", url: `${base}/opportunities/${opportunity.id}`, cookie: parksLead.cookie })).json();
    expect(staffView.shifts.map((shift: { id: string; status: string }) => [shift.id, shift.status])).toContainEqual([shiftId, "cancelled"]);
    const notice = await t.awaitMail("waiter@riverbend.example", "shift-shift-cancelled");
    expect(notice?.textBody).toContain("Reason: Flood warning");
    const calendar = ICAL.Component.fromString(notice?.attachments[0]?.content ?? "");
    expect(calendar.getFirstSubcomponent("vevent")?.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("release the place of someone whose moved shift now clashes with another of theirs", async () => {
    const first = (await createOpportunity({ title: "Library shelving" })).json();
    const second = (await createOpportunity({ title: "Park benches" })).json();
    for (const id of [first.id, second.id]) await t.request({ method: "POST", url: `${base}/opportunities/${id}/publish`, cookie: parksLead.cookie });
    const a = (
      await t.request({
        method: "POST",
        url: `${base}/opportunities/${first.id}/shifts`,
        cookie: parksLead.cookie,
        body: { startsAt: `${nextYearDate(6, 6)}T09:00`, endsAt: `${nextYearDate(6, 6)}T11:00`, capacity: 3 },
      })
    ).json().shifts[0].id;
    const b = (
      await t.request({
        method: "POST",
        url: `${base}/opportunities/${second.id}/shifts`,
        cookie: parksLead.cookie,
        body: { startsAt: `${nextYearDate(6, 6)}T14:00`, endsAt: `${nextYearDate(6, 6)}T16:00`, capacity: 3 },
      })
    ).json().shifts[0].id;
    const person = await t.personWithRoles(city, "double@riverbend.example", [{ role: "volunteer" }]);
    await t.request({ method: "POST", url: `${base}/shifts/${a}/signups`, cookie: person.cookie });
    await t.request({ method: "POST", url: `${base}/shifts/${b}/signups`, cookie: person.cookie });
    const moved = await t.request({
      method: "PATCH",
      url: `${base}/shifts/${b}`,
      cookie: parksLead.cookie,
      body: { startsAt: `${nextYearDate(6, 6)}T10:00`, endsAt: `${nextYearDate(6, 6)}T12:00` },
    });
    expect(moved.json()).toEqual({ bumped: 1, promoted: 0 });
    const places = await t.request({ method: "GET", url: `${base}/me/signups`, cookie: person.cookie });
    const statuses = places.json().upcoming.map((place: { opportunity: { title: string }; status: string }) => [place.opportunity.title, place.status]);
    expect(statuses).toEqual([
      ["Library shelving", "confirmed"],
      ["Park benches", "cancelled"],
    ]);
  });
});

describe("the public listing", () => {
  it("shows published public opportunities with shifts to come, filtered, in the reader's language", async () => {
    const [food] = await t.database.db
      .insert(causes)
      .values({ cityId: city.id, slug: "food", names: { en: "Food security", es: "Seguridad alimentaria" } })
      .returning();
    const [cooking] = await t.database.db
      .insert(skills)
      .values({ cityId: city.id, slug: "cooking", names: { en: "Cooking", es: "Cocina" } })
      .returning();
    const pantry = (
      await createOpportunity({
        title: "Pantry night",
        causeId: food?.id,
        requiredSkillIds: [cooking?.id],
        neighbourhood: "Eastside",
        requiredLanguages: ["es"],
      })
    ).json();
    await t.request({
      method: "POST",
      url: `${base}/opportunities/${pantry.id}/shifts`,
      cookie: parksLead.cookie,
      body: { startsAt: `${nextYearDate(9, 9)}T17:00`, endsAt: `${nextYearDate(9, 9)}T20:00`, capacity: 8 },
    });
    await t.request({ method: "POST", url: `${base}/opportunities/${pantry.id}/publish`, cookie: parksLead.cookie });
    const unlisted = (await createOpportunity({ title: "Secret garden", visibility: "unlisted" })).json();
    await t.request({
      method: "POST",
      url: `${base}/opportunities/${unlisted.id}/shifts`,
      cookie: parksLead.cookie,
      body: { startsAt: `${nextYearDate(9, 9)}T09:00`, endsAt: `${nextYearDate(9, 9)}T10:00`, capacity: 8 },
    });
    await t.request({ method: "POST", url: `${base}/opportunities/${unlisted.id}/publish`, cookie: parksLead.cookie });

    const spanish = await t.request({ method: "GET", url: `${base}/opportunities?cause=${food?.id}`, headers: { "accept-language": "es" } });
    expect(spanish.statusCode).toBe(200);
    const listing = spanish.json();
    expect(listing.opportunities.map((item: { title: string }) => item.title)).toEqual(["Pantry night"]);
    expect(listing.opportunities[0]).toMatchObject({
      cause: { name: "Seguridad alimentaria" },
      skills: [{ name: "Cocina" }],
      neighbourhood: "Eastside",
      nextShift: { placesLeft: 8, waitlistOpen: false },
    });
    expect(listing.neighbourhoods).toContain("Eastside");

    const all = (await t.request({ method: "GET", url: `${base}/opportunities` })).json();
    const titles = all.opportunities.map((item: { title: string }) => item.title);
    expect(titles).toContain("Pantry night");
    expect(titles).not.toContain("Secret garden");
    expect(titles).not.toContain("Plant trees");
    expect((await t.request({ method: "GET", url: `${base}/opportunities?language=es&neighbourhood=eastside` })).json().opportunities).toHaveLength(1);
    expect(
      (await t.request({ method: "GET", url: `${base}/opportunities?from=${nextYearDate(9, 10)}` }))
        .json()
        .opportunities.map((item: { title: string }) => item.title),
    ).not.toContain("Pantry night");
    expect((await t.request({ method: "GET", url: `${base}/opportunities?q=pantry` })).json().total).toBe(1);
  });

  it("answers a repeated request with 304 Not Modified", async () => {
    const first = await t.request({ method: "GET", url: `${base}/opportunities` });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    const again = await t.request({ method: "GET", url: `${base}/opportunities`, headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
  });

  it("refuses filters that are not what they say", async () => {
    const bad = await t.request({ method: "GET", url: `${base}/opportunities?from=tomorrow&kind=underwater&page=0` });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(["query.from", "query.kind", "query.page"]);
  });
});

describe("staff and settings", () => {
  it("see past shifts of their opportunities, which the public does not", async () => {
    const opportunity = (await createOpportunity({ title: "Yesterday's cleanup" })).json();
    await t.request({ method: "POST", url: `${base}/opportunities/${opportunity.id}/publish`, cookie: parksLead.cookie });
    const created = await t.request({
      method: "POST",
      url: `${base}/opportunities/${opportunity.id}/shifts`,
      cookie: parksLead.cookie,
      body: { startsAt: `${nextYearDate(2, 2)}T09:00`, endsAt: `${nextYearDate(2, 2)}T10:00`, capacity: 3 },
    });
    const shiftId = created.json().shifts[0].id;
    await t.database.db
      .update(shifts)
      .set({ startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() - 82_800_000) })
      .where(eq(shifts.id, shiftId));
    expect((await t.request({ method: "GET", url: `${base}/opportunities/${opportunity.id}` })).json().shifts).toEqual([]);
    expect((await t.request({ method: "GET", url: `${base}/opportunities/${opportunity.id}`, cookie: parksLead.cookie })).json().shifts).toHaveLength(1);
  });

  it("refuse reminder times in the wrong order", async () => {
    const admin = await t.personWithRoles(city, "admin@riverbend.example", [{ role: "city_admin" }]);
    const wrong = await t.request({
      method: "PUT",
      url: `${base}/shift-settings`,
      cookie: admin.cookie,
      body: { firstReminderHours: 2, secondReminderHours: 24 },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: "secondReminderHours", message: "The second reminder must come closer to the shift than the first." }]);
    const right = await t.request({
      method: "PUT",
      url: `${base}/shift-settings`,
      cookie: admin.cookie,
      body: { firstReminderHours: 48, secondReminderHours: 3 },
    });
    expect(right.json()).toEqual({ firstReminderHours: 48, secondReminderHours: 3 });
    expect((await t.request({ method: "GET", url: `${base}/shift-settings`, cookie: admin.cookie })).json()).toEqual({
      firstReminderHours: 48,
      secondReminderHours: 3,
    });
  });
});
