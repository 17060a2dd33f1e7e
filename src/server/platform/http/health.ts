import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { healthResponse, readinessResponse } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import type { Jobs } from "../jobs/index.ts";

/** Liveness (the process answers) and readiness (the database answers, the job queue runs). */
export function registerHealthRoutes(app: FastifyInstance, deps: { db: Database; jobs: Jobs; processRole: string }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get("/api/health", {
    schema: { tags: ["platform"], summary: "Liveness: the process is up", response: { 200: healthResponse } },
    config: { access: "public" },
    handler: async () => ({ status: "ok" as const }),
  });
  routes.get("/api/health/ready", {
    schema: { tags: ["platform"], summary: "Readiness: the database answers and jobs run", response: { 200: readinessResponse, 503: readinessResponse } },
    config: { access: "public" },
    handler: async (_request, reply) => {
      const started = performance.now();
      let database: "ok" | "unavailable" = "ok";
      try {
        await deps.db.execute(sql`select 1`);
      } catch {
        database = "unavailable";
      }
      const jobs = deps.processRole === "web" ? ("not-run-here" as const) : deps.jobs.isWorking() ? ("ok" as const) : ("unavailable" as const);
      const ready = database === "ok" && jobs !== "unavailable";
      return reply.code(ready ? 200 : 503).send({
        status: ready ? "ok" : "unavailable",
        checks: { database, jobs },
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
      });
    },
  });
}
