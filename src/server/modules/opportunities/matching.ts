import { and, eq, gt, sql } from "drizzle-orm";
import type pg from "pg";
import type { Database, Executor } from "../../db/connection.ts";
import { wallClockAt } from "../../platform/time.ts";
import { skills } from "../volunteers/schema.ts";
import { findOpportunity, type Opportunity } from "./find-opportunity.ts";
import { shifts } from "./schema.ts";
import { localizedName } from "./taxonomy-labels.ts";

/**
 * Matching volunteers and opportunities, both ways, with the reasons shown to people:
 *
 *  - skills: how many of the opportunity's skills the volunteer has (a broad skill such as "Trades"
 *    is met by any skill under it);
 *  - distance: for in-person work, full marks next door, none from 25 km;
 *  - availability: the share of the coming shifts that fall in the volunteer's weekly availability
 *    (day × morning / afternoon / evening, in the city's time zone);
 *  - language: the languages the opportunity asks for, which the volunteer speaks.
 *
 * Hard requirements (languages, minimum age, credentials) filter rather than rank. The score is the
 * weighted mean of the components that apply (skills 0.45, distance 0.3, availability 0.25).
 *
 * Ranking volunteers for an opportunity must stay fast on a city with 100,000 profiles (bench/matching.ts),
 * so only a few candidate sets are scored, each already filtered by the hard requirements:
 *  - in person: the nearest 750 (a GiST nearest-neighbour scan) and the nearest 500 with one of the skills;
 *  - remote (distance does not count): 500 with one of the skills who are free at one of the shift
 *    times, and 750 with one of the skills, the most recently joined first (index order, so the scan
 *    stops early); without skills, 500 free at a shift time;
 *  - when a credential is required, instead the 1,250 nearest (or newest) of those who hold it, as they
 *    are few and a scan of everyone would wade through the rest.
 * The statement is prepared and reads the volunteers module's tables directly, on purpose.
 */

export const distanceLimitKm = 25;

/** Availability bits of a shift: bit = weekday (Monday 0) × 3 + part (morning, afternoon, evening). */
export function availabilityMask(startsAt: Date, endsAt: Date, timeZone: string): number {
  let mask = 0;
  for (let time = startsAt.getTime(); time < endsAt.getTime(); time += 30 * 60_000) {
    const wall = wallClockAt(new Date(time), timeZone);
    const weekday = (new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay() + 6) % 7;
    const part = wall.hour >= 6 && wall.hour < 12 ? 0 : wall.hour >= 12 && wall.hour < 18 ? 1 : wall.hour >= 18 ? 2 : -1;
    if (part >= 0) mask |= 1 << (weekday * 3 + part);
  }
  return mask;
}

export async function skillTree(db: Executor, cityId: string) {
  return db.select({ id: skills.id, parentId: skills.parentId, names: skills.names }).from(skills).where(eq(skills.cityId, cityId));
}

/** Each required skill with every skill under it. */
export function expandSkills(tree: { id: string; parentId: string | null }[], required: string[]): Map<string, Set<string>> {
  const expanded = new Map<string, Set<string>>();
  for (const id of required) {
    const found = new Set([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const node of tree) {
        if (node.parentId && found.has(node.parentId) && !found.has(node.id)) {
          found.add(node.id);
          grew = true;
        }
      }
    }
    expanded.set(id, found);
  }
  return expanded;
}

/** The required skills a volunteer meets, a broad skill being met by any skill under it. */
export function metSkills(tree: { id: string; parentId: string | null }[], required: string[], have: ReadonlySet<string>): string[] {
  const expanded = expandSkills(tree, required);
  return required.filter((id) => [...(expanded.get(id) ?? [])].some((skill) => have.has(skill)));
}

/*
 * The statement's shape follows the opportunity: one cheap array-overlap term per required skill and
 * one bit test per shift, so scoring a candidate is a handful of integer operations. Each shape is
 * prepared once. Parameters: $1 city, $2 latitude, $3 longitude, $4 every skill that counts, $5 all
 * the shifts' availability bits together, $6 required languages, $7 minimum age, $8 required credential
 * types, $9 first day, $10 last day, $11 in person, $12 nearest candidates, $13 skilled candidates,
 * $14 how many to return, then one parameter per required skill (the skill and every skill under it)
 * and one per shift (its availability bits).
 */
function rankVolunteersStatement(requiredSkills: number, shiftCount: number): string {
  const skillParameter = (index: number) => `$${15 + index}::uuid[]`;
  const shiftParameter = (index: number) => `$${15 + requiredSkills + index}::int`;
  const metSkills = requiredSkills ? Array.from({ length: requiredSkills }, (_, index) => `(c.skill_ids && ${skillParameter(index)})::int`).join(" + ") : "0";
  const metList = requiredSkills
    ? `array_remove(array[${Array.from({ length: requiredSkills }, (_, index) => `case when c.skill_ids && ${skillParameter(index)} then ${index} end`).join(", ")}], null)`
    : "'{}'::int[]";
  const available = shiftCount ? Array.from({ length: shiftCount }, (_, index) => `((c.availability & ${shiftParameter(index)}) <> 0)::int`).join(" + ") : "0";
  const weights = { skills: requiredSkills ? 0.45 : 0, availability: shiftCount ? 0.25 : 0 };
  const columns = "p.id, p.user_id, p.skill_ids, p.languages, p.latitude, p.longitude, p.availability, p.birth_date, p.consent_email, p.erased_at";
  const near = "p.location <-> point($3::float8 * cos(radians($2::float8)), $2::float8)";
  // Hard requirements filter each candidate set, so that every set is full of people who qualify.
  const eligible = `(p.erased_at is null and p.user_id is not null and p.languages @> $6::text[]
     and ($7::int is null or (p.birth_date is not null and p.birth_date <= $9::date - make_interval(years => $7::int)))
     and (cardinality($8::uuid[]) = 0 or not exists (
       select 1 from unnest($8::uuid[]) needed
       where not exists (select 1 from volunteer_credentials vc where vc.volunteer_id = p.id and vc.credential_type_id = needed
                         and (vc.expires_on is null or vc.expires_on >= $10::date)))))`;
  return `
with candidates as (
  (select ${columns} from volunteer_profiles p
   where $11 and $2::float8 is not null and p.city_id = $1 and p.location is not null and cardinality($8::uuid[]) = 0 and ${eligible}
   order by ${near} limit $12)
  union all
  (select ${columns} from volunteer_profiles p
   where $11 and $2::float8 is not null and cardinality($4::uuid[]) > 0 and p.city_id = $1 and p.skill_ids && $4::uuid[] and p.location is not null and cardinality($8::uuid[]) = 0 and ${eligible}
   order by ${near} limit $13)
  union all
  (select ${columns} from volunteer_profiles p
   where (not $11 or $2::float8 is null) and cardinality($4::uuid[]) > 0 and p.city_id = $1 and p.skill_ids && $4::uuid[]
     and ($5::int = 0 or (p.availability & $5::int) <> 0) and cardinality($8::uuid[]) = 0 and ${eligible}
   order by p.id desc limit $13)
  union all
  (select ${columns} from volunteer_profiles p
   where (not $11 or $2::float8 is null) and cardinality($4::uuid[]) > 0 and p.city_id = $1 and p.skill_ids && $4::uuid[] and cardinality($8::uuid[]) = 0 and ${eligible}
   order by p.id desc limit $12)
  union all
  (select ${columns} from volunteer_profiles p
   where (not $11 or $2::float8 is null) and cardinality($4::uuid[]) = 0 and p.city_id = $1
     and ($5::int = 0 or (p.availability & $5::int) <> 0) and cardinality($8::uuid[]) = 0 and ${eligible}
   order by p.id desc limit $13)
  union all
  -- A required credential is held by few: start from those who hold it (nearest first for work in
  -- person), since the scans above would wade through everyone else.
  (select ${columns} from volunteer_profiles p
   where cardinality($8::uuid[]) > 0 and p.city_id = $1 and ${eligible}
     and p.id in (select vc.volunteer_id from volunteer_credentials vc
                  where vc.city_id = $1 and vc.credential_type_id = ($8::uuid[])[1] and (vc.expires_on is null or vc.expires_on >= $10::date))
   order by (case when $11 and $2::float8 is not null then ${near} end) nulls last, p.id desc limit $12 + $13)
),
measured as (
  select c.id, c.user_id, c.languages, c.consent_email,
    case when $11 and $2::float8 is not null and c.latitude is not null
         then sqrt(power((c.longitude - $3::float8) * cos(radians($2::float8)), 2) + power(c.latitude - $2::float8, 2)) * 111.32 end as distance_km,
    (${available}) as available_shifts,
    (${metSkills}) as met_count,
    ${metList} as met
  from candidates c
),
ranked as (
  select m.*,
    round(((
      ${weights.skills} * m.met_count::float8 / ${Math.max(requiredSkills, 1)}
      + (case when $11 and $2::float8 is not null then 0.3 * greatest(0, 1 - coalesce(m.distance_km, ${distanceLimitKm}) / ${distanceLimitKm}) else 0 end)
      + ${weights.availability} * m.available_shifts::float8 / ${Math.max(shiftCount, 1)}
    ) / greatest(${weights.skills + weights.availability} + (case when $11 and $2::float8 is not null then 0.3 else 0 end), 0.000001))::numeric, 3)::float8 as score
  from measured m
  order by score desc, m.distance_km nulls last, m.id
  limit $14 * 2
),
-- The candidate sets overlap (someone near and skilled is in both); scoring a
-- few duplicates is cheaper than removing them from thousands of wide rows, so they are removed from
-- the best only.
distinct_ranked as (
  select distinct on (r.id) r.* from ranked r order by r.id
)
select r.*, u.name, u.email
from distinct_ranked r join users u on u.id = r.user_id
order by r.score desc, r.distance_km nulls last, r.id
limit $14`;
}

interface RankedRow {
  id: string;
  user_id: string;
  languages: string[] | string;
  distance_km: number | null;
  available_shifts: number;
  met: number[] | string;
  consent_email: boolean;
  score: number;
  name: string;
  email: string;
}

export interface SuggestedVolunteer {
  volunteerId: string;
  name: string;
  email: string;
  consentEmail: boolean;
  score: number;
  reasons: { skills: string[]; distanceKm: number | null; availableShifts: number; totalShifts: number; languages: string[] };
}

function weightedScore(parts: { skills: number | null; distance: number | null; availability: number | null }): number {
  const weights = { skills: 0.45, distance: 0.3, availability: 0.25 };
  let total = 0;
  let weight = 0;
  for (const key of ["skills", "distance", "availability"] as const) {
    const value = parts[key];
    if (value === null) continue;
    total += value * weights[key];
    weight += weights[key];
  }
  return weight === 0 ? 0 : Math.round((total / weight) * 1000) / 1000;
}

function asNumbers(value: number[] | string | null): number[] {
  if (Array.isArray(value)) return value;
  if (!value || value === "{}") return [];
  return value
    .replace(/^\{|\}$/g, "")
    .split(",")
    .map(Number);
}

function asArray(value: string[] | string | null): string[] {
  if (Array.isArray(value)) return value;
  if (!value || value === "{}") return [];
  return value.replace(/^\{|\}$/g, "").split(",");
}

/** Volunteers ranked for an opportunity, best first, at most `limit`. */
export async function suggestVolunteers(
  db: Database,
  pool: pg.Pool,
  city: { id: string; timeZone: string },
  opportunityOrId: Opportunity | string,
  options: { limit?: number; locale?: string } = {},
): Promise<SuggestedVolunteer[]> {
  const opportunity = typeof opportunityOrId === "string" ? await findOpportunity(db, city.id, opportunityOrId) : opportunityOrId;
  if (!opportunity) return [];
  const limit = options.limit ?? 50;
  const upcoming = await db
    .select({ startsAt: shifts.startsAt, endsAt: shifts.endsAt })
    .from(shifts)
    .where(and(eq(shifts.opportunityId, opportunity.id), eq(shifts.status, "scheduled"), gt(shifts.startsAt, new Date())))
    .orderBy(shifts.startsAt)
    .limit(20);
  const masks = upcoming.map((shift) => availabilityMask(shift.startsAt, shift.endsAt, city.timeZone));
  const tree = opportunity.requiredSkillIds.length ? await skillTree(db, city.id) : [];
  const expanded = expandSkills(tree, opportunity.requiredSkillIds);
  const anySkill = [...new Set([...expanded.values()].flatMap((set) => [...set]))];
  const firstDay = (upcoming[0]?.startsAt ?? new Date()).toISOString().slice(0, 10);
  const lastDay = (upcoming.at(-1)?.endsAt ?? new Date()).toISOString().slice(0, 10);
  const inPerson = opportunity.locationKind === "in_person";

  const requiredCount = opportunity.requiredSkillIds.length;
  const result = await pool.query<RankedRow>({
    name: `rank-volunteers-v8-${requiredCount}-${masks.length}`,
    text: rankVolunteersStatement(requiredCount, masks.length),
    values: [
      city.id,
      opportunity.latitude,
      opportunity.longitude,
      anySkill,
      masks.reduce((all, mask) => all | mask, 0),
      opportunity.requiredLanguages,
      opportunity.minimumAge,
      opportunity.requiredCredentialTypeIds,
      firstDay,
      lastDay,
      inPerson,
      750,
      500,
      limit,
      ...opportunity.requiredSkillIds.map((required) => [...(expanded.get(required) ?? [])]),
      ...masks,
    ],
  });

  const names = new Map(tree.map((node) => [node.id, localizedName(node.names, options.locale ?? "en")]));
  return result.rows.map((row) => ({
    volunteerId: row.id,
    name: row.name,
    email: row.email,
    consentEmail: row.consent_email,
    score: row.score,
    reasons: {
      skills: asNumbers(row.met).map((index) => names.get(opportunity.requiredSkillIds[index] ?? "") ?? ""),
      distanceKm: row.distance_km === null ? null : Math.round(row.distance_km * 10) / 10,
      availableShifts: row.available_shifts,
      totalShifts: masks.length,
      languages: opportunity.requiredLanguages.filter((code) => asArray(row.languages).includes(code)),
    },
  }));
}

export interface RecommendedOpportunity {
  opportunityId: string;
  title: string;
  summary: string;
  hostName: string;
  locationKind: "in_person" | "remote";
  neighbourhood: string | null;
  nextShift: { id: string; startsAt: string; endsAt: string; placesLeft: number; waitlistOpen: boolean } | null;
  score: number;
  reasons: { skills: string[]; distanceKm: number | null; availableShifts: number; totalShifts: number; languages: string[] };
}

/**
 * Opportunities ranked for one volunteer: published, public, with shifts to come (or remote), whose
 * hard requirements they meet. A city has hundreds to a few thousand, so all are scored.
 */
export async function recommendOpportunities(
  db: Database,
  city: { id: string; timeZone: string },
  userId: string,
  options: { limit?: number; locale?: string } = {},
): Promise<RecommendedOpportunity[]> {
  const result = await db.execute<{
    id: string;
    title: string;
    summary: string;
    host_name: string;
    location_kind: "in_person" | "remote";
    neighbourhood: string | null;
    latitude: number | null;
    longitude: number | null;
    required_skill_ids: string[] | string;
    required_languages: string[] | string;
    shifts: { id: string; startsAt: string; endsAt: string; placesLeft: number; waitlistEnabled: boolean }[] | null;
    v_skills: string[] | string;
    v_languages: string[] | string;
    v_latitude: number | null;
    v_longitude: number | null;
    v_availability: number;
  }>(sql`
    with v as (
      select p.id, p.skill_ids, p.languages, p.latitude, p.longitude, p.availability, p.birth_date
      from volunteer_profiles p where p.city_id = ${city.id} and p.user_id = ${userId} and p.erased_at is null
    )
    select o.id, o.title, o.summary, coalesce(a.name, g.name, '') as host_name, o.location_kind, o.neighbourhood, o.latitude, o.longitude,
           o.required_skill_ids, o.required_languages,
           (select json_agg(json_build_object('id', s.id, 'startsAt', s.starts_at, 'endsAt', s.ends_at, 'placesLeft', s.capacity - s.confirmed_count, 'waitlistEnabled', s.waitlist_enabled) order by s.starts_at)
              from (select * from shifts s where s.opportunity_id = o.id and s.status = 'scheduled' and s.starts_at > now() order by s.starts_at limit 10) s) as shifts,
           v.skill_ids as v_skills, v.languages as v_languages, v.latitude as v_latitude, v.longitude as v_longitude, v.availability as v_availability
    from opportunities o left join agencies a on a.id = o.agency_id left join groups g on g.id = o.group_id cross join v
    where o.city_id = ${city.id} and o.status = 'published' and o.visibility = 'public'
      and v.languages @> o.required_languages
      and (o.minimum_age is null or (v.birth_date is not null and v.birth_date <= current_date - make_interval(years => o.minimum_age)))
      and not exists (select 1 from unnest(o.required_credential_type_ids) needed
                      where not exists (select 1 from volunteer_credentials vc where vc.volunteer_id = v.id and vc.credential_type_id = needed
                                        and (vc.expires_on is null or vc.expires_on >= current_date)))
      and (o.location_kind = 'remote' or exists (select 1 from shifts s where s.opportunity_id = o.id and s.status = 'scheduled' and s.starts_at > now()))`);
  if (result.rows.length === 0) return [];
  const tree = await skillTree(db, city.id);
  const names = new Map(tree.map((node) => [node.id, localizedName(node.names, options.locale ?? "en")]));
  const ranked = result.rows.map((row) => {
    const required = asArray(row.required_skill_ids);
    const met = metSkills(tree, required, new Set(asArray(row.v_skills)));
    const upcoming = row.shifts ?? [];
    const availableShifts = upcoming.filter(
      (shift) => (row.v_availability & availabilityMask(new Date(shift.startsAt), new Date(shift.endsAt), city.timeZone)) !== 0,
    ).length;
    const distanceKm =
      row.location_kind === "in_person" && row.latitude !== null && row.longitude !== null && row.v_latitude !== null && row.v_longitude !== null
        ? Math.sqrt(((row.v_longitude - row.longitude) * Math.cos((row.latitude * Math.PI) / 180)) ** 2 + (row.v_latitude - row.latitude) ** 2) * 111.32
        : null;
    const score = weightedScore({
      skills: required.length ? met.length / required.length : null,
      distance: row.location_kind === "in_person" && row.latitude !== null ? (distanceKm === null ? 0 : Math.max(0, 1 - distanceKm / distanceLimitKm)) : null,
      availability: upcoming.length ? availableShifts / upcoming.length : null,
    });
    const next = upcoming[0];
    return {
      opportunityId: row.id,
      title: row.title,
      summary: row.summary,
      hostName: row.host_name,
      locationKind: row.location_kind,
      neighbourhood: row.neighbourhood,
      nextShift: next
        ? {
            id: next.id,
            startsAt: new Date(next.startsAt).toISOString(),
            endsAt: new Date(next.endsAt).toISOString(),
            placesLeft: Math.max(0, next.placesLeft),
            waitlistOpen: next.placesLeft <= 0 && next.waitlistEnabled,
          }
        : null,
      score,
      reasons: {
        skills: met.map((id) => names.get(id) ?? id),
        distanceKm: distanceKm === null ? null : Math.round(distanceKm * 10) / 10,
        availableShifts,
        totalShifts: upcoming.length,
        languages: asArray(row.required_languages),
      },
    };
  });
  return ranked.sort((a, b) => b.score - a.score || (a.nextShift?.startsAt ?? "9").localeCompare(b.nextShift?.startsAt ?? "9")).slice(0, options.limit ?? 20);
}
