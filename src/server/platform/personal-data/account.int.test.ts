import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations } from "../../modules/staff/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { auditEvents } from "../audit/index.ts";
import { sessions, users } from "../auth/index.ts";
import { outboxMessages } from "../mail/index.ts";
import type { City } from "../tenancy/index.ts";

let t: TestApp;
let city: City;
let admin: { cookie: string; userId: string };

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("portside");
  admin = await t.personWithRoles(city, "admin@portside.example", [{ role: "city_admin" }]);
});
afterAll(async () => t?.close());

describe("your data", () => {
  it("downloads as one JSON document with the account, roles and every module's section", async () => {
    const person = await t.personWithRoles(city, "pat@portside.example", [{ role: "dso_staff" }]);
    await t.request({
      method: "POST",
      url: "/api/v1/cities/portside/invitations",
      cookie: admin.cookie,
      body: { email: "pat@portside.example", role: "vendor" },
    });
    const response = await t.request({ method: "GET", url: "/api/v1/me/data", cookie: person.cookie });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="civitas-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = response.json();
    expect(data.account).toMatchObject({ email: "pat@portside.example" });
    expect(data.roles).toEqual([expect.objectContaining({ city: "portside", role: "dso_staff" })]);
    expect(data.invitations).toEqual([expect.objectContaining({ role: "vendor", status: "pending" })]);
  });

  it("is deleted on request: account, sessions, mail and invitations go, the audit trail forgets the address", async () => {
    const person = await t.personWithRoles(city, "gone@portside.example", [{ role: "dso_staff" }]);
    await t.request({
      method: "POST",
      url: "/api/v1/cities/portside/invitations",
      cookie: admin.cookie,
      body: { email: "gone@portside.example", role: "vendor" },
    });
    // Something the person did that was audited.
    await t.request({ method: "PATCH", url: "/api/v1/me", cookie: person.cookie, body: { name: "Gone Soon" } });
    await t.request({ method: "POST", url: "/api/v1/cities/portside/agencies", cookie: admin.cookie, body: { slug: "docks", name: "Docks" } });

    const refused = await t.request({ method: "DELETE", url: "/api/v1/me", cookie: person.cookie, body: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: "confirm", message: "Confirm that you want to delete your account." }]);

    const deleted = await t.request({ method: "DELETE", url: "/api/v1/me", cookie: person.cookie, body: { confirm: true } });
    expect(deleted.statusCode).toBe(204);
    expect(await t.database.db.select().from(users).where(eq(users.id, person.userId))).toEqual([]);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, person.userId))).toEqual([]);
    expect(await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, "gone@portside.example"))).toEqual([]);
    expect(await t.database.db.select().from(invitations).where(eq(invitations.email, "gone@portside.example"))).toEqual([]);
    const trail = await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, person.userId));
    expect(trail.map((event) => event.action)).toContain("account.erased");
    expect(JSON.stringify(trail)).not.toContain("gone@portside.example");
    expect((await t.request({ method: "GET", url: "/api/v1/me", cookie: person.cookie })).json().user).toBeNull();
  });

  it("refuses to delete the last city admin's account", async () => {
    const response = await t.request({ method: "DELETE", url: "/api/v1/me", cookie: admin.cookie, body: { confirm: true } });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toBe("You are the last city admin of Portside. Make someone else a city admin first.");
    expect(await t.database.db.select().from(users).where(eq(users.id, admin.userId))).toHaveLength(1);
  });
});
