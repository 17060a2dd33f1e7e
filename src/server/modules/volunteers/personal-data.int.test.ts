import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { volunteerCredentials, volunteerProfiles } from "./schema.ts";

let t: TestApp;
let city: City;
let second: City;
let admin: string;
let skillId: string;
let causeId: string;
let typeId: string;

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("easton");
  second = await t.createCity("weston");
  admin = (await t.personWithRoles(city, "admin@easton.example", [{ role: "city_admin" }])).cookie;
  skillId = (
    await t.request({
      method: "POST",
      url: "/api/v1/cities/easton/skills",
      cookie: admin,
      body: { slug: "first-aid", names: { en: "First aid", es: "Primeros auxilios" } },
    })
  ).json().id;
  causeId = (await t.request({ method: "POST", url: "/api/v1/cities/easton/causes", cookie: admin, body: { slug: "parks", names: { en: "Parks" } } })).json()
    .id;
  typeId = (
    await t.request({
      method: "POST",
      url: "/api/v1/cities/easton/credential-types",
      cookie: admin,
      body: { slug: "cpr", names: { en: "CPR" }, validityMonths: 24 },
    })
  ).json().id;
});
afterAll(async () => t?.close());

async function volunteerWithEverything(email: string) {
  const person = await t.personWithRoles(city, email, []);
  const profile = (
    await t.request({
      method: "PUT",
      url: "/api/v1/cities/easton/me/volunteer-profile",
      cookie: person.cookie,
      body: {
        phone: "555 010 4242",
        birthDate: "1980-06-01",
        languages: ["en", "ar"],
        skillIds: [skillId],
        causeIds: [causeId],
        neighbourhood: "Mill District",
        latitude: 39.812,
        longitude: -89.601,
        availability: ["tue-evening"],
        accessibilityNeeds: "Wheelchair user",
        consent: { email: true, sms: true },
      },
    })
  ).json();
  await t.request({ method: "PUT", url: "/api/v1/cities/weston/me/volunteer-profile", cookie: person.cookie, body: { languages: ["fr"] } });
  const credential = await t.request({
    method: "POST",
    url: `/api/v1/cities/easton/volunteers/${profile.id}/credentials`,
    cookie: admin,
    body: { credentialTypeId: typeId, issuedOn: "2025-05-01", note: "Red Cross" },
  });
  expect(credential.statusCode).toBe(201);
  return { ...person, profileId: profile.id as string };
}

describe("a volunteer's personal data", () => {
  it("is in the download: profiles in every city, with skills, causes and credentials", async () => {
    const person = await volunteerWithEverything("nadia@easton.example");
    const response = await t.request({ method: "GET", url: "/api/v1/me/data", cookie: person.cookie });
    expect(response.statusCode).toBe(200);
    const data = response.json();
    expect(data.volunteerProfiles).toEqual([
      expect.objectContaining({
        city: "easton",
        id: person.profileId,
        phone: "555 010 4242",
        birthDate: "1980-06-01",
        languages: ["en", "ar"],
        skills: [{ slug: "first-aid", names: { en: "First aid", es: "Primeros auxilios" } }],
        causes: [{ slug: "parks", names: { en: "Parks" } }],
        neighbourhood: "Mill District",
        latitude: 39.812,
        longitude: -89.601,
        availability: ["tue-evening"],
        accessibilityNeeds: "Wheelchair user",
        consent: { email: true, sms: true },
        credentials: [{ type: "cpr", names: { en: "CPR" }, issuedOn: "2025-05-01", expiresOn: "2027-05-01", note: "Red Cross" }],
      }),
      expect.objectContaining({ city: "weston", languages: ["fr"], credentials: [] }),
    ]);
    expect(JSON.stringify(data.volunteerProfiles)).not.toContain("calendarToken");
  });

  it("is erased with the account: the profile row stays, without its person or anything personal", async () => {
    const person = await volunteerWithEverything("omar@easton.example");
    const [before] = await t.database.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.id, person.profileId));
    const bystander = await volunteerWithEverything("keeps@easton.example");

    const deleted = await t.request({ method: "DELETE", url: "/api/v1/me", cookie: person.cookie, body: { confirm: true } });
    expect(deleted.statusCode).toBe(204);

    const [after] = await t.database.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.id, person.profileId));
    expect(after).toMatchObject({
      id: person.profileId,
      cityId: city.id,
      userId: null,
      phone: null,
      birthDate: null,
      languages: [],
      skillIds: [],
      causeIds: [],
      neighbourhood: null,
      latitude: null,
      longitude: null,
      location: null,
      availability: 0,
      accessibilityNeeds: null,
      consentEmail: false,
      consentSms: false,
    });
    expect(after?.erasedAt).toBeInstanceOf(Date);
    expect(after?.calendarToken).not.toBe(before?.calendarToken);
    expect(await t.database.db.select().from(volunteerCredentials).where(eq(volunteerCredentials.volunteerId, person.profileId))).toEqual([]);
    // Both cities' profiles are anonymised.
    const westonProfiles = await t.database.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.cityId, second.id));
    expect(westonProfiles.filter((profile) => profile.erasedAt !== null)).toHaveLength(1);

    // Staff no longer see the person; someone else's data is untouched.
    const listed = (await t.request({ method: "GET", url: "/api/v1/cities/easton/volunteers", cookie: admin })).json();
    expect(listed.volunteers.map((volunteer: { email: string }) => volunteer.email)).toEqual(["keeps@easton.example", "nadia@easton.example"]);
    expect((await t.request({ method: "GET", url: `/api/v1/cities/easton/volunteers/${person.profileId}`, cookie: admin })).statusCode).toBe(404);
    const [kept] = await t.database.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.id, bystander.profileId));
    expect(kept).toMatchObject({ phone: "555 010 4242", accessibilityNeeds: "Wheelchair user" });
    expect(await t.database.db.select().from(volunteerCredentials).where(eq(volunteerCredentials.volunteerId, bystander.profileId))).toHaveLength(1);
  });
});
