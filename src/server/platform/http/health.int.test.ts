import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe("API platform", () => {
  it("answers liveness with status ok", async () => {
    const response = await t.request({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
  });

  it("answers readiness after checking the database and the job queue", async () => {
    const response = await t.request({ method: "GET", url: "/api/health/ready" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "ok", checks: { database: "ok", jobs: "ok" } });
  });

  it("reports not ready when the database is gone", async () => {
    const other = await startTestApp();
    await other.database.pool.end();
    const response = await other.request({ method: "GET", url: "/api/health/ready" });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: "unavailable", checks: { database: "unavailable" } });
    await other.app.close();
    await other.services.close();
    await other.database.drop().catch(() => {});
  });

  it("publishes an OpenAPI 3.1 document generated from the contracts", async () => {
    const response = await t.request({ method: "GET", url: "/api/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/v1/cities/{city}/agencies", "/api/v1/me", "/api/health"]));
    const create = document.paths["/api/v1/cities/{city}/agencies"].post;
    expect(create.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["slug", "name"]));
  });

  it("serves browsable API docs", async () => {
    const response = await t.request({ method: "GET", url: "/api/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.body).toContain("swagger");
  });

  it("sends security headers and a request id on every response", async () => {
    const response = await t.request({ method: "GET", url: "/api/health" });
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps a well-formed request id from the caller", async () => {
    const response = await t.request({ method: "GET", url: "/api/health", headers: { "x-request-id": "edge-req-123456" } });
    expect(response.headers["x-request-id"]).toBe("edge-req-123456");
  });

  it("answers unknown API paths with problem+json", async () => {
    const response = await t.request({ method: "GET", url: "/api/v1/no-such-thing" });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ status: 404, code: "not-found", instance: "/api/v1/no-such-thing" });
  });

  it("answers malformed JSON with a 400 problem that says so", async () => {
    const cookie = await t.signIn("json@example.org");
    const city = await t.createCity("jsonville");
    await t.personWithRoles(city, "json@example.org", [{ role: "city_admin" }]);
    const response = await t.request({
      method: "POST",
      url: "/api/v1/cities/jsonville/agencies",
      cookie,
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json().detail).toBe("The request body is not valid JSON.");
  });

  it("answers problems in the reader's language", async () => {
    const response = await t.request({ method: "GET", url: "/api/v1/cities/atlantis", headers: { "accept-language": "es-MX,es;q=0.9,en;q=0.5" } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ title: "No encontrado", detail: "Aquí no hay ninguna ciudad llamada «atlantis»." });
  });
});
