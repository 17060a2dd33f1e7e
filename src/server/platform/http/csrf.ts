import type { FastifyInstance } from "fastify";
import { bearerTokenOf, sessionCookieName } from "../auth/index.ts";
import { ForbiddenError } from "../errors/index.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The route never acts on the session: it acts on a capability in its URL (an unsubscribe token,
     * which mail clients post to, RFC 8058) or on a signed body (a GitHub webhook), so a request from
     * anywhere is as good as one from our pages.
     */
    csrfExempt?: boolean;
  }
}

/**
 * Cross-site request forgery protection for cookie sessions. Session cookies are SameSite=Lax;
 * on top of that, a state-changing API request that carries a session cookie must come from our own
 * origin: its Origin header must match the public URL or the host it was sent to. Requests without a
 * session cookie (anonymous, or with a bearer token) carry no ambient authority and pass.
 */
export function registerCsrfProtection(app: FastifyInstance, options: { publicUrl: string }): void {
  const publicOrigin = new URL(options.publicUrl).origin;
  app.addHook("onRequest", async (request) => {
    if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return;
    if (!request.url.startsWith("/api/v1/")) return;
    if (request.routeOptions.config?.csrfExempt) return;
    // A bearer token is sent by a program on purpose, never by a browser on its own; where one is
    // present the cookie is not read (platform/auth/sessions.ts), so there is nothing to forge.
    if (bearerTokenOf(request) !== undefined) return;
    if (!request.headers.cookie?.includes(sessionCookieName)) return;
    const origin = request.headers.origin;
    if (!origin) throw new ForbiddenError("errors.csrf");
    if (origin === publicOrigin) return;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new ForbiddenError("errors.csrf");
    }
    if (host !== request.headers.host) throw new ForbiddenError("errors.csrf");
  });
}
