import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { accessToken, accessTokenList, accessTokenPath, createAccessTokenRequest, createdAccessToken } from "../../../contracts/access-tokens.ts";
import type { Database } from "../../db/connection.ts";
import { InvalidInputError } from "../errors/index.ts";
import { actorOf, type CityDirectory } from "../tenancy/index.ts";
import { createAccessToken, listAccessTokens, revokeAccessToken } from "./access-tokens.ts";

/** The signed-in person's personal access tokens: make one (its secret shown once), list them, revoke one. */
export function registerAccessTokenRoutes(app: FastifyInstance, deps: { db: Database; directory: CityDirectory }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["account"];

  routes.get("/api/v1/me/access-tokens", {
    schema: { tags, summary: "Your personal access tokens (never their secrets)", response: { 200: accessTokenList } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      reply.header("cache-control", "no-store");
      return { tokens: await listAccessTokens(deps.db, actorOf(request).userId) };
    },
  });

  routes.post("/api/v1/me/access-tokens", {
    schema: {
      tags,
      summary: "Make a personal access token for a program acting for you; the answer holds its secret, shown this once",
      body: createAccessTokenRequest,
      response: { 201: createdAccessToken },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const { city: slug, ...input } = request.body;
      const city = slug ? await deps.directory.findBySlug(slug) : null;
      if (slug && !city) throw new InvalidInputError([{ field: "city", messageKey: "errors.cityNotFound", params: { city: slug } }]);
      const created = await createAccessToken(deps.db, actorOf(request), { ...input, city }, String(request.id));
      return reply.code(201).header("cache-control", "no-store").send(created);
    },
  });

  routes.delete("/api/v1/me/access-tokens/:tokenId", {
    schema: { tags, summary: "Revoke one of your personal access tokens; it stops working at once", params: accessTokenPath, response: { 200: accessToken } },
    config: { access: "signed-in" },
    handler: async (request) => revokeAccessToken(deps.db, actorOf(request), request.params.tokenId, String(request.id)),
  });
}
