import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  applicationDecision,
  applicationList,
  applicationListQuery,
  applicationPath,
  applyRequest,
  createGroupRequest,
  createProjectRequest,
  groupList,
  groupMemberList,
  groupPath,
  groupView,
  memberDecision,
  memberPath,
  memberRoleRequest,
  membershipResult,
  myApplications,
  problemWork,
  projectList,
  projectListQuery,
  projectPath,
  projectView,
  roleMatches,
  rolePath,
  saveRoleRequest,
  updateGroupRequest,
  updateProjectRequest,
} from "../../../contracts/groups.ts";
import { cityPath } from "../../../contracts/platform.ts";
import type { Database } from "../../db/connection.ts";
import { resolveActor, type SessionResolver } from "../../platform/auth/index.ts";
import { localeOfRequest } from "../../platform/i18n/index.ts";
import type { Mailer } from "../../platform/mail/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize } from "../../platform/policy/index.ts";
import { actorOf, cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { findGroupBySlug, groupAccessOf, requireGroupManager } from "./access.ts";
import {
  applyToRole,
  decideApplication,
  findApplication,
  listGroupApplications,
  mailApplicant,
  mailOrganizers,
  myApplications as myApplicationsOf,
  withdrawApplication,
} from "./applications.ts";
import { problemWorkOf, roleMatchesFor } from "./discovery.ts";
import { listGroups, presentGroup, projectSummaries } from "./find-groups.ts";
import { createGroup, decideMember, joinGroup, leaveGroup, listMembers, removeMember, setMemberRole, updateGroup } from "./manage-groups.ts";
import { createProject, deleteProject, findProject, presentProject, saveRole, updateProject } from "./projects.ts";

export interface GroupRouteDependencies {
  db: Database;
  sessions: SessionResolver;
  mailer: Mailer;
  publicUrl: string;
}

export function registerGroupRoutes(app: FastifyInstance, deps: GroupRouteDependencies): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["groups"];
  const locale = (request: FastifyRequest) => localeOfRequest(request);
  /** The reader on a public route, if signed in. */
  const readerOf = (request: FastifyRequest) => resolveActor(deps.sessions, request);
  /** The operation's context and the group named in the address. */
  const inGroup = async (request: FastifyRequest & { params: { group: string } }) => {
    const ctx = contextOf(request, deps.db);
    return { ctx, group: await findGroupBySlug(deps.db, ctx.city.id, request.params.group) };
  };
  /** The operation's context and the project named in the address. */
  const inProject = async (request: FastifyRequest & { params: { projectId: string } }) => {
    const ctx = contextOf(request, deps.db);
    return { ctx, project: await findProject(deps.db, ctx.city.id, request.params.projectId) };
  };
  /** Mail is a courtesy here: a failed send is logged, the answer stands. */
  const courtesy = (request: FastifyRequest, send: Promise<unknown>) => send.catch((error: unknown) => request.log.warn({ err: error }, "group mail not sent"));

  // ——— Groups ———
  routes.get("/api/v1/cities/:city/groups", {
    schema: { tags, summary: "The city's groups with their members, projects and open roles (public)", params: cityPath, response: { 200: groupList } },
    config: { access: "public" },
    handler: async (request) => ({ groups: await listGroups(deps.db, cityOf(request).id) }),
  });

  routes.post("/api/v1/cities/:city/groups", {
    schema: { tags, summary: "Start a group; you become its first organizer", params: cityPath, body: createGroupRequest, response: { 201: groupView } },
    config: { access: "member" },
    handler: async (request, reply) => {
      const ctx = { ...contextOf(request, deps.db), membership: membershipOf(request) };
      const group = await createGroup(ctx, request.body);
      const access = await groupAccessOf(deps.db, ctx.city, ctx.actor, group.id);
      return reply.code(201).send(await presentGroup(deps.db, ctx.city.id, group, access));
    },
  });

  routes.get("/api/v1/cities/:city/groups/problem-work", {
    schema: {
      tags,
      summary: "Which groups' projects work on which of the city's problems (DSO and city admins)",
      params: cityPath,
      response: { 200: problemWork },
    },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "groups.oversee");
      return problemWorkOf(deps.db, cityOf(request).id);
    },
  });

  routes.get("/api/v1/cities/:city/groups/:group", {
    schema: {
      tags,
      summary: "A group's page: links, organizers (to people signed in), projects and coming events (public)",
      params: groupPath,
      response: { 200: groupView },
    },
    config: { access: "public" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const group = await findGroupBySlug(deps.db, city.id, request.params.group);
      const reader = await readerOf(request);
      if (reader) reply.header("cache-control", "no-store");
      return presentGroup(deps.db, city.id, group, await groupAccessOf(deps.db, city, reader, group.id));
    },
  });

  routes.patch("/api/v1/cities/:city/groups/:group", {
    schema: {
      tags,
      summary: "Change a group's description, links or whether members need approval (its organizers)",
      params: groupPath,
      body: updateGroupRequest,
      response: { 200: groupView },
    },
    config: { access: "signed-in" },
    handler: async (request) => {
      const { ctx, group } = await inGroup(request);
      const updated = await updateGroup(ctx, group, request.body);
      return presentGroup(deps.db, ctx.city.id, updated, await groupAccessOf(deps.db, ctx.city, ctx.actor, updated.id));
    },
  });

  routes.post("/api/v1/cities/:city/groups/:group/membership", {
    schema: { tags, summary: "Join a group (or ask to, where organizers approve members)", params: groupPath, response: { 200: membershipResult } },
    config: { access: "signed-in" },
    handler: async (request) => {
      const { ctx, group } = await inGroup(request);
      return joinGroup(ctx, group);
    },
  });

  routes.delete("/api/v1/cities/:city/groups/:group/membership", {
    schema: { tags, summary: "Leave a group, or withdraw a request to join (the last organizer cannot)", params: groupPath, response: { 204: z.null() } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const { ctx, group } = await inGroup(request);
      await leaveGroup(ctx, group);
      return reply.code(204).send(null);
    },
  });

  routes.get("/api/v1/cities/:city/groups/:group/members", {
    schema: {
      tags,
      summary: "Members and requests to join, with contact details (the group's organizers)",
      params: groupPath,
      response: { 200: groupMemberList },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const { ctx, group } = await inGroup(request);
      await requireGroupManager(deps.db, ctx.city, ctx.actor, group.id);
      reply.header("cache-control", "no-store");
      return { members: await listMembers(deps.db, group) };
    },
  });

  routes.post("/api/v1/cities/:city/groups/:group/members/:userId/decision", {
    schema: {
      tags,
      summary: "Approve or decline a request to join (the group's organizers)",
      params: memberPath,
      body: memberDecision,
      response: { 204: z.null() },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const { ctx, group } = await inGroup(request);
      await decideMember(ctx, group, request.params.userId, request.body.decision);
      return reply.code(204).send(null);
    },
  });

  routes.put("/api/v1/cities/:city/groups/:group/members/:userId/role", {
    schema: {
      tags,
      summary: "Make a member an organizer, or an organizer a member (the group's organizers)",
      params: memberPath,
      body: memberRoleRequest,
      response: { 204: z.null() },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const { ctx, group } = await inGroup(request);
      await setMemberRole(ctx, group, request.params.userId, request.body.role);
      return reply.code(204).send(null);
    },
  });

  routes.delete("/api/v1/cities/:city/groups/:group/members/:userId", {
    schema: { tags, summary: "Remove a member (the group's organizers)", params: memberPath, response: { 204: z.null() } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const { ctx, group } = await inGroup(request);
      await removeMember(ctx, group, request.params.userId);
      return reply.code(204).send(null);
    },
  });

  routes.get("/api/v1/cities/:city/groups/:group/applications", {
    schema: {
      tags,
      summary: "Applications to the group's project roles, waiting ones first, with the applicants' contact details (the group's organizers)",
      params: groupPath,
      querystring: applicationListQuery,
      response: { 200: applicationList },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const { ctx, group } = await inGroup(request);
      await requireGroupManager(deps.db, ctx.city, ctx.actor, group.id);
      reply.header("cache-control", "no-store");
      return { applications: await listGroupApplications(deps.db, { groupId: group.id, status: request.query.status }) };
    },
  });

  // ——— Projects and their roles ———
  routes.post("/api/v1/cities/:city/groups/:group/projects", {
    schema: { tags, summary: "Add a project to a group (its organizers)", params: groupPath, body: createProjectRequest, response: { 201: projectView } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const { ctx, group } = await inGroup(request);
      const project = await createProject(ctx, group, request.body);
      return reply.code(201).send(await presentProject(deps.db, ctx.city, project, ctx.actor, locale(request)));
    },
  });

  routes.get("/api/v1/cities/:city/projects", {
    schema: {
      tags,
      summary: "Every group's projects, searchable by text, stage and the skill an open role asks for (public)",
      params: cityPath,
      querystring: projectListQuery,
      response: { 200: projectList },
    },
    config: { access: "public" },
    handler: async (request) => ({ projects: await projectSummaries(deps.db, cityOf(request).id, request.query) }),
  });

  routes.get("/api/v1/cities/:city/projects/matches", {
    schema: { tags, summary: "Open roles ranked by the skills of your volunteer profile", params: cityPath, response: { 200: roleMatches } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      reply.header("cache-control", "no-store");
      return roleMatchesFor(deps.db, cityOf(request), actorOf(request).userId, locale(request));
    },
  });

  routes.get("/api/v1/cities/:city/projects/:projectId", {
    schema: {
      tags,
      summary: "A project with its roles, linked problems and bounties, and members (names to people signed in) (public)",
      params: projectPath,
      response: { 200: projectView },
    },
    config: { access: "public" },
    handler: async (request, reply) => {
      const city = cityOf(request);
      const reader = await readerOf(request);
      if (reader) reply.header("cache-control", "no-store");
      return presentProject(deps.db, city, await findProject(deps.db, city.id, request.params.projectId), reader, locale(request));
    },
  });

  routes.patch("/api/v1/cities/:city/projects/:projectId", {
    schema: { tags, summary: "Change a project (the group's organizers)", params: projectPath, body: updateProjectRequest, response: { 200: projectView } },
    config: { access: "signed-in" },
    handler: async (request) => {
      const { ctx, project } = await inProject(request);
      const updated = await updateProject(ctx, project, request.body);
      return presentProject(deps.db, ctx.city, updated, ctx.actor, locale(request));
    },
  });

  routes.delete("/api/v1/cities/:city/projects/:projectId", {
    schema: { tags, summary: "Delete a project with its roles and applications (the group's organizers)", params: projectPath, response: { 204: z.null() } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const { ctx, project } = await inProject(request);
      await deleteProject(ctx, project);
      return reply.code(204).send(null);
    },
  });

  routes.post("/api/v1/cities/:city/projects/:projectId/roles", {
    schema: { tags, summary: "Add a role to a project (the group's organizers)", params: projectPath, body: saveRoleRequest, response: { 201: projectView } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const { ctx, project } = await inProject(request);
      await saveRole(ctx, project, request.body);
      return reply.code(201).send(await presentProject(deps.db, ctx.city, project, ctx.actor, locale(request)));
    },
  });

  routes.put("/api/v1/cities/:city/projects/:projectId/roles/:roleId", {
    schema: {
      tags,
      summary: "Change a role: its title, skills, or whether it is open, filled or closed (the group's organizers)",
      params: rolePath,
      body: saveRoleRequest,
      response: { 200: projectView },
    },
    config: { access: "signed-in" },
    handler: async (request) => {
      const { ctx, project } = await inProject(request);
      await saveRole(ctx, project, request.body, request.params.roleId);
      return presentProject(deps.db, ctx.city, project, ctx.actor, locale(request));
    },
  });

  // ——— Applications ———
  routes.post("/api/v1/cities/:city/projects/:projectId/roles/:roleId/applications", {
    schema: {
      tags,
      summary: "Apply to an open role with a message; the group's organizers are told",
      params: rolePath,
      body: applyRequest,
      response: { 201: projectView },
    },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const { ctx, project } = await inProject(request);
      const application = await applyToRole(ctx, project, request.params.roleId, request.body.message);
      await courtesy(request, mailOrganizers(deps.db, deps.mailer, deps.publicUrl, ctx.city, application, "new"));
      return reply.code(201).send(await presentProject(deps.db, ctx.city, project, ctx.actor, locale(request)));
    },
  });

  routes.get("/api/v1/cities/:city/applications/mine", {
    schema: { tags, summary: "Your applications to project roles in this city", params: cityPath, response: { 200: myApplications } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      reply.header("cache-control", "no-store");
      return { applications: await myApplicationsOf(deps.db, cityOf(request).id, actorOf(request).userId) };
    },
  });

  routes.post("/api/v1/cities/:city/applications/:applicationId/decision", {
    schema: {
      tags,
      summary: "Approve or decline an application (the group's organizers); the applicant is told",
      params: applicationPath,
      body: applicationDecision,
      response: { 200: applicationList.shape.applications.element },
    },
    config: { access: "signed-in" },
    handler: async (request) => {
      const ctx = contextOf(request, deps.db);
      const application = await findApplication(deps.db, ctx.city.id, request.params.applicationId);
      const decided = await decideApplication(ctx, application, request.body.decision, request.body.reason);
      await courtesy(request, mailApplicant(deps.db, deps.mailer, deps.publicUrl, ctx.city, decided));
      const [listed] = await listGroupApplications(deps.db, { applicationId: decided.id });
      if (!listed) throw new Error("the decided application is not listed");
      return listed;
    },
  });

  routes.delete("/api/v1/cities/:city/applications/:applicationId", {
    schema: { tags, summary: "Withdraw your application, or step down from a role you hold", params: applicationPath, response: { 204: z.null() } },
    config: { access: "signed-in" },
    handler: async (request, reply) => {
      const ctx = contextOf(request, deps.db);
      await withdrawApplication(ctx, await findApplication(deps.db, ctx.city.id, request.params.applicationId));
      return reply.code(204).send(null);
    },
  });
}
