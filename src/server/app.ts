import { randomUUID } from "node:crypto";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { createJsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler } from "fastify-type-provider-zod";
import helmet from "helmet";
import type { Config } from "./config.ts";
import type { DatabaseHandle } from "./db/connection.ts";
import { registerAgencyRoutes } from "./modules/agencies/index.ts";
import {
  registerAuctionRoutes,
  registerBountyRoutes,
  registerBountySettingsRoutes,
  registerDeliveryRoutes,
  registerGithubWebhookRoutes,
  registerInsightsRoutes,
  registerMyWorkRoutes,
  registerReviewQueueRoutes,
} from "./modules/bounties/index.ts";
import { registerCampaignDeliveryRoutes } from "./modules/campaigns/delivery-routes.ts";
import { registerCampaignRoutes } from "./modules/campaigns/index.ts";
import { registerCatalogRoutes } from "./modules/catalog/index.ts";
import { registerCityRoutes } from "./modules/cities/index.ts";
import { registerFederationBridge, registerFederationRoutes } from "./modules/federation/index.ts";
import { registerGroupRoutes } from "./modules/groups/index.ts";
import { registerImpactRoutes } from "./modules/impact/routes.ts";
import { registerLedgerRoutes } from "./modules/ledger/index.ts";
import { registerOpportunityRoutes } from "./modules/opportunities/index.ts";
import { registerProblemRoutes } from "./modules/problems/index.ts";
import { registerProcessRoutes } from "./modules/processes/index.ts";
import { registerStaffRoutes } from "./modules/staff/index.ts";
import { registerVendorRoutes } from "./modules/vendors/index.ts";
import { registerVolunteerRoutes } from "./modules/volunteers/index.ts";
import { registerAuditRoutes } from "./platform/audit/routes.ts";
import { registerAccessTokenRoutes } from "./platform/auth/access-token-routes.ts";
import { registerAuthRoutes } from "./platform/auth/index.ts";
import { registerErrorHandling, zodValidatorCompiler } from "./platform/errors/index.ts";
import { registerCsrfProtection } from "./platform/http/csrf.ts";
import { registerHealthRoutes } from "./platform/http/health.ts";
import { registerSettingsRoute } from "./platform/http/settings.ts";
import { registerWebApp } from "./platform/http/web-app.ts";
import { registerOutboxRoutes } from "./platform/mail/routes.ts";
import { registerTenancy } from "./platform/tenancy/index.ts";
import type { Services } from "./services.ts";

/**
 * Builds the HTTP application: platform plugins first (errors, security headers, OpenAPI,
 * tenancy, CSRF, sign-in), then every module's routes, then the web app for all other paths.
 */
export async function buildApp(config: Config, database: DatabaseHandle, services: Services): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.logLevel === "silent"
        ? false
        : {
            level: config.logLevel,
            redact: { paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'], remove: true },
          },
    // A number means "trust this many proxy hops"; Fastify accepts it though its types do not say so.
    trustProxy: config.trustProxy as boolean | string,
    bodyLimit: 1024 * 1024,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onRequest", async (request, reply) => {
    // A request id from a client or proxy is kept only when it looks like one.
    if (!/^[\w.:-]{8,100}$/.test(String(request.id))) request.id = randomUUID();
    reply.header("x-request-id", request.id);
  });
  registerErrorHandling(app);

  // Once shutdown begins, answers to requests still in flight close their connection, so that
  // keep-alive clients do not hold the server open until their idle timeout.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });

  const https = config.publicUrl.startsWith("https://");
  // Security headers by helmet, built once: the Fastify plugin rebuilds every middleware on each request,
  // which cost the public listing a tenth of its throughput.
  const secureHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", (request, reply, done) => {
    secureHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Civitas API",
        version: "1",
        description:
          "The API of Civitas. Tenant-scoped resources live under /api/v1/cities/{city}. Errors are RFC 9457 problem+json documents. Sign in through /api/auth (session cookie); state-changing requests with a session cookie must carry an Origin header of this site. Programs bid with a personal access token (Authorization: Bearer), accepted only on the bidding routes.",
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "civitas.session_token" },
          // Accepted only by the routes that say so (bidding); every other route refuses it.
          accessToken: { type: "http", scheme: "bearer", description: "A personal access token, civ_pat_…, made at /api/v1/me/access-tokens" },
        },
      },
      tags: [
        { name: "platform", description: "Health and readiness" },
        { name: "account", description: "The signed-in person" },
        { name: "cities", description: "Cities hosted by this deployment" },
        { name: "agencies", description: "A city's departments and offices" },
        { name: "staff", description: "Roles and invitations" },
        { name: "audit", description: "The audit trail" },
        { name: "mail", description: "The outbox of mail not sent over SMTP" },
        { name: "volunteers", description: "Volunteer profiles, staff's view of volunteers, credentials and imports" },
        { name: "taxonomy", description: "The city's skills, causes and credential types" },
        { name: "opportunities", description: "Opportunities, the public listing and matching" },
        { name: "shifts", description: "Shifts, sign-ups, check-in, rosters and hours" },
        { name: "campaigns", description: "Mobilization campaigns: audiences, sending and the funnel" },
        { name: "groups", description: "Civic-tech groups and volunteer associations" },
        { name: "problems", description: "Problems reported by agencies and residents, triage and the public board" },
        { name: "vendors", description: "Vendor registration and verification" },
        { name: "ledger", description: "The bounty fund and its double-entry ledger" },
        { name: "bounties", description: "Bounties and micro-purchase auctions" },
        { name: "catalog", description: "The solutions catalog: publiccode.yml import and export, search, federated entries and forks" },
        { name: "federation", description: "Following other cities over ActivityPub" },
      ],
    },
    transform: createJsonSchemaTransform({ skipList: ["/api/docs", "/api/docs/*", "/api/openapi.json"] }),
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    // The documentation page is the only one that needs inline styles (Swagger UI); it loads
    // nothing from other sites.
    transformStaticCSP: (header) =>
      header
        .replaceAll(" https:", "")
        .replace(" validator.swagger.io", "")
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace(/upgrade-insecure-requests;?/, https ? "upgrade-insecure-requests;" : ""),
    uiConfig: { docExpansion: "list", deepLinking: true },
  });
  app.get("/api/openapi.json", { schema: { hide: true }, config: { access: "public" } }, async () => app.swagger());

  registerTenancy(app, { sessions: services.sessions, db: database.db, directory: services.directory });
  registerCsrfProtection(app, { publicUrl: config.publicUrl });
  await registerAuthRoutes(app, services.auth);

  registerHealthRoutes(app, { db: database.db, jobs: services.jobs, processRole: config.processRole });
  registerSettingsRoute(app, { config, mailTransport: services.mailer.transport });
  registerCityRoutes(app, { db: database.db, sessions: services.sessions, directory: services.directory, personalData: services.personalData });
  registerAgencyRoutes(app, { db: database.db });
  registerStaffRoutes(app, { db: database.db, mailer: services.mailer, publicUrl: config.publicUrl });
  registerAuditRoutes(app, { db: database.db });
  registerAccessTokenRoutes(app, { db: database.db, directory: services.directory });
  registerOutboxRoutes(app, { db: database.db, mailer: services.mailer });
  // Volunteering modules.
  registerVolunteerRoutes(app, { db: database.db });
  registerOpportunityRoutes(app, {
    db: database.db,
    pool: database.pool,
    sessions: services.sessions,
    auth: services.auth,
    publicUrl: config.publicUrl,
    signingKey: services.signingKey,
    noticesWritten: services.noticesWritten,
  });
  registerCampaignRoutes(app, { db: database.db, scheduler: services.campaignJobs });
  registerGroupRoutes(app, { db: database.db, sessions: services.sessions, mailer: services.mailer, publicUrl: config.publicUrl });
  // Problems, vendors, the bounty fund and bounties.
  registerProblemRoutes(app, { db: database.db, sessions: services.sessions });
  registerVendorRoutes(app, { db: database.db });
  registerLedgerRoutes(app, { db: database.db });
  registerBountyRoutes(app, { db: database.db, sessions: services.sessions });
  registerAuctionRoutes(app, { db: database.db, sessions: services.sessions, rateLimits: config.rateLimits });
  registerBountySettingsRoutes(app, { db: database.db });
  registerDeliveryRoutes(app, { db: database.db });
  registerInsightsRoutes(app, { db: database.db });
  registerMyWorkRoutes(app, { db: database.db });
  registerReviewQueueRoutes(app, { db: database.db });
  registerGithubWebhookRoutes(app, { db: database.db, secret: config.github.webhookSecret });
  // The solutions catalog, and federation with other cities over ActivityPub.
  registerCatalogRoutes(app, {
    db: database.db,
    sessions: services.sessions,
    publicUrl: config.publicUrl,
    changed: (cityId) => services.federation.publishSoon(cityId),
  });
  registerFederationRoutes(app, { db: database.db, federation: services.federation });
  registerFederationBridge(app, services.federation);
  // Documented processes, their cost, revisions and exports.
  registerProcessRoutes(app, { db: database.db, sessions: services.sessions });
  // The budget and its exposure to cuts in federal funds.
  registerImpactRoutes(app, { db: database.db });

  registerCampaignDeliveryRoutes(app, { db: database.db, publicUrl: config.publicUrl });

  await registerWebApp(app, { distDirectory: config.webDistDirectory });
  return app;
}
