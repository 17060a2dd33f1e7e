import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { cityPath } from "../../../contracts/platform.ts";
import { registerVendorRequest, reviewVendorRequest, vendor, vendorList, vendorListQuery, vendorPath } from "../../../contracts/vendors.ts";
import type { Database } from "../../db/connection.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize, loadGrants } from "../../platform/policy/index.ts";
import { actorOf, cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { findVendor, findVendorOfUser, listVendors, presentVendor } from "./find-vendors.ts";
import { registerVendor } from "./register-vendor.ts";
import { reviewVendor } from "./review-vendor.ts";

export function registerVendorRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["vendors"];

  routes.post("/api/v1/cities/:city/vendors", {
    schema: {
      tags,
      summary: "Register as a vendor in this city (once; not for the city's staff)",
      params: cityPath,
      body: registerVendorRequest,
      response: { 201: vendor },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const actor = actorOf(request);
      const membership = { cityId: city.id, actor, grants: await loadGrants(deps.db, city.id, actor.userId) };
      const created = await registerVendor(contextOf(request, deps.db), membership, request.body);
      return reply.code(201).send(presentVendor(created));
    },
  });

  routes.get("/api/v1/cities/:city/vendors/me", {
    schema: { tags, summary: "The signed-in person's vendor profile in this city", params: cityPath, response: { 200: vendor } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      reply.header("cache-control", "no-store");
      const found = await findVendorOfUser(deps.db, cityOf(request).id, actorOf(request).userId);
      if (!found) throw new NotFoundError("errors.vendors.notRegistered");
      return presentVendor(found);
    },
  });

  routes.get("/api/v1/cities/:city/vendors", {
    schema: {
      tags,
      summary: "Vendors with their personal data (DSO staff, city admins)",
      params: cityPath,
      querystring: vendorListQuery,
      response: { 200: vendorList },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "vendors.review");
      reply.header("cache-control", "no-store");
      return { vendors: (await listVendors(deps.db, cityOf(request).id, request.query)).map(presentVendor) };
    },
  });

  routes.get("/api/v1/cities/:city/vendors/:vendorId", {
    schema: { tags, summary: "One vendor with its personal data (the vendor, DSO staff, city admins)", params: vendorPath, response: { 200: vendor } },
    config: { access: "member" },
    handler: async (request, reply) => {
      const membership = membershipOf(request);
      const found = await findVendor(deps.db, cityOf(request).id, request.params.vendorId);
      if (!found) throw new NotFoundError("errors.vendors.notFound");
      if (found.userId !== membership.actor.userId) authorize(membership, "vendors.review");
      reply.header("cache-control", "no-store");
      return presentVendor(found);
    },
  });

  routes.post("/api/v1/cities/:city/vendors/:vendorId/review", {
    schema: { tags, summary: "Verify or reject a vendor (DSO staff)", params: vendorPath, body: reviewVendorRequest, response: { 200: vendor } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "vendors.review");
      return presentVendor(await reviewVendor(contextOf(request, deps.db), request.params.vendorId, request.body));
    },
  });
}
