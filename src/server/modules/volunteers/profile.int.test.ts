import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { ensureVolunteerProfile, findVolunteerProfile } from "./index.ts";
import { volunteerProfiles } from "./schema.ts";

let t: TestApp;
let city: City;
let admin: string;
let skillIds: { cooking: string; driving: string; elsewhere: string };
let causeId: string;

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("fairview");
  const other = await t.createCity("glenwood");
  admin = (await t.personWithRoles(city, "admin@fairview.example", [{ role: "city_admin" }])).cookie;
  const otherAdmin = (await t.personWithRoles(other, "admin@glenwood.example", [{ role: "city_admin" }])).cookie;
  const add = async (citySlug: string, cookie: string, slug: string) =>
    (await t.request({ method: "POST", url: `/api/v1/cities/${citySlug}/skills`, cookie, body: { slug, names: { en: slug } } })).json().id as string;
  skillIds = {
    cooking: await add("fairview", admin, "cooking"),
    driving: await add("fairview", admin, "driving"),
    elsewhere: await add("glenwood", otherAdmin, "rowing"),
  };
  causeId = (
    await t.request({ method: "POST", url: "/api/v1/cities/fairview/causes", cookie: admin, body: { slug: "hunger", names: { en: "Hunger" } } })
  ).json().id;
});
afterAll(async () => t?.close());

const url = "/api/v1/cities/fairview/me/volunteer-profile";

const fullProfile = () => ({
  phone: "+1 (555) 010-2030",
  birthDate: "1990-02-03",
  languages: ["es", "EN", "vi"],
  skillIds: [skillIds.cooking, skillIds.driving],
  causeIds: [causeId],
  neighbourhood: "  Riverside ",
  latitude: 39.801,
  longitude: -89.644,
  availability: ["sat-evening", "mon-morning"],
  accessibilityNeeds: "Step-free access, please.",
  consent: { email: true, sms: true },
});

async function profileRow(userId: string) {
  return findVolunteerProfile(t.database.db, city.id, userId);
}

describe("your volunteer profile", () => {
  it("is empty until saved, then holds everything and makes you a volunteer of the city", async () => {
    const person = await t.personWithRoles(city, "rosa@fairview.example", []);
    const empty = await t.request({ method: "GET", url, cookie: person.cookie });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({
      id: null,
      email: "rosa@fairview.example",
      languages: [],
      availability: [],
      consent: { email: false, sms: false },
      updatedAt: null,
    });
    expect(await profileRow(person.userId)).toBeNull();

    const saved = await t.request({ method: "PUT", url, cookie: person.cookie, body: fullProfile() });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      phone: "+1 (555) 010-2030",
      birthDate: "1990-02-03",
      languages: ["es", "en", "vi"],
      skillIds: [skillIds.cooking, skillIds.driving],
      causeIds: [causeId],
      neighbourhood: "Riverside",
      latitude: 39.801,
      longitude: -89.644,
      availability: ["mon-morning", "sat-evening"],
      accessibilityNeeds: "Step-free access, please.",
      consent: { email: true, sms: true },
    });
    const row = await profileRow(person.userId);
    // Monday morning is bit 0, Saturday evening bit 5 × 3 + 2 = 17.
    expect(row?.availability).toBe(1 | (1 << 17));
    expect(row?.calendarToken).toMatch(/^[\w-]{32}$/);
    expect((await t.request({ method: "GET", url, cookie: person.cookie })).json()).toEqual(saved.json());

    const me = (await t.request({ method: "GET", url: "/api/v1/me", cookie: person.cookie })).json();
    expect(me.memberships).toEqual([
      expect.objectContaining({ city: { slug: "fairview", name: "Fairview" }, roles: [expect.objectContaining({ role: "volunteer" })] }),
    ]);

    const changed = await t.request({ method: "PUT", url, cookie: person.cookie, body: { languages: ["tl"], consent: { email: true } } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: saved.json().id, languages: ["tl"], phone: null, skillIds: [], consent: { email: true, sms: false } });
    expect((await profileRow(person.userId))?.calendarToken).toBe(row?.calendarToken);
  });

  it("refuses bad input with a 400 naming every field, and changes nothing", async () => {
    const person = await t.personWithRoles(city, "max@fairview.example", []);
    await t.request({ method: "PUT", url, cookie: person.cookie, body: fullProfile() });
    const before = await profileRow(person.userId);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const response = await t.request({
      method: "PUT",
      url,
      cookie: person.cookie,
      body: {
        phone: "call me maybe",
        birthDate: tomorrow,
        languages: ["en", "klingon"],
        latitude: 91,
        longitude: -89.6,
        availability: ["mon-night"],
        accessibilityNeeds: "x".repeat(1001),
        consent: { email: "yes" },
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json().errors).toEqual(
      expect.arrayContaining([
        { field: "phone", message: "Enter a phone number of 7 to 15 digits, such as +1 217 555 0100." },
        { field: "birthDate", message: "A date of birth cannot be in the future." },
        { field: "languages.1", message: "Choose languages from the list." },
        { field: "latitude", message: "Use a number of at most 90." },
        { field: "availability.0", message: "Use times such as mon-morning or sat-evening." },
        { field: "accessibilityNeeds", message: "Use at most 1000 characters." },
        { field: "consent.email", message: "This should be true or false." },
      ]),
    );
    expect(await profileRow(person.userId)).toEqual(before);
  });

  it("answers in Spanish when asked", async () => {
    const person = await t.personWithRoles(city, "lucia@fairview.example", []);
    const response = await t.request({
      method: "PUT",
      url,
      cookie: person.cookie,
      headers: { "accept-language": "es" },
      body: { latitude: 39.8, birthDate: "1850-01-01" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: "birthDate", message: "Escriba una fecha de nacimiento posterior a 1900." },
      { field: "longitude", message: "Indique latitud y longitud, o ninguna de las dos." },
    ]);
    expect(await profileRow(person.userId)).toBeNull();
  });

  it("takes only this city's skills and causes", async () => {
    const person = await t.personWithRoles(city, "omar@fairview.example", []);
    const response = await t.request({
      method: "PUT",
      url,
      cookie: person.cookie,
      body: { skillIds: [skillIds.cooking, skillIds.elsewhere], causeIds: ["01900000-0000-7000-8000-000000000000"] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: "skillIds", message: "1 of the chosen skills is not one of this city's." },
      { field: "causeIds", message: "1 of the chosen causes is not one of this city's." },
    ]);
    expect(await profileRow(person.userId)).toBeNull();
    // Nor does a refused profile make anyone a volunteer.
    expect((await t.request({ method: "GET", url: "/api/v1/me", cookie: person.cookie })).json().memberships).toEqual([]);
  });

  it("asks for email and SMS consent separately, both off by default, and SMS only with a phone number", async () => {
    const person = await t.personWithRoles(city, "kai@fairview.example", []);
    const defaults = await t.request({ method: "PUT", url, cookie: person.cookie, body: {} });
    expect(defaults.json().consent).toEqual({ email: false, sms: false });

    const noPhone = await t.request({ method: "PUT", url, cookie: person.cookie, body: { consent: { sms: true } } });
    expect(noPhone.statusCode).toBe(400);
    expect(noPhone.json().errors).toEqual([{ field: "consent.sms", message: "Add a phone number to get text messages." }]);

    const smsOnly = await t.request({ method: "PUT", url, cookie: person.cookie, body: { phone: "217 555 0123", consent: { sms: true } } });
    expect(smsOnly.json().consent).toEqual({ email: false, sms: true });
    const dropPhone = await t.request({ method: "PUT", url, cookie: person.cookie, body: { phone: "", consent: { sms: true } } });
    expect(dropPhone.statusCode).toBe(400);
    const row = await profileRow(person.userId);
    expect({ phone: row?.phone, email: row?.consentEmail, sms: row?.consentSms }).toEqual({ phone: "217 555 0123", email: false, sms: true });
  });

  it("is for signed-in people only", async () => {
    expect((await t.request({ method: "GET", url })).statusCode).toBe(401);
    expect((await t.request({ method: "PUT", url, body: {} })).statusCode).toBe(401);
  });
});

describe("ensureVolunteerProfile", () => {
  it("creates one empty profile however many callers race, and finds an existing one", async () => {
    const person = await t.personWithRoles(city, "racer@fairview.example", []);
    const results = await Promise.all(Array.from({ length: 8 }, () => ensureVolunteerProfile(t.database.db, city.id, person.userId)));
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    const rows = await t.database.db
      .select()
      .from(volunteerProfiles)
      .where(and(eq(volunteerProfiles.cityId, city.id), eq(volunteerProfiles.userId, person.userId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ languages: [], availability: 0, consentEmail: false });

    const saved = (await t.request({ method: "PUT", url, cookie: person.cookie, body: { languages: ["es"] } })).json();
    expect(saved.id).toBe(results[0]?.id);
    expect(await ensureVolunteerProfile(t.database.db, city.id, person.userId)).toEqual({ id: saved.id });
  });
});
