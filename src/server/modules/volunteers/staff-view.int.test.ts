import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { addMonths, todayIn } from "./credential-dates.ts";
import { volunteerCredentials } from "./schema.ts";

let t: TestApp;
let city: City;
let admin: string;
let dso: string;
let skills: Record<string, string>;
const profiles: Record<string, { id: string; userId: string; cookie: string }> = {};

const base = "/api/v1/cities/ashford";

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("ashford");
  admin = (await t.personWithRoles(city, "admin@ashford.example", [{ role: "city_admin" }])).cookie;
  dso = (await t.personWithRoles(city, "dso@ashford.example", [{ role: "dso_staff" }])).cookie;
  const add = async (slug: string, parentId: string | null = null) =>
    (
      await t.request({ method: "POST", url: `${base}/skills`, cookie: admin, body: { slug, names: { en: slug[0]?.toUpperCase() + slug.slice(1) }, parentId } })
    ).json().id as string;
  const trades = await add("trades");
  skills = { trades, carpentry: await add("carpentry", trades), plumbing: await add("plumbing", trades), cooking: await add("cooking") };
  const people = [
    {
      key: "amara",
      email: "amara@ashford.example",
      name: "Amara Okafor",
      body: { languages: ["en", "yo"], skillIds: [skills.carpentry], neighbourhood: "Old Town", phone: "555 010 7788" },
    },
    { key: "bao", email: "bao@ashford.example", name: "Bao Tran", body: { languages: ["vi", "en"], skillIds: [skills.cooking], neighbourhood: "Riverside" } },
    {
      key: "carla",
      email: "carla@ashford.example",
      name: "Carla Díaz",
      body: { languages: ["es"], skillIds: [skills.trades, skills.cooking], neighbourhood: "old town east" },
    },
  ];
  for (const person of people) {
    const cookie = await t.signIn(person.email, person.name);
    const saved = await t.request({ method: "PUT", url: `${base}/me/volunteer-profile`, cookie, body: person.body });
    expect(saved.statusCode, saved.body).toBe(200);
    const me = (await t.request({ method: "GET", url: "/api/v1/me", cookie })).json();
    profiles[person.key] = { id: saved.json().id, userId: me.user.id, cookie };
  }
});
afterAll(async () => t?.close());

async function names(query = "", cookie = dso) {
  const response = await t.request({ method: "GET", url: `${base}/volunteers${query}`, cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().volunteers.map((volunteer: { name: string }) => volunteer.name);
}

describe("the staff's list of volunteers", () => {
  it("lists volunteers by name with contact details, languages and skills", async () => {
    const response = await t.request({ method: "GET", url: `${base}/volunteers`, cookie: dso });
    expect(response.json()).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    expect(response.json().volunteers[0]).toEqual({
      id: profiles.amara?.id,
      userId: profiles.amara?.userId,
      name: "Amara Okafor",
      email: "amara@ashford.example",
      phone: "555 010 7788",
      languages: ["en", "yo"],
      neighbourhood: "Old Town",
      skills: [{ id: skills.carpentry, name: "Carpentry" }],
      credentials: [],
    });
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("searches by name or email and filters by skill (with the skills below it), language and neighbourhood", async () => {
    expect(await names("?q=tran")).toEqual(["Bao Tran"]);
    expect(await names("?q=CARLA%40")).toEqual(["Carla Díaz"]);
    expect(await names("?q=%25")).toEqual([]);
    expect(await names(`?skill=${skills.trades}`)).toEqual(["Amara Okafor", "Carla Díaz"]);
    expect(await names(`?skill=${skills.plumbing}`)).toEqual([]);
    expect(await names("?language=en")).toEqual(["Amara Okafor", "Bao Tran"]);
    expect(await names("?neighbourhood=old%20town")).toEqual(["Amara Okafor", "Carla Díaz"]);
    expect(await names(`?language=es&skill=${skills.cooking}`)).toEqual(["Carla Díaz"]);
  });

  it("pages through fifty at a time", async () => {
    for (let index = 0; index < 50; index++) {
      const cookie = await t.signIn(`bulk-${String(index).padStart(2, "0")}@ashford.example`, `Zed ${String(index).padStart(2, "0")}`);
      await t.request({ method: "PUT", url: `${base}/me/volunteer-profile`, cookie, body: {} });
    }
    const first = (await t.request({ method: "GET", url: `${base}/volunteers`, cookie: dso })).json();
    expect(first.total).toBe(53);
    expect(first.volunteers).toHaveLength(50);
    const second = (await t.request({ method: "GET", url: `${base}/volunteers?page=2`, cookie: dso })).json();
    expect(second.volunteers.map((volunteer: { name: string }) => volunteer.name)).toEqual(["Zed 47", "Zed 48", "Zed 49"]);
    expect(second.page).toBe(2);
  });

  it("shows one volunteer in full, and is for city admins and DSO staff only", async () => {
    const one = await t.request({ method: "GET", url: `${base}/volunteers/${profiles.carla?.id}`, cookie: admin });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      name: "Carla Díaz",
      email: "carla@ashford.example",
      skills: [
        { id: skills.trades, name: "Trades" },
        { id: skills.cooking, name: "Cooking" },
      ],
      consent: { email: false, sms: false },
    });
    const agency = await t.createAgency(city, "parks");
    const clerk = (await t.personWithRoles(city, "clerk@ashford.example", [{ role: "agency_staff", agencyId: agency.id }])).cookie;
    for (const cookie of [clerk, profiles.amara?.cookie ?? ""]) {
      expect((await t.request({ method: "GET", url: `${base}/volunteers`, cookie })).statusCode).toBe(403);
      expect((await t.request({ method: "GET", url: `${base}/volunteers/${profiles.carla?.id}`, cookie })).statusCode).toBe(403);
    }
    expect((await t.request({ method: "GET", url: `${base}/volunteers` })).statusCode).toBe(401);
  });
});

describe("credentials", () => {
  let backgroundCheck: string;
  let orientation: string;

  beforeAll(async () => {
    backgroundCheck = (
      await t.request({
        method: "POST",
        url: `${base}/credential-types`,
        cookie: admin,
        body: { slug: "background-check", names: { en: "Background check" }, validityMonths: 24 },
      })
    ).json().id;
    orientation = (
      await t.request({ method: "POST", url: `${base}/credential-types`, cookie: admin, body: { slug: "orientation", names: { en: "Orientation" } } })
    ).json().id;
  });

  it("records a credential whose expiry follows from the type's validity, and shows expired ones as expired", async () => {
    const url = `${base}/volunteers/${profiles.amara?.id}/credentials`;
    const today = todayIn(city.timeZone);
    const recorded = await t.request({
      method: "POST",
      url,
      cookie: dso,
      body: { credentialTypeId: backgroundCheck, issuedOn: addMonths(today, -25), note: "County check" },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({
      name: "Background check",
      issuedOn: addMonths(today, -25),
      expiresOn: addMonths(today, -1),
      status: "expired",
      note: "County check",
      recordedBy: "dso",
    });
    const permanent = await t.request({ method: "POST", url, cookie: dso, body: { credentialTypeId: orientation, issuedOn: "2024-03-01" } });
    expect(permanent.json()).toMatchObject({ expiresOn: null, status: "valid" });

    const listed = (await t.request({ method: "GET", url: `${base}/volunteers?q=amara`, cookie: dso })).json().volunteers[0];
    expect(listed.credentials).toEqual([
      { credentialTypeId: backgroundCheck, name: "Background check", expiresOn: addMonths(today, -1), status: "expired" },
      { credentialTypeId: orientation, name: "Orientation", expiresOn: null, status: "valid" },
    ]);

    // Renewing: a new issue date, and the expiry follows again.
    const renewed = await t.request({ method: "PATCH", url: `${url}/${recorded.json().id}`, cookie: admin, body: { issuedOn: today } });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json()).toMatchObject({ issuedOn: today, expiresOn: addMonths(today, 24), status: "valid", recordedBy: "admin" });

    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, profiles.amara?.id ?? ""), eq(auditEvents.action, "credential.updated")));
    expect(audit[0]?.actorLabel).toBe("admin@ashford.example");
    expect(audit[0]?.before).toMatchObject({ type: "background-check", issuedOn: addMonths(today, -25), expiresOn: addMonths(today, -1) });
    expect(audit[0]?.after).toMatchObject({ issuedOn: today, expiresOn: addMonths(today, 24) });

    const removed = await t.request({ method: "DELETE", url: `${url}/${permanent.json().id}`, cookie: dso });
    expect(removed.statusCode).toBe(204);
    const actions = (
      await t.database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.targetId, profiles.amara?.id ?? ""))
    ).map((event) => event.action);
    expect(actions.sort()).toEqual(["credential.recorded", "credential.recorded", "credential.removed", "credential.updated"]);
  });

  it("takes an expiry date given, and refuses dates that make no sense, a duplicate, or another city's type", async () => {
    const url = `${base}/volunteers/${profiles.bao?.id}/credentials`;
    const given = await t.request({
      method: "POST",
      url,
      cookie: dso,
      body: { credentialTypeId: backgroundCheck, issuedOn: "2025-01-15", expiresOn: "2025-07-15" },
    });
    expect(given.json()).toMatchObject({ expiresOn: "2025-07-15", status: "expired" });

    const before = await t.database.db
      .select()
      .from(volunteerCredentials)
      .where(eq(volunteerCredentials.volunteerId, profiles.bao?.id ?? ""));
    const duplicate = await t.request({ method: "POST", url, cookie: dso, body: { credentialTypeId: backgroundCheck, issuedOn: "2025-02-01" } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors).toEqual([{ field: "credentialTypeId", message: "This volunteer already has “Background check”. Renew it instead." }]);
    const backwards = await t.request({
      method: "POST",
      url,
      cookie: dso,
      body: { credentialTypeId: orientation, issuedOn: "2025-02-01", expiresOn: "2025-01-01" },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: "expiresOn", message: "The expiry date must come after the issue date." }]);
    const future = await t.request({ method: "POST", url, cookie: dso, body: { credentialTypeId: orientation, issuedOn: "2999-01-01" } });
    expect(future.json().errors).toEqual([{ field: "issuedOn", message: "The issue date cannot be in the future." }]);
    const unknown = await t.request({
      method: "POST",
      url,
      cookie: dso,
      body: { credentialTypeId: "01900000-0000-7000-8000-000000000000", issuedOn: "2025-02-01" },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe("credentialTypeId");
    expect(
      await t.database.db
        .select()
        .from(volunteerCredentials)
        .where(eq(volunteerCredentials.volunteerId, profiles.bao?.id ?? "")),
    ).toEqual(before);
  });
});

describe("tenancy", () => {
  it("hides one city's volunteers and credentials from another city's staff, even under their own city's address", async () => {
    const other = await t.createCity("brookside");
    const outsider = (await t.personWithRoles(other, "admin@brookside.example", [{ role: "city_admin" }])).cookie;
    const credential = (await t.database.db.select().from(volunteerCredentials).where(eq(volunteerCredentials.cityId, city.id)))[0];
    const attempts = [
      { method: "GET" as const, url: `${base}/volunteers` },
      { method: "GET" as const, url: `${base}/volunteers/${profiles.amara?.id}` },
      { method: "GET" as const, url: `/api/v1/cities/brookside/volunteers/${profiles.amara?.id}` },
      { method: "PATCH" as const, url: `/api/v1/cities/brookside/volunteers/${credential?.volunteerId}/credentials/${credential?.id}`, body: { note: "x" } },
      { method: "DELETE" as const, url: `/api/v1/cities/brookside/volunteers/${credential?.volunteerId}/credentials/${credential?.id}` },
      { method: "POST" as const, url: `${base}/volunteers/import`, body: { csv: "name,email\nA,a@b.example\n" } },
      { method: "PATCH" as const, url: `/api/v1/cities/brookside/skills/${skills.cooking}`, body: { names: { en: "Taken" } } },
      { method: "DELETE" as const, url: `/api/v1/cities/brookside/skills/${skills.cooking}` },
    ];
    for (const attempt of attempts) {
      const response = await t.request({ ...attempt, cookie: outsider });
      expect.soft(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
    }
    const still = await t.database.db
      .select()
      .from(volunteerCredentials)
      .where(eq(volunteerCredentials.id, credential?.id ?? ""));
    expect(still[0]?.note).toBe(credential?.note);
    expect((await t.request({ method: "GET", url: `${base}/skills` })).json().skills.find((skill: { id: string }) => skill.id === skills.cooking).name).toBe(
      "Cooking",
    );
    // The other city's own list has none of these people.
    expect((await t.request({ method: "GET", url: "/api/v1/cities/brookside/volunteers", cookie: outsider })).json().total).toBe(0);
  });
});
