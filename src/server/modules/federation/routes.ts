import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { federationOverview, followingPath, following as followingView, followRequest } from "../../../contracts/federation.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize } from "../../platform/policy/index.ts";
import { cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { remoteEntryCounts, removeRemoteEntriesOf } from "../catalog/index.ts";
import type { CityFederation } from "./city-federation.ts";
import { federationOverviewOf, presentFollowing } from "./find-federation.ts";

export function registerFederationRoutes(app: FastifyInstance, deps: { db: Database; federation: CityFederation }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["federation"];

  routes.get("/api/v1/cities/:city/federation", {
    schema: { tags, summary: "The city's fediverse handle, the cities it follows and its followers", params: cityPath, response: { 200: federationOverview } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "federation.manage");
      reply.header("cache-control", "no-store");
      return federationOverviewOf(deps.db, deps.federation, cityOf(request));
    },
  });

  routes.post("/api/v1/cities/:city/federation/following", {
    schema: {
      tags,
      summary: "Follow another city (or any fediverse account) by handle or actor URL; its shared entries come into the catalog once it accepts",
      params: cityPath,
      body: followRequest,
      response: { 201: followingView },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "federation.manage");
      const ctx = contextOf(request, deps.db);
      const result = await deps.federation.follow(ctx.city, request.body.account);
      if (result === "not-found") throw new InvalidInputError([{ field: "account", messageKey: "errors.federation.accountNotFound" }]);
      if (result === "already")
        throw new ConflictError("errors.federation.alreadyFollowing", {}, [{ field: "account", messageKey: "errors.federation.alreadyFollowing" }]);
      const [view] = (await federationOverviewOf(deps.db, deps.federation, ctx.city)).following.filter((row) => row.id === result.id);
      if (!view) throw new NotFoundError("errors.federation.notFound");
      await recordAudit(deps.db, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "federation.followed",
        targetType: "federation-following",
        targetId: result.id,
        after: { actorUrl: view.actorUrl, handle: view.handle, name: view.name },
        requestId: ctx.requestId,
      });
      return reply.code(201).send(view);
    },
  });

  routes.delete("/api/v1/cities/:city/federation/following/:followingId", {
    schema: {
      tags,
      summary: "Stop following a city; its entries leave the catalog, this city's forks of them stay",
      params: followingPath,
      response: { 204: z.null() },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "federation.manage");
      const ctx = contextOf(request, deps.db);
      const counts = await remoteEntryCounts(deps.db, ctx.city.id);
      const removed = await deps.federation.unfollow(ctx.city, request.params.followingId);
      if (!removed) throw new NotFoundError("errors.federation.notFound");
      await removeRemoteEntriesOf(deps.db, ctx.city.id, removed.actorUrl);
      await recordAudit(deps.db, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "federation.unfollowed",
        targetType: "federation-following",
        targetId: removed.id,
        before: presentFollowing(removed, counts),
        requestId: ctx.requestId,
      });
      return reply.code(204).send(null);
    },
  });
}
