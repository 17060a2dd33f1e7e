import { and, asc, eq, sql } from "drizzle-orm";
import type { GroupSummaryView, GroupView, ProjectSummaryView } from "../../../contracts/groups.ts";
import type { Executor } from "../../db/connection.ts";
import { users } from "../../platform/auth/index.ts";
import type { Group, GroupAccess } from "./access.ts";
import { groupMembers, groups } from "./schema.ts";

/** The city's groups, by name, each with its active members, projects and open roles. */
export async function listGroups(db: Executor, cityId: string): Promise<GroupSummaryView[]> {
  return db
    .select({
      id: groups.id,
      slug: groups.slug,
      name: groups.name,
      description: groups.description,
      approvalRequired: groups.approvalRequired,
      memberCount: sql<number>`(select count(*)::int from group_members m where m.group_id = "groups"."id" and m.status = 'active')`,
      projectCount: sql<number>`(select count(*)::int from projects p where p.group_id = "groups"."id")`,
      openRoleCount: sql<number>`(select count(*)::int from project_roles r join projects p on p.id = r.project_id where p.group_id = "groups"."id" and r.status = 'open')`,
    })
    .from(groups)
    .where(eq(groups.cityId, cityId))
    .orderBy(asc(groups.name), asc(groups.id));
}

/** Projects as lists show them; of one group, or of the whole city. */
export async function projectSummaries(
  db: Executor,
  cityId: string,
  filter: { groupId?: string; projectIds?: string[]; q?: string; stage?: string; skill?: string } = {},
): Promise<ProjectSummaryView[]> {
  const text = filter.q ? `%${filter.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%` : null;
  const rows = await db.execute<{
    id: string;
    group_slug: string;
    group_name: string;
    name: string;
    summary: string;
    stage: ProjectSummaryView["stage"];
    technologies: string[];
    open_roles: number;
    member_count: number;
    updated_at: Date;
  }>(sql`
    select p.id, g.slug as group_slug, g.name as group_name, p.name, p.summary, p.stage, p.technologies, p.updated_at,
           (select count(*)::int from project_roles r where r.project_id = p.id and r.status = 'open') as open_roles,
           (select count(distinct a.user_id)::int from role_applications a where a.project_id = p.id and a.status = 'approved') as member_count
    from projects p join groups g on g.id = p.group_id
    where p.city_id = ${cityId}
      ${filter.groupId ? sql`and p.group_id = ${filter.groupId}` : sql``}
      ${filter.projectIds ? sql`and p.id = any(${sql.param(filter.projectIds)}::uuid[])` : sql``}
      ${filter.stage ? sql`and p.stage = ${filter.stage}` : sql``}
      ${filter.skill ? sql`and exists (select 1 from project_roles r where r.project_id = p.id and r.status = 'open' and ${filter.skill}::uuid = any(r.skill_ids))` : sql``}
      ${text ? sql`and (p.name ilike ${text} or p.summary ilike ${text} or g.name ilike ${text} or array_to_string(p.technologies, ' ') ilike ${text})` : sql``}
    order by (p.stage = 'paused'), p.updated_at desc, p.id
    limit 500`);
  return rows.rows.map((row) => ({
    id: row.id,
    group: { slug: row.group_slug, name: row.group_name },
    name: row.name,
    summary: row.summary,
    stage: row.stage,
    technologies: row.technologies,
    openRoles: row.open_roles,
    memberCount: row.member_count,
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}

/** The group's page: organizers' names for people signed in only; its projects and coming events. */
export async function presentGroup(db: Executor, cityId: string, group: Group, access: GroupAccess): Promise<GroupView> {
  const [counts] = await db
    .select({ members: sql<number>`count(*)::int` })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.status, "active")));
  const organizers =
    access.status === "anonymous"
      ? null
      : await db
          .select({ userId: groupMembers.userId, name: users.name })
          .from(groupMembers)
          .innerJoin(users, eq(users.id, groupMembers.userId))
          .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.role, "organizer"), eq(groupMembers.status, "active")))
          .orderBy(asc(users.name));
  const events = await db.execute<{ id: string; title: string; summary: string; next_shift_at: Date | null; upcoming: number }>(sql`
    select o.id, o.title, o.summary,
           min(s.starts_at) as next_shift_at, count(s.id)::int as upcoming
    from opportunities o
    left join shifts s on s.opportunity_id = o.id and s.status = 'scheduled' and s.ends_at > now()
    where o.city_id = ${cityId} and o.group_id = ${group.id} and o.status = 'published' and o.visibility = 'public'
    group by o.id
    order by min(s.starts_at) nulls last, o.title`);
  return {
    id: group.id,
    slug: group.slug,
    name: group.name,
    description: group.description,
    links: group.links,
    approvalRequired: group.approvalRequired,
    memberCount: counts?.members ?? 0,
    organizers,
    viewer: access,
    projects: await projectSummaries(db, cityId, { groupId: group.id }),
    events: events.rows.map((row) => ({
      opportunityId: row.id,
      title: row.title,
      summary: row.summary,
      nextShiftAt: row.next_shift_at ? new Date(row.next_shift_at).toISOString() : null,
      upcomingShifts: row.upcoming,
    })),
  };
}
