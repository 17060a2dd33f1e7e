import { and, desc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type BountyAwardView, bountyAward, bountyPath, type MyWorkItemView, myWork } from "../../../contracts/bounties.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database, Executor } from "../../db/connection.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { actorOf, cityOf } from "../../platform/tenancy/index.ts";
import { findVendorOfUser, vendorLegalNames } from "../vendors/index.ts";
import { presentSubmission } from "./open-submission.ts";
import { bounties, submissions } from "./schema.ts";

/**
 * A vendor's deliveries in a city, the newest award first, each with the terms of its bounty. One
 * statement, scoped by city and vendor: another vendor's work is never in it.
 */
export async function listVendorSubmissions(db: Executor, cityId: string, vendorId: string): Promise<MyWorkItemView[]> {
  const rows = await db
    .select({ submission: submissions, bounty: bounties })
    .from(submissions)
    .innerJoin(bounties, and(eq(bounties.id, submissions.bountyId), eq(bounties.cityId, submissions.cityId)))
    .where(and(eq(submissions.cityId, cityId), eq(submissions.vendorId, vendorId)))
    .orderBy(desc(submissions.awardedAt), desc(submissions.id))
    .limit(500);
  return rows.map(({ submission, bounty }) => ({
    ...presentSubmission(submission),
    bounty: {
      id: bounty.id,
      title: bounty.title,
      kind: bounty.kind,
      acceptanceCriteria: bounty.acceptanceCriteria,
      repositoryIssueUrl: bounty.repositoryIssueUrl,
      requiredLicence: bounty.requiredLicence,
    },
  }));
}

/**
 * Who an awarded bounty went to: the vendor of its latest delivery, named as on the public spend
 * page. Before award nobody is named; a draft is not found.
 */
export async function findBountyAward(db: Executor, cityId: string, bountyId: string): Promise<BountyAwardView | null> {
  const [bounty] = await db
    .select({ status: bounties.status })
    .from(bounties)
    .where(and(eq(bounties.cityId, cityId), eq(bounties.id, bountyId)))
    .limit(1);
  if (!bounty || bounty.status === "draft") return null;
  const [latest] = await db
    .select({ vendorId: submissions.vendorId, awardedAt: submissions.awardedAt, status: submissions.status })
    .from(submissions)
    .where(and(eq(submissions.cityId, cityId), eq(submissions.bountyId, bountyId)))
    .orderBy(desc(submissions.awardedAt), desc(submissions.id))
    .limit(1);
  if (!latest) return { vendorName: null, awardedAt: null, deliveryStatus: null };
  const names = await vendorLegalNames(db, cityId, [latest.vendorId]);
  return { vendorName: names.get(latest.vendorId) ?? null, awardedAt: latest.awardedAt.toISOString(), deliveryStatus: latest.status };
}

/** The signed-in vendor's own awarded work, and the public record of whom a bounty was awarded to. */
export function registerMyWorkRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["bounties"];

  routes.get("/api/v1/cities/:city/vendors/me/submissions", {
    schema: {
      tags,
      summary: "The signed-in vendor's awarded work in this city: due dates, status, rejection reasons, payment",
      params: cityPath,
      response: { 200: myWork },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const vendor = await findVendorOfUser(deps.db, city.id, actorOf(request).userId);
      if (!vendor) throw new NotFoundError("errors.vendors.notRegistered");
      reply.header("cache-control", "no-store");
      return { submissions: await listVendorSubmissions(deps.db, city.id, vendor.id) };
    },
  });

  routes.get("/api/v1/cities/:city/bounties/:bountyId/award", {
    schema: { tags, summary: "Whom a bounty was awarded to, once it is (public)", params: bountyPath, response: { 200: bountyAward } },
    config: { access: "public" },
    handler: async (request, reply) => {
      const found = await findBountyAward(deps.db, cityOf(request).id, request.params.bountyId);
      if (!found) throw new NotFoundError("errors.bounties.notFound");
      reply.header("cache-control", "no-store");
      return found;
    },
  });
}
