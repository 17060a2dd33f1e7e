import { and, desc, eq, type SQL } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { outboxList, outboxQuery } from "../../../contracts/outbox.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { ForbiddenError } from "../errors/index.ts";
import { authorize } from "../policy/index.ts";
import { actorOf, cityOf, membershipOf } from "../tenancy/index.ts";
import type { Mailer } from "./index.ts";
import { outboxMessages } from "./schema.ts";

function present(row: typeof outboxMessages.$inferSelect) {
  return {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    textBody: row.textBody,
    htmlBody: row.htmlBody,
    headers: row.headers,
    attachments: row.attachments,
    createdAt: row.createdAt.toISOString(),
  };
}

export function registerOutboxRoutes(app: FastifyInstance, deps: { db: Database; mailer: Mailer }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  const list = async (cityId: string | null, query: { recipient?: string; kind?: string; limit: number }) => {
    const conditions: SQL[] = [];
    if (cityId) conditions.push(eq(outboxMessages.cityId, cityId));
    if (query.recipient) conditions.push(eq(outboxMessages.recipient, query.recipient.toLowerCase()));
    if (query.kind) conditions.push(eq(outboxMessages.kind, query.kind));
    const rows = await deps.db
      .select()
      .from(outboxMessages)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(query.limit);
    return { transport: deps.mailer.transport, messages: rows.map(present) };
  };

  routes.get("/api/v1/cities/:city/outbox", {
    schema: {
      tags: ["mail"],
      summary: "Mail kept in the outbox for this city (city admin)",
      params: cityPath,
      querystring: outboxQuery,
      response: { 200: outboxList },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "outbox.read");
      reply.header("cache-control", "no-store");
      return list(cityOf(request).id, request.query);
    },
  });

  routes.get("/api/v1/outbox", {
    schema: { tags: ["mail"], summary: "All mail kept in the outbox (platform admin)", querystring: outboxQuery, response: { 200: outboxList } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      if (!actorOf(request).isPlatformAdmin) throw new ForbiddenError("errors.platformAdminOnly");
      reply.header("cache-control", "no-store");
      return list(null, request.query);
    },
  });
}
