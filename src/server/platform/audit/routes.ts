import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { auditList, auditQuery } from "../../../contracts/audit.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { authorize } from "../policy/index.ts";
import { cityOf, membershipOf } from "../tenancy/index.ts";
import { listAuditEvents } from "./index.ts";

export function registerAuditRoutes(app: FastifyInstance, deps: { db: Database }): void {
  app.withTypeProvider<ZodTypeProvider>().get("/api/v1/cities/:city/audit-events", {
    schema: {
      tags: ["audit"],
      summary: "The audit trail of privileged actions, newest first (city admin)",
      params: cityPath,
      querystring: auditQuery,
      response: { 200: auditList },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "audit.read");
      const { before, action, limit } = request.query;
      const rows = await listAuditEvents(deps.db, cityOf(request).id, { before: before ? new Date(before) : undefined, action, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return {
        events: page.map((row) => ({
          id: row.id,
          action: row.action,
          actor: row.actorLabel,
          targetType: row.targetType,
          targetId: row.targetId,
          before: row.before,
          after: row.after,
          requestId: row.requestId,
          createdAt: row.createdAt.toISOString(),
        })),
        nextBefore: rows.length > limit ? (page.at(-1)?.createdAt.toISOString() ?? null) : null,
      };
    },
  });
}
