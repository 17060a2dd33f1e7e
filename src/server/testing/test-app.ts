import { desc, eq } from "drizzle-orm";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import pino from "pino";
import { buildApp } from "../app.ts";
import { type Config, loadConfig } from "../config.ts";
import { createAgency } from "../modules/agencies/index.ts";
import { createCity } from "../modules/cities/index.ts";
import { grantRoleIn } from "../modules/staff/index.ts";
import { provisionUser } from "../platform/auth/provision-user.ts";
import { outboxMessages } from "../platform/mail/index.ts";
import type { CityRole } from "../platform/policy/index.ts";
import type { City } from "../platform/tenancy/index.ts";
import { createServices, type Services } from "../services.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

/**
 * A whole Civitas app on a database of its own, for integration tests: real HTTP handling
 * (Fastify inject, or a real port with `listen`), real PostgreSQL, real sign-in flows.
 */

export const testPublicUrl = "http://civitas.test";

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
  services: Services;
  request(options: TestRequest): Promise<LightMyRequestResponse>;
  /** Creates (or finds) the account and signs it in through a real magic link; returns the session cookie. */
  signIn(email: string, name?: string): Promise<string>;
  createCity(slug: string, name?: string): Promise<City>;
  createAgency(city: City, slug: string, name?: string): Promise<{ id: string; slug: string; name: string }>;
  /** A signed-in person holding the given roles in the city; returns their cookie and id. */
  personWithRoles(city: City, email: string, roles: { role: CityRole; agencyId?: string | null }[]): Promise<{ cookie: string; userId: string }>;
  latestMail(recipient: string, kind?: string): Promise<typeof outboxMessages.$inferSelect | undefined>;
  /**
   * The latest message of the kind, waiting up to 10 s for it: the app's own job worker sends notices
   * too, so a test that sends them itself may find them already taken and still on their way.
   */
  awaitMail(recipient: string, kind: string): Promise<typeof outboxMessages.$inferSelect | undefined>;
  /** Serves the app on a real port on 127.0.0.1 (for concurrent requests) and returns its base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface TestRequest {
  method: InjectOptions["method"];
  url: string;
  cookie?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig(
    {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      PUBLIC_URL: testPublicUrl,
      AUTH_SECRET: "test-secret-that-is-long-enough-for-signing-cookies",
      RATE_LIMITS: "false",
      SEED_DEMO: "false",
      DATABASE_URL: database.url,
      WEB_DIST_DIR: "./dist/web",
      ...overrides,
    },
    [],
  );
  const services = createServices(config, database, pino({ level: "silent" }));
  await services.jobs.start();
  const app = await buildApp(config, database, services);
  await app.ready();

  const request = (options: TestRequest) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.cookie && options.method !== "GET" && !("origin" in headers)) headers.origin = config.publicUrl;
    return app.inject({
      method: options.method,
      url: options.url,
      headers,
      ...(options.body !== undefined && { payload: options.body as InjectOptions["payload"] }),
    });
  };

  const latestMail = async (recipient: string, kind?: string) => {
    const rows = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, recipient.toLowerCase()))
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(20);
    return rows.find((row) => !kind || row.kind === kind);
  };

  const awaitMail = async (recipient: string, kind: string) => {
    for (let waited = 0; waited < 10_000; waited += 100) {
      const mail = await latestMail(recipient, kind);
      if (mail) return mail;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return latestMail(recipient, kind);
  };

  const signIn = async (email: string, name = email.split("@")[0] ?? email) => {
    await provisionUser(services.auth, database.db, { email, name });
    const asked = await request({
      method: "POST",
      url: "/api/auth/sign-in/magic-link",
      body: { email, callbackURL: "/" },
      headers: { origin: config.publicUrl },
    });
    if (asked.statusCode !== 200) throw new Error(`magic link request failed: ${asked.statusCode} ${asked.body}`);
    const mail = await latestMail(email, "magic-link");
    const link = mail?.textBody.match(/https?:\/\/\S+magic-link\/verify\S+/)?.[0];
    if (!link) throw new Error(`no magic link mailed to ${email}`);
    const verified = await app.inject({ method: "GET", url: link.replace(config.publicUrl, "") });
    const cookies = ([] as string[]).concat(verified.headers["set-cookie"] ?? []);
    const session = cookies.find((cookie) => cookie.startsWith("civitas.session_token="));
    if (!session) throw new Error(`signing in ${email} set no session cookie (${verified.statusCode})`);
    return session.split(";")[0] ?? "";
  };

  const testApp: TestApp = {
    app,
    config,
    database,
    services,
    request,
    signIn,
    latestMail,
    awaitMail,
    createCity: (slug, name = slug[0]?.toUpperCase() + slug.slice(1)) =>
      createCity(database.db, null, { slug, name, timeZone: "America/New_York", defaultLocale: "en", currency: "USD" }),
    createAgency: (city, slug, name = slug) =>
      createAgency({ db: database.db, city, actor: null, requestId: null }, { slug, name, description: "", contactEmail: null }),
    async personWithRoles(city, email, roles) {
      const user = await provisionUser(services.auth, database.db, { email, name: email.split("@")[0] ?? email });
      for (const grant of roles) await grantRoleIn(database.db, city.id, null, null, { userId: user.id, role: grant.role, agencyId: grant.agencyId ?? null });
      return { cookie: await signIn(email), userId: user.id };
    },
    async listen() {
      await app.listen({ host: "127.0.0.1", port: 0 });
      const address = app.server.address();
      if (!address || typeof address === "string") throw new Error("no port");
      return `http://127.0.0.1:${address.port}`;
    },
    async close() {
      await app.close();
      await services.close();
      await database.drop();
    },
  };
  return testApp;
}
