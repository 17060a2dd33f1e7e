import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { ListingItem, ListingQuery, ListingResponse } from "../../../contracts/opportunities.ts";
import type { Database } from "../../db/connection.ts";
import { parseCityDateTime } from "../../platform/time.ts";
import { taxonomyLabels } from "./taxonomy-labels.ts";

/**
 * The public opportunity listing: published, public opportunities with a shift still to come (or
 * remote ones, which need none), soonest first. It is the page residents land on when a call goes
 * out, so answers are kept, already serialised, for a few seconds per city, language and filter:
 * places left may lag by that much; an opportunity's own page is always current.
 */

export const listingPageSize = 20;
const cacheMilliseconds = 5_000;
const cacheEntries = 1_000;

interface CachedListing {
  /** The JSON, encoded once: turning a long string into UTF-8 for every answer was most of their cost. */
  body: Buffer;
  etag: string;
  expiresAt: number;
  cityId: string;
}

const cache = new Map<string, CachedListing>();

/** Listings being built: when an entry expires under load, the requests that find it gone wait for one query, not one each. */
const building = new Map<string, { cityId: string; listing: Promise<CachedListing> }>();

export function forgetListings(cityId: string): void {
  for (const [key, entry] of cache) if (entry.cityId === cityId) cache.delete(key);
  for (const [key, entry] of building) if (entry.cityId === cityId) building.delete(key);
}

export async function listOpportunities(db: Database, city: { id: string; timeZone: string }, query: ListingQuery, locale: string): Promise<CachedListing> {
  const key = `${city.id}|${locale}|${query.page}|${query.from ?? ""}|${query.to ?? ""}|${query.cause ?? ""}|${query.skill ?? ""}|${query.language ?? ""}|${query.neighbourhood ?? ""}|${query.kind ?? ""}|${query.q ?? ""}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now) return hit;
  const pending = building.get(key);
  if (pending) return pending.listing;

  const listing = buildListing(db, city, query, locale);
  const flight = { cityId: city.id, listing };
  building.set(key, flight);
  try {
    const entry = await listing;
    // Unless forgetListings ran meanwhile: then this answer may predate the change.
    if (building.get(key) === flight) {
      if (cache.size >= cacheEntries) cache.delete(cache.keys().next().value ?? "");
      cache.set(key, entry);
    }
    return entry;
  } finally {
    if (building.get(key) === flight) building.delete(key);
  }
}

async function buildListing(db: Database, city: { id: string; timeZone: string }, query: ListingQuery, locale: string): Promise<CachedListing> {
  const body = Buffer.from(JSON.stringify(await queryListing(db, city, query, locale)));
  return { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"`, expiresAt: Date.now() + cacheMilliseconds, cityId: city.id };
}

async function queryListing(db: Database, city: { id: string; timeZone: string }, query: ListingQuery, locale: string): Promise<ListingResponse> {
  // Dates are the city's calendar days: "from 5 December" starts at local midnight.
  const from = query.from ? parseCityDateTime(`${query.from}T00:00`, city.timeZone) : null;
  const to = query.to ? new Date(parseCityDateTime(`${query.to}T00:00`, city.timeZone).getTime() + 86_400_000) : null;
  const dated = from !== null || to !== null;
  const shiftWindow = sql`s.status = 'scheduled' and s.starts_at > now()
    ${from ? sql`and s.starts_at >= ${from}` : sql``}
    ${to ? sql`and s.starts_at < ${to}` : sql``}`;
  const text = query.q ? `%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%` : null;

  const result = await db.execute<{
    id: string;
    title: string;
    summary: string;
    agency_id: string | null;
    agency_name: string | null;
    group_id: string | null;
    group_slug: string | null;
    group_name: string | null;
    cause_id: string | null;
    location_kind: "in_person" | "remote";
    neighbourhood: string | null;
    required_languages: string[];
    required_skill_ids: string[];
    next_shift_id: string | null;
    next_starts_at: Date | null;
    next_ends_at: Date | null;
    places_left: number | null;
    waitlist_enabled: boolean | null;
    upcoming: number;
    total: number;
  }>(sql`
    select o.id, o.title, o.summary, o.agency_id, a.name as agency_name, o.group_id, g.slug as group_slug, g.name as group_name, o.cause_id, o.location_kind, o.neighbourhood,
           o.required_languages, o.required_skill_ids,
           ns.id as next_shift_id, ns.starts_at as next_starts_at, ns.ends_at as next_ends_at,
           ns.capacity - ns.confirmed_count as places_left, ns.waitlist_enabled,
           (select count(*)::int from shifts s where s.opportunity_id = o.id and ${shiftWindow}) as upcoming,
           count(*) over ()::int as total
    from opportunities o
    left join agencies a on a.id = o.agency_id
    left join groups g on g.id = o.group_id
    left join lateral (
      select s.id, s.starts_at, s.ends_at, s.capacity, s.confirmed_count, s.waitlist_enabled
      from shifts s where s.opportunity_id = o.id and ${shiftWindow}
      order by s.starts_at limit 1
    ) ns on true
    where o.city_id = ${city.id} and o.status = 'published' and o.visibility = 'public'
      and (ns.id is not null or (o.location_kind = 'remote' and ${!dated}))
      ${query.cause ? sql`and o.cause_id = ${query.cause}` : sql``}
      ${query.skill ? sql`and ${query.skill}::uuid = any(o.required_skill_ids)` : sql``}
      ${query.language ? sql`and ${query.language} = any(o.required_languages)` : sql``}
      ${query.neighbourhood ? sql`and lower(o.neighbourhood) = lower(${query.neighbourhood})` : sql``}
      ${query.kind ? sql`and o.location_kind = ${query.kind}` : sql``}
      ${text ? sql`and (o.title ilike ${text} or o.summary ilike ${text} or a.name ilike ${text} or g.name ilike ${text})` : sql``}
    order by ns.starts_at nulls last, o.published_at desc, o.id
    limit ${listingPageSize} offset ${(query.page - 1) * listingPageSize}
  `);
  const neighbourhoods = await db.execute<{ neighbourhood: string }>(sql`
    select distinct o.neighbourhood from opportunities o
    where o.city_id = ${city.id} and o.status = 'published' and o.visibility = 'public' and o.neighbourhood is not null
    order by o.neighbourhood`);

  const rows = result.rows;
  const labels = await taxonomyLabels(
    db,
    city.id,
    {
      skills: [...new Set(rows.flatMap((row) => row.required_skill_ids))],
      causes: [...new Set(rows.map((row) => row.cause_id).filter((id): id is string => !!id))],
      credentials: [],
    },
    locale,
  );
  const items: ListingItem[] = rows.map((row) => ({
    id: row.id,
    title: row.title,
    summary: row.summary,
    agency: row.agency_id ? { id: row.agency_id, name: row.agency_name ?? "" } : null,
    group: row.group_id ? { id: row.group_id, slug: row.group_slug ?? "", name: row.group_name ?? "" } : null,
    cause: row.cause_id && labels.causes.has(row.cause_id) ? { id: row.cause_id, name: labels.causes.get(row.cause_id) ?? "" } : null,
    locationKind: row.location_kind,
    neighbourhood: row.neighbourhood,
    requiredLanguages: row.required_languages,
    skills: row.required_skill_ids.filter((id) => labels.skills.has(id)).map((id) => ({ id, name: labels.skills.get(id) ?? "" })),
    nextShift:
      row.next_shift_id && row.next_starts_at && row.next_ends_at
        ? {
            id: row.next_shift_id,
            startsAt: new Date(row.next_starts_at).toISOString(),
            endsAt: new Date(row.next_ends_at).toISOString(),
            placesLeft: Math.max(0, row.places_left ?? 0),
            waitlistOpen: (row.places_left ?? 0) <= 0 && !!row.waitlist_enabled,
          }
        : null,
    upcomingShifts: row.upcoming,
  }));
  return {
    opportunities: items,
    page: query.page,
    pageSize: listingPageSize,
    total: rows[0]?.total ?? 0,
    neighbourhoods: neighbourhoods.rows.map((row) => row.neighbourhood),
  };
}
