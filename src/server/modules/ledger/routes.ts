import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { addToFundRequest, addToFundResponse, fundBalances, ledgerPostingList } from "../../../contracts/ledger.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize } from "../../platform/policy/index.ts";
import { cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { accountBalances } from "./accounts.ts";
import { addToFund } from "./add-to-fund.ts";
import { listPostings, presentBalances } from "./find-ledger.ts";

export function registerLedgerRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["ledger"];

  routes.get("/api/v1/cities/:city/fund", {
    schema: { tags, summary: "The bounty fund: available, reserved, payable and paid (public)", params: cityPath, response: { 200: fundBalances } },
    config: { access: "public" },
    handler: async (request) => {
      const city = cityOf(request);
      return presentBalances(await accountBalances(deps.db, city.id, city.currency), city.currency);
    },
  });

  routes.post("/api/v1/cities/:city/fund/additions", {
    schema: {
      tags,
      summary: "Add money to the bounty fund (city admin, DSO staff)",
      params: cityPath,
      body: addToFundRequest,
      response: { 201: addToFundResponse },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "fund.add");
      const city = cityOf(request);
      const result = await addToFund(contextOf(request, deps.db), request.body);
      return reply.code(201).send({ postingId: result.postingId, posted: result.posted, balances: presentBalances(result.balances, city.currency) });
    },
  });

  routes.get("/api/v1/cities/:city/ledger/postings", {
    schema: { tags, summary: "The ledger's postings with their lines (city admin, DSO staff)", params: cityPath, response: { 200: ledgerPostingList } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "ledger.read");
      return { postings: await listPostings(deps.db, cityOf(request).id) };
    },
  });
}
