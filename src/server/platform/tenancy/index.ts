import { eq } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Database, Executor } from "../../db/connection.ts";
import { type Actor, bearerTokenOf, resolveActor, type SessionResolver } from "../auth/index.ts";
import { NotFoundError, UnauthenticatedError } from "../errors/index.ts";
import { loadMembership, type Membership, requireAnyRole } from "../policy/index.ts";
import { cities } from "./schema.ts";

/**
 * Cities are the tenants. Every route under /api/v1/cities/:city declares who may reach it
 * (`config.access`); this module resolves the city from the path, the person from the session,
 * and their roles in that city, before any handler runs.
 *
 *  - `public`: anyone; the city must exist.
 *  - `signed-in`: any signed-in person (a resident signing up for a shift, say).
 *  - `member`: a person with at least one role in this city; anyone else gets 404, so private
 *    records of one city are invisible from another.
 */

export type City = typeof cities.$inferSelect;
export type RouteAccess = "public" | "signed-in" | "member";

export { cities };

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every route and who may reach it; the tenancy tests walk it so no route escapes them. */
    routeCatalog: RouteEntry[];
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    city: City | null;
    membership: Membership | null;
  }
}

const cityCacheMilliseconds = 30_000;

export class CityDirectory {
  private readonly bySlug = new Map<string, { city: City; loadedAt: number }>();
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  async findBySlug(slug: string): Promise<City | null> {
    const cached = this.bySlug.get(slug);
    if (cached && Date.now() - cached.loadedAt < cityCacheMilliseconds) return cached.city;
    const [city] = await this.db.select().from(cities).where(eq(cities.slug, slug)).limit(1);
    if (!city) {
      this.bySlug.delete(slug);
      return null;
    }
    this.bySlug.set(slug, { city, loadedAt: Date.now() });
    return city;
  }

  forget(slug: string): void {
    this.bySlug.delete(slug);
  }
}

export async function listCities(db: Executor): Promise<City[]> {
  return db.select().from(cities).orderBy(cities.name);
}

export const cityRoutePrefix = "/api/v1/cities/:city";

/** Installs the hook that resolves city, person and membership, and refuses routes that forgot to say who may reach them. */
export function registerTenancy(app: FastifyInstance, deps: { sessions: SessionResolver; db: Database; directory: CityDirectory }): void {
  app.decorateRequest("city", null);
  app.decorateRequest("membership", null);
  app.decorateRequest("actor", null);
  app.decorateRequest("actorResolved", false);
  app.decorateRequest("sessionCookieRefresh", null);
  app.decorateRequest("accessTokenId", null);
  app.addHook("onSend", async (request, reply) => {
    deps.sessions.applyRefresh(request, reply);
  });

  const catalog: RouteEntry[] = [];
  app.decorate("routeCatalog", catalog);
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/v1/") && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} must declare config.access (public, signed-in or member)`);
    }
    const methods = ([] as string[]).concat(route.method);
    for (const method of methods) {
      if (method !== "HEAD") catalog.push({ method, url: route.url, access: route.config?.access });
    }
  });

  app.addHook("onRequest", async (request) => {
    // A personal access token works only where a route opts in (config.accessTokenScope); anywhere
    // else it is refused, rather than ignored, so a program learns at once that it has no access.
    const bearer = bearerTokenOf(request) !== undefined;
    if (bearer && !request.routeOptions.config?.accessTokenScope) throw new UnauthenticatedError("errors.accessTokens.notAccepted");
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const slug = (request.params as { city?: string } | undefined)?.city;
    if (slug !== undefined) {
      const city = await deps.directory.findBySlug(slug);
      if (!city) throw new NotFoundError("errors.cityNotFound", { city: slug });
      request.city = city;
    }
    // A token is checked on every route that accepts one, public ones too: a bad token is refused, never read as anonymous.
    if (bearer) await resolveActor(deps.sessions, request);
    if (access === "public") return;
    const actor = await resolveActor(deps.sessions, request);
    if (!actor) throw new UnauthenticatedError();
    if (access === "member" && request.city) {
      request.membership = await loadMembership(deps.db, request.city.id, actor);
      requireAnyRole(request.membership);
    }
  });
}

/** The city of a request under /api/v1/cities/:city; the hook above has already loaded it. */
export function cityOf(request: FastifyRequest): City {
  if (!request.city) throw new NotFoundError("errors.cityNotFound", { city: "" });
  return request.city;
}

export function membershipOf(request: FastifyRequest): Membership {
  if (!request.membership) throw new UnauthenticatedError();
  return request.membership;
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}
