import { sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import type { HostScope } from "./hosts.ts";

/** The opportunities a member manages, with how full their coming shifts are. */
export async function listStaffOpportunities(
  db: Database,
  cityId: string,
  filter: { status?: string; agencyId?: string; groupId?: string; hosts?: HostScope },
) {
  const hosts = filter.hosts;
  if (hosts && hosts.agencyIds.length === 0 && hosts.groupIds.length === 0) return [];
  const result = await db.execute<{
    id: string;
    title: string;
    agency_id: string | null;
    agency_name: string | null;
    group_id: string | null;
    group_slug: string | null;
    group_name: string | null;
    status: "draft" | "published" | "archived";
    visibility: "public" | "unlisted";
    location_kind: "in_person" | "remote";
    upcoming: number;
    confirmed: number;
    capacity: number;
    next_shift_at: Date | null;
  }>(sql`
    select o.id, o.title, o.agency_id, a.name as agency_name, o.group_id, g.slug as group_slug, g.name as group_name, o.status, o.visibility, o.location_kind,
           count(s.id) filter (where s.status = 'scheduled')::int as upcoming,
           coalesce(sum(s.confirmed_count) filter (where s.status = 'scheduled'), 0)::int as confirmed,
           coalesce(sum(s.capacity) filter (where s.status = 'scheduled'), 0)::int as capacity,
           min(s.starts_at) filter (where s.status = 'scheduled') as next_shift_at
    from opportunities o
    left join agencies a on a.id = o.agency_id
    left join groups g on g.id = o.group_id
    left join shifts s on s.opportunity_id = o.id and s.ends_at > now()
    where o.city_id = ${cityId}
      ${filter.status ? sql`and o.status = ${filter.status}` : sql``}
      ${filter.agencyId ? sql`and o.agency_id = ${filter.agencyId}` : sql``}
      ${filter.groupId ? sql`and o.group_id = ${filter.groupId}` : sql``}
      ${hosts ? sql`and (o.agency_id = any(${sql.param(hosts.agencyIds)}::uuid[]) or o.group_id = any(${sql.param(hosts.groupIds)}::uuid[]))` : sql``}
    group by o.id, a.name, g.slug, g.name
    order by (o.status = 'archived'), min(s.starts_at) filter (where s.status = 'scheduled') nulls last, o.created_at desc
    limit 500`);
  return result.rows.map((row) => ({
    id: row.id,
    title: row.title,
    agency: row.agency_id ? { id: row.agency_id, name: row.agency_name ?? "" } : null,
    group: row.group_id ? { id: row.group_id, slug: row.group_slug ?? "", name: row.group_name ?? "" } : null,
    status: row.status,
    visibility: row.visibility,
    locationKind: row.location_kind,
    upcomingShifts: row.upcoming,
    confirmed: row.confirmed,
    capacity: row.capacity,
    nextShiftAt: row.next_shift_at ? new Date(row.next_shift_at).toISOString() : null,
  }));
}
