import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { groupList } from "../../../contracts/groups.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { cityOf } from "../../platform/tenancy/index.ts";
import { listGroups } from "./find-groups.ts";

export function registerGroupRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["groups"];

  routes.get("/api/v1/cities/:city/groups", {
    schema: { tags, summary: "List the city's groups with their member counts", params: cityPath, response: { 200: groupList } },
    config: { access: "public" },
    handler: async (request) => ({ groups: await listGroups(deps.db, cityOf(request).id) }),
  });
}
