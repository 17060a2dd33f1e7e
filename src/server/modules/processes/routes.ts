import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { cityPath } from "../../../contracts/platform.ts";
import { processFigures } from "../../../contracts/process-cost.ts";
import {
  createProcessRequest,
  importProcessRequest,
  markRevisionsRequest,
  processDetail,
  processExportQuery,
  processList,
  processListQuery,
  processPath,
  processRates,
  publishProcessRequest,
  putProcessRatesRequest,
  revision,
  revisionDiff,
  revisionDiffQuery,
  revisionList,
  revisionPath,
  saveRevisionRequest,
} from "../../../contracts/processes.ts";
import type { Database } from "../../db/connection.ts";
import { resolveActor, type SessionResolver } from "../../platform/auth/index.ts";
import { ForbiddenError, NotFoundError } from "../../platform/errors/index.ts";
import { localeOfRequest, translatorFor } from "../../platform/i18n/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize, can, loadGrants, type Membership } from "../../platform/policy/index.ts";
import { type City, cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { diffRevisions } from "./diff-revisions.ts";
import { exportBpmn } from "./export-bpmn.ts";
import { exportMarkdown } from "./export-markdown.ts";
import { findProcessRow, findRevision, listProcesses, listRevisions, type ProcessRow, presentProcess, revisionContent } from "./find-processes.ts";
import { findRates, rateTableOf, setRates } from "./rates.ts";
import { createProcess, markRevisions, publishProcess, saveRevision } from "./save-process.ts";

export function registerProcessRoutes(app: FastifyInstance, deps: { db: Database; sessions: SessionResolver }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["processes"];

  /** The reader as a member of the city, when signed in; null for anyone else. */
  async function readerOf(request: FastifyRequest, city: City): Promise<Membership | null> {
    const actor = await resolveActor(deps.sessions, request);
    if (!actor) return null;
    return { cityId: city.id, actor, grants: await loadGrants(deps.db, city.id, actor.userId) };
  }
  const isStaff = (reader: Membership | null) => reader !== null && can(reader, "city.read-admin");
  const mayEdit = (reader: Membership | null, row: ProcessRow) => reader !== null && can(reader, "processes.manage", { agencyId: row.agencyId });

  /** A process the reader may see: published ones to anyone, the rest to the city's staff. */
  async function visibleProcess(request: FastifyRequest & { params: { processId: string } }) {
    const city = cityOf(request);
    const row = await findProcessRow(deps.db, city.id, request.params.processId);
    const reader = await readerOf(request, city);
    if (!row || (row.publishedAt === null && !isStaff(reader))) throw new NotFoundError("errors.processes.notFound");
    return { city, row, reader };
  }

  routes.get("/api/v1/cities/:city/processes", {
    schema: {
      tags,
      summary: "Documented processes with their figures: published ones for everyone, all of them for the city's staff",
      params: cityPath,
      querystring: processListQuery,
      response: { 200: processList },
    },
    config: { access: "public" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const staff = isStaff(await readerOf(request, city));
      if (staff) reply.header("cache-control", "no-store");
      return { currency: city.currency, processes: await listProcesses(deps.db, city.id, { ...request.query, includeUnpublished: staff }) };
    },
  });

  routes.post("/api/v1/cities/:city/processes", {
    schema: {
      tags,
      summary: "Document a new process of an agency (its first revision)",
      params: cityPath,
      body: createProcessRequest,
      response: { 201: processDetail },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      const membership = membershipOf(request);
      authorize(membership, "processes.manage");
      const created = await createProcess(contextOf(request, deps.db), membership, request.body);
      return reply.code(201).send(await presentProcess(deps.db, cityOf(request), created, true));
    },
  });

  routes.post("/api/v1/cities/:city/processes/import", {
    schema: {
      tags,
      summary: "Import a process from Civitas's own JSON export, as a new process of an agency",
      params: cityPath,
      body: importProcessRequest,
      response: { 201: processDetail },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      const membership = membershipOf(request);
      authorize(membership, "processes.manage");
      const { agencyId, document, message } = request.body;
      const created = await createProcess(contextOf(request, deps.db), membership, { agencyId, content: document.process, message });
      return reply.code(201).send(await presentProcess(deps.db, cityOf(request), created, true));
    },
  });

  routes.get("/api/v1/cities/:city/processes/:processId", {
    schema: { tags, summary: "One process: its current revision, figures and as-is/to-be comparison", params: processPath, response: { 200: processDetail } },
    config: { access: "public" },
    handler: async (request, reply) => {
      const { city, row, reader } = await visibleProcess(request);
      if (row.publishedAt === null) reply.header("cache-control", "no-store");
      return presentProcess(deps.db, city, row, mayEdit(reader, row));
    },
  });

  routes.post("/api/v1/cities/:city/processes/:processId/revisions", {
    schema: {
      tags,
      summary: "Save a new revision (refused with 409 if someone saved since baseRevision)",
      params: processPath,
      body: saveRevisionRequest,
      response: { 201: processDetail },
    },
    config: { access: "member" },
    handler: async (request, reply) => {
      const membership = membershipOf(request);
      const saved = await saveRevision(contextOf(request, deps.db), membership, request.params.processId, request.body);
      return reply.code(201).send(await presentProcess(deps.db, cityOf(request), saved, true));
    },
  });

  routes.get("/api/v1/cities/:city/processes/:processId/revisions", {
    schema: { tags, summary: "Every revision of a process, newest first (city staff)", params: processPath, response: { 200: revisionList } },
    config: { access: "member" },
    handler: async (request) => {
      const city = cityOf(request);
      authorize(membershipOf(request), "city.read-admin");
      if (!(await findProcessRow(deps.db, city.id, request.params.processId))) throw new NotFoundError("errors.processes.notFound");
      return { revisions: await listRevisions(deps.db, city.id, request.params.processId) };
    },
  });

  routes.get("/api/v1/cities/:city/processes/:processId/revisions/:revision", {
    schema: { tags, summary: "One revision of a process, with its figures (city staff)", params: revisionPath, response: { 200: revision } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "city.read-admin");
      const found = await findRevision(deps.db, cityOf(request).id, request.params.processId, request.params.revision);
      if (!found) throw new NotFoundError("errors.processes.revisionNotFound");
      return found;
    },
  });

  routes.get("/api/v1/cities/:city/processes/:processId/diff", {
    schema: {
      tags,
      summary: "What changed between two revisions (city staff)",
      params: processPath,
      querystring: revisionDiffQuery,
      response: { 200: revisionDiff },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "city.read-admin");
      const city = cityOf(request);
      const [before, after] = await Promise.all([
        revisionContent(deps.db, city.id, request.params.processId, request.query.from),
        revisionContent(deps.db, city.id, request.params.processId, request.query.to),
      ]);
      if (!before || !after) throw new NotFoundError("errors.processes.revisionNotFound");
      return { from: request.query.from, to: request.query.to, ...diffRevisions(before, after) };
    },
  });

  routes.put("/api/v1/cities/:city/processes/:processId/marks", {
    schema: { tags, summary: "Mark the as-is and to-be revisions", params: processPath, body: markRevisionsRequest, response: { 200: processDetail } },
    config: { access: "member" },
    handler: async (request) => {
      const updated = await markRevisions(contextOf(request, deps.db), membershipOf(request), request.params.processId, request.body);
      return presentProcess(deps.db, cityOf(request), updated, true);
    },
  });

  routes.put("/api/v1/cities/:city/processes/:processId/publication", {
    schema: {
      tags,
      summary: "Publish a process for everyone to read and other cities to fork, or take it back",
      params: processPath,
      body: publishProcessRequest,
      response: { 200: processDetail },
    },
    config: { access: "member" },
    handler: async (request) => {
      const updated = await publishProcess(contextOf(request, deps.db), membershipOf(request), request.params.processId, request.body.published);
      return presentProcess(deps.db, cityOf(request), updated, true);
    },
  });

  /** The content to export: the current revision, or (for the city's staff) any revision. */
  async function exportContent(request: FastifyRequest & { params: { processId: string }; query: { revision?: number } }) {
    const { city, row, reader } = await visibleProcess(request);
    const number = request.query.revision ?? row.currentRevision;
    if (number !== row.currentRevision && !isStaff(reader)) throw new ForbiddenError("errors.processes.revisionsForStaff");
    const content = await revisionContent(deps.db, city.id, row.id, number);
    if (!content) throw new NotFoundError("errors.processes.revisionNotFound");
    const fileName = (
      content.name
        .normalize("NFKD")
        .replace(/[^A-Za-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .toLowerCase() || "process"
    ).slice(0, 80);
    return { city, row, content, fileName };
  }

  routes.get("/api/v1/cities/:city/processes/:processId/export.json", {
    schema: { tags, summary: "The process as Civitas JSON, which imports back exactly", params: processPath, querystring: processExportQuery },
    config: { access: "public" },
    handler: async (request, reply) => {
      const { content, fileName } = await exportContent(request);
      reply.header("content-type", "application/json; charset=utf-8").header("content-disposition", `attachment; filename="${fileName}.json"`);
      return JSON.stringify({ format: "civitas-process", version: 1, process: content }, null, 2);
    },
  });

  routes.get("/api/v1/cities/:city/processes/:processId/export.bpmn", {
    schema: { tags, summary: "The process as BPMN 2.0 XML, with lanes per actor and a diagram", params: processPath, querystring: processExportQuery },
    config: { access: "public" },
    handler: async (request, reply) => {
      const { row, content, fileName } = await exportContent(request);
      reply.header("content-type", "application/xml; charset=utf-8").header("content-disposition", `attachment; filename="${fileName}.bpmn"`);
      return exportBpmn(content, { id: row.id });
    },
  });

  routes.get("/api/v1/cities/:city/processes/:processId/export.md", {
    schema: {
      tags,
      summary: "The process as Markdown: what it is, its figures and its steps as a table",
      params: processPath,
      querystring: processExportQuery,
    },
    config: { access: "public" },
    handler: async (request, reply) => {
      const { city, content, fileName } = await exportContent(request);
      const locale = localeOfRequest(request);
      const t = translatorFor(locale);
      const figures = processFigures(content.steps, content.annualVolume, await rateTableOf(deps.db, city.id));
      const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
      const markdown = exportMarkdown(
        content,
        figures,
        {
          purpose: t("processes.export.purpose"),
          serviceUsers: t("processes.export.serviceUsers"),
          annualVolume: t("processes.export.annualVolume"),
          figures: t("processes.export.figures"),
          costPerTransaction: t("processes.figures.costPerTransaction"),
          annualCost: t("processes.figures.annualCost"),
          annualStaffHours: t("processes.figures.annualStaffHours"),
          cycleTime: t("processes.figures.cycleTime"),
          digitalTakeUp: t("processes.figures.digitalTakeUp"),
          steps: t("processes.export.steps"),
          columns: {
            number: "#",
            step: t("processes.step.name"),
            actor: t("processes.step.actorRole"),
            channel: t("processes.step.channel"),
            system: t("processes.step.systemUsed"),
            handling: t("processes.step.handlingMinutes"),
            waiting: t("processes.step.waitingMinutes"),
            share: t("processes.step.sharePercent"),
            notes: t("processes.step.notes"),
          },
          channel: {
            paper: t("processes.channel.paper"),
            phone: t("processes.channel.phone"),
            email: t("processes.channel.email"),
            counter: t("processes.channel.counter"),
            online: t("processes.channel.online"),
          },
          decision: (condition, target) => t("processes.export.decision", { condition, target }),
        },
        {
          money: (minor) => new Intl.NumberFormat(locale, { style: "currency", currency: city.currency }).format(minor / 100),
          number: (value) => number.format(value),
          percent: (share) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(share),
          minutes: (minutes) => t("processes.export.minutes", { count: minutes, value: number.format(minutes) }),
        },
      );
      reply.header("content-type", "text/markdown; charset=utf-8").header("content-disposition", `attachment; filename="${fileName}.md"`);
      return markdown;
    },
  });

  routes.get("/api/v1/cities/:city/process-rates", {
    schema: { tags, summary: "The city's rate table: hourly cost per role (city staff)", params: cityPath, response: { 200: processRates } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "city.read-admin");
      return findRates(deps.db, cityOf(request));
    },
  });

  routes.put("/api/v1/cities/:city/process-rates", {
    schema: {
      tags,
      summary: "Replace the city's rate table (DSO staff and city admins)",
      params: cityPath,
      body: putProcessRatesRequest,
      response: { 200: processRates },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "processes.rates");
      return setRates(contextOf(request, deps.db), request.body);
    },
  });
}
