import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { campaignPath, campaignPreview, campaignPreviewQuery, unsubscribePath, unsubscribeStatus } from "../../../contracts/campaigns.ts";
import type { Database } from "../../db/connection.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { translate } from "../../platform/i18n/index.ts";
import { authorize } from "../../platform/policy/index.ts";
import { cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { composeCampaignMessage } from "./compose-message.ts";
import { campaigns } from "./schema.ts";
import { trackClick } from "./track-click.ts";
import { findUnsubscribeStatus, unsubscribeByToken } from "./unsubscribe.ts";

/**
 * The links in campaign messages, and the preview staff see before sending:
 *  - `GET|POST /api/v1/unsubscribe/:token`: what the link is about, and unsubscribing. The POST is
 *    RFC 8058 one-click unsubscribe: mail clients send it with no session and the form body
 *    `List-Unsubscribe=One-Click`; our unsubscribe page sends it as JSON. The token is the authority,
 *    so it needs neither a session nor a CSRF check.
 *  - `GET /c/:token`: the tracked link; counts the click and redirects to the opportunity.
 *  - `GET /api/v1/cities/:city/campaigns/:campaignId/preview`: the message as a volunteer would get it.
 */
export function registerCampaignDeliveryRoutes(app: FastifyInstance, deps: { db: Database; publicUrl: string }): void {
  // In a scope of their own, so that the form bodies mail clients send are accepted here only.
  app.register(async (scope) => {
    scope.addContentTypeParser(["application/x-www-form-urlencoded", "multipart/form-data"], { parseAs: "string", bodyLimit: 8192 }, (_request, body, done) =>
      done(null, { form: String(body) }),
    );
    const routes = scope.withTypeProvider<ZodTypeProvider>();

    routes.get("/api/v1/unsubscribe/:token", {
      schema: {
        tags: ["campaigns"],
        summary: "What an unsubscribe link is about: the city and campaign, never who it was sent to",
        params: unsubscribePath,
        response: { 200: unsubscribeStatus },
      },
      config: { access: "public" },
      handler: async (request, reply) => {
        const status = await findUnsubscribeStatus(deps.db, request.params.token);
        if (!status) throw new NotFoundError("errors.campaigns.unsubscribeNotFound");
        reply.header("cache-control", "no-store");
        reply.header("referrer-policy", "no-referrer");
        return status;
      },
    });

    routes.post("/api/v1/unsubscribe/:token", {
      schema: {
        tags: ["campaigns"],
        summary: "Unsubscribe (RFC 8058 one-click): withdraws consent for the campaign's channel; no session needed",
        params: unsubscribePath,
        response: { 200: unsubscribeStatus },
      },
      config: { access: "public", csrfExempt: true },
      handler: async (request, reply) => {
        const status = await unsubscribeByToken(deps.db, request.params.token, String(request.id));
        if (!status) throw new NotFoundError("errors.campaigns.unsubscribeNotFound");
        reply.header("cache-control", "no-store");
        return status;
      },
    });

    routes.get("/c/:token", {
      schema: { hide: true, params: z.object({ token: z.string().max(200) }) },
      config: { access: "public" },
      handler: async (request, reply) => {
        const target = await trackClick(deps.db, request.params.token, deps.publicUrl);
        if (!target) throw new NotFoundError("errors.campaigns.deliveryLinkNotFound");
        reply.header("cache-control", "no-store");
        reply.header("referrer-policy", "no-referrer");
        return reply.redirect(target.location, 302);
      },
    });

    routes.get("/api/v1/cities/:city/campaigns/:campaignId/preview", {
      schema: {
        tags: ["campaigns"],
        summary: "A campaign's message as a volunteer in the given language would get it (sample name and links)",
        params: campaignPath,
        querystring: campaignPreviewQuery,
        response: { 200: campaignPreview },
      },
      config: { access: "member" },
      handler: async (request, reply) => {
        authorize(membershipOf(request), "campaigns.manage");
        const city = cityOf(request);
        const [campaign] = await deps.db
          .select()
          .from(campaigns)
          .where(and(eq(campaigns.cityId, city.id), eq(campaigns.id, request.params.campaignId)));
        if (!campaign) throw new NotFoundError("errors.campaigns.deliveryCampaignNotFound");
        const language = request.query.language ?? city.defaultLocale;
        const message = composeCampaignMessage({
          city: { name: city.name, slug: city.slug, defaultLocale: city.defaultLocale },
          campaign: { id: campaign.id, name: campaign.name, channel: campaign.channel, messages: campaign.messages, opportunityId: campaign.opportunityId },
          recipient: { name: translate(language, "mail.campaign.sampleName"), language, id: "00000000-0000-7000-8000-000000000000", token: "0".repeat(32) },
          publicUrl: deps.publicUrl,
        });
        reply.header("cache-control", "no-store");
        return { language: message.language, subject: message.subject, text: message.text, html: message.html };
      },
    });
  });
}
