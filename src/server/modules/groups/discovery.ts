import { and, eq, sql } from "drizzle-orm";
import type { ProjectSummaryView } from "../../../contracts/groups.ts";
import type { Executor } from "../../db/connection.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { metSkills, skillTree } from "../opportunities/index.ts";
import { volunteerProfiles } from "../volunteers/schema.ts";
import { projectSummaries } from "./find-groups.ts";
import { presentRoles } from "./projects.ts";
import { projectRoles } from "./schema.ts";

/**
 * Open roles for a volunteer, ranked by the skills rule of the volunteer matching: the share of the
 * role's skills the volunteer has, a broad skill met by any skill under it. A role that asks for no
 * skill suits anyone. Best first; among equals, the most recently active project first.
 */
export async function roleMatchesFor(db: Executor, city: City, userId: string, locale: string) {
  const [profile] = await db
    .select({ skillIds: volunteerProfiles.skillIds })
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.cityId, city.id), eq(volunteerProfiles.userId, userId), sql`${volunteerProfiles.erasedAt} is null`))
    .limit(1);
  const roles = await db
    .select()
    .from(projectRoles)
    .where(and(eq(projectRoles.cityId, city.id), eq(projectRoles.status, "open")))
    .limit(1000);
  if (roles.length === 0) return { hasProfile: !!profile, roles: [] };
  const tree = await skillTree(db, city.id);
  const have = new Set(profile?.skillIds ?? []);
  const presented = new Map((await presentRoles(db, city.id, roles, locale)).map((role) => [role.id, role]));
  const projects = new Map<string, ProjectSummaryView>(
    (await projectSummaries(db, city.id, { projectIds: [...new Set(roles.map((role) => role.projectId))] })).map((project) => [project.id, project]),
  );
  const ranked = roles.flatMap((role) => {
    const project = projects.get(role.projectId);
    const view = presented.get(role.id);
    if (!project || !view) return [];
    const met = metSkills(tree, role.skillIds, have);
    const score = role.skillIds.length === 0 ? 1 : met.length / role.skillIds.length;
    const names = new Map(view.skills.map((skill) => [skill.id, skill.name]));
    return [{ role: view, project, score: Math.round(score * 100) / 100, matchedSkills: met.map((id) => names.get(id) ?? id) }];
  });
  ranked.sort((a, b) => b.score - a.score || b.project.updatedAt.localeCompare(a.project.updatedAt) || a.role.title.localeCompare(b.role.title));
  return { hasProfile: !!profile, roles: ranked.slice(0, 100) };
}

/** For the DSO: each of the city's problems that a group's project works on, with those projects. */
export async function problemWorkOf(db: Executor, cityId: string) {
  const rows = await db.execute<{
    problem_id: string;
    problem_title: string;
    problem_status: string;
    project_id: string;
    project_name: string;
    stage: "idea" | "research" | "prototype" | "pilot" | "live" | "paused";
    group_slug: string;
    group_name: string;
  }>(sql`
    select pr.id as problem_id, pr.title as problem_title, pr.status::text as problem_status,
           p.id as project_id, p.name as project_name, p.stage, g.slug as group_slug, g.name as group_name
    from projects p
    join groups g on g.id = p.group_id
    join problems pr on pr.id = any(p.problem_ids) and pr.city_id = p.city_id
    where p.city_id = ${cityId}
    order by pr.title, g.name, p.name`);
  const problems = new Map<
    string,
    {
      problem: { id: string; title: string; status: string };
      projects: { id: string; name: string; stage: (typeof rows.rows)[number]["stage"]; group: { slug: string; name: string } }[];
    }
  >();
  for (const row of rows.rows) {
    const entry = problems.get(row.problem_id) ?? { problem: { id: row.problem_id, title: row.problem_title, status: row.problem_status }, projects: [] };
    entry.projects.push({ id: row.project_id, name: row.project_name, stage: row.stage, group: { slug: row.group_slug, name: row.group_name } });
    problems.set(row.problem_id, entry);
  }
  const [unlinked] = (
    await db.execute<{ count: number }>(sql`select count(*)::int as count from projects where city_id = ${cityId} and cardinality(problem_ids) = 0`)
  ).rows;
  return { problems: [...problems.values()], unlinkedProjects: unlinked?.count ?? 0 };
}
