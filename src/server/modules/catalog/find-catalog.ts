import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { CatalogEntryView, CatalogListItemView, CatalogListQuery, PubliccodeDocument, RemoteEntryView } from "../../../contracts/catalog.ts";
import type { Executor } from "../../db/connection.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { agencyNamesById } from "../agencies/index.ts";
import { findBounty } from "../bounties/index.ts";
import { findProblem } from "../problems/index.ts";
import { publishedProcesses } from "../processes/index.ts";
import { summarizePubliccode } from "./publiccode/index.ts";
import { catalogEntries, catalogRemoteEntries } from "./schema.ts";
import { prefixTsQuery } from "./text-query.ts";

export type CatalogEntryRow = typeof catalogEntries.$inferSelect;
export type RemoteEntryRow = typeof catalogRemoteEntries.$inferSelect;

export const catalogPageSize = 20;

export async function findEntryRow(db: Executor, cityId: string, entryId: string): Promise<CatalogEntryRow | null> {
  const [found] = await db
    .select()
    .from(catalogEntries)
    .where(and(eq(catalogEntries.cityId, cityId), eq(catalogEntries.id, entryId)))
    .limit(1);
  return found ?? null;
}

/** A federated entry this city holds (deleted ones too: a fork still names its origin). */
export async function findRemoteRow(db: Executor, cityId: string, remoteId: string): Promise<RemoteEntryRow | null> {
  const [found] = await db
    .select()
    .from(catalogRemoteEntries)
    .where(and(eq(catalogRemoteEntries.cityId, cityId), eq(catalogRemoteEntries.id, remoteId)))
    .limit(1);
  return found ?? null;
}

export async function findRemoteByObject(db: Executor, cityId: string, objectUrl: string): Promise<RemoteEntryRow | null> {
  const [found] = await db
    .select()
    .from(catalogRemoteEntries)
    .where(and(eq(catalogRemoteEntries.cityId, cityId), eq(catalogRemoteEntries.objectUrl, objectUrl)))
    .limit(1);
  return found ?? null;
}

/** The path of an entry's publiccode.yml, which crawlers and the export link use. */
export function publiccodePath(citySlug: string, entryId: string): string {
  return `/api/v1/cities/${citySlug}/catalog/${entryId}/publiccode.yml`;
}

/** Where two publiccode.yml documents differ, key by key two levels down ("description.en", "legal.license"). */
export function documentChanges(before: PubliccodeDocument, after: PubliccodeDocument): { field: string; before: unknown; after: unknown }[] {
  const changes: { field: string; before: unknown; after: unknown }[] = [];
  const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    const was = before[key];
    const now = after[key];
    if (isMapping(was) && isMapping(now)) {
      for (const inner of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) {
        if (JSON.stringify(was[inner]) !== JSON.stringify(now[inner]))
          changes.push({ field: `${key}.${inner}`, before: was[inner] ?? null, after: now[inner] ?? null });
      }
    } else if (JSON.stringify(was) !== JSON.stringify(now)) {
      changes.push({ field: key, before: was ?? null, after: now ?? null });
    }
  }
  return changes;
}

/** The publiccode.yml a federated software entry carries, if it carries one. */
export function remotePubliccode(row: Pick<RemoteEntryRow, "kind" | "data">): PubliccodeDocument | null {
  const document = row.kind === "software" ? row.data?.publiccode : null;
  return typeof document === "object" && document !== null && !Array.isArray(document) ? (document as PubliccodeDocument) : null;
}

export async function presentEntry(db: Executor, city: City, row: CatalogEntryRow, canEdit: boolean): Promise<CatalogEntryView> {
  const agencyNames = await agencyNamesById(db, city.id, row.agencyIds);
  const problems = (await Promise.all(row.problemIds.map((id) => findProblem(db, city.id, id)))).filter((found) => found !== null);
  // Drafts are the DSO's work in progress: the public sees the bounties that were published.
  const bounties = (await Promise.all(row.bountyIds.map((id) => findBounty(db, city.id, id)))).filter(
    (found) => found !== null && (canEdit || found.status !== "draft"),
  );
  let fork: CatalogEntryView["fork"] = null;
  if (row.forkOrigin && row.forkedAt) {
    const origin = await findRemoteByObject(db, city.id, row.forkOrigin.objectUrl);
    const originDocument = origin ? remotePubliccode(origin) : null;
    fork = {
      originUrl: row.forkOrigin.pageUrl ?? row.forkOrigin.objectUrl,
      origin: { name: row.forkOrigin.cityName, slug: null, actorUrl: row.forkOrigin.actorUrl },
      originRemoteId: origin && origin.deletedAt === null ? origin.id : null,
      forkedAt: row.forkedAt.toISOString(),
      originUpdatedAt: origin?.originUpdatedAt?.toISOString() ?? null,
      originChanges: originDocument && row.forkBase ? documentChanges(row.forkBase, originDocument) : [],
    };
  }
  return {
    id: row.id,
    kind: "software",
    source: row.forkOrigin ? "fork" : "local",
    name: row.name,
    url: row.url,
    landingUrl: row.landingUrl,
    shortDescription: row.shortDescription,
    license: row.license,
    softwareType: row.softwareType,
    developmentStatus: row.developmentStatus,
    platforms: row.platforms,
    categories: row.categories,
    publiccodeVersion: row.publiccodeVersion,
    publiccode: row.publiccode,
    agencies: row.agencyIds.filter((id) => agencyNames.has(id)).map((id) => ({ id, name: agencyNames.get(id) ?? "" })),
    problems: problems.map((problem) => ({ id: problem.id, title: problem.title, status: problem.status })),
    bounties: bounties.flatMap((bounty) => (bounty ? [{ id: bounty.id, title: bounty.title, status: bounty.status }] : [])),
    reuseSavings: { amountMinor: row.reuseSavingsMinor, currency: row.currency },
    fork,
    publiccodeUrl: publiccodePath(city.slug, row.id),
    canEdit,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function presentRemoteEntry(db: Executor, city: City, row: RemoteEntryRow, canFork: boolean): Promise<RemoteEntryView> {
  const forks = await db
    .select({ id: catalogEntries.id, name: catalogEntries.name })
    .from(catalogEntries)
    .where(and(eq(catalogEntries.cityId, city.id), sql`${catalogEntries.forkOrigin}->>'objectUrl' = ${row.objectUrl}`))
    .orderBy(asc(catalogEntries.createdAt));
  const process = row.kind === "process" && row.data && typeof row.data.process === "object" ? (row.data.process as Record<string, unknown>) : null;
  return {
    id: row.id,
    kind: row.kind === "process" ? "process" : "software",
    objectUrl: row.objectUrl,
    pageUrl: row.pageUrl,
    name: row.name,
    summary: row.summary,
    origin: { name: row.cityName, slug: null, actorUrl: row.actorUrl },
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.originUpdatedAt?.toISOString() ?? null,
    receivedAt: row.receivedAt.toISOString(),
    publiccode: remotePubliccode(row),
    process,
    license: row.license,
    developmentStatus: row.developmentStatus,
    categories: row.categories,
    forks,
    canFork: canFork && row.kind === "software" && row.deletedAt === null,
  };
}

interface Ranked {
  rank: number;
  item: CatalogListItemView;
}

/**
 * The catalog as one list: the city's own software, its published processes, and what the cities it
 * follows share, searched with PostgreSQL full-text search and filtered. Processes carry no licence,
 * status or category, so those filters leave them out.
 */
export async function listCatalog(db: Executor, city: City, query: CatalogListQuery & { page: number }, languages: string[]) {
  const tsquery = prefixTsQuery(query.q);
  const localOnly = query.city === "local";
  const remoteActor = query.city && !localOnly ? query.city : null;
  const ranked: Ranked[] = [];
  const thisCity = { name: city.name, slug: city.slug, actorUrl: null };

  if (!remoteActor && query.kind !== "process") {
    const conditions: SQL[] = [eq(catalogEntries.cityId, city.id)];
    if (tsquery) conditions.push(sql`${catalogEntries.search} @@ to_tsquery('simple', ${tsquery})`);
    if (query.category) conditions.push(sql`${query.category} = any(${catalogEntries.categories})`);
    if (query.license) conditions.push(eq(catalogEntries.license, query.license));
    if (query.status) conditions.push(eq(catalogEntries.developmentStatus, query.status));
    const rows = await db
      .select({
        entry: catalogEntries,
        rank: tsquery ? sql<number>`ts_rank(${catalogEntries.search}, to_tsquery('simple', ${tsquery}))` : sql<number>`0`,
      })
      .from(catalogEntries)
      .where(and(...conditions))
      .orderBy(asc(catalogEntries.name))
      .limit(500);
    for (const { entry, rank } of rows) {
      const summary = summarizePubliccode(entry.publiccode, languages);
      ranked.push({
        rank: Number(rank),
        item: {
          kind: "software",
          source: entry.forkOrigin ? "fork" : "local",
          id: entry.id,
          name: entry.name,
          summary: summary.shortDescription,
          license: entry.license,
          developmentStatus: entry.developmentStatus,
          categories: entry.categories,
          city: thisCity,
          updatedAt: entry.updatedAt.toISOString(),
        },
      });
    }
  }

  if (!remoteActor && query.kind !== "software" && !query.category && !query.license && !query.status) {
    for (const process of await publishedProcesses(db, city.id, { tsquery })) {
      ranked.push({
        rank: process.rank,
        item: {
          kind: "process",
          source: "local",
          id: process.id,
          name: process.name,
          summary: process.purpose,
          license: null,
          developmentStatus: null,
          categories: [],
          city: thisCity,
          updatedAt: process.updatedAt.toISOString(),
        },
      });
    }
  }

  if (!localOnly) {
    const conditions: SQL[] = [
      eq(catalogRemoteEntries.cityId, city.id),
      isNull(catalogRemoteEntries.deletedAt),
      inArray(catalogRemoteEntries.kind, query.kind ? [query.kind] : ["software", "process"]),
    ];
    if (remoteActor) conditions.push(eq(catalogRemoteEntries.actorUrl, remoteActor));
    if (tsquery) conditions.push(sql`${catalogRemoteEntries.search} @@ to_tsquery('simple', ${tsquery})`);
    if (query.category) conditions.push(sql`${query.category} = any(${catalogRemoteEntries.categories})`);
    if (query.license) conditions.push(eq(catalogRemoteEntries.license, query.license));
    if (query.status) conditions.push(eq(catalogRemoteEntries.developmentStatus, query.status));
    const rows = await db
      .select({
        entry: catalogRemoteEntries,
        rank: tsquery ? sql<number>`ts_rank(${catalogRemoteEntries.search}, to_tsquery('simple', ${tsquery}))` : sql<number>`0`,
      })
      .from(catalogRemoteEntries)
      .where(and(...conditions))
      .orderBy(asc(catalogRemoteEntries.name))
      .limit(500);
    for (const { entry, rank } of rows) {
      ranked.push({
        rank: Number(rank),
        item: {
          kind: entry.kind === "process" ? "process" : "software",
          source: "federated",
          id: entry.id,
          name: entry.name,
          summary: entry.summary,
          license: entry.license,
          developmentStatus: entry.developmentStatus,
          categories: entry.categories,
          city: { name: entry.cityName, slug: null, actorUrl: entry.actorUrl },
          updatedAt: (entry.originUpdatedAt ?? entry.receivedAt).toISOString(),
        },
      });
    }
  }

  ranked.sort((a, b) => (tsquery ? b.rank - a.rank : 0) || a.item.name.localeCompare(b.item.name, languages[0] ?? "en") || a.item.id.localeCompare(b.item.id));
  const start = (query.page - 1) * catalogPageSize;
  return {
    items: ranked.slice(start, start + catalogPageSize).map((entry) => entry.item),
    total: ranked.length,
    page: query.page,
    pageSize: catalogPageSize,
    facets: await catalogFacets(db, city),
  };
}

/** The values the catalog's filters can take: over the city's own entries and the federated ones it holds. */
async function catalogFacets(db: Executor, city: City) {
  const result = await db.execute<{ categories: string[] | null; licenses: string[] | null; statuses: string[] | null }>(sql`
    with everything as (
      select categories, license, development_status from ${catalogEntries} where city_id = ${city.id}
      union all
      select categories, license, development_status from ${catalogRemoteEntries}
        where city_id = ${city.id} and deleted_at is null and kind in ('software', 'process')
    )
    select
      (select array_agg(distinct category order by category) from everything, unnest(categories) as category) as categories,
      (select array_agg(distinct license order by license) from everything where license is not null) as licenses,
      (select array_agg(distinct development_status order by development_status) from everything where development_status is not null) as statuses`);
  const row = result.rows[0];
  const cities = await db
    .selectDistinct({ value: catalogRemoteEntries.actorUrl, name: catalogRemoteEntries.cityName })
    .from(catalogRemoteEntries)
    .where(and(eq(catalogRemoteEntries.cityId, city.id), isNull(catalogRemoteEntries.deletedAt), inArray(catalogRemoteEntries.kind, ["software", "process"])))
    .orderBy(asc(catalogRemoteEntries.cityName));
  return {
    categories: row?.categories ?? [],
    licenses: row?.licenses ?? [],
    statuses: row?.statuses ?? [],
    cities: [{ value: "local", name: city.name }, ...cities],
  };
}

/** Every software entry of the city, newest change first: the crawler's list and its ETag's source. */
export async function listEntries(db: Executor, cityId: string): Promise<CatalogEntryRow[]> {
  return db.select().from(catalogEntries).where(eq(catalogEntries.cityId, cityId)).orderBy(desc(catalogEntries.updatedAt), asc(catalogEntries.id));
}

/** What reusing solutions saved the city, for the impact figures. */
export async function reuseSavingsOf(db: Executor, cityId: string): Promise<{ amountMinor: number; entries: number }> {
  const [row] = await db
    .select({
      amountMinor: sql<string>`coalesce(sum(${catalogEntries.reuseSavingsMinor}), 0)`,
      entries: sql<number>`count(*) filter (where ${catalogEntries.reuseSavingsMinor} > 0)`,
    })
    .from(catalogEntries)
    .where(eq(catalogEntries.cityId, cityId));
  return { amountMinor: Number(row?.amountMinor ?? 0), entries: Number(row?.entries ?? 0) };
}
