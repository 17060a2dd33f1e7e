import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { fromNodeHeaders } from "better-auth/node";
import { genericOAuth, magicLink } from "better-auth/plugins";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../../config.ts";
import { newId } from "../../db/columns.ts";
import type { Database } from "../../db/connection.ts";
import { buildProblem, sendProblem } from "../errors/index.ts";
import { isSupportedLocale, localeCookieName, localeOfRequest, negotiateLocale, readCookie, translate } from "../i18n/index.ts";
import { type Mailer, renderMail } from "../mail/index.ts";
import { accounts, rateLimits, sessions, users, verifications } from "./schema.ts";
import type { SessionResolver } from "./sessions.ts";

/**
 * Accounts, sessions and sign-in, by better-auth: email + password, magic links (residents need no
 * password) and OIDC single sign-on for staff. Mounted at /api/auth/*.
 */

export interface Actor {
  userId: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  locale: string | null;
}

export interface AuthDependencies {
  config: Config;
  logger: Logger;
  db: Database;
  mailer: Mailer;
  secret: string;
  /** Finds the city a sign-in link is for, from the first segment of its callback path. */
  findCityIdBySlug(slug: string): Promise<string | null>;
}

export const sessionCookieName = "civitas.session_token";

export function createAuth(deps: AuthDependencies) {
  const { config } = deps;
  const trustedOrigins = [config.publicUrl];
  if (config.oidc) trustedOrigins.push(new URL(config.oidc.issuer).origin);

  return betterAuth({
    appName: "Civitas",
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    secret: deps.secret,
    trustedOrigins,
    telemetry: { enabled: false },
    logger: {
      level: "warn",
      log: (level, message, ...args) =>
        deps.logger[level === "debug" ? "debug" : level === "info" ? "info" : level === "warn" ? "warn" : "error"]({ args }, `auth: ${message}`),
    },
    database: drizzleAdapter(deps.db, {
      provider: "pg",
      usePlural: true,
      schema: { users, sessions, accounts, verifications, rateLimits },
    }),
    advanced: {
      cookiePrefix: "civitas",
      // Stated explicitly: better-auth would otherwise drop both checks whenever NODE_ENV=test,
      // and the tests must exercise what production runs.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      useSecureCookies: config.publicUrl.startsWith("https://"),
      database: { generateId: () => newId() },
      // The bridge below writes the address Fastify resolved (honouring TRUST_PROXY) into this
      // header and drops any value the client sent, so nobody can pick their own rate-limit bucket.
      ipAddress: { ipAddressHeaders: ["x-civitas-client-ip"] },
    },
    user: {
      additionalFields: {
        locale: { type: "string", required: false, input: true },
        isPlatformAdmin: { type: "boolean", required: false, input: false, defaultValue: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    emailAndPassword: { enabled: true, minPasswordLength: 12, maxPasswordLength: 256, autoSignIn: true },
    account: { accountLinking: { enabled: true, trustedProviders: config.oidc ? ["oidc"] : [] } },
    rateLimit: {
      enabled: config.rateLimits,
      storage: "database",
      window: 60,
      max: 120,
      customRules: {
        "/sign-in/email": { window: 60, max: 5 },
        "/sign-up/email": { window: 60, max: 5 },
        "/sign-in/magic-link": { window: 60, max: 3 },
        "/magic-link/verify": { window: 60, max: 10 },
        "/sign-in/social": { window: 60, max: 10 },
      },
    },
    plugins: [
      magicLink({
        expiresIn: 15 * 60,
        storeToken: "hashed",
        async sendMagicLink({ email, url, metadata }, context) {
          const headers = context?.request?.headers ?? context?.headers;
          const locale = localeOfHeaders(headers);
          const cityId = await cityIdOfLink(url, deps.findCityIdBySlug);
          const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
          // A resident who just took a place without an account gets the link to confirm the address.
          const guest = metadata?.purpose === "guest-signup";
          const body = renderMail({
            locale,
            heading: t(guest ? "mail.magicLink.guestHeading" : "mail.magicLink.heading"),
            paragraphs: [t(guest ? "mail.magicLink.guestIntro" : "mail.magicLink.intro"), t("mail.magicLink.expiry", { minutes: 15 })],
            action: { label: t("mail.magicLink.action"), url },
            footer: t("mail.magicLink.ignore"),
          });
          await deps.mailer.send({
            cityId,
            kind: "magic-link",
            to: email,
            subject: t(guest ? "mail.magicLink.guestSubject" : "mail.magicLink.subject"),
            ...body,
          });
        },
      }),
      ...(config.oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: "oidc",
                  discoveryUrl: `${config.oidc.issuer}/.well-known/openid-configuration`,
                  clientId: config.oidc.clientId,
                  clientSecret: config.oidc.clientSecret,
                  scopes: ["openid", "email", "profile"],
                  pkce: true,
                },
              ],
            }),
          ]
        : []),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

function localeOfHeaders(headers: Headers | undefined): string {
  if (!headers) return "en";
  const fromCookie = readCookie(headers.get("cookie") ?? undefined, localeCookieName);
  if (isSupportedLocale(fromCookie)) return fromCookie;
  return negotiateLocale(headers.get("accept-language") ?? undefined) ?? "en";
}

async function cityIdOfLink(link: string, findCityIdBySlug: (slug: string) => Promise<string | null>): Promise<string | null> {
  const callback = new URL(link).searchParams.get("callbackURL");
  if (!callback) return null;
  const slug = new URL(callback, "http://placeholder").pathname.split("/").filter(Boolean)[0];
  return slug ? findCityIdBySlug(slug) : null;
}

/** Messages better-auth returns, by its error code, in our words and languages. */
const authErrorKeys: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "errors.auth.invalidCredentials",
  USER_ALREADY_EXISTS: "errors.auth.userExists",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "errors.auth.userExists",
  PASSWORD_TOO_SHORT: "errors.auth.passwordTooShort",
  PASSWORD_TOO_LONG: "errors.auth.passwordTooLong",
  INVALID_EMAIL: "errors.field.email",
  INVALID_TOKEN: "errors.auth.invalidToken",
  EXPIRED_TOKEN: "errors.auth.invalidToken",
  TOO_MANY_REQUESTS: "errors.rateLimited",
  INVALID_ORIGIN: "errors.csrf",
  MISSING_OR_NULL_ORIGIN: "errors.csrf",
  INVALID_CALLBACK_URL: "errors.auth.invalidCallback",
};

/**
 * Mounts better-auth under /api/auth. The raw body is handed over untouched; status, headers and
 * every Set-Cookie come back unchanged, except that error bodies become problem+json.
 */
export async function registerAuthRoutes(app: FastifyInstance, auth: Auth): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, body));
    scope.route({
      method: ["GET", "POST"],
      url: "/api/auth/*",
      schema: { hide: true },
      config: { access: "public" },
      handler: async (request, reply) => {
        const headers = fromNodeHeaders(request.headers);
        headers.delete("x-civitas-client-ip");
        headers.set("x-civitas-client-ip", request.ip);
        if (!headers.has("accept-language")) headers.set("accept-language", localeOfRequest(request));
        const body = request.body instanceof Buffer && request.body.length > 0 ? new Uint8Array(request.body) : undefined;
        const webRequest = new Request(new URL(request.url, `${request.protocol}://${request.host}`), {
          method: request.method,
          headers,
          body: request.method === "GET" ? undefined : body,
        });
        const response = await auth.handler(webRequest);
        return relayResponse(request, reply, response);
      },
    });
  });
}

async function relayResponse(request: FastifyRequest, reply: FastifyReply, response: Response): Promise<FastifyReply> {
  reply.code(response.status);
  for (const [name, value] of response.headers) {
    if (name === "set-cookie" || name === "content-length" || name === "content-encoding") continue;
    reply.header(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header("set-cookie", cookies);

  const contentType = response.headers.get("content-type") ?? "";
  if (response.status >= 400 && contentType.includes("json")) {
    const payload = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    const locale = localeOfRequest(request);
    const key = payload.code ? authErrorKeys[payload.code] : undefined;
    const detail = key ? translate(locale, key) : (payload.message ?? translate(locale, "errors.invalidInput"));
    const code = response.status === 429 ? "rate-limited" : (payload.code?.toLowerCase().replaceAll("_", "-") ?? "auth-error");
    const problem = buildProblem(request, response.status, code, detail);
    if (response.status === 429) reply.header("retry-after", response.headers.get("x-retry-after") ?? "60");
    return sendProblem(reply, problem);
  }
  const buffer = Buffer.from(await response.arrayBuffer());
  return reply.send(buffer.length > 0 ? buffer : undefined);
}

/** The signed-in person behind a request, if any. Looked up once per request. */
export async function resolveActor(sessions: SessionResolver, request: FastifyRequest): Promise<Actor | null> {
  if (request.actorResolved) return request.actor;
  request.actorResolved = true;
  request.actor = await sessions.resolve(request);
  return request.actor;
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    actorResolved: boolean;
  }
}

export { accounts, personalAccessTokens, rateLimits, sessions, users, verifications } from "./schema.ts";
export { bearerTokenOf, SessionResolver } from "./sessions.ts";
