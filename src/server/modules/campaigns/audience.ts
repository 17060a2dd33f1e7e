import { type SQL, sql } from "drizzle-orm";
import type { CampaignAudienceView, CampaignChannel } from "../../../contracts/campaigns.ts";
import { availabilityToSlots, slotsToAvailability } from "../../../contracts/volunteers.ts";
import type { Executor } from "../../db/connection.ts";
import type { CampaignAudience } from "./schema.ts";

/**
 * A campaign's audience as SQL over the city's volunteer profiles. The live count and the sending
 * statement both build their WHERE clause from `audienceConditions` and `reachableCondition`, so the
 * number staff see before sending is the number of people queued when they send.
 *
 * The fragments name the volunteer profile `p` and its account `u`
 * (`from volunteer_profiles p join users u on u.id = p.user_id`). Every value is a parameter.
 *
 * The statement reads the volunteers, opportunities and groups modules' tables directly, on purpose:
 * one statement over 100,000 profiles, rather than lists of ids passed between modules.
 */

/** The stored audience with no filter: everyone in the city the campaign's channel can reach. */
export const everyone: CampaignAudience = {
  skillIds: [],
  languages: [],
  neighbourhoods: [],
  near: null,
  availability: 0,
  credentialTypeIds: [],
  attendedWithinDays: null,
  groupIds: [],
};

const earthRadiusKm = 6371.0088;
const kmPerDegree = (Math.PI * earthRadiusKm) / 180;

/** The contract's audience (slot names) as stored on the campaign (a bitmask). */
export function storedAudience(audience: CampaignAudienceView): CampaignAudience {
  return {
    skillIds: [...new Set(audience.skillIds)],
    languages: [...new Set(audience.languages)],
    neighbourhoods: [...new Set(audience.neighbourhoods)],
    near: audience.near,
    availability: slotsToAvailability(audience.availability),
    credentialTypeIds: [...new Set(audience.credentialTypeIds)],
    attendedWithinDays: audience.attendedWithinDays,
    groupIds: [...new Set(audience.groupIds)],
  };
}

export function presentAudience(audience: CampaignAudience): CampaignAudienceView {
  return {
    skillIds: audience.skillIds ?? [],
    languages: (audience.languages ?? []) as CampaignAudienceView["languages"],
    neighbourhoods: audience.neighbourhoods ?? [],
    near: audience.near ?? null,
    availability: availabilityToSlots(audience.availability ?? 0),
    credentialTypeIds: audience.credentialTypeIds ?? [],
    attendedWithinDays: audience.attendedWithinDays ?? null,
    groupIds: audience.groupIds ?? [],
  };
}

/**
 * A box in the plane of `volunteer_profiles.location` (longitude × cos(latitude), latitude) that holds
 * every point within the radius, for the GiST index; the exact great-circle check follows. The plane
 * scales each point by the cosine of its own latitude, so the box is taken over the corners of the
 * latitude/longitude box around the circle rather than drawn around the centre.
 */
export function searchBox(near: { latitude: number; longitude: number; radiusKm: number }) {
  const latitudeSpan = (near.radiusKm / kmPerDegree) * 1.001 + 1e-6;
  const south = Math.max(-90, near.latitude - latitudeSpan);
  const north = Math.min(90, near.latitude + latitudeSpan);
  const widest = Math.max(Math.abs(south), Math.abs(north));
  const cosine = Math.cos((widest * Math.PI) / 180);
  const longitudeSpan = cosine > 1e-6 ? latitudeSpan / cosine : 360;
  const west = near.longitude - longitudeSpan;
  const east = near.longitude + longitudeSpan;
  // Near a pole or across the 180th meridian every longitude may be in range.
  if (west < -180 || east > 180 || longitudeSpan >= 180) return { xMin: -180, xMax: 180, yMin: south, yMax: north };
  const xs = [south, north].flatMap((latitude) => [west, east].map((longitude) => longitude * Math.cos((latitude * Math.PI) / 180)));
  return { xMin: Math.min(...xs), xMax: Math.max(...xs), yMin: south, yMax: north };
}

/** The filters of an audience, each added only when set, joined with AND. */
export function audienceConditions(cityId: string, audience: CampaignAudience): SQL {
  const conditions: SQL[] = [sql`p.city_id = ${cityId}::uuid`, sql`p.erased_at is null`];
  if (audience.skillIds?.length) {
    // The chosen skills and every skill below them in the city's tree, computed once per statement.
    conditions.push(sql`p.skill_ids && (
      with recursive tree as (
        select s.id from skills s where s.city_id = ${cityId}::uuid and s.id = any(${sql.param(audience.skillIds)}::uuid[])
        union
        select child.id from skills child join tree on child.parent_id = tree.id where child.city_id = ${cityId}::uuid
      ) select coalesce(array_agg(tree.id), '{}'::uuid[]) from tree)`);
  }
  if (audience.languages?.length) conditions.push(sql`p.languages && ${sql.param(audience.languages)}::text[]`);
  if (audience.neighbourhoods?.length) {
    const names = audience.neighbourhoods.map((name) => name.trim().toLowerCase());
    conditions.push(sql`lower(btrim(p.neighbourhood)) = any(${sql.param(names)}::text[])`);
  }
  if (audience.near) {
    const { latitude, longitude, radiusKm } = audience.near;
    const box = searchBox(audience.near);
    conditions.push(sql`p.location <@ box(point(${box.xMin}::float8, ${box.yMin}::float8), point(${box.xMax}::float8, ${box.yMax}::float8))`);
    conditions.push(sql`2 * ${earthRadiusKm}::float8 * asin(least(1, sqrt(
        power(sin(radians(p.latitude - ${latitude}::float8) / 2), 2)
        + cos(radians(${latitude}::float8)) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - ${longitude}::float8) / 2), 2)
      ))) <= ${radiusKm}::float8`);
  }
  if (audience.availability) conditions.push(sql`(p.availability & ${audience.availability}::int) <> 0`);
  if (audience.credentialTypeIds?.length) {
    // Every one of the credentials, each unexpired on the city's today.
    conditions.push(sql`p.id in (
      select vc.volunteer_id from volunteer_credentials vc
      where vc.city_id = ${cityId}::uuid and vc.credential_type_id = any(${sql.param(audience.credentialTypeIds)}::uuid[])
        and (vc.expires_on is null or vc.expires_on >= (select (now() at time zone c.time_zone)::date from cities c where c.id = ${cityId}::uuid))
      group by vc.volunteer_id
      having count(distinct vc.credential_type_id) = ${audience.credentialTypeIds.length}::int)`);
  }
  if (audience.attendedWithinDays) {
    conditions.push(sql`p.id in (
      select s.volunteer_id from signups s
      where s.city_id = ${cityId}::uuid and s.checked_in_at is not null
        and s.checked_in_at >= now() - make_interval(days => ${audience.attendedWithinDays}::int))`);
  }
  if (audience.groupIds?.length) {
    conditions.push(sql`p.user_id in (
      select gm.user_id from group_members gm
      where gm.city_id = ${cityId}::uuid and gm.group_id = any(${sql.param(audience.groupIds)}::uuid[]) and gm.status = 'active')`);
  }
  return sql.join(conditions, sql` and `);
}

/**
 * Who can be reached on the channel: consent for it, and an address for it. Unsubscribing through a
 * campaign's link withdraws the consent, so it is honoured here too. Accounts made for walk-ins
 * without an address carry one under the reserved `.invalid` domain: never written to.
 */
export function reachableCondition(channel: CampaignChannel): SQL {
  return channel === "sms"
    ? sql`(p.consent_sms and p.phone is not null and btrim(p.phone) <> '')`
    : sql`(p.consent_email and u.email is not null and u.email <> '' and u.email not like '%.invalid')`;
}

/** The FROM clause every audience statement uses; profiles without an account are nobody to reach. */
export const audienceSource = sql`volunteer_profiles p join users u on u.id = p.user_id`;

/** The live count: who would receive it, and who matches but cannot be reached on the channel. */
export async function countAudience(
  db: Executor,
  cityId: string,
  channel: CampaignChannel,
  audience: CampaignAudience,
): Promise<{ reachable: number; unreachable: number }> {
  const result = await db.execute<{ reachable: number; unreachable: number }>(sql`
    select count(*) filter (where ${reachableCondition(channel)})::int as reachable,
           count(*) filter (where not ${reachableCondition(channel)})::int as unreachable
    from ${audienceSource}
    where ${audienceConditions(cityId, audience)}`);
  const row = result.rows[0];
  return { reachable: Number(row?.reachable ?? 0), unreachable: Number(row?.unreachable ?? 0) };
}
