import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type pg from "pg";
import type { AccessTokenScope } from "../../../contracts/access-tokens.ts";
import { ForbiddenError, UnauthenticatedError } from "../errors/index.ts";
import { parseAccessToken, secretMatches } from "./access-tokens.ts";
import type { Actor } from "./index.ts";

/**
 * Checks the session cookie of each request. Sign-in, sign-out and links stay with better-auth;
 * this is only the per-request check, done with one prepared query instead of better-auth's
 * getSession (about thirty times slower here), because every request of a surge passes through it.
 * The cookie is verified exactly as better-auth signs it: `token.base64(HMAC-SHA256(secret, token))`.
 * Like better-auth, a session in use is extended once a day, and its cookie with it.
 */

export const sessionCookieNames = ["civitas.session_token", "__Secure-civitas.session_token"];
const sessionSeconds = 60 * 60 * 24 * 30;
const refreshAfterSeconds = 60 * 60 * 24;

const lookupStatement = `
  select s.id as session_id, s.expires_at, s.updated_at, u.id as user_id, u.email, u.name, u.is_platform_admin, u.locale
  from sessions s join users u on u.id = s.user_id
  where s.token = $1`;

const tokenLookupStatement = `
  select t.id, t.city_id, t.token_hash, t.scopes, t.expires_at, t.revoked_at, t.last_used_at,
         u.id as user_id, u.email, u.name, u.is_platform_admin, u.locale
  from personal_access_tokens t join users u on u.id = t.user_id
  where t.id = $1`;

interface TokenRow {
  id: string;
  city_id: string | null;
  token_hash: string;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  user_id: string;
  email: string;
  name: string;
  is_platform_admin: boolean;
  locale: string | null;
}

/** How often the last use of a token is written down; a bot bidding every second needs no write per bid. */
const lastUsedPrecisionMilliseconds = 60_000;

/** The token of an `Authorization: Bearer <token>` header; undefined without one. */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer[ \t]+(.*)$/i.exec(header.trim());
  return match ? (match[1] ?? "").trim() : undefined;
}

interface SessionRow {
  session_id: string;
  expires_at: Date;
  updated_at: Date;
  user_id: string;
  email: string;
  name: string;
  is_platform_admin: boolean;
  locale: string | null;
}

declare module "fastify" {
  interface FastifyRequest {
    /** A refreshed session cookie to send back with the answer. */
    sessionCookieRefresh: string | null;
    /** The personal access token the request was authenticated with, if any. */
    accessTokenId: string | null;
  }
  interface FastifyContextConfig {
    /**
     * The route accepts a personal access token (`Authorization: Bearer`) with this scope in place
     * of a session. Every other route refuses a bearer token.
     */
    accessTokenScope?: AccessTokenScope;
  }
}

export class SessionResolver {
  private readonly pool: pg.Pool;
  private readonly secret: string;
  private readonly secure: boolean;

  constructor(options: { pool: pg.Pool; secret: string; secure: boolean }) {
    this.pool = options.pool;
    this.secret = options.secret;
    this.secure = options.secure;
  }

  /** The token of a correctly signed session cookie, or null. */
  tokenOf(cookieHeader: string | undefined): { token: string; value: string } | null {
    if (!cookieHeader) return null;
    for (const part of cookieHeader.split(";")) {
      const index = part.indexOf("=");
      if (index < 0) continue;
      const name = part.slice(0, index).trim();
      if (!sessionCookieNames.includes(name)) continue;
      const value = part.slice(index + 1).trim();
      let decoded: string;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        return null;
      }
      const dot = decoded.lastIndexOf(".");
      if (dot <= 0) return null;
      const token = decoded.slice(0, dot);
      const expected = Buffer.from(createHmac("sha256", this.secret).update(token).digest("base64"));
      const given = Buffer.from(decoded.slice(dot + 1));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return { token, value };
    }
    return null;
  }

  async resolve(request: FastifyRequest): Promise<Actor | null> {
    const bearer = bearerTokenOf(request);
    if (bearer !== undefined) return this.resolveAccessToken(request, bearer);
    const signed = this.tokenOf(request.headers.cookie);
    if (!signed) return null;
    const result = await this.pool.query<SessionRow>({ name: "resolve-session-v1", text: lookupStatement, values: [signed.token] });
    const row = result.rows[0];
    if (!row || row.expires_at.getTime() <= Date.now()) return null;
    if (Date.now() - row.updated_at.getTime() > refreshAfterSeconds * 1000) {
      const expiresAt = new Date(Date.now() + sessionSeconds * 1000);
      // A failed refresh only means it is tried again on the next request.
      this.pool.query("update sessions set expires_at = $2, updated_at = now() where id = $1", [row.session_id, expiresAt]).catch(() => {});
      request.sessionCookieRefresh = `${this.secure ? "__Secure-" : ""}civitas.session_token=${signed.value}; Max-Age=${sessionSeconds}; Path=/; HttpOnly; SameSite=Lax${this.secure ? "; Secure" : ""}`;
    }
    return { userId: row.user_id, email: row.email, name: row.name, isPlatformAdmin: row.is_platform_admin, locale: row.locale || null };
  }

  /**
   * The person behind a personal access token, on a route that accepts tokens. A token that is
   * unknown, wrong, expired, revoked or bound to another city is refused (401), whatever the route's
   * access; one without the route's scope is forbidden (403). A session cookie sent along is ignored.
   */
  async resolveAccessToken(request: FastifyRequest, token: string): Promise<Actor> {
    const scope = request.routeOptions.config?.accessTokenScope;
    if (!scope) throw new UnauthenticatedError("errors.accessTokens.notAccepted");
    const parsed = parseAccessToken(token);
    if (!parsed) throw new UnauthenticatedError("errors.accessTokens.invalid");
    const result = await this.pool.query<TokenRow>({ name: "resolve-access-token-v1", text: tokenLookupStatement, values: [parsed.id] });
    const row = result.rows[0];
    if (!row || !secretMatches(parsed.secret, row.token_hash)) throw new UnauthenticatedError("errors.accessTokens.invalid");
    if (row.revoked_at) throw new UnauthenticatedError("errors.accessTokens.revoked");
    if (row.expires_at && row.expires_at.getTime() <= Date.now()) throw new UnauthenticatedError("errors.accessTokens.expired");
    if (row.city_id && row.city_id !== request.city?.id) throw new UnauthenticatedError("errors.accessTokens.otherCity");
    if (!row.scopes.includes(scope)) throw new ForbiddenError("errors.accessTokens.missingScope", { scope });
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > lastUsedPrecisionMilliseconds) {
      await this.pool.query("update personal_access_tokens set last_used_at = now() where id = $1", [row.id]);
    }
    request.accessTokenId = row.id;
    return { userId: row.user_id, email: row.email, name: row.name, isPlatformAdmin: row.is_platform_admin, locale: row.locale || null };
  }

  /** Sends the refreshed cookie, if any, with the answer. */
  applyRefresh(request: FastifyRequest, reply: FastifyReply): void {
    if (!request.sessionCookieRefresh || reply.hasHeader("set-cookie")) return;
    reply.header("set-cookie", request.sessionCookieRefresh);
  }
}
