import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  catalogCrawl,
  catalogEntry,
  catalogEntryPath,
  catalogEntryRequest,
  catalogList,
  catalogListQuery,
  remoteEntry,
  remoteEntryPath,
  validatePubliccodeRequest,
  validatePubliccodeResponse,
} from "../../../contracts/catalog.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { resolveActor, type SessionResolver } from "../../platform/auth/index.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { localeOfRequest } from "../../platform/i18n/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize, can, loadGrants } from "../../platform/policy/index.ts";
import { type City, cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { publishedProcesses } from "../processes/index.ts";
import { findEntryRow, findRemoteRow, listCatalog, listEntries, presentEntry, presentRemoteEntry, publiccodePath } from "./find-catalog.ts";
import { describePubliccodeProblem, readPubliccode, writePubliccode } from "./publiccode/index.ts";
import { createEntry, deleteEntry, forkRemoteEntry, takeOriginChanges, updateEntry } from "./save-entry.ts";

export interface CatalogRouteDeps {
  db: Database;
  sessions: SessionResolver;
  publicUrl: string;
  /** Tells federation that the city's shared records changed, so followers hear of it soon. */
  changed: (cityId: string) => void;
}

/** A strong validator of a response body, for conditional GETs by crawlers. */
function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/** Answers 304 when the client holds this very body; otherwise sends it with its ETag. */
function sendConditional(request: FastifyRequest, reply: FastifyReply, body: string, contentType: string) {
  const etag = etagOf(body);
  reply.header("etag", etag).header("cache-control", "public, no-cache").header("vary", "accept-language");
  const held = request.headers["if-none-match"];
  if (held?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return reply.code(304).send();
  return reply.header("content-type", contentType).send(body);
}

export function registerCatalogRoutes(app: FastifyInstance, deps: CatalogRouteDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["catalog"];
  const origin = new URL(deps.publicUrl).origin;

  async function mayManage(request: FastifyRequest, city: City): Promise<boolean> {
    const actor = await resolveActor(deps.sessions, request);
    if (!actor) return false;
    return can({ cityId: city.id, actor, grants: await loadGrants(deps.db, city.id, actor.userId) }, "catalog.manage");
  }
  const languagesOf = (request: FastifyRequest, city: City) => [...new Set([localeOfRequest(request), city.defaultLocale, "en"])];

  routes.get("/api/v1/cities/:city/catalog", {
    schema: {
      tags,
      summary: "The catalog: the city's software, its published processes and what followed cities share; full-text search and filters",
      params: cityPath,
      querystring: catalogListQuery,
      response: { 200: catalogList },
    },
    config: { access: "public" },
    handler: async (request) => {
      const city = cityOf(request);
      return listCatalog(deps.db, city, request.query, languagesOf(request, city));
    },
  });

  routes.post("/api/v1/cities/:city/catalog/validate", {
    schema: {
      tags,
      summary: "Check a publiccode.yml without saving it: every problem by key path and line",
      params: cityPath,
      body: validatePubliccodeRequest,
      response: { 200: validatePubliccodeResponse },
    },
    config: { access: "public" },
    handler: async (request) => {
      const locale = localeOfRequest(request);
      const read = readPubliccode(request.body.publiccode);
      if (read.ok) return { valid: true, version: read.version, problems: [], document: read.document };
      return {
        valid: false,
        version: read.version,
        problems: read.problems.map((problem) => ({ field: problem.path, line: problem.line, message: describePubliccodeProblem(locale, problem) })),
        document: null,
      };
    },
  });

  routes.post("/api/v1/cities/:city/catalog", {
    schema: {
      tags,
      summary: "Add software to the catalog from its publiccode.yml (versions 0.2 to 0.7), with the agencies using it and what it solved",
      params: cityPath,
      body: catalogEntryRequest,
      response: { 201: catalogEntry },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "catalog.manage");
      const created = await createEntry(contextOf(request, deps.db), request.body);
      deps.changed(created.cityId);
      return reply.code(201).send(await presentEntry(deps.db, cityOf(request), created, true));
    },
  });

  routes.get("/api/v1/cities/:city/catalog.json", {
    schema: {
      tags,
      summary: "For crawlers: every software entry with its publiccode.yml and address, and the published processes (ETag, conditional GET)",
      params: cityPath,
      response: { 200: catalogCrawl, 304: z.null() },
    },
    config: { access: "public" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const [entries, processes] = await Promise.all([listEntries(deps.db, city.id), publishedProcesses(deps.db, city.id)]);
      const newest = [...entries.map((entry) => entry.updatedAt), ...processes.map((process) => process.updatedAt)].reduce(
        (latest, at) => (at.getTime() > latest.getTime() ? at : latest),
        city.updatedAt,
      );
      const body = {
        city: { slug: city.slug, name: city.name },
        generatedAt: newest.toISOString(),
        software: entries.map((entry) => ({
          id: entry.id,
          name: entry.name,
          url: entry.url,
          updatedAt: entry.updatedAt.toISOString(),
          publiccodeUrl: `${origin}${publiccodePath(city.slug, entry.id)}`,
          pageUrl: `${origin}/${city.slug}/catalog/${entry.id}`,
          publiccode: entry.publiccode,
        })),
        processes: processes.map((process) => ({
          id: process.id,
          name: process.name,
          updatedAt: process.updatedAt.toISOString(),
          pageUrl: `${origin}/${city.slug}/processes/${process.id}`,
        })),
      };
      return sendConditional(request, reply, JSON.stringify(body), "application/json; charset=utf-8");
    },
  });

  routes.get("/api/v1/cities/:city/catalog/:entryId", {
    schema: {
      tags,
      summary: "One software entry with its publiccode.yml, users, problems, bounties and fork status",
      params: catalogEntryPath,
      response: { 200: catalogEntry },
    },
    config: { access: "public" },
    handler: async (request) => {
      const city = cityOf(request);
      const row = await findEntryRow(deps.db, city.id, request.params.entryId);
      if (!row) throw new NotFoundError("errors.catalog.notFound");
      return presentEntry(deps.db, city, row, await mayManage(request, city));
    },
  });

  routes.get("/api/v1/cities/:city/catalog/:entryId/publiccode.yml", {
    schema: {
      tags,
      summary: "An entry as publiccode.yml, which imports back to the same entry (ETag, conditional GET; ?download=1 to save it)",
      params: catalogEntryPath,
      querystring: z.object({ download: z.enum(["0", "1"]).optional() }),
    },
    config: { access: "public" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const row = await findEntryRow(deps.db, city.id, request.params.entryId);
      if (!row) throw new NotFoundError("errors.catalog.notFound");
      if (request.query.download === "1") reply.header("content-disposition", 'attachment; filename="publiccode.yml"');
      return sendConditional(request, reply, writePubliccode(row.publiccode), "application/yaml; charset=utf-8");
    },
  });

  routes.put("/api/v1/cities/:city/catalog/:entryId", {
    schema: {
      tags,
      summary: "Change an entry: its publiccode.yml and the city's own fields",
      params: catalogEntryPath,
      body: catalogEntryRequest,
      response: { 200: catalogEntry },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "catalog.manage");
      const updated = await updateEntry(contextOf(request, deps.db), request.params.entryId, request.body);
      deps.changed(updated.cityId);
      return presentEntry(deps.db, cityOf(request), updated, true);
    },
  });

  routes.delete("/api/v1/cities/:city/catalog/:entryId", {
    schema: { tags, summary: "Remove an entry from the catalog", params: catalogEntryPath, response: { 204: z.null() } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "catalog.manage");
      await deleteEntry(contextOf(request, deps.db), request.params.entryId);
      deps.changed(cityOf(request).id);
      return reply.code(204).send(null);
    },
  });

  routes.post("/api/v1/cities/:city/catalog/:entryId/take-origin-changes", {
    schema: { tags, summary: "A fork takes what its origin changed since it was forked", params: catalogEntryPath, response: { 200: catalogEntry } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "catalog.manage");
      const updated = await takeOriginChanges(contextOf(request, deps.db), request.params.entryId);
      deps.changed(updated.cityId);
      return presentEntry(deps.db, cityOf(request), updated, true);
    },
  });

  routes.get("/api/v1/cities/:city/catalog/remote/:remoteId", {
    schema: { tags, summary: "An entry another city shares, read-only, with where it came from", params: remoteEntryPath, response: { 200: remoteEntry } },
    config: { access: "public" },
    handler: async (request) => {
      const city = cityOf(request);
      const row = await findRemoteRow(deps.db, city.id, request.params.remoteId);
      if (!row || row.deletedAt !== null || (row.kind !== "software" && row.kind !== "process")) throw new NotFoundError("errors.catalog.notFound");
      return presentRemoteEntry(deps.db, city, row, await mayManage(request, city));
    },
  });

  routes.post("/api/v1/cities/:city/catalog/remote/:remoteId/fork", {
    schema: {
      tags,
      summary: "Copy another city's software into this city's catalog, linked to its origin",
      params: remoteEntryPath,
      response: { 201: catalogEntry },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "catalog.manage");
      const created = await forkRemoteEntry(contextOf(request, deps.db), request.params.remoteId);
      deps.changed(created.cityId);
      return reply.code(201).send(await presentEntry(deps.db, cityOf(request), created, true));
    },
  });
}
