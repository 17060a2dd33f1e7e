import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { readPubliccode, summarizePubliccode } from "./publiccode/index.ts";
import { catalogRemoteEntries, type RemoteEntryKind } from "./schema.ts";

/** An entry another city shared, as federation received it. */
export interface IncomingEntry {
  kind: RemoteEntryKind;
  objectUrl: string;
  pageUrl: string | null;
  actorUrl: string;
  cityName: string;
  name: string;
  summary: string;
  /** The structured part: `{ publiccode }` for software, `{ process }` for a process, the record's fields otherwise. */
  data: Record<string, unknown> | null;
  publishedAt: Date | null;
  updatedAt: Date | null;
}

/**
 * Keeps what another city shared, replacing an older copy of the same object. A copy older than the
 * one held (deliveries can arrive out of order) changes nothing, and an object is only ever replaced
 * by the actor that first sent it. Software whose publiccode.yml does not read is kept without it,
 * so nobody can fork it.
 */
export async function storeRemoteEntry(db: Executor, cityId: string, incoming: IncomingEntry): Promise<boolean> {
  let data = incoming.data;
  let license: string | null = null;
  let developmentStatus: string | null = null;
  let categories: string[] = [];
  let searchText = `${incoming.name} ${incoming.summary}`;
  if (incoming.kind === "software") {
    const read = data?.publiccode ? readPubliccode(JSON.stringify(data.publiccode)) : null;
    if (read?.ok) {
      const summary = summarizePubliccode(read.document, ["en"]);
      license = summary.license;
      developmentStatus = summary.developmentStatus;
      categories = summary.categories;
      searchText = summary.searchText;
      data = { publiccode: read.document };
    } else {
      data = null;
    }
  } else if (incoming.kind === "process" && data?.process && typeof data.process === "object") {
    const process = data.process as Record<string, unknown>;
    searchText = [incoming.name, incoming.summary, process.purpose, process.serviceUsers].filter((part) => typeof part === "string").join(" ");
  }
  // Pages link to it: only a web address on the origin's own host, never a javascript: or data: one.
  const pageUrl = incoming.pageUrl && isWebAddress(incoming.pageUrl) ? incoming.pageUrl : null;
  const values = {
    cityId,
    kind: incoming.kind,
    objectUrl: incoming.objectUrl,
    pageUrl,
    actorUrl: incoming.actorUrl,
    cityName: incoming.cityName,
    name: incoming.name.slice(0, 500),
    summary: incoming.summary.slice(0, 5000),
    data,
    license,
    developmentStatus,
    categories,
    searchText: searchText.slice(0, 100_000),
    publishedAt: incoming.publishedAt,
    originUpdatedAt: incoming.updatedAt ?? incoming.publishedAt,
    receivedAt: new Date(),
    deletedAt: null,
  };
  const { cityId: _cityId, objectUrl: _objectUrl, actorUrl: _actorUrl, ...changes } = values;
  const stored = await db
    .insert(catalogRemoteEntries)
    .values(values)
    .onConflictDoUpdate({
      target: [catalogRemoteEntries.cityId, catalogRemoteEntries.objectUrl],
      set: changes,
      setWhere: sql`${catalogRemoteEntries.actorUrl} = excluded.actor_url and (${catalogRemoteEntries.originUpdatedAt} is null or excluded.origin_updated_at is null or excluded.origin_updated_at >= ${catalogRemoteEntries.originUpdatedAt})`,
    })
    .returning({ id: catalogRemoteEntries.id });
  return stored.length > 0;
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** The origin deleted an object (or stopped sharing it): it leaves the catalog; forks of it stay. */
export async function markRemoteEntryDeleted(db: Executor, cityId: string, actorUrl: string, objectUrl: string): Promise<void> {
  await db
    .update(catalogRemoteEntries)
    .set({ deletedAt: new Date() })
    .where(
      and(
        eq(catalogRemoteEntries.cityId, cityId),
        eq(catalogRemoteEntries.actorUrl, actorUrl),
        eq(catalogRemoteEntries.objectUrl, objectUrl),
        isNull(catalogRemoteEntries.deletedAt),
      ),
    );
}

/** After unfollowing a city, its entries leave the catalog (this city's forks of them stay). */
export async function removeRemoteEntriesOf(db: Executor, cityId: string, actorUrl: string): Promise<void> {
  await db.delete(catalogRemoteEntries).where(and(eq(catalogRemoteEntries.cityId, cityId), eq(catalogRemoteEntries.actorUrl, actorUrl)));
}

/** How many entries of each followed actor the city holds, for the federation page. */
export async function remoteEntryCounts(db: Executor, cityId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ actorUrl: catalogRemoteEntries.actorUrl, count: sql<number>`count(*)::int` })
    .from(catalogRemoteEntries)
    .where(and(eq(catalogRemoteEntries.cityId, cityId), isNull(catalogRemoteEntries.deletedAt)))
    .groupBy(catalogRemoteEntries.actorUrl);
  return new Map(rows.map((row) => [row.actorUrl, Number(row.count)]));
}
