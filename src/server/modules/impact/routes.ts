import { and, asc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  agencyImpactPath,
  agencyImpactView,
  budgetImportResult,
  budgetYears,
  exposureQuery,
  exposureView,
  impactOverview,
  impactSettingsView,
  importBudgetRequest,
  openDataFilePath,
  openDataIndex,
  privateImpactQuery,
  privateImpactView,
  putImpactSettingsRequest,
} from "../../../contracts/impact.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { NotFoundError, RowsRejectedError, sendRowProblems } from "../../platform/errors/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize } from "../../platform/policy/index.ts";
import { cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { exposureOf } from "./exposure.ts";
import { agencyImpactOf, impactOverviewOf } from "./figures.ts";
import { budgetYearTotals, importBudget } from "./import-budget.ts";
import { openDataFile, openDataFileOf, openDataIndexOf } from "./open-data.ts";
import { privateImpactOf } from "./private-figures.ts";
import { budgetLines } from "./schema.ts";
import { impactSettingsOf, setImpactSettings } from "./settings.ts";

const tags = ["impact"];
const importBodyLimit = 6 * 1024 * 1024;

export function registerImpactRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get("/api/v1/cities/:city/impact/budget", {
    schema: { tags, summary: "The fiscal years of the city's budget, with their programs and sums (public)", params: cityPath, response: { 200: budgetYears } },
    config: { access: "public" },
    handler: async (request) => {
      const city = cityOf(request);
      return { currency: city.currency, fiscalYears: await budgetYearTotals(deps.db, city.id) };
    },
  });

  routes.get("/api/v1/cities/:city/impact", {
    schema: {
      tags,
      summary:
        "The impact figures (public): each fiscal year's budget and federal funds beside what approved volunteer hours, bounties, redesigned processes and catalog reuse offset, citywide and per agency",
      params: cityPath,
      response: { 200: impactOverview },
    },
    config: { access: "public" },
    handler: async (request) => impactOverviewOf(deps.db, cityOf(request)),
  });

  routes.get("/api/v1/cities/:city/impact/agencies/:agency", {
    schema: {
      tags,
      summary: "One agency's impact figures and its department's budget programs (public)",
      params: agencyImpactPath,
      response: { 200: agencyImpactView },
    },
    config: { access: "public" },
    handler: async (request) => agencyImpactOf(deps.db, cityOf(request), request.params.agency),
  });

  routes.get("/api/v1/cities/:city/impact/settings", {
    schema: {
      tags,
      summary: "The value of a volunteer hour and the start of the fiscal year the figures use (public)",
      params: cityPath,
      response: { 200: impactSettingsView },
    },
    config: { access: "public" },
    handler: async (request) => impactSettingsOf(deps.db, cityOf(request)),
  });

  routes.put("/api/v1/cities/:city/impact/settings", {
    schema: {
      tags,
      summary: "Set the value of a volunteer hour (with its year and source) and the month the fiscal year starts",
      params: cityPath,
      body: putImpactSettingsRequest,
      response: { 200: impactSettingsView },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "impact.budget");
      return setImpactSettings(contextOf(request, deps.db), request.body);
    },
  });

  routes.get("/api/v1/cities/:city/impact/private", {
    schema: {
      tags,
      summary: "The staff's figures for a fiscal year: hours waiting for review, approved hours per volunteer and per opportunity (private)",
      description: "Without `fiscalYear`, the current one.",
      params: cityPath,
      querystring: privateImpactQuery,
      response: { 200: privateImpactView },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "impact.budget");
      return privateImpactOf(deps.db, cityOf(request), request.query.fiscalYear);
    },
  });

  routes.get("/api/v1/cities/:city/open-data", {
    schema: {
      tags,
      summary: "The open-data files: each dataset's fields, documented, and its CSV and JSON addresses (public)",
      params: cityPath,
      response: { 200: openDataIndex },
    },
    config: { access: "public" },
    handler: async (request) => openDataIndexOf(cityOf(request)),
  });

  routes.get("/api/v1/cities/:city/open-data/:file", {
    schema: {
      tags,
      summary: "One open-data file: `<dataset>.csv` or `<dataset>.json` (public)",
      params: openDataFilePath,
      produces: ["text/csv", "application/json"],
    },
    config: { access: "public" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const file = openDataFileOf(request.params.file);
      if (!file) throw new NotFoundError("errors.impact.datasetNotFound", { file: request.params.file, city: city.slug });
      const body = await openDataFile(deps.db, city, file.id, file.format);
      return reply
        .header("content-disposition", `inline; filename="${city.slug}-${file.id}.${file.format}"`)
        .header("access-control-allow-origin", "*")
        .type(file.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
        .send(body);
    },
  });

  routes.get("/api/v1/cities/:city/impact/exposure", {
    schema: {
      tags,
      summary: "Federal share of the budget overall, per department and program, and the money at risk if federal funds are cut by `cut` % (public)",
      description: "Without `fiscalYear`, the latest year of the budget.",
      params: cityPath,
      querystring: exposureQuery,
      response: { 200: exposureView },
    },
    config: { access: "public" },
    handler: async (request) => {
      const city = cityOf(request);
      const years = (
        await deps.db
          .selectDistinct({ fiscalYear: budgetLines.fiscalYear })
          .from(budgetLines)
          .where(eq(budgetLines.cityId, city.id))
          .orderBy(asc(budgetLines.fiscalYear))
      ).map((row) => row.fiscalYear);
      const fiscalYear = request.query.fiscalYear ?? years.at(-1) ?? null;
      const lines =
        fiscalYear === null
          ? []
          : await deps.db
              .select({
                department: budgetLines.department,
                program: budgetLines.program,
                totalMinor: budgetLines.totalMinor,
                federalMinor: budgetLines.federalMinor,
              })
              .from(budgetLines)
              .where(and(eq(budgetLines.cityId, city.id), eq(budgetLines.fiscalYear, fiscalYear)))
              .orderBy(asc(budgetLines.department), asc(budgetLines.program));
      return { currency: city.currency, fiscalYear, fiscalYears: years, ...exposureOf(lines, request.query.cut) };
    },
  });

  // The import, in a scope of its own so that it alone reads text/csv bodies and large ones.
  app.register(async (scope) => {
    scope.addContentTypeParser("text/csv", { parseAs: "string", bodyLimit: importBodyLimit }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post("/api/v1/cities/:city/impact/budget", {
      bodyLimit: importBodyLimit,
      schema: {
        tags,
        summary:
          "Import the budget from CSV: each fiscal year in the file replaces that year; every row valid or nothing saved (422 lists each row's problems)",
        description:
          "JSON { csv } or a text/csv body. Columns: department, program, fiscal_year, total_amount, federal_amount — or one row per funding source: department, program, fiscal_year, amount, source_type.",
        params: cityPath,
        body: z.union([importBudgetRequest, z.string().min(1)]),
        response: { 200: budgetImportResult },
      },
      config: { access: "member" },
      handler: async (request, reply) => {
        authorize(membershipOf(request), "impact.budget");
        const csv = typeof request.body === "string" ? request.body : request.body.csv;
        try {
          const result = await importBudget(contextOf(request, deps.db), csv);
          return { ...result, currency: cityOf(request).currency };
        } catch (error) {
          if (error instanceof RowsRejectedError) return sendRowProblems(request, reply, error);
          throw error;
        }
      },
    });
  });
}
