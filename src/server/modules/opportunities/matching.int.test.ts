import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type City, cities } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { ensureVolunteerProfile } from "../volunteers/index.ts";
import { credentialTypes, skills, volunteerCredentials, volunteerProfiles } from "../volunteers/schema.ts";
import { availabilityMask } from "./matching.ts";

/** Matching both ways, with reasons: skills (a broad skill met by one under it), distance, availability, language. */

let t: TestApp;
let city: City;
let admin: string;
let agencyId: string;
let carpentry: string;
let trades: string;

// Thursday, the 9:00–12:00 shift falls on a Thursday morning in Chicago.
const nextThursday = (() => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + ((4 - date.getUTCDay() + 7) % 7 || 7) + 7);
  return date.toISOString().slice(0, 10);
})();
const thursdayMorning = 1 << (3 * 3 + 0);

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("matchton");
  await t.database.db.update(cities).set({ timeZone: "America/Chicago" }).where(eq(cities.id, city.id));
  t.services.directory.forget("matchton");
  city = { ...city, timeZone: "America/Chicago" };
  agencyId = (await t.createAgency(city, "parks", "Parks")).id;
  admin = (await t.personWithRoles(city, "admin@matchton.example", [{ role: "city_admin" }])).cookie;
  const [parent] = await t.database.db
    .insert(skills)
    .values({ cityId: city.id, slug: "trades", names: { en: "Trades", es: "Oficios" } })
    .returning();
  const [child] = await t.database.db
    .insert(skills)
    .values({ cityId: city.id, slug: "carpentry", parentId: parent?.id, names: { en: "Carpentry", es: "Carpintería" } })
    .returning();
  trades = parent?.id ?? "";
  carpentry = child?.id ?? "";
});
afterAll(async () => t?.close());

const base = "/api/v1/cities/matchton";

async function volunteer(email: string, profile: Partial<typeof volunteerProfiles.$inferInsert>) {
  const person = await t.personWithRoles(city, email, [{ role: "volunteer" }]);
  const { id } = await ensureVolunteerProfile(t.database.db, city.id, person.userId);
  if (Object.keys(profile).length > 0) await t.database.db.update(volunteerProfiles).set(profile).where(eq(volunteerProfiles.id, id));
  return { ...person, profileId: id };
}

describe("availability", () => {
  it("turns a shift into weekday × part-of-day bits in the city's zone", () => {
    expect(availabilityMask(new Date(`${nextThursday}T15:00:00Z`), new Date(`${nextThursday}T18:00:00Z`), "America/Chicago")).toBe(thursdayMorning);
    // 11:00–13:00 local spans the morning and the afternoon.
    expect(availabilityMask(new Date(`${nextThursday}T17:00:00Z`), new Date(`${nextThursday}T19:00:00Z`), "America/Chicago")).toBe(
      thursdayMorning | (thursdayMorning << 1),
    );
  });
});

describe("matching", () => {
  it("ranks volunteers for an opportunity with the reasons, and filters out unmet requirements", async () => {
    const opportunity = (
      await t.request({
        method: "POST",
        url: `${base}/opportunities`,
        cookie: admin,
        body: {
          agencyId,
          title: "Fix the boardwalk",
          summary: "Replace broken boardwalk planks.",
          locationKind: "in_person",
          address: "Lake trail",
          latitude: 39.8,
          longitude: -89.65,
          requiredSkillIds: [trades],
        },
      })
    ).json();
    await t.request({
      method: "POST",
      url: `${base}/opportunities/${opportunity.id}/shifts`,
      cookie: admin,
      body: { startsAt: `${nextThursday}T09:00`, endsAt: `${nextThursday}T12:00`, capacity: 5 },
    });
    await t.request({ method: "POST", url: `${base}/opportunities/${opportunity.id}/publish`, cookie: admin });

    const best = await volunteer("best@matchton.example", {
      skillIds: [carpentry],
      latitude: 39.801,
      longitude: -89.651,
      availability: thursdayMorning,
      languages: ["en", "es"],
    });
    const near = await volunteer("near@matchton.example", { skillIds: [], latitude: 39.8, longitude: -89.65, availability: 0 });
    const far = await volunteer("far@matchton.example", { skillIds: [carpentry], latitude: 40.2, longitude: -89.65, availability: thursdayMorning });
    await volunteer("nowhere@matchton.example", {});

    const response = await t.request({ method: "GET", url: `${base}/opportunities/${opportunity.id}/suggested-volunteers`, cookie: admin });
    expect(response.statusCode).toBe(200);
    const ranked = response.json().volunteers;
    expect(ranked.map((item: { volunteerId: string }) => item.volunteerId).slice(0, 3)).toEqual([best.profileId, far.profileId, near.profileId]);
    expect(ranked[0]).toMatchObject({ email: "best@matchton.example", reasons: { skills: ["Trades"], availableShifts: 1, totalShifts: 1 } });
    expect(ranked[0].score).toBeGreaterThan(0.99);
    expect(ranked[0].reasons.distanceKm).toBeLessThan(0.5);
    expect(ranked[1].reasons.distanceKm).toBeGreaterThan(40);

    // Asking for Spanish leaves only those who speak it.
    await t.request({ method: "PATCH", url: `${base}/opportunities/${opportunity.id}`, cookie: admin, body: { requiredLanguages: ["es"] } });
    const spanish = (await t.request({ method: "GET", url: `${base}/opportunities/${opportunity.id}/suggested-volunteers`, cookie: admin })).json().volunteers;
    expect(spanish.map((item: { volunteerId: string }) => item.volunteerId)).toEqual([best.profileId]);
    expect(spanish[0].reasons.languages).toEqual(["es"]);
  });

  it("suggests only people holding a valid credential the opportunity requires, nearest first", async () => {
    const [check] = await t.database.db
      .insert(credentialTypes)
      .values({ cityId: city.id, slug: "background-check", names: { en: "Background check" }, validityMonths: 24 })
      .returning();
    const opportunity = (
      await t.request({
        method: "POST",
        url: `${base}/opportunities`,
        cookie: admin,
        body: {
          agencyId,
          title: "Read to children at the library",
          summary: "Story time for toddlers on Thursday mornings.",
          locationKind: "in_person",
          address: "Main library",
          latitude: 39.8,
          longitude: -89.65,
          requiredCredentialTypeIds: [check?.id],
        },
      })
    ).json();
    await t.request({ method: "POST", url: `${base}/opportunities/${opportunity.id}/publish`, cookie: admin });
    const nearHolder = await volunteer("near-holder@matchton.example", { latitude: 39.801, longitude: -89.65 });
    const farHolder = await volunteer("far-holder@matchton.example", { latitude: 39.9, longitude: -89.65 });
    const expired = await volunteer("expired@matchton.example", { latitude: 39.8, longitude: -89.65 });
    await volunteer("no-check@matchton.example", { latitude: 39.8, longitude: -89.65 });
    const today = new Date();
    const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    await t.database.db.insert(volunteerCredentials).values([
      { cityId: city.id, volunteerId: farHolder.profileId, credentialTypeId: check?.id ?? "", issuedOn: day(-30), expiresOn: day(600) },
      { cityId: city.id, volunteerId: nearHolder.profileId, credentialTypeId: check?.id ?? "", issuedOn: day(-30), expiresOn: null },
      { cityId: city.id, volunteerId: expired.profileId, credentialTypeId: check?.id ?? "", issuedOn: day(-800), expiresOn: day(-1) },
    ]);
    const ranked = (await t.request({ method: "GET", url: `${base}/opportunities/${opportunity.id}/suggested-volunteers`, cookie: admin })).json().volunteers;
    expect(ranked.map((item: { volunteerId: string }) => item.volunteerId)).toEqual([nearHolder.profileId, farHolder.profileId]);
  });

  it("hides contact details from agency staff, who see them on their rosters instead", async () => {
    const lead = await t.personWithRoles(city, "lead@matchton.example", [{ role: "agency_staff", agencyId }]);
    const listed = (await t.request({ method: "GET", url: `${base}/admin/opportunities`, cookie: lead.cookie })).json().opportunities;
    const response = await t.request({ method: "GET", url: `${base}/opportunities/${listed[0].id}/suggested-volunteers`, cookie: lead.cookie });
    expect(response.statusCode).toBe(200);
    expect(response.json().volunteers.every((item: { email: string | null }) => item.email === null)).toBe(true);
  });

  it("recommends opportunities to a volunteer, best first, leaving out what they cannot do", async () => {
    const person = await volunteer("fan@matchton.example", {
      skillIds: [carpentry],
      latitude: 39.8,
      longitude: -89.65,
      availability: thursdayMorning,
      languages: ["en"],
    });
    const response = await t.request({ method: "GET", url: `${base}/me/recommendations`, cookie: person.cookie });
    expect(response.statusCode).toBe(200);
    // The boardwalk now asks for Spanish, which this volunteer does not speak.
    expect(response.json().opportunities).toEqual([]);
    await t.database.db
      .update(volunteerProfiles)
      .set({ languages: ["en", "es"] })
      .where(eq(volunteerProfiles.id, person.profileId));
    const again = (await t.request({ method: "GET", url: `${base}/me/recommendations`, cookie: person.cookie, headers: { "accept-language": "es" } })).json()
      .opportunities;
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ title: "Fix the boardwalk", reasons: { skills: ["Oficios"], availableShifts: 1, totalShifts: 1, distanceKm: 0 } });
    expect(again[0].score).toBe(1);
  });
});
