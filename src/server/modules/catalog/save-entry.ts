import { and, eq } from "drizzle-orm";
import type { CatalogEntryRequest, PubliccodeDocument } from "../../../contracts/catalog.ts";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { type FieldProblem, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { findAgency } from "../agencies/index.ts";
import { findBounty } from "../bounties/index.ts";
import { findProblem } from "../problems/index.ts";
import { type CatalogEntryRow, findEntryRow, findRemoteByObject, findRemoteRow, remotePubliccode } from "./find-catalog.ts";
import { readPubliccode, summarizePubliccode } from "./publiccode/index.ts";
import { catalogEntries, type ForkOrigin } from "./schema.ts";

/** A publiccode.yml read for saving, or every problem it has, by key path and line; nothing is saved then. */
export function readOrRefuse(text: string): { document: PubliccodeDocument; version: string } {
  const read = readPubliccode(text);
  if (!read.ok) {
    const fields: FieldProblem[] = read.problems.map((problem) => ({
      field: problem.path === "" ? "publiccode" : problem.path,
      messageKey: problem.messageKey,
      params: problem.params,
      line: problem.line,
    }));
    throw new InvalidInputError(fields, "errors.catalog.invalidPubliccode");
  }
  return { document: read.document, version: read.version };
}

/** The columns a publiccode.yml fills: what listing, filters and search read. */
export function columnsOf(document: PubliccodeDocument, version: string) {
  const summary = summarizePubliccode(document, ["en"]);
  return {
    name: summary.name,
    url: summary.url,
    landingUrl: summary.landingUrl,
    shortDescription: summary.shortDescription,
    license: summary.license,
    softwareType: summary.softwareType,
    developmentStatus: summary.developmentStatus,
    platforms: summary.platforms,
    categories: summary.categories,
    publiccodeVersion: version,
    publiccode: document,
    searchText: summary.searchText,
  };
}

/** The agencies, problems and bounties an entry names must be this city's; each one that is not is named. */
async function checkLinks(db: Executor, cityId: string, input: { agencyIds: string[]; problemIds: string[]; bountyIds: string[] }) {
  const fields: FieldProblem[] = [];
  for (const [index, id] of input.agencyIds.entries()) {
    if (!(await findAgency(db, cityId, id))) fields.push({ field: `agencyIds.${index}`, messageKey: "errors.catalog.agencyNotFound" });
  }
  for (const [index, id] of input.problemIds.entries()) {
    if (!(await findProblem(db, cityId, id))) fields.push({ field: `problemIds.${index}`, messageKey: "errors.catalog.problemNotFound" });
  }
  for (const [index, id] of input.bountyIds.entries()) {
    if (!(await findBounty(db, cityId, id))) fields.push({ field: `bountyIds.${index}`, messageKey: "errors.catalog.bountyNotFound" });
  }
  if (fields.length > 0) throw new InvalidInputError(fields);
}

type EntryInput = Required<CatalogEntryRequest>;

function linksOf(input: EntryInput) {
  return {
    agencyIds: [...new Set(input.agencyIds)],
    problemIds: [...new Set(input.problemIds)],
    bountyIds: [...new Set(input.bountyIds)],
    reuseSavingsMinor: input.reuseSavingsMinor,
  };
}

/** What the audit trail keeps of an entry: everything but the search columns. */
function audited(row: CatalogEntryRow) {
  const { search: _search, searchText: _searchText, publiccode: _publiccode, forkBase: _forkBase, ...rest } = row;
  return rest;
}

export async function createEntry(ctx: OperationContext, input: EntryInput): Promise<CatalogEntryRow> {
  const { document, version } = readOrRefuse(input.publiccode);
  const links = linksOf(input);
  await checkLinks(ctx.db, ctx.city.id, links);
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(catalogEntries)
      .values({ cityId: ctx.city.id, ...columnsOf(document, version), ...links, currency: ctx.city.currency, createdBy: ctx.actor?.userId ?? null })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "catalog-entry.created",
      targetType: "catalog-entry",
      targetId: created.id,
      after: audited(created),
      requestId: ctx.requestId,
    });
    return created;
  });
}

export async function updateEntry(ctx: OperationContext, entryId: string, input: EntryInput): Promise<CatalogEntryRow> {
  const existing = await findEntryRow(ctx.db, ctx.city.id, entryId);
  if (!existing) throw new NotFoundError("errors.catalog.notFound");
  const { document, version } = readOrRefuse(input.publiccode);
  const links = linksOf(input);
  await checkLinks(ctx.db, ctx.city.id, links);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(catalogEntries)
      .set({ ...columnsOf(document, version), ...links })
      .where(and(eq(catalogEntries.cityId, ctx.city.id), eq(catalogEntries.id, entryId)))
      .returning();
    if (!updated) throw new NotFoundError("errors.catalog.notFound");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "catalog-entry.updated",
      targetType: "catalog-entry",
      targetId: entryId,
      before: audited(existing),
      after: audited(updated),
      requestId: ctx.requestId,
    });
    return updated;
  });
}

export async function deleteEntry(ctx: OperationContext, entryId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(catalogEntries)
      .where(and(eq(catalogEntries.cityId, ctx.city.id), eq(catalogEntries.id, entryId)))
      .returning();
    if (!deleted) throw new NotFoundError("errors.catalog.notFound");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "catalog-entry.deleted",
      targetType: "catalog-entry",
      targetId: entryId,
      before: audited(deleted),
      requestId: ctx.requestId,
    });
  });
}

/**
 * Copies another city's software into this city's catalog, linked to its origin. The city's own
 * fields (agencies, problems, bounties, savings) start empty: they are this city's to say.
 */
export async function forkRemoteEntry(ctx: OperationContext, remoteId: string): Promise<CatalogEntryRow> {
  const remote = await findRemoteRow(ctx.db, ctx.city.id, remoteId);
  const document = remote && remote.deletedAt === null ? remotePubliccode(remote) : null;
  if (!remote || !document) throw new NotFoundError("errors.catalog.notFound");
  // What another city sent is checked like any import: a fork must be a valid entry of its own.
  const read = readPubliccode(JSON.stringify(document));
  if (!read.ok) throw new InvalidInputError([{ field: "publiccode", messageKey: "errors.catalog.originInvalid" }], "errors.catalog.originInvalid");
  const origin: ForkOrigin = { objectUrl: remote.objectUrl, pageUrl: remote.pageUrl, cityName: remote.cityName, actorUrl: remote.actorUrl };
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(catalogEntries)
      .values({
        cityId: ctx.city.id,
        ...columnsOf(read.document, read.version),
        agencyIds: [],
        problemIds: [],
        bountyIds: [],
        reuseSavingsMinor: 0,
        currency: ctx.city.currency,
        forkOrigin: origin,
        forkBase: read.document,
        forkedAt: new Date(),
        createdBy: ctx.actor?.userId ?? null,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "catalog-entry.forked",
      targetType: "catalog-entry",
      targetId: created.id,
      after: audited(created),
      requestId: ctx.requestId,
    });
    return created;
  });
}

/** A fork takes what its origin changed since: the origin's document replaces the fork's, and becomes the new base. */
export async function takeOriginChanges(ctx: OperationContext, entryId: string): Promise<CatalogEntryRow> {
  const existing = await findEntryRow(ctx.db, ctx.city.id, entryId);
  if (!existing) throw new NotFoundError("errors.catalog.notFound");
  if (!existing.forkOrigin) throw new InvalidInputError([{ field: "entryId", messageKey: "errors.catalog.notAFork" }], "errors.catalog.notAFork");
  const origin = await findRemoteByObject(ctx.db, ctx.city.id, existing.forkOrigin.objectUrl);
  const document = origin && origin.deletedAt === null ? remotePubliccode(origin) : null;
  if (!document) throw new InvalidInputError([{ field: "entryId", messageKey: "errors.catalog.originGone" }], "errors.catalog.originGone");
  const read = readPubliccode(JSON.stringify(document));
  if (!read.ok) throw new InvalidInputError([{ field: "publiccode", messageKey: "errors.catalog.originInvalid" }], "errors.catalog.originInvalid");
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(catalogEntries)
      .set({ ...columnsOf(read.document, read.version), forkBase: read.document })
      .where(and(eq(catalogEntries.cityId, ctx.city.id), eq(catalogEntries.id, entryId)))
      .returning();
    if (!updated) throw new NotFoundError("errors.catalog.notFound");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "catalog-entry.origin-changes-taken",
      targetType: "catalog-entry",
      targetId: entryId,
      before: audited(existing),
      after: audited(updated),
      requestId: ctx.requestId,
    });
    return updated;
  });
}
