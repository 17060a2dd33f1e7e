import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { createProjectRequest, ProjectView, saveRoleRequest, updateProjectRequest } from "../../../contracts/groups.ts";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { Actor } from "../../platform/auth/index.ts";
import { users } from "../../platform/auth/index.ts";
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import { isUniqueViolation, type OperationContext } from "../../platform/operation.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { taxonomyLabels, unknownTaxonomyIds } from "../opportunities/index.ts";
import { findGroupById, type Group, groupAccessOf, requireGroupManager } from "./access.ts";
import { projectRoles, projects, roleApplications } from "./schema.ts";

export type Project = typeof projects.$inferSelect;
export type ProjectRole = typeof projectRoles.$inferSelect;

export async function findProject(db: Executor, cityId: string, projectId: string): Promise<Project> {
  const [project] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.cityId, cityId), eq(projects.id, projectId)))
    .limit(1);
  if (!project) throw new NotFoundError("errors.groups.projectNotFound");
  return project;
}

/** The problems and bounties a project names must be this city's, and bounties ones the public can see. */
async function checkLinks(db: Executor, cityId: string, input: { problemIds?: string[]; bountyIds?: string[] }): Promise<void> {
  const problems: FieldProblem[] = [];
  if (input.problemIds?.length) {
    const found = await db.execute<{ id: string }>(sql`select id from problems where city_id = ${cityId} and id = any(${sql.param(input.problemIds)}::uuid[])`);
    if (found.rows.length !== new Set(input.problemIds).size) problems.push({ field: "problemIds", messageKey: "errors.groups.unknownProblems" });
  }
  if (input.bountyIds?.length) {
    const found = await db.execute<{ id: string }>(
      sql`select id from bounties where city_id = ${cityId} and published_at is not null and id = any(${sql.param(input.bountyIds)}::uuid[])`,
    );
    if (found.rows.length !== new Set(input.bountyIds).size) problems.push({ field: "bountyIds", messageKey: "errors.groups.unknownBounties" });
  }
  if (problems.length) throw new InvalidInputError(problems);
}

const unique = (values: readonly string[]) => [...new Set(values)];
const nameTaken = (error: unknown) => isUniqueViolation(error, "projects_group_name_unique");

export async function createProject(ctx: OperationContext, group: Group, input: z.output<typeof createProjectRequest>): Promise<Project> {
  await requireGroupManager(ctx.db, ctx.city, ctx.actor, group.id);
  await checkLinks(ctx.db, ctx.city.id, input);
  const values = { ...input, technologies: unique(input.technologies), problemIds: unique(input.problemIds), bountyIds: unique(input.bountyIds) };
  try {
    return await ctx.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(projects)
        .values({ ...values, cityId: ctx.city.id, groupId: group.id, createdBy: ctx.actor?.userId ?? null })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "project.created",
        targetType: "project",
        targetId: created.id,
        after: created,
        requestId: ctx.requestId,
      });
      return created;
    });
  } catch (error) {
    if (nameTaken(error)) throw new ConflictError("errors.groups.projectNameTaken", {}, [{ field: "name", messageKey: "errors.groups.projectNameTaken" }]);
    throw error;
  }
}

export async function updateProject(ctx: OperationContext, project: Project, input: z.output<typeof updateProjectRequest>): Promise<Project> {
  await requireGroupManager(ctx.db, ctx.city, ctx.actor, project.groupId);
  await checkLinks(ctx.db, ctx.city.id, input);
  const values = {
    ...input,
    ...(input.technologies && { technologies: unique(input.technologies) }),
    ...(input.problemIds && { problemIds: unique(input.problemIds) }),
    ...(input.bountyIds && { bountyIds: unique(input.bountyIds) }),
  };
  try {
    return await ctx.db.transaction(async (tx) => {
      const [before] = await tx.select().from(projects).where(eq(projects.id, project.id)).for("update");
      if (!before) throw new NotFoundError("errors.groups.projectNotFound");
      const [after] = await tx
        .update(projects)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(projects.id, project.id))
        .returning();
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "project.updated",
        targetType: "project",
        targetId: project.id,
        before,
        after,
        requestId: ctx.requestId,
      });
      return after ?? before;
    });
  } catch (error) {
    if (nameTaken(error)) throw new ConflictError("errors.groups.projectNameTaken", {}, [{ field: "name", messageKey: "errors.groups.projectNameTaken" }]);
    throw error;
  }
}

export async function deleteProject(ctx: OperationContext, project: Project): Promise<void> {
  await requireGroupManager(ctx.db, ctx.city, ctx.actor, project.groupId);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.delete(projects).where(eq(projects.id, project.id)).returning();
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "project.deleted",
      targetType: "project",
      targetId: project.id,
      before,
      requestId: ctx.requestId,
    });
  });
}

async function checkSkills(db: Executor, cityId: string, skillIds: string[]): Promise<void> {
  const unknown = await unknownTaxonomyIds(db, cityId, { skills: skillIds, causes: [], credentials: [] });
  if (unknown.skills.length) throw new InvalidInputError([{ field: "skillIds", messageKey: "errors.opportunities.unknownSkills" }]);
}

/** Adds a role to a project, or (with `roleId`) changes one. */
export async function saveRole(ctx: OperationContext, project: Project, input: z.output<typeof saveRoleRequest>, roleId?: string): Promise<ProjectRole> {
  await requireGroupManager(ctx.db, ctx.city, ctx.actor, project.groupId);
  await checkSkills(ctx.db, ctx.city.id, input.skillIds);
  const values = { ...input, skillIds: unique(input.skillIds) };
  return ctx.db.transaction(async (tx) => {
    if (!roleId) {
      const [created] = await tx
        .insert(projectRoles)
        .values({ ...values, cityId: ctx.city.id, projectId: project.id })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        cityId: ctx.city.id,
        actor: ctx.actor,
        action: "project.role-added",
        targetType: "project",
        targetId: project.id,
        after: created,
        requestId: ctx.requestId,
      });
      return created;
    }
    const [before] = await tx
      .select()
      .from(projectRoles)
      .where(and(eq(projectRoles.projectId, project.id), eq(projectRoles.id, roleId)))
      .for("update");
    if (!before) throw new NotFoundError("errors.groups.roleNotFound");
    const [after] = await tx
      .update(projectRoles)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(projectRoles.id, roleId))
      .returning();
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "project.role-changed",
      targetType: "project",
      targetId: project.id,
      before,
      after,
      requestId: ctx.requestId,
    });
    return after ?? before;
  });
}

/** Roles as pages show them, skill names in the reader's language, with how many hold each. */
export async function presentRoles(db: Executor, cityId: string, roles: ProjectRole[], locale: string) {
  const labels = await taxonomyLabels(db, cityId, { skills: unique(roles.flatMap((role) => role.skillIds)), causes: [], credentials: [] }, locale);
  const holders =
    roles.length === 0
      ? []
      : await db
          .select({ roleId: roleApplications.roleId, count: sql<number>`count(*)::int` })
          .from(roleApplications)
          .where(
            and(
              inArray(
                roleApplications.roleId,
                roles.map((role) => role.id),
              ),
              eq(roleApplications.status, "approved"),
            ),
          )
          .groupBy(roleApplications.roleId);
  const held = new Map(holders.map((row) => [row.roleId, row.count]));
  return roles.map((role) => ({
    id: role.id,
    title: role.title,
    description: role.description,
    skills: role.skillIds.filter((id) => labels.skills.has(id)).map((id) => ({ id, name: labels.skills.get(id) ?? "" })),
    status: role.status,
    memberCount: held.get(role.id) ?? 0,
  }));
}

/** A project's page. Members' names for people signed in only. */
export async function presentProject(db: Executor, city: City, project: Project, actor: Actor | null, locale: string): Promise<ProjectView> {
  const group = await findGroupById(db, city.id, project.groupId);
  const access = await groupAccessOf(db, city, actor, group.id);
  const roles = await db
    .select()
    .from(projectRoles)
    .where(eq(projectRoles.projectId, project.id))
    .orderBy(sql`${projectRoles.status} <> 'open'`, asc(projectRoles.createdAt));
  const linkedProblems = project.problemIds.length
    ? (
        await db.execute<{ id: string; title: string; status: string }>(
          sql`select id, title, status::text from problems where city_id = ${city.id} and id = any(${sql.param(project.problemIds)}::uuid[]) order by title`,
        )
      ).rows
    : [];
  const linkedBounties = project.bountyIds.length
    ? (
        await db.execute<{ id: string; title: string; status: string }>(
          sql`select id, title, status::text from bounties where city_id = ${city.id} and published_at is not null and id = any(${sql.param(project.bountyIds)}::uuid[]) order by title`,
        )
      ).rows
    : [];
  const approved = await db
    .select({ userId: roleApplications.userId, name: users.name, roleId: roleApplications.roleId, roleTitle: projectRoles.title })
    .from(roleApplications)
    .innerJoin(users, eq(users.id, roleApplications.userId))
    .innerJoin(projectRoles, eq(projectRoles.id, roleApplications.roleId))
    .where(and(eq(roleApplications.projectId, project.id), eq(roleApplications.status, "approved")))
    .orderBy(asc(users.name));
  const mine = actor
    ? await db
        .select({ id: roleApplications.id, roleId: roleApplications.roleId, status: roleApplications.status })
        .from(roleApplications)
        .where(and(eq(roleApplications.projectId, project.id), eq(roleApplications.userId, actor.userId)))
        .orderBy(asc(roleApplications.createdAt))
    : [];
  return {
    id: project.id,
    group: { slug: group.slug, name: group.name },
    name: project.name,
    summary: project.summary,
    description: project.description,
    stage: project.stage,
    technologies: project.technologies,
    repositoryUrl: project.repositoryUrl,
    problems: linkedProblems,
    bounties: linkedBounties,
    roles: await presentRoles(db, city.id, roles, locale),
    memberCount: new Set(approved.map((member) => member.userId)).size,
    members: actor ? approved : null,
    viewer: { canManage: access.canManage, applications: mine },
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}
