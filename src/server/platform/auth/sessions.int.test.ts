import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBulkVolunteers, signedSessionCookie } from "../../testing/bulk-volunteers.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { sessions } from "./index.ts";

/** The per-request session check: the signature, the expiry, and the daily extension of a session in use. */

let t: TestApp;
let cityId: string;
beforeAll(async () => {
  t = await startTestApp();
  cityId = (await t.createCity("sessionville")).id;
});
afterAll(async () => t?.close());

const me = (cookie: string) => t.request({ method: "GET", url: "/api/v1/me", cookie });

describe("session check", () => {
  it("accepts the cookie better-auth itself set at sign-in", async () => {
    const cookie = await t.signIn("real@sessionville.example");
    expect((await me(cookie)).json().user.email).toBe("real@sessionville.example");
  });

  it("refuses a cookie whose signature is not ours, or that names no session", async () => {
    const [volunteer] = await createBulkVolunteers(t.database.pool, { cityId, count: 1, secret: t.config.authSecret ?? "" });
    if (!volunteer) throw new Error("no volunteer");
    expect((await me(volunteer.cookie)).json().user).not.toBeNull();
    const token = decodeURIComponent(volunteer.cookie.split("=")[1] ?? "").split(".")[0] ?? "";
    expect((await me(signedSessionCookie(token, "some-other-secret-that-is-long-enough"))).json().user).toBeNull();
    expect((await me(signedSessionCookie("no-such-session-token", t.config.authSecret ?? ""))).json().user).toBeNull();
    expect((await me("civitas.session_token=garbage%")).json().user).toBeNull();
  });

  it("refuses an expired session", async () => {
    const [volunteer] = await createBulkVolunteers(t.database.pool, { cityId, count: 1, secret: t.config.authSecret ?? "" });
    if (!volunteer) throw new Error("no volunteer");
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, volunteer.userId));
    expect((await me(volunteer.cookie)).json().user).toBeNull();
  });

  it("extends a session in use once a day, and its cookie with it", async () => {
    const [volunteer] = await createBulkVolunteers(t.database.pool, { cityId, count: 1, secret: t.config.authSecret ?? "" });
    if (!volunteer) throw new Error("no volunteer");
    const soon = new Date(Date.now() + 2 * 86_400_000);
    await t.database.db
      .update(sessions)
      .set({ expiresAt: soon, updatedAt: new Date(Date.now() - 3 * 86_400_000) })
      .where(eq(sessions.userId, volunteer.userId));
    const answer = await me(volunteer.cookie);
    expect(String(answer.headers["set-cookie"])).toMatch(/^civitas\.session_token=.+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.userId, volunteer.userId));
    expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    // Once refreshed, the next request leaves the cookie alone.
    expect((await me(volunteer.cookie)).headers["set-cookie"]).toBeUndefined();
  });

  it("ends with sign-out", async () => {
    const cookie = await t.signIn("leaving@sessionville.example");
    await t.request({ method: "POST", url: "/api/auth/sign-out", cookie, body: {} });
    expect((await me(cookie)).json().user).toBeNull();
  });
});
