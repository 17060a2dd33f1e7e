import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  audienceCount,
  audienceCountRequest,
  campaign,
  campaignList,
  campaignPath,
  createCampaignRequest,
  sendCampaignRequest,
  updateCampaignRequest,
} from "../../../contracts/campaigns.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize } from "../../platform/policy/index.ts";
import { cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { countAudience, storedAudience } from "./audience.ts";
import { funnelCsv, recipientsCsv } from "./campaign-exports.ts";
import { cancelCampaign } from "./cancel-campaign.ts";
import { createCampaign } from "./create-campaign.ts";
import { deleteCampaign } from "./delete-campaign.ts";
import { findCampaign, listCampaigns, presentCampaign, presentCampaignSummary } from "./find-campaigns.ts";
import { type CampaignScheduler, sendCampaign } from "./send-campaign.ts";
import { updateCampaign } from "./update-campaign.ts";

export interface CampaignRouteDependencies {
  db: Database;
  /** Starts scheduled campaigns and delivers queued ones (the job queue). */
  scheduler: CampaignScheduler;
}

/** Staff's side of campaigns: write, count the audience, send or schedule, cancel, follow the funnel. */
export function registerCampaignRoutes(app: FastifyInstance, deps: CampaignRouteDependencies): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["campaigns"];
  const base = "/api/v1/cities/:city/campaigns";

  const csv = (reply: FastifyReply, name: string, body: string) =>
    reply.header("cache-control", "no-store").header("content-disposition", `attachment; filename="${name}"`).type("text/csv; charset=utf-8").send(body);

  routes.get(base, {
    schema: { tags, summary: "The city's campaigns, newest first", params: cityPath, response: { 200: campaignList } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "campaigns.manage");
      reply.header("cache-control", "no-store");
      return { campaigns: (await listCampaigns(deps.db, cityOf(request).id)).map(presentCampaignSummary) };
    },
  });

  routes.post(base, {
    schema: { tags, summary: "Write a campaign (a draft)", params: cityPath, body: createCampaignRequest, response: { 201: campaign } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "campaigns.manage");
      const created = await createCampaign(contextOf(request, deps.db), request.body);
      return reply.code(201).send(await presentCampaign(deps.db, created));
    },
  });

  routes.post(`${base}/audience-count`, {
    schema: {
      tags,
      summary: "How many volunteers an audience reaches on a channel, before sending",
      params: cityPath,
      body: audienceCountRequest,
      response: { 200: audienceCount },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "campaigns.manage");
      return countAudience(deps.db, cityOf(request).id, request.body.channel, storedAudience(request.body.audience));
    },
  });

  routes.get(`${base}/:campaignId`, {
    schema: { tags, summary: "One campaign with its funnel", params: campaignPath, response: { 200: campaign } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "campaigns.manage");
      const found = await findCampaign(deps.db, cityOf(request).id, request.params.campaignId);
      if (!found) throw new NotFoundError("errors.campaigns.notFound");
      reply.header("cache-control", "no-store");
      return presentCampaign(deps.db, found);
    },
  });

  routes.patch(`${base}/:campaignId`, {
    schema: { tags, summary: "Change a draft or scheduled campaign", params: campaignPath, body: updateCampaignRequest, response: { 200: campaign } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "campaigns.manage");
      return presentCampaign(deps.db, await updateCampaign(contextOf(request, deps.db), request.params.campaignId, request.body));
    },
  });

  routes.delete(`${base}/:campaignId`, {
    schema: { tags, summary: "Remove a draft", params: campaignPath, response: { 204: z.undefined() } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "campaigns.manage");
      await deleteCampaign(contextOf(request, deps.db), request.params.campaignId);
      return reply.code(204).send();
    },
  });

  routes.post(`${base}/:campaignId/send`, {
    schema: { tags, summary: "Send now, or schedule for a time to come", params: campaignPath, body: sendCampaignRequest, response: { 200: campaign } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "campaigns.manage");
      return presentCampaign(deps.db, await sendCampaign(contextOf(request, deps.db), request.params.campaignId, request.body, deps.scheduler));
    },
  });

  routes.post(`${base}/:campaignId/cancel`, {
    schema: { tags, summary: "Cancel a scheduled campaign, or stop one that is sending", params: campaignPath, response: { 200: campaign } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "campaigns.manage");
      return presentCampaign(deps.db, await cancelCampaign(contextOf(request, deps.db), request.params.campaignId));
    },
  });

  routes.get(`${base}/:campaignId/funnel.csv`, {
    schema: { tags, summary: "The funnel as CSV", params: campaignPath },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "campaigns.manage");
      const found = await findCampaign(deps.db, cityOf(request).id, request.params.campaignId);
      if (!found) throw new NotFoundError("errors.campaigns.notFound");
      return csv(reply, `campaign-${found.id}-funnel.csv`, await funnelCsv(deps.db, found));
    },
  });

  routes.get(`${base}/:campaignId/recipients.csv`, {
    schema: { tags, summary: "Recipients and what came of each message, as CSV (volunteer ids, no contact details)", params: campaignPath },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "campaigns.manage");
      const found = await findCampaign(deps.db, cityOf(request).id, request.params.campaignId);
      if (!found) throw new NotFoundError("errors.campaigns.notFound");
      return csv(reply, `campaign-${found.id}-recipients.csv`, await recipientsCsv(deps.db, found));
    },
  });
}
