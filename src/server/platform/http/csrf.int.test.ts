import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies } from "../../modules/agencies/index.ts";
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  const city = await t.createCity("harbor");
  admin = (await t.personWithRoles(city, "admin@harbor.example", [{ role: "city_admin" }])).cookie;
});
afterAll(async () => t?.close());

const create = (headers: Record<string, string>, slug: string) =>
  t.request({ method: "POST", url: "/api/v1/cities/harbor/agencies", cookie: admin, body: { slug, name: slug }, headers });

describe("cross-site request forgery protection", () => {
  it("refuses a state-changing request with a session cookie but no Origin", async () => {
    const response = await create({ origin: "" }, "no-origin");
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toContain("did not come from this site");
  });

  it("refuses a request from another site's page", async () => {
    const response = await create({ origin: "https://evil.example" }, "evil");
    expect(response.statusCode).toBe(403);
  });

  it("accepts the same request from our own origin", async () => {
    expect((await create({ origin: testPublicUrl }, "ours")).statusCode).toBe(201);
  });

  it("accepts the site's own host when it is reached under another name (a load balancer's address)", async () => {
    expect((await create({ origin: "http://10.0.0.5:3000", host: "10.0.0.5:3000" }, "by-host")).statusCode).toBe(201);
  });

  it("created nothing for the refused requests", async () => {
    const slugs = (await t.database.db.select({ slug: agencies.slug }).from(agencies)).map((row) => row.slug).sort();
    expect(slugs).toEqual(["by-host", "ours"]);
  });

  it("refuses a sign-in request from another site that carries a session cookie", async () => {
    const response = await t.request({ method: "POST", url: "/api/auth/sign-out", cookie: admin, body: {}, headers: { origin: "https://evil.example" } });
    expect(response.statusCode).toBe(403);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect((await t.request({ method: "GET", url: "/api/v1/me", cookie: admin })).json().user.email).toBe("admin@harbor.example");
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    await t.request({
      method: "POST",
      url: "/api/auth/sign-up/email",
      body: { email: "cookie@harbor.example", password: "a long enough password", name: "Cookie" },
      headers: { origin: testPublicUrl },
    });
    const response = await t.request({
      method: "POST",
      url: "/api/auth/sign-in/email",
      body: { email: "cookie@harbor.example", password: "a long enough password" },
      headers: { origin: testPublicUrl },
    });
    const cookie = ([] as string[]).concat(response.headers["set-cookie"] ?? []).find((value) => value.startsWith("civitas.session_token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});
