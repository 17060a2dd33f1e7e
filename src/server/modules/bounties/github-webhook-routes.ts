import { Webhooks } from "@octokit/webhooks";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { DomainError, UnauthenticatedError } from "../../platform/errors/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { recordPullRequestClosed } from "./github-webhook.ts";

const webhookAnswer = z.object({
  event: z.string(),
  /** `pong` to a ping, `recorded` for a closed pull request, `ignored` for anything else. */
  outcome: z.enum(["pong", "recorded", "ignored"]),
  submissions: z.array(
    z.object({
      id: z.string(),
      before: z.string(),
      after: z.string(),
      recorded: z.boolean(),
    }),
  ),
});

const payloadAction = z.object({ action: z.string().optional() });

const pullRequestClosedPayload = z.object({
  action: z.literal("closed"),
  pull_request: z.object({
    html_url: z.string().min(1).max(500),
    merged: z.boolean().nullish(),
    closed_at: z.string().nullish(),
    merged_at: z.string().nullish(),
    merged_by: z.object({ login: z.string() }).nullish(),
  }),
});

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function requiredHeader(request: FastifyRequest, name: string): string {
  const value = headerOf(request, name.toLowerCase());
  if (!value || value.length > 200) throw new DomainError(400, "bad-request", "errors.webhooks.missingHeader", { header: name });
  return value;
}

/** GitHub sends JSON, or a form whose `payload` field holds the JSON, as the webhook's content type says. */
function parsePayload(request: FastifyRequest, body: string): unknown {
  const json = String(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") ? new URLSearchParams(body).get("payload") : body;
  try {
    return JSON.parse(json ?? "");
  } catch {
    throw new DomainError(400, "bad-request", "errors.webhooks.unreadablePayload");
  }
}

/**
 * GitHub's webhook for a city's bounty repositories: `POST /api/v1/cities/:city/webhooks/github`.
 * One address per city, so that a delivery only ever touches that city's submissions; the
 * deployment's `GITHUB_WEBHOOK_SECRET` signs them all. The request is trusted for its signature
 * (`X-Hub-Signature-256`, HMAC SHA-256 of the exact body), never for a session, so it is exempt
 * from the CSRF check. Without a secret the endpoint answers 503.
 */
export function registerGithubWebhookRoutes(app: FastifyInstance, deps: { db: Database; secret: string | undefined }): void {
  const webhooks = deps.secret ? new Webhooks({ secret: deps.secret }) : null;

  app.register(async (scope) => {
    // The signature covers the body byte for byte, so this scope keeps it as text; JSON parsing
    // elsewhere in the app is untouched.
    scope.addContentTypeParser(["application/json", "application/x-www-form-urlencoded"], { parseAs: "string" }, (_request, body, done) => done(null, body));

    scope.withTypeProvider<ZodTypeProvider>().post("/api/v1/cities/:city/webhooks/github", {
      schema: {
        tags: ["bounties"],
        summary: "GitHub webhook: a merged or closed pull request moves the delivery that links it (signed with X-Hub-Signature-256)",
        description:
          "Configure the city's repositories to send `pull_request` events here, with the deployment's webhook secret. A merged pull request hands a delivery in progress in for acceptance; one closed without merging sends a delivery waiting for acceptance back to in progress. Either is recorded in the audit trail, once per delivery (`X-GitHub-Delivery`). `ping` answers 200; other events 202.",
        params: cityPath,
        response: { 200: webhookAnswer, 202: webhookAnswer },
      },
      config: { access: "public", csrfExempt: true },
      handler: async (request, reply) => {
        if (!webhooks) throw new DomainError(503, "unavailable", "errors.webhooks.notConfigured");
        const body = typeof request.body === "string" ? request.body : "";
        const signature = headerOf(request, "x-hub-signature-256");
        const verified = signature !== undefined && body !== "" && (await webhooks.verify(body, signature).catch(() => false));
        if (!verified) throw new UnauthenticatedError("errors.webhooks.badSignature");

        reply.header("cache-control", "no-store");
        const event = requiredHeader(request, "X-GitHub-Event");
        const deliveryId = requiredHeader(request, "X-GitHub-Delivery");
        if (event === "ping") return reply.code(200).send({ event, outcome: "pong" as const, submissions: [] });
        const ignored = { event, outcome: "ignored" as const, submissions: [] };
        if (event !== "pull_request") return reply.code(202).send(ignored);
        const payload = parsePayload(request, body);
        if (payloadAction.safeParse(payload).data?.action !== "closed") return reply.code(202).send(ignored);

        const parsed = pullRequestClosedPayload.safeParse(payload);
        if (!parsed.success) throw new DomainError(400, "bad-request", "errors.webhooks.unreadablePayload");
        const pullRequest = parsed.data.pull_request;
        const outcomes = await recordPullRequestClosed(contextOf(request, deps.db), {
          deliveryId,
          pullRequestUrl: pullRequest.html_url,
          merged: pullRequest.merged === true,
          closedAt: pullRequest.closed_at ?? null,
          mergedAt: pullRequest.merged_at ?? null,
          mergedBy: pullRequest.merged_by?.login ?? null,
        });
        return reply.code(200).send({
          event,
          outcome: "recorded" as const,
          submissions: outcomes.map((outcome) => ({ id: outcome.submissionId, before: outcome.before, after: outcome.after, recorded: outcome.recorded })),
        });
      },
    });
  });
}
