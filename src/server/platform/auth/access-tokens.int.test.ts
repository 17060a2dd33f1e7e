import { and, eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bidsPerMinutePerToken } from "../../modules/bounties/auction-routes.ts";
import { bids, bounties } from "../../modules/bounties/schema.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { auditEvents } from "../audit/index.ts";
import type { City } from "../tenancy/index.ts";
import { hashSecret, parseAccessToken } from "./access-tokens.ts";
import { personalAccessTokens } from "./schema.ts";

/**
 * Personal access tokens: a person makes one, a program bids with it on the routes that accept
 * tokens, and a wrong, revoked, expired or misplaced token is refused without changing anything.
 */

const tokensUrl = "/api/v1/me/access-tokens";

function expectProblem(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers["content-type"]).toContain("application/problem+json");
  return response.json() as { status: number; code: string; detail: string; errors?: { field: string; message: string }[] };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface World {
  t: TestApp;
  city: City;
  dso: string;
  vendorCookie: string;
  vendorId: string;
}

/** A city with money in its fund, its DSO, and one verified vendor. */
async function world(overrides: Record<string, string> = {}, slug = "riverside"): Promise<World> {
  const t = await startTestApp({ PROCESS_ROLE: "web", ...overrides });
  const city = await t.createCity(slug);
  const dso = (await t.personWithRoles(city, `dso@${slug}.example`, [{ role: "dso_staff" }])).cookie;
  const funded = await t.request({ method: "POST", url: `/api/v1/cities/${slug}/fund/additions`, cookie: dso, body: { amountMinor: 10_000_000 } });
  expect(funded.statusCode).toBe(201);
  const vendorCookie = await t.signIn(`bot-owner@${slug}.example`);
  const registered = await t.request({
    method: "POST",
    url: `/api/v1/cities/${slug}/vendors`,
    cookie: vendorCookie,
    body: { legalName: "Bidding Robots LLC", smallBusiness: true, taxFormOnFile: true, paymentReference: "AP-77" },
  });
  expect(registered.statusCode).toBe(201);
  const vendorId = registered.json().id as string;
  const reviewed = await t.request({ method: "POST", url: `/api/v1/cities/${slug}/vendors/${vendorId}/review`, cookie: dso, body: { decision: "verified" } });
  expect(reviewed.statusCode).toBe(200);
  return { t, city, dso, vendorCookie, vendorId };
}

/** A published multi-bid auction, open for bids now. */
async function openAuction(w: World, amountMinor = 500_000) {
  const [created] = await w.t.database.db
    .insert(bounties)
    .values({
      cityId: w.city.id,
      kind: "auction",
      auctionType: "multi",
      title: `Auction ${Math.random().toString(36).slice(2, 8)}`,
      description: "Make the permit form accessible.",
      acceptanceCriteria: ["Passes axe"],
      requiredLicence: "MIT",
      amountMinor,
      currency: "USD",
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 3_600_000),
    })
    .returning();
  if (!created) throw new Error("no auction");
  const published = await w.t.request({ method: "POST", url: `/api/v1/cities/${w.city.slug}/bounties/${created.id}/publish`, cookie: w.dso });
  expect(published.statusCode).toBe(200);
  return created;
}

async function makeToken(w: World, body: Record<string, unknown> = {}) {
  const response = await w.t.request({ method: "POST", url: tokensUrl, cookie: w.vendorCookie, body: { name: "Bidding bot", city: w.city.slug, ...body } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; token: string; status: string; scopes: string[]; city: { slug: string } | null; expiresAt: string };
}

async function bidCount(w: World, bountyId: string) {
  return (await w.t.database.db.select().from(bids).where(eq(bids.bountyId, bountyId))).length;
}

describe("personal access tokens", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => w?.t.close());

  it("makes a token whose secret is shown once and stored only as a hash, lists it without the secret, and audits it", async () => {
    const created = await makeToken(w);
    expect(created.token).toMatch(/^civ_pat_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ status: "active", scopes: ["bids"], city: { slug: "riverside" } });
    expect(new Date(created.expiresAt).getTime()).toBeGreaterThan(Date.now() + 89 * 86_400_000);

    const parsed = parseAccessToken(created.token);
    expect(parsed?.id).toBe(created.id);
    const [stored] = await w.t.database.db.select().from(personalAccessTokens).where(eq(personalAccessTokens.id, created.id));
    expect(stored?.tokenHash).toBe(hashSecret(parsed?.secret ?? ""));
    expect(JSON.stringify(stored)).not.toContain(parsed?.secret);

    const listed = await w.t.request({ method: "GET", url: tokensUrl, cookie: w.vendorCookie });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(parsed?.secret);
    expect(listed.json().tokens.map((token: { id: string }) => token.id)).toContain(created.id);
    expect(listed.json().tokens[0]).not.toHaveProperty("token");

    const [audit] = await w.t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "access-token.created"), eq(auditEvents.targetId, created.id)));
    expect(audit).toMatchObject({ cityId: w.city.id, targetType: "access_token" });
    expect(JSON.stringify(audit)).not.toContain(parsed?.secret);
    expect(JSON.stringify(audit)).not.toContain(stored?.tokenHash);

    // Someone else sees none of it.
    const other = await w.t.signIn("someone-else@riverside.example");
    const theirs = await w.t.request({ method: "GET", url: tokensUrl, cookie: other });
    expect(theirs.json().tokens).toEqual([]);
  });

  it("lets a bot place a bid, read the bids and read the auction with its token, with no cookie and no Origin", async () => {
    const auction = await openAuction(w);
    const { id, token } = await makeToken(w);
    const placed = await w.t.request({
      method: "POST",
      url: `/api/v1/cities/riverside/bounties/${auction.id}/bids`,
      headers: bearer(token),
      body: { amount: "4,500" },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const [stored] = await w.t.database.db.select().from(bids).where(eq(bids.bountyId, auction.id));
    expect(stored).toMatchObject({ vendorId: w.vendorId, amountMinor: 450_000 });

    const read = await w.t.request({ method: "GET", url: `/api/v1/cities/riverside/bounties/${auction.id}/bids`, headers: bearer(token) });
    expect(read.statusCode).toBe(200);
    expect(read.json().bids.some((item: { mine?: boolean }) => item.mine)).toBe(true);
    const one = await w.t.request({ method: "GET", url: `/api/v1/cities/riverside/bounties/${auction.id}`, headers: bearer(token) });
    expect(one.statusCode).toBe(200);
    expect(one.json().id).toBe(auction.id);

    const [used] = await w.t.database.db.select().from(personalAccessTokens).where(eq(personalAccessTokens.id, id));
    expect(used?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("refuses a wrong secret, a revoked token, an expired one and one of another city with 401, and bids nothing", async () => {
    const auction = await openAuction(w);
    const bidWith = (token: string) =>
      w.t.request({ method: "POST", url: `/api/v1/cities/riverside/bounties/${auction.id}/bids`, headers: bearer(token), body: { amount: "4,000" } });

    const good = await makeToken(w);
    const wrongSecret = `${good.token.slice(0, -4)}${good.token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    expect(expectProblem(await bidWith(wrongSecret), 401).code).toBe("unauthenticated");
    expect(expectProblem(await bidWith("civ_pat_not-a-token"), 401).detail).toBe(
      "This access token is not valid. Check that you copied all of it, or make a new one.",
    );
    expectProblem(await bidWith(`civ_pat_${"0".repeat(8)}-0000-7000-8000-${"0".repeat(12)}_${"A".repeat(43)}`), 401);

    const revoked = await makeToken(w);
    const revoking = await w.t.request({ method: "DELETE", url: `${tokensUrl}/${revoked.id}`, cookie: w.vendorCookie });
    expect(revoking.statusCode).toBe(200);
    expect(revoking.json()).toMatchObject({ id: revoked.id, status: "revoked" });
    const revokedAnswer = expectProblem(await bidWith(revoked.token), 401);
    expect(revokedAnswer.detail).toBe("This access token has been revoked. Make a new one on your account page.");
    const [audit] = await w.t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "access-token.revoked"), eq(auditEvents.targetId, revoked.id)));
    expect(audit?.actorUserId).toBeTruthy();

    const expired = await makeToken(w);
    await w.t.database.db
      .update(personalAccessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(personalAccessTokens.id, expired.id));
    expectProblem(await bidWith(expired.token), 401);

    const elsewhere = await w.t.createCity("lakeside");
    const otherCity = await makeToken(w, { city: elsewhere.slug });
    expect(expectProblem(await bidWith(otherCity.token), 401).detail).toBe("This access token works in another city only.");

    // A refused token is refused on public routes that accept tokens too, never read as anonymous.
    expectProblem(await w.t.request({ method: "GET", url: `/api/v1/cities/riverside/bounties/${auction.id}/bids`, headers: bearer(wrongSecret) }), 401);

    expect(await bidCount(w, auction.id)).toBe(0);
    const [untouched] = await w.t.database.db.select().from(personalAccessTokens).where(eq(personalAccessTokens.id, revoked.id));
    expect(untouched?.lastUsedAt).toBeNull();
  });

  it("is refused with 401 on every route that did not opt in, public or private", async () => {
    const { token } = await makeToken(w, { city: null });
    const attempts = [
      { method: "GET" as const, url: "/api/v1/me" },
      { method: "GET" as const, url: tokensUrl },
      { method: "POST" as const, url: tokensUrl, body: { name: "Made by a bot" } },
      { method: "GET" as const, url: "/api/v1/cities/riverside/bounties" },
      { method: "GET" as const, url: "/api/v1/cities/riverside/opportunities" },
      { method: "POST" as const, url: "/api/v1/cities/riverside/vendors", body: { legalName: "Sneaky", smallBusiness: false, taxFormOnFile: true } },
      { method: "GET" as const, url: "/api/v1/cities/riverside/fund" },
    ];
    for (const attempt of attempts) {
      const response = await w.t.request({ ...attempt, headers: bearer(token) });
      expect.soft(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(401);
      expect.soft(response.headers["content-type"]).toContain("application/problem+json");
    }
    const refused = expectProblem(await w.t.request({ method: "GET", url: "/api/v1/me", headers: bearer(token) }), 401);
    expect(refused.detail).toContain("does not accept personal access tokens");
    // A session cookie sent along does not open a route that refuses tokens.
    const withCookie = await w.t.request({ method: "GET", url: tokensUrl, cookie: w.vendorCookie, headers: bearer(token) });
    expect(withCookie.statusCode).toBe(401);
    const [count] = await w.t.database.db.select().from(personalAccessTokens).where(eq(personalAccessTokens.name, "Made by a bot"));
    expect(count).toBeUndefined();
  });

  it("says in the API documentation which routes take a token", async () => {
    const document = (await w.t.request({ method: "GET", url: "/api/openapi.json" })).json();
    expect(document.components.securitySchemes.accessToken).toMatchObject({ type: "http", scheme: "bearer" });
    const bidsPath = document.paths["/api/v1/cities/{city}/bounties/{bountyId}/bids"];
    expect(bidsPath.post.security).toContainEqual({ accessToken: [] });
    expect(bidsPath.get.security).toContainEqual({ accessToken: [] });
    expect(document.paths["/api/v1/cities/{city}/bounties/{bountyId}"].get.security).toContainEqual({ accessToken: [] });
    expect(document.paths["/api/v1/me/access-tokens"].get.security).toBeUndefined();
  });

  it("refuses bad input and other people's tokens, and asks anonymous callers to sign in", async () => {
    const before = (await w.t.database.db.select().from(personalAccessTokens)).length;
    const empty = expectProblem(await w.t.request({ method: "POST", url: tokensUrl, cookie: w.vendorCookie, body: { name: " " } }), 400);
    expect(empty.errors?.map((error) => error.field)).toEqual(["name"]);
    const scope = expectProblem(await w.t.request({ method: "POST", url: tokensUrl, cookie: w.vendorCookie, body: { name: "x", scopes: ["admin"] } }), 400);
    expect(scope.errors?.[0]?.field).toBe("scopes.0");
    const lifetime = expectProblem(await w.t.request({ method: "POST", url: tokensUrl, cookie: w.vendorCookie, body: { name: "x", expiresInDays: 0 } }), 400);
    expect(lifetime.errors?.[0]?.field).toBe("expiresInDays");
    const city = expectProblem(await w.t.request({ method: "POST", url: tokensUrl, cookie: w.vendorCookie, body: { name: "x", city: "atlantis" } }), 400);
    expect(city.errors?.[0]?.field).toBe("city");
    expectProblem(await w.t.request({ method: "POST", url: tokensUrl, body: { name: "x" } }), 401);
    expect((await w.t.database.db.select().from(personalAccessTokens)).length).toBe(before);

    const mine = await makeToken(w);
    const other = await w.t.signIn("intruder@riverside.example");
    expectProblem(await w.t.request({ method: "DELETE", url: `${tokensUrl}/${mine.id}`, cookie: other }), 404);
    const [still] = await w.t.database.db.select().from(personalAccessTokens).where(eq(personalAccessTokens.id, mine.id));
    expect(still?.revokedAt).toBeNull();
  });
});

describe("personal access tokens with rate limits on", () => {
  let w: World;
  beforeAll(async () => {
    w = await world({ RATE_LIMITS: "true" }, "hillside");
  });
  afterAll(async () => w?.t.close());

  it(`answers 429 with Retry-After once a token has made ${bidsPerMinutePerToken} bids in a minute, and counts each token apart`, async () => {
    const auction = await openAuction(w, 900_000);
    const first = await makeToken(w);
    const second = await makeToken(w);
    const bidWith = (token: string, amount: number) =>
      w.t.request({ method: "POST", url: `/api/v1/cities/hillside/bounties/${auction.id}/bids`, headers: bearer(token), body: { amount } });

    const statuses: number[] = [];
    for (let attempt = 0; attempt < bidsPerMinutePerToken; attempt++) statuses.push((await bidWith(first.token, 8000 - attempt * 10)).statusCode);
    // The first bid is taken; the vendor then holds the lowest bid, so the rest are refused, but each counts.
    expect(statuses[0]).toBe(201);
    expect(statuses.every((status) => status !== 429)).toBe(true);

    const limited = await bidWith(first.token, 100);
    const problem = expectProblem(limited, 429);
    expect(problem.code).toBe("rate-limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(await bidCount(w, auction.id)).toBe(1);

    // Another token has a budget of its own, and the vendor's own session is not counted at all.
    expect((await bidWith(second.token, 100)).statusCode).not.toBe(429);
    const byHand = await w.t.request({
      method: "POST",
      url: `/api/v1/cities/hillside/bounties/${auction.id}/bids`,
      cookie: w.vendorCookie,
      body: { amount: 50 },
    });
    expect(byHand.statusCode).not.toBe(429);
  });
});
