import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { agency, agencyList, agencyPath, createAgencyRequest, updateAgencyRequest } from "../../../contracts/agencies.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize } from "../../platform/policy/index.ts";
import { cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { createAgency } from "./create-agency.ts";
import { deleteAgency } from "./delete-agency.ts";
import { findAgency, listAgencies, presentAgency } from "./find-agencies.ts";
import { updateAgency } from "./update-agency.ts";

export function registerAgencyRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["agencies"];

  routes.get("/api/v1/cities/:city/agencies", {
    schema: { tags, summary: "List the city's agencies", params: cityPath, response: { 200: agencyList } },
    config: { access: "public" },
    handler: async (request) => ({ agencies: (await listAgencies(deps.db, cityOf(request).id)).map(presentAgency) }),
  });

  routes.get("/api/v1/cities/:city/agencies/:agencyId", {
    schema: { tags, summary: "One agency", params: agencyPath, response: { 200: agency } },
    config: { access: "public" },
    handler: async (request) => {
      const found = await findAgency(deps.db, cityOf(request).id, request.params.agencyId);
      if (!found) throw new NotFoundError("errors.agencies.notFound");
      return presentAgency(found);
    },
  });

  routes.post("/api/v1/cities/:city/agencies", {
    schema: { tags, summary: "Create an agency (city admin)", params: cityPath, body: createAgencyRequest, response: { 201: agency } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "agencies.manage");
      const created = await createAgency(contextOf(request, deps.db), request.body);
      return reply.code(201).send(presentAgency(created));
    },
  });

  routes.patch("/api/v1/cities/:city/agencies/:agencyId", {
    schema: { tags, summary: "Change an agency (city admin)", params: agencyPath, body: updateAgencyRequest, response: { 200: agency } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "agencies.manage");
      return presentAgency(await updateAgency(contextOf(request, deps.db), request.params.agencyId, request.body));
    },
  });

  routes.delete("/api/v1/cities/:city/agencies/:agencyId", {
    schema: { tags, summary: "Remove an agency that has no staff (city admin)", params: agencyPath, response: { 204: z.undefined() } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "agencies.manage");
      await deleteAgency(contextOf(request, deps.db), request.params.agencyId);
      return reply.code(204).send();
    },
  });
}
