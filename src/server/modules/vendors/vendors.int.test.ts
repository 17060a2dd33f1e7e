import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import { roleAssignments } from "../../platform/policy/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { vendors } from "./schema.ts";

let t: TestApp;
let city: City;
let dso: string;
let admin: string;
let developer: string;

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("lakeside");
  dso = (await t.personWithRoles(city, "dso@lakeside.example", [{ role: "dso_staff" }])).cookie;
  admin = (await t.personWithRoles(city, "admin@lakeside.example", [{ role: "city_admin" }])).cookie;
  developer = await t.signIn("dev@code.example");
});
afterAll(async () => t?.close());

const base = "/api/v1/cities/lakeside/vendors";
const registration = { legalName: "Dev Works LLC", smallBusiness: true, taxFormOnFile: true, paymentReference: "AP-7731" };

async function rows() {
  return t.database.db.select().from(vendors).where(eq(vendors.cityId, city.id));
}

describe("vendors", () => {
  it("lets a signed-in person register once; the DSO verifies, audited; personal data only for them", async () => {
    const before = await rows();
    const invalid = await t.request({ method: "POST", url: base, cookie: developer, body: { legalName: " ", smallBusiness: "yes" } });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(["legalName", "smallBusiness"]);
    expect(await rows()).toEqual(before);

    const registered = await t.request({ method: "POST", url: base, cookie: developer, body: registration });
    expect(registered.statusCode).toBe(201);
    const vendor = registered.json();
    expect(vendor).toMatchObject({ ...registration, status: "pending", verifiedAt: null });

    const twice = await t.request({ method: "POST", url: base, cookie: developer, body: registration });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe("You are already registered as a vendor in this city.");

    expect((await t.request({ method: "GET", url: `${base}/me`, cookie: developer })).json()).toMatchObject({ id: vendor.id, paymentReference: "AP-7731" });

    const rejectWithoutReason = await t.request({ method: "POST", url: `${base}/${vendor.id}/review`, cookie: dso, body: { decision: "rejected" } });
    expect(rejectWithoutReason.statusCode).toBe(400);
    expect(rejectWithoutReason.json().errors[0].field).toBe("reason");

    const verified = await t.request({ method: "POST", url: `${base}/${vendor.id}/review`, cookie: dso, body: { decision: "verified" } });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ status: "verified", verifiedAt: expect.any(String) });
    const again = await t.request({ method: "POST", url: `${base}/${vendor.id}/review`, cookie: dso, body: { decision: "verified" } });
    expect(again.statusCode).toBe(409);

    const listed = await t.request({ method: "GET", url: `${base}?status=verified`, cookie: admin });
    expect(listed.json().vendors).toEqual([expect.objectContaining({ id: vendor.id, legalName: "Dev Works LLC", paymentReference: "AP-7731" })]);

    const trail = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.targetId, vendor.id)))
      .orderBy(auditEvents.createdAt, auditEvents.id);
    expect(trail.map((event) => event.action)).toEqual(["vendor.registered", "vendor.verified"]);
    expect(trail[1]?.actorLabel).toBe("dso@lakeside.example");
    expect(JSON.stringify(trail)).not.toContain("AP-7731");
  });

  it("rejects with a reason the vendor reads", async () => {
    const other = await t.signIn("other-dev@code.example");
    const vendor = (await t.request({ method: "POST", url: base, cookie: other, body: { legalName: "Other Dev" } })).json();
    const rejected = await t.request({
      method: "POST",
      url: `${base}/${vendor.id}/review`,
      cookie: admin,
      body: { decision: "rejected", reason: "No tax form on file." },
    });
    expect(rejected.json()).toMatchObject({ status: "rejected", reviewReason: "No tax form on file." });
    expect((await t.request({ method: "GET", url: `${base}/me`, cookie: other })).json()).toMatchObject({
      status: "rejected",
      reviewReason: "No tax form on file.",
    });
  });

  it("gives a verified vendor the city's vendor role in the same step, and takes it back on a later rejection", async () => {
    const person = await t.signIn("role-dev@code.example");
    const rolesOf = async () => {
      const me = (await t.request({ method: "GET", url: "/api/v1/me", cookie: person })).json();
      const membership = me.memberships.find((item: { city: { slug: string } }) => item.city.slug === "lakeside");
      return (membership?.roles ?? []).map((grant: { role: string }) => grant.role);
    };
    const vendor = (await t.request({ method: "POST", url: base, cookie: person, body: { legalName: "Role Dev" } })).json();
    expect(await rolesOf()).toEqual([]);

    // A refused review grants nothing.
    const refused = await t.request({ method: "POST", url: `${base}/${vendor.id}/review`, cookie: dso, body: { decision: "rejected" } });
    expect(refused.statusCode).toBe(400);
    expect(await rolesOf()).toEqual([]);

    expect((await t.request({ method: "POST", url: `${base}/${vendor.id}/review`, cookie: dso, body: { decision: "verified" } })).statusCode).toBe(200);
    expect(await rolesOf()).toEqual(["vendor"]);
    const [user] = await t.database.db.select({ userId: vendors.userId }).from(vendors).where(eq(vendors.id, vendor.id));
    const roleTrail = async () =>
      (
        await t.database.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.targetId, user?.userId ?? "")))
          .orderBy(auditEvents.createdAt, auditEvents.id)
      ).map((event) => event.action);
    expect(await roleTrail()).toEqual(["role.granted"]);

    const rejected = await t.request({
      method: "POST",
      url: `${base}/${vendor.id}/review`,
      cookie: dso,
      body: { decision: "rejected", reason: "The tax form has expired." },
    });
    expect(rejected.statusCode).toBe(200);
    expect(await rolesOf()).toEqual([]);
    expect(await roleTrail()).toEqual(["role.granted", "role.revoked"]);

    // Verified again, the role comes back once; the other city never sees it.
    await t.request({ method: "POST", url: `${base}/${vendor.id}/review`, cookie: admin, body: { decision: "verified" } });
    expect(await rolesOf()).toEqual(["vendor"]);
    const grants = await t.database.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, user?.userId ?? ""), eq(roleAssignments.role, "vendor")));
    expect(grants.map((grant) => grant.cityId)).toEqual([city.id]);
  });

  it("refuses the city's staff and admins as vendors", async () => {
    const clerk = await t.personWithRoles(city, "clerk@lakeside.example", [{ role: "agency_staff", agencyId: (await t.createAgency(city, "parks")).id }]);
    const before = await rows();
    for (const cookie of [dso, admin, clerk.cookie]) {
      const response = await t.request({ method: "POST", url: base, cookie, body: registration });
      expect(response.statusCode).toBe(403);
      expect(response.json().detail).toBe("Staff and admins of this city cannot register as vendors: they may not bid on the city's bounties.");
    }
    expect(await rows()).toEqual(before);
  });

  it("shows personal data only to the vendor, DSO staff and city admins of the same city", async () => {
    const vendor = (await t.request({ method: "GET", url: `${base}/me`, cookie: developer })).json();
    const volunteer = (await t.personWithRoles(city, "vol@lakeside.example", [{ role: "volunteer" }])).cookie;
    expect((await t.request({ method: "GET", url: base, cookie: volunteer })).statusCode).toBe(403);
    expect((await t.request({ method: "GET", url: `${base}/${vendor.id}`, cookie: volunteer })).statusCode).toBe(403);
    expect(
      (await t.request({ method: "POST", url: `${base}/${vendor.id}/review`, cookie: volunteer, body: { decision: "rejected", reason: "x" } })).statusCode,
    ).toBe(403);
    expect((await t.request({ method: "GET", url: base })).statusCode).toBe(401);

    const other = await t.createCity("hillcrest");
    const otherDso = (await t.personWithRoles(other, "dso@hillcrest.example", [{ role: "dso_staff" }])).cookie;
    expect((await t.request({ method: "GET", url: base, cookie: otherDso })).statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: `/api/v1/cities/hillcrest/vendors/${vendor.id}`, cookie: otherDso })).statusCode).toBe(404);
    const crossReview = await t.request({
      method: "POST",
      url: `/api/v1/cities/hillcrest/vendors/${vendor.id}/review`,
      cookie: otherDso,
      body: { decision: "rejected", reason: "x" },
    });
    expect(crossReview.statusCode).toBe(404);
    expect((await t.request({ method: "GET", url: `${base}/me`, cookie: developer })).json().status).toBe("verified");
    // Registered in one city is not registered in another.
    expect((await t.request({ method: "GET", url: "/api/v1/cities/hillcrest/vendors/me", cookie: developer })).statusCode).toBe(404);
  });

  it("puts the vendor profile in the person's data download and detaches it when the account is deleted", async () => {
    const data = (await t.request({ method: "GET", url: "/api/v1/me/data", cookie: developer })).json();
    expect(data.vendorProfiles).toEqual([expect.objectContaining({ city: "lakeside", legalName: "Dev Works LLC", paymentReference: "AP-7731" })]);
    const deleted = await t.request({ method: "DELETE", url: "/api/v1/me", cookie: developer, body: { confirm: true } });
    expect(deleted.statusCode).toBe(204);
    const [kept] = await t.database.db.select().from(vendors).where(eq(vendors.legalName, "Dev Works LLC"));
    expect(kept).toMatchObject({ userId: null, paymentReference: null, status: "verified" });
  });
});
