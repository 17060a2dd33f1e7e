import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  bountySettingsView,
  cityHoliday,
  cityHolidayList,
  createHolidayRequest,
  holidayListQuery,
  holidayPath,
  spdxLicenceIds,
  updateBountySettingsRequest,
} from "../../../contracts/bounty-settings.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize } from "../../platform/policy/index.ts";
import { cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { bountyRulesOf } from "./bounty-settings.ts";
import { addCityHoliday, listCityHolidays, presentHoliday, removeCityHoliday } from "./city-holidays.ts";
import { updateBountySettings } from "./update-bounty-settings.ts";

/** The city's bounty rules and holiday calendar: anyone may read them (vendors bid by them); the city admin sets them. */
export function registerBountySettingsRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["bounties"];
  const knownLicences = [...spdxLicenceIds];

  routes.get("/api/v1/cities/:city/bounty-settings", {
    schema: {
      tags,
      summary: "The city's bounty rules: micro-purchase threshold, small-business band, accepted licences",
      params: cityPath,
      response: { 200: bountySettingsView },
    },
    config: { access: "public" },
    handler: async (request) => {
      const city = cityOf(request);
      return { ...(await bountyRulesOf(deps.db, city.id)), currency: city.currency, knownLicences };
    },
  });

  routes.put("/api/v1/cities/:city/bounty-settings", {
    schema: {
      tags,
      summary: "Set the city's bounty rules (city admin)",
      params: cityPath,
      body: updateBountySettingsRequest,
      response: { 200: bountySettingsView },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "bounties.settings");
      const saved = await updateBountySettings(contextOf(request, deps.db), request.body);
      return { ...saved, currency: cityOf(request).currency, knownLicences };
    },
  });

  routes.get("/api/v1/cities/:city/holidays", {
    schema: {
      tags,
      summary: "The city's holidays, which delivery deadlines skip",
      params: cityPath,
      querystring: holidayListQuery,
      response: { 200: cityHolidayList },
    },
    config: { access: "public" },
    handler: async (request) => ({ holidays: (await listCityHolidays(deps.db, cityOf(request).id, request.query.from)).map(presentHoliday) }),
  });

  routes.post("/api/v1/cities/:city/holidays", {
    schema: {
      tags,
      summary: "Add a holiday to the city's calendar (city admin)",
      params: cityPath,
      body: createHolidayRequest,
      response: { 201: cityHoliday },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "bounties.settings");
      return reply.code(201).send(presentHoliday(await addCityHoliday(contextOf(request, deps.db), request.body)));
    },
  });

  routes.delete("/api/v1/cities/:city/holidays/:holidayId", {
    schema: { tags, summary: "Take a holiday off the city's calendar (city admin)", params: holidayPath, response: { 204: z.undefined() } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "bounties.settings");
      await removeCityHoliday(contextOf(request, deps.db), request.params.holidayId);
      return reply.code(204).send();
    },
  });
}
