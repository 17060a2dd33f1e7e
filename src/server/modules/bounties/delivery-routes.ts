import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  assignBountyRequest,
  awardNextRequest,
  bounty,
  bountyPath,
  cancelBountyRequest,
  paymentExport,
  paySubmissionRequest,
  reviewSubmissionRequest,
  spendReport,
  submission,
  submissionPath,
  submitDeliveryRequest,
} from "../../../contracts/bounties.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize, can, loadGrants } from "../../platform/policy/index.ts";
import { actorOf, cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { findVendorOfUser } from "../vendors/index.ts";
import { assignBounty } from "./assign-bounty.ts";
import { presentBounty } from "./find-bounties.ts";
import { markMissedDelivery } from "./missed-delivery.ts";
import { findSubmission, presentSubmission } from "./open-submission.ts";
import { paySubmission } from "./pay-submission.ts";
import { listPayments, paymentsCsv, spendReportOf } from "./payment-export.ts";
import { awardToNextBidder, cancelAfterFailedDelivery, reviewSubmission } from "./review-submission.ts";
import { startDelivery, submitDelivery } from "./submit-delivery.ts";

/** Delivery of awarded bounties, their acceptance and payment, the payment export and the public spend. */
export function registerDeliveryRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["bounties"];

  routes.post("/api/v1/cities/:city/bounties/:bountyId/assign", {
    schema: {
      tags,
      summary: "Assign a published fixed-price bounty to a verified vendor, opening its delivery (DSO staff)",
      params: bountyPath,
      body: assignBountyRequest,
      response: { 201: submission },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "bounties.manage");
      return reply.code(201).send(presentSubmission(await assignBounty(contextOf(request, deps.db), request.params.bountyId, request.body)));
    },
  });

  routes.get("/api/v1/cities/:city/submissions/:submissionId", {
    schema: { tags, summary: "One delivery (its vendor, DSO staff)", params: submissionPath, response: { 200: submission } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const actor = actorOf(request);
      const found = await findSubmission(deps.db, city.id, request.params.submissionId);
      if (!found) throw new NotFoundError("errors.delivery.notFound");
      const staff = can({ cityId: city.id, actor, grants: await loadGrants(deps.db, city.id, actor.userId) }, "bounties.manage");
      if (!staff && (await findVendorOfUser(deps.db, city.id, actor.userId))?.id !== found.vendorId) throw new NotFoundError("errors.delivery.notFound");
      reply.header("cache-control", "no-store");
      return presentSubmission(found);
    },
  });

  routes.post("/api/v1/cities/:city/submissions/:submissionId/start", {
    schema: { tags, summary: "Mark a delivery in progress (its vendor)", params: submissionPath, response: { 200: submission } },
    config: { access: "signed-in" },
    handler: async (request) => presentSubmission(await startDelivery(contextOf(request, deps.db), request.params.submissionId)),
  });

  routes.post("/api/v1/cities/:city/submissions/:submissionId/submit", {
    schema: {
      tags,
      summary: "Link the pull request and hand the delivery in for acceptance (its vendor)",
      params: submissionPath,
      body: submitDeliveryRequest,
      response: { 200: submission },
    },
    config: { access: "signed-in" },
    handler: async (request) => presentSubmission(await submitDelivery(contextOf(request, deps.db), request.params.submissionId, request.body)),
  });

  routes.post("/api/v1/cities/:city/submissions/:submissionId/review", {
    schema: {
      tags,
      summary: "Accept a delivery (its amount becomes payable) or reject it with reasons per acceptance criterion (DSO staff)",
      params: submissionPath,
      body: reviewSubmissionRequest,
      response: { 200: submission },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "bounties.manage");
      return presentSubmission(await reviewSubmission(contextOf(request, deps.db), request.params.submissionId, request.body));
    },
  });

  routes.post("/api/v1/cities/:city/submissions/:submissionId/missed", {
    schema: { tags, summary: "Mark a delivery past due and not handed in as missed (DSO staff)", params: submissionPath, response: { 200: submission } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "bounties.manage");
      return presentSubmission(await markMissedDelivery(contextOf(request, deps.db), request.params.submissionId));
    },
  });

  routes.post("/api/v1/cities/:city/submissions/:submissionId/pay", {
    schema: {
      tags,
      summary: "Record the payment of an accepted delivery, exactly once (DSO staff, city admin)",
      params: submissionPath,
      body: paySubmissionRequest,
      response: { 200: submission },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "payments.manage");
      return presentSubmission(await paySubmission(contextOf(request, deps.db), request.params.submissionId, request.body));
    },
  });

  routes.post("/api/v1/cities/:city/bounties/:bountyId/award-next", {
    schema: {
      tags,
      summary: "After a rejected or missed delivery, award the work to the next-lowest bidder, or to another vendor for a fixed price (DSO staff)",
      params: bountyPath,
      body: awardNextRequest,
      response: { 201: submission },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "bounties.manage");
      return reply.code(201).send(presentSubmission(await awardToNextBidder(contextOf(request, deps.db), request.params.bountyId, request.body)));
    },
  });

  routes.post("/api/v1/cities/:city/bounties/:bountyId/cancel-after-delivery", {
    schema: {
      tags,
      summary: "After a rejected or missed delivery, cancel the bounty and release its reserved money (DSO staff)",
      params: bountyPath,
      body: cancelBountyRequest,
      response: { 200: bounty },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "bounties.manage");
      return presentBounty(await cancelAfterFailedDelivery(contextOf(request, deps.db), request.params.bountyId, request.body));
    },
  });

  routes.get("/api/v1/cities/:city/payments.json", {
    schema: { tags, summary: "Payable and paid deliveries for accounts payable (DSO staff, city admin)", params: cityPath, response: { 200: paymentExport } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "payments.manage");
      reply.header("cache-control", "no-store");
      return { payments: await listPayments(deps.db, cityOf(request).id) };
    },
  });

  routes.get("/api/v1/cities/:city/payments.csv", {
    schema: { tags, summary: "Payable and paid deliveries as CSV, for accounts payable (DSO staff, city admin)", params: cityPath },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "payments.manage");
      const csv = paymentsCsv(await listPayments(deps.db, cityOf(request).id));
      return reply
        .header("cache-control", "no-store")
        .header("content-disposition", 'attachment; filename="payments.csv"')
        .type("text/csv; charset=utf-8")
        .send(csv);
    },
  });

  routes.get("/api/v1/cities/:city/spend", {
    schema: { tags, summary: "What the city has paid for bounties, per bounty (public)", params: cityPath, response: { 200: spendReport } },
    config: { access: "public" },
    handler: async (request) => spendReportOf(deps.db, cityOf(request)),
  });
}
