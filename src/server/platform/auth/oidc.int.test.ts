import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
// @ts-expect-error oidc-provider ships no type declarations (those are in @types/oidc-provider); the few parts used are typed below.
import OidcProvider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";
import { accounts, sessions, users } from "./schema.ts";

/**
 * Single sign-on for staff against a real OpenID provider (panva's oidc-provider, certified) on a
 * local port: discovery, authorization code with PKCE, token exchange, ID token and userinfo,
 * all over real HTTP. Only the provider's login page is replaced, by a handler that signs the
 * staff member in and grants what was asked without showing a UI.
 */

// ---- The few parts of oidc-provider's API this test uses -----------------------------------

interface KoaContext {
  method: string;
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond: boolean;
}

interface Interaction {
  uid: string;
  params: Record<string, unknown>;
  prompt: { name: string; details: Record<string, unknown> };
}

interface Grant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

interface Provider {
  issuer: string;
  Grant: new (properties: { accountId: string; clientId: string }) => Grant;
  use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  callback(): (request: IncomingMessage, response: ServerResponse) => void;
  interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<Interaction>;
  interactionFinished(request: IncomingMessage, response: ServerResponse, result: unknown, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
}

const ProviderClass = OidcProvider as new (issuer: string, configuration: Record<string, unknown>) => Provider;

// ---- The provider ----------------------------------------------------------------------------

const clientId = "civitas-test";
const clientSecret = "a-client-secret-for-the-test-provider";
// better-auth 1.7 serves generic OAuth providers through its core routes: /callback/<providerId>.
const redirectUri = `${testPublicUrl}/api/auth/callback/oidc`;

const staff = { accountId: "staff-0042", email: "casey.staff@city.example", name: "Casey Staff" };

/** What the provider's interaction handler saw, so the test can check what Civitas asked for. */
const interactions: Interaction[] = [];

async function startProvider(): Promise<{ provider: Provider; server: Server }> {
  // The issuer has to name its port before the provider exists, so listen first and route later.
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.writeHead(503).end();
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new ProviderClass(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // better-auth sends the secret in the form body unless told otherwise.
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    // Insist on PKCE, so the test shows Civitas sends it rather than that the provider tolerates its absence.
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    async findAccount(_ctx: unknown, sub: string) {
      if (sub !== staff.accountId) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email: staff.email, email_verified: true, name: staff.name }) };
    },
    interactions: { url: async (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    cookies: { keys: ["test-provider-cookie-signing-key"] },
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-signing-key", use: "sig", alg: "RS256" }] },
  });

  // The "login page": whoever arrives is the staff member, and they grant every scope requested.
  provider.use(async (ctx, next) => {
    if (ctx.method !== "GET" || !/^\/interaction\/[^/]+$/.test(ctx.path)) return next();
    const interaction = await provider.interactionDetails(ctx.req, ctx.res);
    interactions.push(interaction);
    const grant = new provider.Grant({ accountId: staff.accountId, clientId: String(interaction.params.client_id) });
    grant.addOIDCScope(String(interaction.params.scope));
    const grantId = await grant.save();
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: staff.accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  });
  handle = provider.callback();
  return { provider, server };
}

// ---- Browser helpers -------------------------------------------------------------------------

function setCookiesOf(response: LightMyRequestResponse): string[] {
  return ([] as string[]).concat(response.headers["set-cookie"] ?? []);
}

/** `name=value` pairs from Set-Cookie headers, leaving out cookies that are being cleared. */
function cookiePairs(headers: string[]): string[] {
  return headers.map((header) => header.split(";")[0] ?? "").filter((pair) => pair.includes("=") && !pair.endsWith("="));
}

function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  return cookiePairs(setCookiesOf(response)).find((pair) => pair.startsWith("civitas.session_token="));
}

/**
 * Plays the browser at the provider: follows its redirects, keeping its cookies, until it sends
 * the browser back to Civitas. Returns that callback address (path and query).
 */
async function followProviderTo(authorizationUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const [name = "", value = ""] = pair.split(/=(.*)/s);
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider stopped at ${url} with ${response.status}: ${await response.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(`${redirectUri}?`)) return next.pathname + next.search;
    url = next.href;
  }
  throw new Error("the provider never redirected back to Civitas");
}

// ---- The tests -------------------------------------------------------------------------------

let provider: Provider;
let server: Server;
let t: TestApp;

beforeAll(async () => {
  ({ provider, server } = await startProvider());
  // better-auth reads the provider's discovery document when it starts, so the provider comes first.
  t = await startTestApp({ OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret });
});

afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/**
 * Starts single sign-on at Civitas; returns the provider address and the cookies Civitas set.
 * better-auth 1.7 dropped the generic-OAuth plugin's own /sign-in/oauth2 route (it answers 404):
 * every provider now starts at /sign-in/social with `provider`.
 */
async function startSignOn(callbackURL = "/") {
  const started = await t.request({
    method: "POST",
    url: "/api/auth/sign-in/social",
    headers: { origin: testPublicUrl },
    body: { provider: "oidc", callbackURL },
  });
  expect(started.statusCode).toBe(200);
  const { url } = started.json() as { url: string };
  expect(url.startsWith(`${provider.issuer}/`)).toBe(true);
  return { url, cookies: cookiePairs(setCookiesOf(started)).join("; ") };
}

/** The whole round trip; returns the session cookie. */
async function signOnThroughProvider(): Promise<string> {
  const { url, cookies } = await startSignOn();
  const callback = await followProviderTo(url);
  const finished = await t.request({ method: "GET", url: callback, cookie: cookies });
  const session = sessionCookieOf(finished);
  if (!session) throw new Error(`single sign-on set no session (${finished.statusCode} → ${finished.headers.location})`);
  return session;
}

async function staffUser() {
  return t.database.db.select().from(users).where(eq(users.email, staff.email));
}

describe("single sign-on with an OpenID provider", () => {
  it("signs a staff member in with the provider's email and name, and links the provider account", async () => {
    const { url, cookies } = await startSignOn("/");
    const callback = await followProviderTo(url);

    const [requested] = interactions.slice(-1);
    expect(String(requested?.params.scope).split(" ").sort()).toEqual(["email", "openid", "profile"]);
    expect(requested?.params.code_challenge_method).toBe("S256");

    const finished = await t.request({ method: "GET", url: callback, cookie: cookies });
    expect(finished.statusCode).toBe(302);
    expect(new URL(String(finished.headers.location), testPublicUrl).href).toBe(`${testPublicUrl}/`);
    const cookie = sessionCookieOf(finished);
    expect(cookie).toBeDefined();

    const me = await t.request({ method: "GET", url: "/api/v1/me", cookie: cookie ?? "" });
    expect(me.json().user).toMatchObject({ email: staff.email, name: staff.name });

    const [user] = await staffUser();
    expect(user?.emailVerified).toBe(true);
    const linked = await t.database.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.userId, user?.id ?? ""), eq(accounts.providerId, "oidc")));
    expect(linked).toHaveLength(1);
    expect(linked[0]?.accountId).toBe(staff.accountId);
  });

  it("lets the signed-on staff member accept a city admin's invitation to their address", async () => {
    const city = await t.createCity("gotham");
    const admin = await t.personWithRoles(city, "admin@gotham.example", [{ role: "city_admin" }]);
    const invited = await t.request({
      method: "POST",
      url: "/api/v1/cities/gotham/invitations",
      cookie: admin.cookie,
      body: { email: staff.email, role: "dso_staff" },
    });
    expect(invited.statusCode).toBeLessThan(300);
    const mail = await t.latestMail(staff.email, "invitation");
    const token = mail?.textBody.match(new RegExp(`${testPublicUrl}/gotham/invitations/([A-Za-z0-9_-]+)`))?.[1];
    expect(token).toBeDefined();

    // A returning staff member: the same person and provider account, not a new one.
    const cookie = await signOnThroughProvider();
    const people = await staffUser();
    expect(people).toHaveLength(1);
    const linked = await t.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.userId, people[0]?.id ?? ""));
    expect(linked.map((account) => account.providerId)).toEqual(["oidc"]);

    const before = await t.request({ method: "GET", url: "/api/v1/me", cookie });
    expect(before.json().memberships).toEqual([]);

    const accepted = await t.request({ method: "POST", url: `/api/v1/cities/gotham/invitations/by-token/${token}/accept`, cookie });
    expect(accepted.statusCode).toBe(200);

    const after = await t.request({ method: "GET", url: "/api/v1/me", cookie });
    expect(after.json().memberships).toEqual([
      { city: { slug: "gotham", name: "Gotham" }, roles: [expect.objectContaining({ role: "dso_staff" })], organizes: [] },
    ]);
  });

  it("refuses a callback whose state was tampered with", async () => {
    const { url, cookies } = await startSignOn();
    const callback = new URL(await followProviderTo(url), testPublicUrl);
    const state = callback.searchParams.get("state") ?? "";
    expect(state).not.toBe("");
    callback.searchParams.set("state", `${state.slice(0, -1)}${state.endsWith("A") ? "B" : "A"}`);
    const sessionsBefore = await t.database.db.select().from(sessions);

    const finished = await t.request({ method: "GET", url: callback.pathname + callback.search, cookie: cookies });
    expect(finished.statusCode).toBe(302);
    expect(new URL(String(finished.headers.location), testPublicUrl).searchParams.get("error")).toBe("state_mismatch");
    expect(sessionCookieOf(finished)).toBeUndefined();
    expect(await t.database.db.select().from(sessions)).toHaveLength(sessionsBefore.length);
  });

  it("refuses a genuine callback delivered to a browser that did not start the sign-on", async () => {
    // Login CSRF: an attacker hands their own callback link to someone else's browser.
    const { url } = await startSignOn();
    const callback = await followProviderTo(url);
    const sessionsBefore = await t.database.db.select().from(sessions);

    const finished = await t.request({ method: "GET", url: callback });
    expect(finished.statusCode).toBe(302);
    expect(new URL(String(finished.headers.location), testPublicUrl).searchParams.get("error")).toBe("state_mismatch");
    expect(sessionCookieOf(finished)).toBeUndefined();
    expect(await t.database.db.select().from(sessions)).toHaveLength(sessionsBefore.length);
  });
});
