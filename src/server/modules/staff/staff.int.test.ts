import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleAssignments } from "../../platform/policy/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { invitations } from "./schema.ts";

let t: TestApp;
let city: City;
let admin: { cookie: string; userId: string };
let parks: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("lakeside");
  parks = await t.createAgency(city, "parks", "Parks");
  admin = await t.personWithRoles(city, "admin@lakeside.example", [{ role: "city_admin" }]);
});
afterAll(async () => t?.close());

const base = "/api/v1/cities/lakeside";

function tokenFrom(text: string): string {
  const token = text.match(/\/lakeside\/invitations\/([\w-]+)/)?.[1];
  if (!token) throw new Error("no invitation link in the message");
  return token;
}

describe("staff invitations", () => {
  it("invites by email; the invitee signs in with that address, accepts, and holds the role", async () => {
    const invited = await t.request({
      method: "POST",
      url: `${base}/invitations`,
      cookie: admin.cookie,
      body: { email: "Gardener@Lakeside.example", role: "agency_staff", agencyId: parks.id },
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({
      email: "gardener@lakeside.example",
      role: "agency_staff",
      agencyName: "Parks",
      status: "pending",
      invitedBy: "admin@lakeside.example",
    });

    const mail = await t.latestMail("gardener@lakeside.example", "invitation");
    expect(mail?.cityId).toBe(city.id);
    expect(mail?.subject).toBe("You are invited to work with Lakeside on Civitas");
    expect(mail?.textBody).toContain("as Agency staff (Parks)");
    const token = tokenFrom(mail?.textBody ?? "");

    const preview = await t.request({ method: "GET", url: `${base}/invitations/by-token/${token}` });
    expect(preview.json()).toMatchObject({
      email: "gardener@lakeside.example",
      role: "agency_staff",
      agencyName: "Parks",
      status: "pending",
      city: { slug: "lakeside" },
    });

    const gardener = await t.signIn("gardener@lakeside.example");
    const accepted = await t.request({ method: "POST", url: `${base}/invitations/by-token/${token}/accept`, cookie: gardener });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ role: "agency_staff", agencyId: parks.id, agencyName: "Parks" });

    const me = await t.request({ method: "GET", url: "/api/v1/me", cookie: gardener });
    expect(me.json().memberships).toEqual([
      { city: { slug: "lakeside", name: "Lakeside" }, roles: [{ role: "agency_staff", agencyId: parks.id, agencyName: "Parks" }], organizes: [] },
    ]);

    const again = await t.request({ method: "POST", url: `${base}/invitations/by-token/${token}/accept`, cookie: gardener });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe("This invitation has already been accepted.");
  });

  it("writes the invitation in the invitee's language when they have an account, else in the city's", async () => {
    await t.signIn("vecina@lakeside.example");
    await t.request({ method: "PATCH", url: "/api/v1/me", cookie: await t.signIn("vecina@lakeside.example"), body: { locale: "es" } });
    await t.request({
      method: "POST",
      url: `${base}/invitations`,
      cookie: admin.cookie,
      body: { email: "vecina@lakeside.example", role: "dso_staff" },
      headers: { "accept-language": "en" },
    });
    expect((await t.latestMail("vecina@lakeside.example", "invitation"))?.subject).toBe("Le invitan a colaborar con Lakeside en Civitas");
    await t.request({
      method: "POST",
      url: `${base}/invitations`,
      cookie: admin.cookie,
      body: { email: "unknown@lakeside.example", role: "dso_staff" },
      headers: { "accept-language": "es" },
    });
    expect((await t.latestMail("unknown@lakeside.example", "invitation"))?.subject).toBe("You are invited to work with Lakeside on Civitas");
  });

  it("refuses an invitation to a person signed in with another address, and keeps it open", async () => {
    await t.request({ method: "POST", url: `${base}/invitations`, cookie: admin.cookie, body: { email: "clerk@lakeside.example", role: "dso_staff" } });
    const token = tokenFrom((await t.latestMail("clerk@lakeside.example", "invitation"))?.textBody ?? "");
    const stranger = await t.signIn("stranger@elsewhere.example");
    const response = await t.request({ method: "POST", url: `${base}/invitations/by-token/${token}/accept`, cookie: stranger });
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toBe("This invitation is for clerk@lakeside.example. Sign in with that address to accept it.");
    const [row] = await t.database.db.select().from(invitations).where(eq(invitations.email, "clerk@lakeside.example"));
    expect(row?.status).toBe("pending");
  });

  it("asks for an agency when inviting agency staff, and refuses a second pending invitation for the same role", async () => {
    const missing = await t.request({
      method: "POST",
      url: `${base}/invitations`,
      cookie: admin.cookie,
      body: { email: "x@lakeside.example", role: "agency_staff" },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ field: "agencyId", message: "Choose the agency this person works for." }]);

    const first = await t.request({
      method: "POST",
      url: `${base}/invitations`,
      cookie: admin.cookie,
      body: { email: "twice@lakeside.example", role: "dso_staff" },
    });
    expect(first.statusCode).toBe(201);
    const second = await t.request({
      method: "POST",
      url: `${base}/invitations`,
      cookie: admin.cookie,
      body: { email: "twice@lakeside.example", role: "dso_staff" },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().errors[0].field).toBe("email");
  });

  it("withdraws a pending invitation so its link stops working", async () => {
    const created = (
      await t.request({ method: "POST", url: `${base}/invitations`, cookie: admin.cookie, body: { email: "late@lakeside.example", role: "vendor" } })
    ).json();
    const token = tokenFrom((await t.latestMail("late@lakeside.example", "invitation"))?.textBody ?? "");
    expect((await t.request({ method: "DELETE", url: `${base}/invitations/${created.id}`, cookie: admin.cookie })).statusCode).toBe(204);
    const late = await t.signIn("late@lakeside.example");
    const response = await t.request({ method: "POST", url: `${base}/invitations/by-token/${token}/accept`, cookie: late });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toBe("This invitation was withdrawn.");
  });

  it("treats an expired invitation as expired", async () => {
    await t.request({ method: "POST", url: `${base}/invitations`, cookie: admin.cookie, body: { email: "old@lakeside.example", role: "dso_staff" } });
    await t.database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, "old@lakeside.example"));
    const token = tokenFrom((await t.latestMail("old@lakeside.example", "invitation"))?.textBody ?? "");
    expect((await t.request({ method: "GET", url: `${base}/invitations/by-token/${token}` })).json().status).toBe("expired");
    const old = await t.signIn("old@lakeside.example");
    expect((await t.request({ method: "POST", url: `${base}/invitations/by-token/${token}/accept`, cookie: old })).statusCode).toBe(409);
  });
});

describe("roles", () => {
  it("lets a city admin give and take away roles, audited", async () => {
    const person = await t.personWithRoles(city, "analyst@lakeside.example", [{ role: "volunteer" }]);
    const granted = await t.request({ method: "POST", url: `${base}/staff/roles`, cookie: admin.cookie, body: { userId: person.userId, role: "dso_staff" } });
    expect(granted.statusCode).toBe(201);
    const staff = (await t.request({ method: "GET", url: `${base}/staff`, cookie: admin.cookie })).json();
    const listed = staff.members.find((member: { email: string }) => member.email === "analyst@lakeside.example");
    expect(listed.roles.map((role: { role: string }) => role.role)).toEqual(["dso_staff"]);

    const revoked = await t.request({ method: "DELETE", url: `${base}/staff/roles/${granted.json().id}`, cookie: admin.cookie });
    expect(revoked.statusCode).toBe(204);
    const audit = (await t.request({ method: "GET", url: `${base}/audit-events?action=role.revoked`, cookie: admin.cookie })).json();
    expect(audit.events[0]).toMatchObject({
      action: "role.revoked",
      actor: "admin@lakeside.example",
      targetId: person.userId,
      before: { role: "dso_staff" },
      after: null,
    });
  });

  it("never lets a city lose its last city admin", async () => {
    const [assignment] = await t.database.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.cityId, city.id), eq(roleAssignments.role, "city_admin")));
    const response = await t.request({ method: "DELETE", url: `${base}/staff/roles/${assignment?.id}`, cookie: admin.cookie });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toBe("This is the city's last city admin. Make someone else a city admin first.");
  });

  it("keeps two admins who remove each other at once from leaving the city without one", async () => {
    // Several rounds, so that the two requests really overlap in the database at least once.
    for (let round = 0; round < 6; round++) {
      const other = await t.createCity(`twin-${round}`);
      const first = await t.personWithRoles(other, `first-${round}@twin.example`, [{ role: "city_admin" }]);
      const second = await t.personWithRoles(other, `second-${round}@twin.example`, [{ role: "city_admin" }]);
      const admins = await t.database.db
        .select()
        .from(roleAssignments)
        .where(and(eq(roleAssignments.cityId, other.id), eq(roleAssignments.role, "city_admin")));
      const firstRole = admins.find((row) => row.userId === first.userId);
      const secondRole = admins.find((row) => row.userId === second.userId);
      const [a, b] = await Promise.all([
        t.request({ method: "DELETE", url: `/api/v1/cities/twin-${round}/staff/roles/${secondRole?.id}`, cookie: first.cookie }),
        t.request({ method: "DELETE", url: `/api/v1/cities/twin-${round}/staff/roles/${firstRole?.id}`, cookie: second.cookie }),
      ]);
      // Whoever comes second either finds they are now the last admin (409) or, having just lost
      // their own role, is no longer a member of the city at all (404).
      const statuses = [a.statusCode, b.statusCode].sort();
      expect(statuses, `${a.body} / ${b.body}`).toEqual(statuses[1] === 404 ? [204, 404] : [204, 409]);
      const left = await t.database.db
        .select()
        .from(roleAssignments)
        .where(and(eq(roleAssignments.cityId, other.id), eq(roleAssignments.role, "city_admin")));
      expect(left).toHaveLength(1);
    }
  });

  it("lets DSO staff read the staff list but not change it, and keeps the audit log for city admins", async () => {
    const dso = await t.personWithRoles(city, "dso@lakeside.example", [{ role: "dso_staff" }]);
    expect((await t.request({ method: "GET", url: `${base}/staff`, cookie: dso.cookie })).statusCode).toBe(200);
    expect(
      (await t.request({ method: "POST", url: `${base}/invitations`, cookie: dso.cookie, body: { email: "y@lakeside.example", role: "city_admin" } }))
        .statusCode,
    ).toBe(403);
    expect((await t.request({ method: "GET", url: `${base}/audit-events`, cookie: dso.cookie })).statusCode).toBe(403);
    expect((await t.request({ method: "GET", url: `${base}/outbox`, cookie: dso.cookie })).statusCode).toBe(403);
  });
});

describe("audit log and outbox", () => {
  it("pages through the audit log newest first", async () => {
    const first = (await t.request({ method: "GET", url: `${base}/audit-events?limit=2`, cookie: admin.cookie })).json();
    expect(first.events).toHaveLength(2);
    expect(first.nextBefore).toBe(first.events[1].createdAt);
    const second = (
      await t.request({ method: "GET", url: `${base}/audit-events?limit=2&before=${encodeURIComponent(first.nextBefore)}`, cookie: admin.cookie })
    ).json();
    expect(new Date(second.events[0].createdAt).getTime()).toBeLessThan(new Date(first.events[1].createdAt).getTime());
  });

  it("shows a city admin the city's outbox, filtered by recipient", async () => {
    const response = await t.request({ method: "GET", url: `${base}/outbox?recipient=gardener@lakeside.example`, cookie: admin.cookie });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.transport).toBe("outbox");
    expect(body.messages.length).toBeGreaterThan(0);
    expect(body.messages.every((message: { recipient: string }) => message.recipient === "gardener@lakeside.example")).toBe(true);
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("keeps the deployment-wide outbox for platform admins", async () => {
    expect((await t.request({ method: "GET", url: "/api/v1/outbox", cookie: admin.cookie })).statusCode).toBe(403);
  });
});
