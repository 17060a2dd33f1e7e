import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { city, cityList, createCityRequest, updateCityRequest } from "../../../contracts/cities.ts";
import { cityPath, deleteAccountRequest, meResponse, updateMeRequest } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { resolveActor, type SessionResolver, users } from "../../platform/auth/index.ts";
import { ForbiddenError, InvalidInputError, UnauthenticatedError } from "../../platform/errors/index.ts";
import { isSupportedLocale } from "../../platform/i18n/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { eraseAccount, exportPersonalData } from "../../platform/personal-data/account.ts";
import type { PersonalDataRegistry } from "../../platform/personal-data/index.ts";
import { authorize } from "../../platform/policy/index.ts";
import { actorOf, type City, type CityDirectory, cityOf, listCities, membershipOf } from "../../platform/tenancy/index.ts";
import { createCity } from "./create-city.ts";
import { findMemberships } from "./find-memberships.ts";
import { updateCity } from "./update-city.ts";

const presentCity = (value: City) => ({
  slug: value.slug,
  name: value.name,
  timeZone: value.timeZone,
  defaultLocale: value.defaultLocale,
  currency: value.currency,
});

export function registerCityRoutes(
  app: FastifyInstance,
  deps: { db: Database; sessions: SessionResolver; directory: CityDirectory; personalData: PersonalDataRegistry },
): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/cities", {
    schema: { tags: ["cities"], summary: "Cities hosted by this deployment", response: { 200: cityList } },
    config: { access: "public" },
    handler: async () => ({ cities: (await listCities(deps.db)).map(presentCity) }),
  });

  routes.post("/api/v1/cities", {
    schema: { tags: ["cities"], summary: "Add a city (platform admin)", body: createCityRequest, response: { 201: city } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      if (!actor.isPlatformAdmin) throw new ForbiddenError("errors.platformAdminOnly");
      const created = await createCity(deps.db, actor, request.body, String(request.id));
      return reply.code(201).send(presentCity(created));
    },
  });

  routes.get("/api/v1/cities/:city", {
    schema: { tags: ["cities"], summary: "One city", params: cityPath, response: { 200: city } },
    config: { access: "public" },
    handler: async (request) => presentCity(cityOf(request)),
  });

  routes.patch("/api/v1/cities/:city", {
    schema: { tags: ["cities"], summary: "Change the city's settings (city admin)", params: cityPath, body: updateCityRequest, response: { 200: city } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "city.update");
      const updated = await updateCity(contextOf(request, deps.db), request.body);
      deps.directory.forget(updated.slug);
      return presentCity(updated);
    },
  });

  routes.get("/api/v1/me", {
    schema: { tags: ["account"], summary: "The signed-in person and their roles per city", response: { 200: meResponse } },
    config: { access: "public" },
    handler: async (request, reply) => {
      reply.header("cache-control", "no-store");
      const actor = await resolveActor(deps.sessions, request);
      if (!actor) return { user: null, memberships: [] };
      return {
        user: { id: actor.userId, name: actor.name, email: actor.email, locale: actor.locale, isPlatformAdmin: actor.isPlatformAdmin },
        memberships: await findMemberships(deps.db, actor.userId),
      };
    },
  });

  routes.patch("/api/v1/me", {
    schema: { tags: ["account"], summary: "Change your name or preferred language", body: updateMeRequest, response: { 200: meResponse } },
    config: { access: "signed-in" },
    handler: async (request) => {
      const actor = actorOf(request);
      if (!actor) throw new UnauthenticatedError();
      const { name, locale } = request.body;
      if (locale && !isSupportedLocale(locale)) throw new InvalidInputError([{ field: "locale", messageKey: "errors.field.locale" }]);
      const [updated] = await deps.db
        .update(users)
        .set({ ...(name !== undefined && { name }), ...(locale !== undefined && { locale }) })
        .where(eq(users.id, actor.userId))
        .returning();
      return {
        user: updated ? { id: updated.id, name: updated.name, email: updated.email, locale: updated.locale, isPlatformAdmin: updated.isPlatformAdmin } : null,
        memberships: await findMemberships(deps.db, actor.userId),
      };
    },
  });

  routes.get("/api/v1/me/data", {
    schema: { tags: ["account"], summary: "Download everything Civitas keeps about you (JSON)" },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const data = await exportPersonalData(deps.db, deps.personalData, actorOf(request));
      return reply
        .header("cache-control", "no-store")
        .header("content-disposition", `attachment; filename="civitas-data-${new Date().toISOString().slice(0, 10)}.json"`)
        .type("application/json; charset=utf-8")
        .send(JSON.stringify(data, null, 2));
    },
  });

  routes.delete("/api/v1/me", {
    schema: {
      tags: ["account"],
      summary: "Delete your account: personal data erased, hours kept anonymously",
      body: deleteAccountRequest,
      response: { 204: z.undefined() },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      await eraseAccount(deps.db, deps.personalData, actorOf(request), String(request.id));
      return reply.code(204).header("set-cookie", "civitas.session_token=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax").send();
    },
  });
}
