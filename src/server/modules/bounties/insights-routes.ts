import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { bountyInsights, bountyInsightsQuery } from "../../../contracts/bounties.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { cityOf } from "../../platform/tenancy/index.ts";
import { bountyInsightsOf } from "./bounty-insights.ts";

/** The public insights on the city's bounties and auctions. */
export function registerInsightsRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/cities/:city/bounties/insights", {
    schema: {
      tags: ["bounties"],
      summary:
        "Bounties and auctions run, bids and bidders per closed auction, winning against start price, deliveries on time, total paid and estimated savings (public)",
      params: cityPath,
      querystring: bountyInsightsQuery,
      response: { 200: bountyInsights },
    },
    config: { access: "public" },
    handler: async (request) => bountyInsightsOf(deps.db, cityOf(request), request.query),
  });
}
