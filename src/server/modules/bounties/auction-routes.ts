import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { auctionBid, auctionBids, bounty, bountyPath, closeAuctionResponse, createAuctionRequest, placeBidRequest } from "../../../contracts/bounties.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { resolveActor, type SessionResolver } from "../../platform/auth/index.ts";
import { NotFoundError, RateLimitedError } from "../../platform/errors/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize, can, loadGrants } from "../../platform/policy/index.ts";
import { actorOf, cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { findVendorOfUser } from "../vendors/index.ts";
import { closeAuction } from "./close-auction.ts";
import { createAuction } from "./create-auction.ts";
import { findBids } from "./find-bids.ts";
import { findBounty, presentBounty } from "./find-bounties.ts";
import { placeBid } from "./place-bid.ts";

/** Bids a program may place per minute with one personal access token. */
export const bidsPerMinutePerToken = 20;

export function registerAuctionRoutes(app: FastifyInstance, deps: { db: Database; sessions: SessionResolver; rateLimits: boolean }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["bounties"];

  routes.post("/api/v1/cities/:city/bounties/auctions", {
    schema: {
      tags,
      summary: "Draft a micro-purchase reverse auction from an accepted problem (DSO staff)",
      params: cityPath,
      body: createAuctionRequest,
      response: { 201: bounty },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      const membership = membershipOf(request);
      authorize(membership, "bounties.manage");
      return reply.code(201).send(presentBounty(await createAuction(contextOf(request, deps.db), membership, request.body)));
    },
  });

  app.register(async (bidScope) => {
    // Programs bid with personal access tokens, so each token gets a budget of bids per minute;
    // people bidding from the web page are not counted.
    if (deps.rateLimits) {
      await bidScope.register(rateLimit, {
        global: false,
        hook: "preHandler",
        keyGenerator: (request) => request.accessTokenId ?? request.ip,
        allowList: (request) => request.accessTokenId === null,
        errorResponseBuilder: (_request, context) => new RateLimitedError(Math.max(1, Math.ceil(context.ttl / 1000))),
      });
    }
    bidScope.withTypeProvider<ZodTypeProvider>().post("/api/v1/cities/:city/bounties/:bountyId/bids", {
      schema: {
        tags,
        summary: "Bid on an open auction (verified vendors of the city; a program may bid with a personal access token)",
        params: bountyPath,
        body: placeBidRequest,
        response: { 201: auctionBid },
        security: [{ session: [] }, { accessToken: [] }],
      },
      config: {
        access: "signed-in",
        accessTokenScope: "bids",
        rateLimit: { max: bidsPerMinutePerToken, timeWindow: "1 minute" },
      },
      handler: async (request, reply) => {
        const city = cityOf(request);
        const actor = actorOf(request);
        const membership = { cityId: city.id, actor, grants: await loadGrants(deps.db, city.id, actor.userId) };
        return reply.code(201).send(await placeBid(contextOf(request, deps.db), membership, request.params.bountyId, request.body));
      },
    });
  });

  routes.get("/api/v1/cities/:city/bounties/:bountyId/bids", {
    schema: {
      tags,
      summary: "An auction's bids: amounts with bidders numbered while a multi-bid auction is open, the count while a sealed one is, everything after close",
      params: bountyPath,
      response: { 200: auctionBids },
      security: [{}, { session: [] }, { accessToken: [] }],
    },
    config: { access: "public", accessTokenScope: "bids" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const found = await findBounty(deps.db, city.id, request.params.bountyId);
      if (found?.kind !== "auction") throw new NotFoundError("errors.bounties.notFound");
      const actor = await resolveActor(deps.sessions, request);
      if (found.status === "draft") {
        const grants = actor ? await loadGrants(deps.db, city.id, actor.userId) : [];
        if (!actor || !can({ cityId: city.id, actor, grants }, "bounties.manage")) throw new NotFoundError("errors.bounties.notFound");
      }
      const viewer = actor ? await findVendorOfUser(deps.db, city.id, actor.userId) : null;
      // Bids change by the second while the auction is open, and the reader's own are marked.
      reply.header("cache-control", "no-store");
      return findBids(deps.db, found, viewer?.id ?? null);
    },
  });

  routes.post("/api/v1/cities/:city/bounties/:bountyId/close", {
    schema: {
      tags,
      summary: "Close an auction after its end time and award it to the lowest bid (DSO staff; the every-minute job does it too)",
      params: bountyPath,
      response: { 200: closeAuctionResponse },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "bounties.manage");
      const closed = await closeAuction(deps.db, {
        cityId: cityOf(request).id,
        bountyId: request.params.bountyId,
        actor: request.actor,
        requestId: String(request.id),
      });
      const winner = closed.winningBid;
      return {
        bounty: presentBounty(closed.bounty),
        winningBid: winner
          ? { id: winner.id, vendorId: winner.vendorId, amountMinor: winner.amountMinor, currency: winner.currency, placedAt: winner.createdAt.toISOString() }
          : null,
      };
    },
  });
}
