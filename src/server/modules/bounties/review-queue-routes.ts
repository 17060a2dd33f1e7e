import { and, asc, eq, type SQL } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import { bountyPath, rerunBountyRequest, rerunBountyResponse, submissionQueue, submissionQueueQuery } from "../../../contracts/bounties.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database, Executor } from "../../db/connection.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize } from "../../platform/policy/index.ts";
import { cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { vendors } from "../vendors/index.ts";
import { presentBounty } from "./find-bounties.ts";
import { presentSubmission } from "./open-submission.ts";
import { rerunBounty } from "./rerun-bounty.ts";
import { bounties, submissions } from "./schema.ts";

type QueueFilter = z.output<typeof submissionQueueQuery>;

/**
 * The city's deliveries with their bounty's title and the vendor's legal name, soonest due first:
 * the review queue when filtered to those waiting for acceptance, or one bounty's deliveries.
 */
export async function listSubmissionQueue(db: Executor, cityId: string, filter: QueueFilter) {
  const conditions: SQL[] = [eq(submissions.cityId, cityId)];
  if (filter.status) conditions.push(eq(submissions.status, filter.status));
  if (filter.bountyId) conditions.push(eq(submissions.bountyId, filter.bountyId));
  const rows = await db
    .select({ submission: submissions, bountyTitle: bounties.title, bountyKind: bounties.kind, vendorLegalName: vendors.legalName })
    .from(submissions)
    .innerJoin(bounties, eq(bounties.id, submissions.bountyId))
    .innerJoin(vendors, eq(vendors.id, submissions.vendorId))
    .where(and(...conditions))
    .orderBy(asc(submissions.dueAt), asc(submissions.id))
    .limit(500);
  return rows.map((row) => ({
    ...presentSubmission(row.submission),
    bountyTitle: row.bountyTitle,
    bountyKind: row.bountyKind,
    vendorLegalName: row.vendorLegalName,
  }));
}

/** The DSO's review queue and the re-run of a bounty whose delivery failed. */
export function registerReviewQueueRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["bounties"];

  routes.get("/api/v1/cities/:city/submissions", {
    schema: {
      tags,
      summary: "Deliveries of the city's bounties, soonest due first; `status=pending_acceptance` is the review queue (DSO staff)",
      params: cityPath,
      querystring: submissionQueueQuery,
      response: { 200: submissionQueue },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "bounties.manage");
      reply.header("cache-control", "no-store");
      return { submissions: await listSubmissionQueue(deps.db, cityOf(request).id, request.query) };
    },
  });

  routes.post("/api/v1/cities/:city/bounties/:bountyId/rerun", {
    schema: {
      tags,
      summary: "After a rejected or missed delivery, cancel the bounty releasing its money and draft it again with new dates (DSO staff)",
      params: bountyPath,
      body: rerunBountyRequest,
      response: { 201: rerunBountyResponse },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "bounties.manage");
      const { cancelled, draft } = await rerunBounty(contextOf(request, deps.db), request.params.bountyId, request.body);
      return reply.code(201).send({ cancelled: presentBounty(cancelled), draft: presentBounty(draft) });
    },
  });
}
