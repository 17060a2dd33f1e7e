import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { bounty, bountyList, bountyListQuery, bountyPath, cancelBountyRequest, createBountyRequest } from "../../../contracts/bounties.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { resolveActor, type SessionResolver } from "../../platform/auth/index.ts";
import { ForbiddenError, NotFoundError } from "../../platform/errors/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize, can, loadGrants } from "../../platform/policy/index.ts";
import { cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { cancelBounty } from "./cancel-bounty.ts";
import { createFixedBounty } from "./create-bounty.ts";
import { findBounty, presentBounty } from "./find-bounties.ts";
import { listBounties } from "./list-bounties.ts";
import { publishBounty } from "./publish-bounty.ts";

export function registerBountyRoutes(app: FastifyInstance, deps: { db: Database; sessions: SessionResolver }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["bounties"];

  routes.get("/api/v1/cities/:city/bounties", {
    schema: {
      tags,
      summary: "The city's bounties and auctions, open ones first (drafts too for the DSO, with includeDrafts=true)",
      params: cityPath,
      querystring: bountyListQuery,
      response: { 200: bountyList },
    },
    config: { access: "public" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const { includeDrafts, ...filter } = request.query;
      if (includeDrafts || filter.status === "draft") {
        const actor = await resolveActor(deps.sessions, request);
        const grants = actor ? await loadGrants(deps.db, city.id, actor.userId) : [];
        if (!actor || !can({ cityId: city.id, actor, grants }, "bounties.manage")) throw new ForbiddenError("errors.bounties.draftsForbidden");
        reply.header("cache-control", "no-store");
      }
      return { bounties: await listBounties(deps.db, city.id, { ...filter, includeDrafts: includeDrafts || filter.status === "draft" }) };
    },
  });

  routes.get("/api/v1/cities/:city/bounties/:bountyId", {
    schema: {
      tags,
      summary: "One bounty (drafts only for the DSO)",
      params: bountyPath,
      response: { 200: bounty },
      security: [{}, { session: [] }, { accessToken: [] }],
    },
    config: { access: "public", accessTokenScope: "bids" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const found = await findBounty(deps.db, city.id, request.params.bountyId);
      if (!found) throw new NotFoundError("errors.bounties.notFound");
      if (found.status === "draft") {
        const actor = await resolveActor(deps.sessions, request);
        const grants = actor ? await loadGrants(deps.db, city.id, actor.userId) : [];
        if (!actor || !can({ cityId: city.id, actor, grants }, "bounties.manage")) throw new NotFoundError("errors.bounties.notFound");
        reply.header("cache-control", "no-store");
      }
      return presentBounty(found);
    },
  });

  routes.post("/api/v1/cities/:city/bounties", {
    schema: {
      tags,
      summary: "Draft a fixed-price bounty from an accepted problem (DSO staff)",
      params: cityPath,
      body: createBountyRequest,
      response: { 201: bounty },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      const membership = membershipOf(request);
      authorize(membership, "bounties.manage");
      return reply.code(201).send(presentBounty(await createFixedBounty(contextOf(request, deps.db), membership, request.body)));
    },
  });

  routes.post("/api/v1/cities/:city/bounties/:bountyId/publish", {
    schema: { tags, summary: "Publish a draft bounty, reserving its money from the fund (DSO staff)", params: bountyPath, response: { 200: bounty } },
    config: { access: "member" },
    handler: async (request) => {
      const membership = membershipOf(request);
      authorize(membership, "bounties.manage");
      return presentBounty(await publishBounty(contextOf(request, deps.db), membership, request.params.bountyId));
    },
  });

  routes.post("/api/v1/cities/:city/bounties/:bountyId/cancel", {
    schema: {
      tags,
      summary: "Cancel a draft or published bounty, releasing its money (DSO staff)",
      params: bountyPath,
      body: cancelBountyRequest,
      response: { 200: bounty },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "bounties.manage");
      return presentBounty(await cancelBounty(contextOf(request, deps.db), request.params.bountyId, request.body));
    },
  });
}
