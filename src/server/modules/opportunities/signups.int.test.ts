import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { City } from "../../platform/tenancy/index.ts";
import { createBulkVolunteers } from "../../testing/bulk-volunteers.ts";
import { httpClient } from "../../testing/http-client.ts";
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";
import { credentialTypes, volunteerCredentials, volunteerProfiles } from "../volunteers/schema.ts";
import { shiftNotices, shifts, signups } from "./schema.ts";
import { sendPendingNotices } from "./send-notices.ts";

/**
 * The sign-up rules, each proven with real requests on real PostgreSQL: capacity under a thousand
 * concurrent attempts, no overlapping places, first come first served waitlists with automatic
 * promotion, and refusals that say which requirement is missing.
 */

let t: TestApp;
let city: City;
let staff: { cookie: string; userId: string };
let agencyId: string;

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("surgeville");
  agencyId = (await t.createAgency(city, "food-bank", "Food Bank")).id;
  staff = await t.personWithRoles(city, "lead@surgeville.example", [{ role: "agency_staff", agencyId }]);
});
afterAll(async () => t?.close());

const base = "/api/v1/cities/surgeville";
let served: Promise<string> | undefined;
/** The app on a real port, started once for the concurrent tests. */
const serve = () => {
  served ??= t.listen();
  return served;
};
let shiftHour = 0;

/** A published opportunity with one shift (times never overlap another test's unless asked). */
async function openShift(options: {
  capacity: number;
  waitlist?: boolean;
  title?: string;
  startsInHours?: number;
  hours?: number;
  requirements?: Record<string, unknown>;
}) {
  const opportunity = await t.request({
    method: "POST",
    url: `${base}/opportunities`,
    cookie: staff.cookie,
    body: {
      agencyId,
      title: options.title ?? "Sort donations",
      summary: "Sort and pack donated food for families.",
      locationKind: "in_person",
      address: "12 Harbor Road",
      ...options.requirements,
    },
  });
  expect(opportunity.statusCode, opportunity.body).toBe(201);
  const opportunityId = opportunity.json().id;
  shiftHour += 10;
  const startsInHours = options.startsInHours ?? 48 + shiftHour;
  const startsAt = new Date(Date.now() + startsInHours * 3_600_000);
  const endsAt = new Date(startsAt.getTime() + (options.hours ?? 3) * 3_600_000);
  const shift = await t.request({
    method: "POST",
    url: `${base}/opportunities/${opportunityId}/shifts`,
    cookie: staff.cookie,
    body: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), capacity: options.capacity, waitlistEnabled: options.waitlist ?? true },
  });
  expect(shift.statusCode, shift.body).toBe(201);
  expect((await t.request({ method: "POST", url: `${base}/opportunities/${opportunityId}/publish`, cookie: staff.cookie })).statusCode).toBe(200);
  const shiftId: string = shift.json().shifts[0].id;
  return { opportunityId, shiftId, startsAt, endsAt };
}

async function signUp(cookie: string, shiftId: string) {
  return t.request({ method: "POST", url: `${base}/shifts/${shiftId}/signups`, cookie });
}

describe("capacity under a surge", () => {
  it("confirms exactly 100 of 1,000 concurrent sign-ups for 100 places and waitlists the rest, in order, with no 5xx", async () => {
    const { shiftId } = await openShift({ capacity: 100, waitlist: true });
    const volunteers = await createBulkVolunteers(t.database.pool, { cityId: city.id, count: 1000, secret: t.config.authSecret ?? "" });
    const url = await serve();
    const client = httpClient(url, 100);
    try {
      const answers = await Promise.all(
        volunteers.map((volunteer) =>
          client.request({ method: "POST", path: `${base}/shifts/${shiftId}/signups`, headers: { cookie: volunteer.cookie, origin: url } }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
      expect(new Set(statuses)).toEqual(new Set([201]));
      const outcomes = answers.map((answer) => answer.json<{ status: string; waitlistPosition: number | null }>());
      expect(outcomes.filter((outcome) => outcome.status === "confirmed")).toHaveLength(100);
      expect(outcomes.filter((outcome) => outcome.status === "waitlisted")).toHaveLength(900);

      const [shift] = await t.database.db.select().from(shifts).where(eq(shifts.id, shiftId));
      expect(shift?.confirmedCount).toBe(100);
      const confirmed = await t.database.db
        .select()
        .from(signups)
        .where(and(eq(signups.shiftId, shiftId), eq(signups.status, "confirmed")));
      expect(confirmed).toHaveLength(100);
      // Everyone waiting has a distinct place in the queue.
      const roster = await t.request({ method: "GET", url: `${base}/shifts/${shiftId}/roster`, cookie: staff.cookie });
      const positions = roster
        .json()
        .entries.filter((entry: { status: string }) => entry.status === "waitlisted")
        .map((entry: { waitlistPosition: number }) => entry.waitlistPosition);
      expect(positions).toEqual(Array.from({ length: 900 }, (_, index) => index + 1));
      // Every place taken is owed exactly one notice.
      const notices = await t.database.db
        .select()
        .from(shiftNotices)
        .innerJoin(signups, eq(signups.id, shiftNotices.signupId))
        .where(eq(signups.shiftId, shiftId));
      expect(notices).toHaveLength(1000);
    } finally {
      client.close();
    }
  });

  it("refuses the surplus with a clear 409 when the shift has no waitlist", async () => {
    const { shiftId } = await openShift({ capacity: 20, waitlist: false });
    const volunteers = await createBulkVolunteers(t.database.pool, { cityId: city.id, count: 200, secret: t.config.authSecret ?? "" });
    const url = await serve();
    const client = httpClient(url, 50);
    try {
      const answers = await Promise.all(
        volunteers.map((volunteer) =>
          client.request({ method: "POST", path: `${base}/shifts/${shiftId}/signups`, headers: { cookie: volunteer.cookie, origin: url } }),
        ),
      );
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(20);
      const refused = answers.filter((answer) => answer.status === 409);
      expect(refused).toHaveLength(180);
      expect(refused[0]?.json<{ detail: string; code: string }>()).toMatchObject({ code: "conflict", detail: "This shift is full and has no waitlist." });
      const [shift] = await t.database.db.select().from(shifts).where(eq(shifts.id, shiftId));
      expect(shift?.confirmedCount).toBe(20);
    } finally {
      client.close();
    }
  });

  it("answers a second click with the same place, not a second one", async () => {
    const { shiftId } = await openShift({ capacity: 5 });
    const person = await t.personWithRoles(city, "twice@surgeville.example", [{ role: "volunteer" }]);
    const [first, second] = await Promise.all([signUp(person.cookie, shiftId), signUp(person.cookie, shiftId)]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 201]);
    expect(first.json().id).toBe(second.json().id);
    const [shift] = await t.database.db.select().from(shifts).where(eq(shifts.id, shiftId));
    expect(shift?.confirmedCount).toBe(1);
  });
});

describe("one place at a time", () => {
  it("refuses an overlapping shift with a 409 that names the clash", async () => {
    const first = await openShift({ capacity: 5, title: "Morning pantry", startsInHours: 500, hours: 3 });
    const second = await openShift({ capacity: 5, title: "Noon kitchen", startsInHours: 502, hours: 3 });
    const person = await t.personWithRoles(city, "busy@surgeville.example", [{ role: "volunteer" }]);
    expect((await signUp(person.cookie, first.shiftId)).statusCode).toBe(201);
    const clash = await signUp(person.cookie, second.shiftId);
    expect(clash.statusCode).toBe(409);
    expect(clash.json().detail).toMatch(
      /^You already have a place on “Morning pantry” at the same time \(.+\)\. Give that place up first if you want this one\.$/,
    );
    const spanish = await t.request({
      method: "POST",
      url: `${base}/shifts/${second.shiftId}/signups`,
      cookie: person.cookie,
      headers: { "accept-language": "es" },
    });
    expect(spanish.json().detail).toContain("Ya tiene un lugar en «Morning pantry»");
  });

  it("never confirms two overlapping places, even when both are asked for at once", async () => {
    for (let round = 0; round < 10; round++) {
      const a = await openShift({ capacity: 5, startsInHours: 1000 + round * 10, hours: 4 });
      const b = await openShift({ capacity: 5, startsInHours: 1002 + round * 10, hours: 4 });
      const person = await t.personWithRoles(city, `racer-${round}@surgeville.example`, [{ role: "volunteer" }]);
      const answers = await Promise.all([signUp(person.cookie, a.shiftId), signUp(person.cookie, b.shiftId)]);
      expect(answers.every((answer) => answer.statusCode < 500)).toBe(true);
      const [profile] = await t.database.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, person.userId));
      const held = await t.database.db
        .select()
        .from(signups)
        .where(and(eq(signups.volunteerId, profile?.id ?? ""), eq(signups.status, "confirmed")));
      expect(held).toHaveLength(1);
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
    }
  });
});

describe("waitlist", () => {
  it("is first come, first served, and a cancellation promotes the next person and tells them", async () => {
    const { shiftId } = await openShift({ capacity: 2, title: "Cooling centre" });
    const people = [];
    for (const name of ["ana", "ben", "cai", "dee", "eli"]) {
      const person = await t.personWithRoles(city, `${name}@surgeville.example`, [{ role: "volunteer" }]);
      const answer = await signUp(person.cookie, shiftId);
      people.push({ name, ...person, signup: answer.json() });
    }
    expect(people.map((person) => [person.signup.status, person.signup.waitlistPosition])).toEqual([
      ["confirmed", null],
      ["confirmed", null],
      ["waitlisted", 1],
      ["waitlisted", 2],
      ["waitlisted", 3],
    ]);
    await sendPendingNotices(t.database.db, t.services.mailer, testPublicUrl);

    const ben = people[1];
    const cancelled = await t.request({ method: "DELETE", url: `${base}/signups/${ben?.signup.id}`, cookie: ben?.cookie });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toEqual({ status: "cancelled", promoted: 1 });

    const mine = await t.request({ method: "GET", url: `${base}/me/signups`, cookie: people[2]?.cookie });
    expect(mine.json().upcoming[0]).toMatchObject({ status: "confirmed", waitlistPosition: null });
    expect((await t.request({ method: "GET", url: `${base}/me/signups`, cookie: people[3]?.cookie })).json().upcoming[0]).toMatchObject({
      status: "waitlisted",
      waitlistPosition: 1,
    });

    await sendPendingNotices(t.database.db, t.services.mailer, testPublicUrl);
    const told = await t.awaitMail("cai@surgeville.example", "shift-promoted");
    expect(told?.subject).toBe("A place opened up: Cooling centre");
    expect(told?.attachments[0]?.content).toContain("BEGIN:VEVENT");
    const [shift] = await t.database.db.select().from(shifts).where(eq(shifts.id, shiftId));
    expect(shift?.confirmedCount).toBe(2);
  });

  it("keeps cancelling idempotent and other people's places out of reach", async () => {
    const { shiftId } = await openShift({ capacity: 3 });
    const owner = await t.personWithRoles(city, "owner@surgeville.example", [{ role: "volunteer" }]);
    const stranger = await t.personWithRoles(city, "stranger@surgeville.example", [{ role: "volunteer" }]);
    const signup = (await signUp(owner.cookie, shiftId)).json();
    expect((await t.request({ method: "DELETE", url: `${base}/signups/${signup.id}`, cookie: stranger.cookie })).statusCode).toBe(403);
    expect((await t.request({ method: "DELETE", url: `${base}/signups/${signup.id}`, cookie: owner.cookie })).statusCode).toBe(200);
    expect((await t.request({ method: "DELETE", url: `${base}/signups/${signup.id}`, cookie: owner.cookie })).json()).toEqual({
      status: "cancelled",
      promoted: 0,
    });
    const [shift] = await t.database.db.select().from(shifts).where(eq(shifts.id, shiftId));
    expect(shift?.confirmedCount).toBe(0);
  });
});

describe("requirements", () => {
  it("refuses, naming each missing requirement: language, age and credential", async () => {
    const [credential] = await t.database.db
      .insert(credentialTypes)
      .values({ cityId: city.id, slug: "background-check", names: { en: "background check", es: "verificación de antecedentes" }, validityMonths: 24 })
      .returning();
    const { shiftId, endsAt } = await openShift({
      capacity: 5,
      requirements: { requiredLanguages: ["es"], minimumAge: 18, requiredCredentialTypeIds: [credential?.id] },
    });
    const person = await t.personWithRoles(city, "young@surgeville.example", [{ role: "volunteer" }]);
    const refused = await signUp(person.cookie, shiftId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: "requirements-not-met",
      detail: "This opportunity asks for something you have not got yet: speaking Spanish; being at least 18 on the day; a valid background check.",
    });

    const [profile] = await t.database.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, person.userId));
    await t.database.db
      .update(volunteerProfiles)
      .set({ languages: ["en", "es"], birthDate: "2000-01-01" })
      .where(eq(volunteerProfiles.id, profile?.id ?? ""));
    // A credential that runs out before the shift ends does not count.
    // The day before the shift ends, in the city's time zone, which is how the rule counts days.
    const endDay = new Intl.DateTimeFormat("en-CA", { timeZone: city.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(endsAt);
    const dayBefore = new Date(Date.parse(`${endDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await t.database.db
      .insert(volunteerCredentials)
      .values({ cityId: city.id, volunteerId: profile?.id ?? "", credentialTypeId: credential?.id ?? "", issuedOn: "2024-01-01", expiresOn: dayBefore });
    const expired = await signUp(person.cookie, shiftId);
    expect(expired.json().detail).toBe("This opportunity asks for something you have not got yet: a valid background check.");

    await t.database.db
      .update(volunteerCredentials)
      .set({ expiresOn: "2099-01-01" })
      .where(eq(volunteerCredentials.volunteerId, profile?.id ?? ""));
    expect((await signUp(person.cookie, shiftId)).statusCode).toBe(201);
  });

  it("refuses a shift that has started, and answers 404 for one of another city", async () => {
    const other = await t.createCity("elsewhere");
    const person = await t.personWithRoles(city, "late@surgeville.example", [{ role: "volunteer" }]);
    const { shiftId } = await openShift({ capacity: 5 });
    await t.database.db
      .update(shifts)
      .set({ startsAt: new Date(Date.now() - 60_000) })
      .where(eq(shifts.id, shiftId));
    const late = await signUp(person.cookie, shiftId);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe("This shift has already started.");
    expect((await t.request({ method: "POST", url: `/api/v1/cities/${other.slug}/shifts/${shiftId}/signups`, cookie: person.cookie })).statusCode).toBe(404);
  });
});
