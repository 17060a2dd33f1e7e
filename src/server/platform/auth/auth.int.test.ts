import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import spanish from "../../../web/i18n/es.json" with { type: "json" };
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";
import { rateLimits, sessions, users } from "./schema.ts";

/**
 * Sign-up, sign-in, sign-out, magic links and rate limits, through the real better-auth handler
 * behind our Fastify bridge, against a real database.
 */

const origin = { origin: testPublicUrl };
const password = "correct horse battery staple";

function setCookies(response: LightMyRequestResponse): string[] {
  return ([] as string[]).concat(response.headers["set-cookie"] ?? []);
}

/** The `name=value` pair of the session cookie a response sets, if it sets a live one. */
function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  const cookie = setCookies(response).find((header) => header.startsWith("civitas.session_token="));
  const pair = cookie?.split(";")[0];
  // Signing out also "sets" the cookie, to an empty value that expires it.
  return pair && pair !== "civitas.session_token=" ? pair : undefined;
}

/** better-auth signs the cookie as `<token>.<signature>`; the sessions table stores the token. */
function sessionTokenOf(cookie: string): string {
  return decodeURIComponent(cookie.slice("civitas.session_token=".length)).split(".")[0] ?? "";
}

async function userByEmail(t: TestApp, email: string) {
  const [user] = await t.database.db.select().from(users).where(eq(users.email, email));
  return user;
}

async function sessionsOf(t: TestApp, userId: string) {
  return t.database.db.select().from(sessions).where(eq(sessions.userId, userId));
}

function expectProblem(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode).toBe(status);
  expect(response.headers["content-type"]).toContain("application/problem+json");
  const problem = response.json();
  expect(problem.status).toBe(status);
  return problem as { status: number; code: string; detail: string; title: string };
}

describe("auth", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  describe("email and password", () => {
    it("signs up into a stored session, shows the person on /me, and signs out by deleting the session", async () => {
      const signedUp = await t.request({
        method: "POST",
        url: "/api/auth/sign-up/email",
        headers: origin,
        body: { name: "Ada Lovelace", email: "ada@example.org", password },
      });
      expect(signedUp.statusCode).toBe(200);
      const cookie = sessionCookieOf(signedUp);
      expect(cookie).toBeDefined();
      if (!cookie) return;

      const user = await userByEmail(t, "ada@example.org");
      expect(user?.name).toBe("Ada Lovelace");
      const stored = await sessionsOf(t, user?.id ?? "");
      expect(stored.map((session) => session.token)).toEqual([sessionTokenOf(cookie)]);

      const me = await t.request({ method: "GET", url: "/api/v1/me", cookie });
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ id: user?.id, email: "ada@example.org", name: "Ada Lovelace" });

      const signedOut = await t.request({ method: "POST", url: "/api/auth/sign-out", cookie });
      expect(signedOut.statusCode).toBe(200);
      expect(await sessionsOf(t, user?.id ?? "")).toEqual([]);

      // The browser would drop the cookie; a replayed copy must not work either.
      const after = await t.request({ method: "GET", url: "/api/v1/me", cookie });
      expect(after.json()).toEqual({ user: null, memberships: [] });
    });

    it("signs in with the right password and refuses a wrong one with a problem in the reader's language", async () => {
      await t.request({ method: "POST", url: "/api/auth/sign-up/email", headers: origin, body: { name: "Grace", email: "grace@example.org", password } });

      const signedIn = await t.request({ method: "POST", url: "/api/auth/sign-in/email", headers: origin, body: { email: "grace@example.org", password } });
      expect(signedIn.statusCode).toBe(200);
      const cookie = sessionCookieOf(signedIn);
      expect(cookie).toBeDefined();
      const me = await t.request({ method: "GET", url: "/api/v1/me", cookie: cookie ?? "" });
      expect(me.json().user?.email).toBe("grace@example.org");

      const english = await t.request({
        method: "POST",
        url: "/api/auth/sign-in/email",
        headers: origin,
        body: { email: "grace@example.org", password: "not the password at all" },
      });
      expect(expectProblem(english, 401)).toMatchObject({ code: "invalid-email-or-password", detail: "That email and password do not match an account." });
      expect(sessionCookieOf(english)).toBeUndefined();

      const spanishReply = await t.request({
        method: "POST",
        url: "/api/auth/sign-in/email",
        headers: { ...origin, "accept-language": "es" },
        body: { email: "grace@example.org", password: "not the password at all" },
      });
      expect(expectProblem(spanishReply, 401).detail).toBe("Ese correo y esa contraseña no corresponden a ninguna cuenta.");
    });

    it("refuses a password that is too short and creates no account", async () => {
      const response = await t.request({
        method: "POST",
        url: "/api/auth/sign-up/email",
        headers: origin,
        body: { name: "Shorty", email: "shorty@example.org", password: "eleven-char" },
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json()).toMatchObject({ code: "password-too-short", detail: "Use a password of at least 12 characters." });
      expect(sessionCookieOf(response)).toBeUndefined();
      expect(await userByEmail(t, "shorty@example.org")).toBeUndefined();
    });
  });

  describe("magic links", () => {
    it("mails a link for the city in the callback, in the reader's language, that signs in exactly once", async () => {
      const city = await t.createCity("springfield");
      const email = "marge@example.org";
      const asked = await t.request({
        method: "POST",
        url: "/api/auth/sign-in/magic-link",
        headers: { ...origin, "accept-language": "es" },
        body: { email, callbackURL: "/springfield/admin" },
      });
      expect(asked.statusCode).toBe(200);

      const mail = await t.latestMail(email, "magic-link");
      expect(mail).toMatchObject({ kind: "magic-link", cityId: city.id, subject: spanish.mail.magicLink.subject });
      const link = mail?.textBody.match(/https?:\/\/\S+magic-link\/verify\S+/)?.[0];
      expect(link).toBeDefined();
      if (!link) return;
      expect(link.startsWith(`${testPublicUrl}/api/auth/magic-link/verify?`)).toBe(true);
      const path = link.slice(testPublicUrl.length);

      const followed = await t.request({ method: "GET", url: path });
      expect(followed.statusCode).toBe(302);
      expect(new URL(String(followed.headers.location), testPublicUrl).href).toBe(`${testPublicUrl}/springfield/admin`);
      const cookie = sessionCookieOf(followed);
      expect(cookie).toBeDefined();
      const me = await t.request({ method: "GET", url: "/api/v1/me", cookie: cookie ?? "" });
      expect(me.json().user?.email).toBe(email);

      const user = await userByEmail(t, email);
      expect(await sessionsOf(t, user?.id ?? "")).toHaveLength(1);

      const again = await t.request({ method: "GET", url: path });
      expect(again.statusCode).toBe(302);
      expect(new URL(String(again.headers.location), testPublicUrl).searchParams.get("error")).toBe("INVALID_TOKEN");
      expect(sessionCookieOf(again)).toBeUndefined();
      expect(await sessionsOf(t, user?.id ?? "")).toHaveLength(1);
    });
  });
});

describe("auth rate limits", () => {
  // The default TRUST_PROXY is "loopback", and Fastify inject connects from 127.0.0.1: a loopback
  // peer is a trusted proxy, so its X-Forwarded-For *is* request.ip (that is what lets a real
  // reverse proxy on the same host give each visitor their own bucket; see the next block). To
  // test a client talking to Civitas directly from 127.0.0.1, proxies are not trusted here.
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: "true", TRUST_PROXY: "false" });
  });
  afterAll(async () => t?.close());

  it("refuses the 6th password sign-in in a minute, whatever address the client claims to be", async () => {
    const statuses: number[] = [];
    let last: LightMyRequestResponse | undefined;
    for (let attempt = 1; attempt <= 6; attempt++) {
      last = await t.request({
        method: "POST",
        url: "/api/auth/sign-in/email",
        headers: {
          ...origin,
          "x-forwarded-for": `198.51.100.${attempt}`,
          // The header the bridge uses to tell better-auth the address; a client must not set it.
          "x-civitas-client-ip": `203.0.113.${attempt}`,
        },
        body: { email: "nobody@example.org", password: "wrong wrong wrong" },
      });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    if (!last) return;
    const problem = expectProblem(last, 429);
    expect(problem.code).toBe("rate-limited");
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(last.headers["retry-after"])).toBeLessThanOrEqual(60);

    const buckets = await t.database.db.select().from(rateLimits).where(eq(rateLimits.key, "127.0.0.1|/sign-in/email"));
    expect(buckets).toHaveLength(1);
    expect(buckets[0]?.count).toBe(5);
  });

  it("refuses the 4th magic-link request in a minute", async () => {
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await t.request({
        method: "POST",
        url: "/api/auth/sign-in/magic-link",
        headers: { ...origin, "x-forwarded-for": `198.51.100.${attempt}` },
        body: { email: `flood${attempt}@example.org`, callbackURL: "/" },
      });
      statuses.push(response.statusCode);
      if (attempt === 4) expectProblem(response, 429);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await t.latestMail("flood4@example.org")).toBeUndefined();
  });
});

describe("auth rate limits with the default TRUST_PROXY (loopback)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: "true" });
  });
  afterAll(async () => t?.close());

  const attempt = (remoteAddress: string, headers: Record<string, string>) =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in/email",
      remoteAddress,
      headers: { ...origin, "content-type": "application/json", ...headers },
      payload: { email: "nobody@example.org", password: "wrong wrong wrong" },
    });

  it("keys a direct client by its own address, not by the X-Forwarded-For it sends", async () => {
    const statuses: number[] = [];
    for (let n = 1; n <= 6; n++) {
      const response = await attempt("192.0.2.10", { "x-forwarded-for": `198.51.100.${n}`, "x-civitas-client-ip": `203.0.113.${n}` });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const keys = (await t.database.db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key);
    expect(keys).toEqual(["192.0.2.10|/sign-in/email"]);
  });

  it("keys a visitor behind a local reverse proxy by the address the proxy forwards", async () => {
    const response = await attempt("127.0.0.1", { "x-forwarded-for": "198.51.100.77" });
    expect(response.statusCode).toBe(401);
    const [bucket] = await t.database.db.select().from(rateLimits).where(eq(rateLimits.key, "198.51.100.77|/sign-in/email"));
    expect(bucket?.count).toBe(1);
  });
});
