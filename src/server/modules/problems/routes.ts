import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { cityPath } from "../../../contracts/platform.ts";
import {
  createProblemRequest,
  problem,
  problemBoard,
  problemBoardQuery,
  problemPath,
  problemSupportResponse,
  triageProblemRequest,
} from "../../../contracts/problems.ts";
import type { Database } from "../../db/connection.ts";
import { resolveActor, type SessionResolver } from "../../platform/auth/index.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize, loadGrants, type Membership } from "../../platform/policy/index.ts";
import { actorOf, cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { createProblem } from "./create-problem.ts";
import { findProblemBoard, findPublicProblem } from "./find-problems.ts";
import { supportProblem, withdrawSupport } from "./support-problem.ts";
import { triageProblem } from "./triage-problem.ts";

export function registerProblemRoutes(app: FastifyInstance, deps: { db: Database; sessions: SessionResolver }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["problems"];

  /** A signed-in person's roles in the city; a resident has none and still may propose and support. */
  const membershipIn = async (request: FastifyRequest): Promise<Membership> => {
    const actor = actorOf(request);
    return { cityId: cityOf(request).id, actor, grants: await loadGrants(deps.db, cityOf(request).id, actor.userId) };
  };
  const viewerOf = async (request: FastifyRequest) => (await resolveActor(deps.sessions, request))?.userId ?? null;

  routes.get("/api/v1/cities/:city/problems", {
    schema: {
      tags,
      summary: "The public problem board: search, filter by status and agency",
      params: cityPath,
      querystring: problemBoardQuery,
      response: { 200: problemBoard },
    },
    config: { access: "public" },
    handler: async (request) => findProblemBoard(deps.db, cityOf(request).id, request.query, await viewerOf(request)),
  });

  routes.get("/api/v1/cities/:city/problems/:problemId", {
    schema: { tags, summary: "One problem as the public sees it", params: problemPath, response: { 200: problem } },
    config: { access: "public" },
    handler: async (request) => {
      const found = await findPublicProblem(deps.db, cityOf(request).id, request.params.problemId, await viewerOf(request));
      if (!found) throw new NotFoundError("errors.problems.notFound");
      return found;
    },
  });

  routes.post("/api/v1/cities/:city/problems", {
    schema: {
      tags,
      summary: "Report a problem (agency staff, naming their agency) or propose one (any signed-in resident)",
      params: cityPath,
      body: createProblemRequest,
      response: { 201: problem },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const created = await createProblem(contextOf(request, deps.db), await membershipIn(request), request.body);
      const view = await findPublicProblem(deps.db, cityOf(request).id, created.id, actorOf(request).userId);
      if (!view) throw new NotFoundError("errors.problems.notFound");
      return reply.code(201).send(view);
    },
  });

  routes.post("/api/v1/cities/:city/problems/:problemId/triage", {
    schema: { tags, summary: "Move a problem through triage (DSO staff)", params: problemPath, body: triageProblemRequest, response: { 200: problem } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "problems.triage");
      await triageProblem(contextOf(request, deps.db), request.params.problemId, request.body);
      const view = await findPublicProblem(deps.db, cityOf(request).id, request.params.problemId, actorOf(request).userId);
      if (!view) throw new NotFoundError("errors.problems.notFound");
      return view;
    },
  });

  routes.post("/api/v1/cities/:city/problems/:problemId/support", {
    schema: { tags, summary: "Support a problem (once per person)", params: problemPath, response: { 200: problemSupportResponse } },
    config: { access: "signed-in" },
    handler: async (request) => supportProblem(contextOf(request, deps.db), request.params.problemId),
  });

  routes.delete("/api/v1/cities/:city/problems/:problemId/support", {
    schema: { tags, summary: "Take back one's support for a problem", params: problemPath, response: { 200: problemSupportResponse } },
    config: { access: "signed-in" },
    handler: async (request) => withdrawSupport(contextOf(request, deps.db), request.params.problemId),
  });
}
