import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { agencies } from "./schema.ts";

let t: TestApp;
let city: City;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("riverton");
  admin = (await t.personWithRoles(city, "admin@riverton.example", [{ role: "city_admin" }])).cookie;
});
afterAll(async () => t?.close());

const base = "/api/v1/cities/riverton/agencies";

async function agencyRows() {
  return t.database.db.select().from(agencies).where(eq(agencies.cityId, city.id));
}

describe("agencies", () => {
  it("lets a city admin create, change and remove an agency, each step audited with before and after", async () => {
    const created = await t.request({
      method: "POST",
      url: base,
      cookie: admin,
      body: { slug: "libraries", name: "Public Libraries", description: "Eleven branches" },
    });
    expect(created.statusCode).toBe(201);
    const agency = created.json();
    expect(agency).toMatchObject({ slug: "libraries", name: "Public Libraries", description: "Eleven branches", contactEmail: null });

    const changed = await t.request({
      method: "PATCH",
      url: `${base}/${agency.id}`,
      cookie: admin,
      body: { name: "Riverton Public Library", contactEmail: "Library@Riverton.example" },
    });
    expect(changed.statusCode).toBe(200);
    // What was not sent stays as it was.
    expect(changed.json()).toMatchObject({
      name: "Riverton Public Library",
      contactEmail: "library@riverton.example",
      slug: "libraries",
      description: "Eleven branches",
    });

    const listed = await t.request({ method: "GET", url: base });
    expect(listed.json().agencies.map((item: { name: string }) => item.name)).toContain("Riverton Public Library");

    const removed = await t.request({ method: "DELETE", url: `${base}/${agency.id}`, cookie: admin });
    expect(removed.statusCode).toBe(204);
    expect((await t.request({ method: "GET", url: `${base}/${agency.id}` })).statusCode).toBe(404);

    const trail = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.targetId, agency.id)))
      .orderBy(auditEvents.createdAt);
    expect(trail.map((event) => event.action)).toEqual(["agency.created", "agency.updated", "agency.deleted"]);
    expect(trail.every((event) => event.actorLabel === "admin@riverton.example")).toBe(true);
    expect(trail[1]?.before).toMatchObject({ name: "Public Libraries" });
    expect(trail[1]?.after).toMatchObject({ name: "Riverton Public Library" });
    expect(trail[2]?.before).toMatchObject({ name: "Riverton Public Library" });
    expect(trail[0]?.requestId).toBe(created.headers["x-request-id"]);
  });

  it("refuses bad input with a 400 naming each field, and changes nothing", async () => {
    const before = await agencyRows();
    const response = await t.request({ method: "POST", url: base, cookie: admin, body: { slug: "Not A Slug!", name: "", contactEmail: "nobody" } });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const problem = response.json();
    expect(problem.code).toBe("invalid-input");
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: "slug", message: "Use lower-case letters, digits and single hyphens, such as “parks-and-rec”." },
        { field: "name", message: "This is required." },
        { field: "contactEmail", message: "Enter an email address like name@example.com." },
      ]),
    );
    expect(await agencyRows()).toEqual(before);
  });

  it("answers a missing field in Spanish when asked", async () => {
    const response = await t.request({ method: "POST", url: base, cookie: admin, body: { slug: "parques" }, headers: { "accept-language": "es" } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: "name", message: "Este dato es obligatorio." }]);
  });

  it("refuses a second agency with the same address with a 409 on the slug field", async () => {
    await t.request({ method: "POST", url: base, cookie: admin, body: { slug: "health", name: "Health" } });
    const before = await agencyRows();
    const response = await t.request({ method: "POST", url: base, cookie: admin, body: { slug: "health", name: "Health again" } });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors).toEqual([{ field: "slug", message: "Another agency already uses the address “health”." }]);
    expect(await agencyRows()).toEqual(before);
  });

  it("will not remove an agency that still has staff", async () => {
    const agency = (await t.request({ method: "POST", url: base, cookie: admin, body: { slug: "water", name: "Water" } })).json();
    await t.personWithRoles(city, "plumber@riverton.example", [{ role: "agency_staff", agencyId: agency.id }]);
    const response = await t.request({ method: "DELETE", url: `${base}/${agency.id}`, cookie: admin });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toBe("Water still has 1 staff role. Remove it first.");
    expect((await t.request({ method: "GET", url: `${base}/${agency.id}` })).statusCode).toBe(200);
  });

  it("lets only city admins manage agencies", async () => {
    const agency = (await t.request({ method: "GET", url: base })).json().agencies[0];
    const staff = await t.personWithRoles(city, "clerk@riverton.example", [{ role: "agency_staff", agencyId: agency.id }]);
    for (const attempt of [
      { method: "POST" as const, url: base, body: { slug: "x-office", name: "X office" } },
      { method: "PATCH" as const, url: `${base}/${agency.id}`, body: { name: "Renamed" } },
      { method: "DELETE" as const, url: `${base}/${agency.id}` },
    ]) {
      const response = await t.request({ ...attempt, cookie: staff.cookie });
      expect(response.statusCode).toBe(403);
      expect(response.json().detail).toBe("Your role in this city does not allow this.");
    }
    expect((await t.request({ method: "GET", url: `${base}/${agency.id}` })).json().name).toBe(agency.name);
  });

  it("answers 404 for an agency id that does not exist and 400 for one that is not an id", async () => {
    expect((await t.request({ method: "GET", url: `${base}/01900000-0000-7000-8000-000000000000` })).statusCode).toBe(404);
    const malformed = await t.request({ method: "GET", url: `${base}/not-an-id` });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe("path.agencyId");
  });
});
