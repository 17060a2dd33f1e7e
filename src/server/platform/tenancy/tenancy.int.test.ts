import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import type { City } from "./index.ts";

/**
 * Tenancy: a person who works for city A learns nothing about city B's private records. Every
 * route the app has is walked, so a route added later is covered without anyone remembering to.
 */

let t: TestApp;
let cityA: City;
let cityB: City;
let adminA: string;
let agencyB: { id: string };
let assignmentB: string;
let invitationB: string;

beforeAll(async () => {
  t = await startTestApp();
  cityA = await t.createCity("alpha");
  cityB = await t.createCity("beta");
  await t.createAgency(cityA, "parks");
  agencyB = await t.createAgency(cityB, "parks");
  adminA = (await t.personWithRoles(cityA, "admin@alpha.example", [{ role: "city_admin" }])).cookie;
  const adminB = await t.personWithRoles(cityB, "admin@beta.example", [{ role: "city_admin" }]);
  const staff = await t.request({ method: "GET", url: "/api/v1/cities/beta/staff", cookie: adminB.cookie });
  assignmentB = staff.json().members[0].roles[0].id;
  const invited = await t.request({
    method: "POST",
    url: "/api/v1/cities/beta/invitations",
    cookie: adminB.cookie,
    body: { email: "new@beta.example", role: "dso_staff" },
  });
  invitationB = invited.json().id;
});
afterAll(async () => t?.close());

function fill(url: string, city: string): string {
  const values: Record<string, string> = {
    city,
    agencyId: agencyB.id,
    assignmentId: assignmentB,
    invitationId: invitationB,
    token: "a-token-that-nobody-was-ever-sent-0123456789",
  };
  return url.replace(/:(\w+)/g, (_, name: string) => values[name] ?? "01900000-0000-7000-8000-000000000000");
}

describe("tenancy", () => {
  it("has routes that declare who may reach them", () => {
    const cityRoutes = t.app.routeCatalog.filter((route) => route.url.startsWith("/api/v1/cities/:city"));
    expect(cityRoutes.length).toBeGreaterThan(10);
    expect(cityRoutes.every((route) => route.access)).toBe(true);
  });

  it("answers 404 to a member of city A on every private route of city B", async () => {
    const privateRoutes = t.app.routeCatalog.filter((route) => route.url.startsWith("/api/v1/cities/:city") && route.access === "member");
    expect(privateRoutes.length).toBeGreaterThan(8);
    for (const route of privateRoutes) {
      const response = await t.request({
        method: route.method as "GET",
        url: fill(route.url, "beta"),
        cookie: adminA,
        body: route.method === "GET" || route.method === "DELETE" ? undefined : {},
      });
      expect.soft(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect.soft(response.headers["content-type"]).toContain("application/problem+json");
    }
    // The same requests against the person's own city are not refused for tenancy reasons.
    const own = await t.request({ method: "GET", url: "/api/v1/cities/alpha/staff", cookie: adminA });
    expect(own.statusCode).toBe(200);
  });

  it("answers 404 when a city-B record is named under city A's address", async () => {
    const attempts = [
      { method: "GET" as const, url: `/api/v1/cities/alpha/agencies/${agencyB.id}` },
      { method: "PATCH" as const, url: `/api/v1/cities/alpha/agencies/${agencyB.id}`, body: { name: "Taken over" } },
      { method: "DELETE" as const, url: `/api/v1/cities/alpha/agencies/${agencyB.id}` },
      { method: "DELETE" as const, url: `/api/v1/cities/alpha/staff/roles/${assignmentB}` },
      { method: "DELETE" as const, url: `/api/v1/cities/alpha/invitations/${invitationB}` },
    ];
    for (const attempt of attempts) {
      const response = await t.request({ ...attempt, cookie: adminA });
      expect.soft(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
    }
    const untouched = await t.request({ method: "GET", url: `/api/v1/cities/beta/agencies/${agencyB.id}` });
    expect(untouched.json().name).toBe("parks");
    const staffB = await t.request({
      method: "GET",
      url: "/api/v1/cities/beta/invitations",
      cookie: (await t.personWithRoles(cityB, "second@beta.example", [{ role: "city_admin" }])).cookie,
    });
    expect(staffB.json().invitations.find((item: { id: string }) => item.id === invitationB).status).toBe("pending");
  });

  it("answers 401, not 404, to anonymous callers of private routes, and 404 for an unknown city", async () => {
    expect((await t.request({ method: "GET", url: "/api/v1/cities/beta/staff" })).statusCode).toBe(401);
    expect((await t.request({ method: "GET", url: "/api/v1/cities/nowhere/staff", cookie: adminA })).statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: "/api/v1/cities/nowhere/agencies" })).statusCode).toBe(404);
  });

  it("keeps a volunteer of a city out of its staff pages with 403", async () => {
    const volunteer = await t.personWithRoles(cityA, "volunteer@alpha.example", [{ role: "volunteer" }]);
    const response = await t.request({ method: "GET", url: "/api/v1/cities/alpha/staff", cookie: volunteer.cookie });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("forbidden");
    expect(cityA.id).not.toBe(cityB.id);
  });
});
