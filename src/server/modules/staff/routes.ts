import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { cityPath } from "../../../contracts/platform.ts";
import {
  createInvitationRequest,
  grantRoleRequest,
  invitation,
  invitationList,
  invitationPath,
  invitationPreview,
  invitationTokenPath,
  roleAssignment,
  roleAssignmentPath,
  staffList,
} from "../../../contracts/staff.ts";
import type { Database } from "../../db/connection.ts";
import type { Mailer } from "../../platform/mail/index.ts";
import { contextOf } from "../../platform/operation.ts";
import { authorize } from "../../platform/policy/index.ts";
import { cityOf, membershipOf } from "../../platform/tenancy/index.ts";
import { agencyNamesById } from "../agencies/index.ts";
import { grantRole } from "./grant-role.ts";
import { acceptInvitation, inviteStaff, listInvitations, previewInvitation, revokeInvitation } from "./invitations.ts";
import { listStaff } from "./list-staff.ts";
import { revokeRole } from "./revoke-role.ts";

export function registerStaffRoutes(app: FastifyInstance, deps: { db: Database; mailer: Mailer; publicUrl: string }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["staff"];

  const presentAssignment = async (
    cityId: string,
    assignment: { id: string; role: z.infer<typeof roleAssignment>["role"]; agencyId: string | null; createdAt: Date },
  ) => {
    const names = await agencyNamesById(deps.db, cityId, assignment.agencyId ? [assignment.agencyId] : []);
    return {
      id: assignment.id,
      role: assignment.role,
      agencyId: assignment.agencyId,
      agencyName: assignment.agencyId ? (names.get(assignment.agencyId) ?? null) : null,
      createdAt: assignment.createdAt.toISOString(),
    };
  };

  routes.get("/api/v1/cities/:city/staff", {
    schema: { tags, summary: "People with a role in the city (other than volunteers)", params: cityPath, response: { 200: staffList } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "staff.read");
      return { members: await listStaff(deps.db, cityOf(request).id) };
    },
  });

  routes.post("/api/v1/cities/:city/staff/roles", {
    schema: { tags, summary: "Give a person a role (city admin)", params: cityPath, body: grantRoleRequest, response: { 201: roleAssignment } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "staff.manage");
      const created = await grantRole(contextOf(request, deps.db), request.body);
      return reply.code(201).send(await presentAssignment(cityOf(request).id, created));
    },
  });

  routes.delete("/api/v1/cities/:city/staff/roles/:assignmentId", {
    schema: { tags, summary: "Take a role away (city admin)", params: roleAssignmentPath, response: { 204: z.undefined() } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "staff.manage");
      await revokeRole(contextOf(request, deps.db), request.params.assignmentId);
      return reply.code(204).send();
    },
  });

  routes.get("/api/v1/cities/:city/invitations", {
    schema: { tags, summary: "Invitations sent for this city", params: cityPath, response: { 200: invitationList } },
    config: { access: "member" },
    handler: async (request) => {
      authorize(membershipOf(request), "staff.read");
      return { invitations: await listInvitations(deps.db, cityOf(request).id) };
    },
  });

  routes.post("/api/v1/cities/:city/invitations", {
    schema: { tags, summary: "Invite someone to a role by email (city admin)", params: cityPath, body: createInvitationRequest, response: { 201: invitation } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "staff.manage");
      const ctx = { ...contextOf(request, deps.db), mailer: deps.mailer, publicUrl: deps.publicUrl };
      const created = await inviteStaff(ctx, request.body);
      const listed = (await listInvitations(deps.db, ctx.city.id)).find((item) => item.id === created.id);
      if (!listed) throw new Error("the new invitation is missing");
      return reply.code(201).send(listed);
    },
  });

  routes.delete("/api/v1/cities/:city/invitations/:invitationId", {
    schema: { tags, summary: "Withdraw a pending invitation (city admin)", params: invitationPath, response: { 204: z.undefined() } },
    config: { access: "member" },
    handler: async (request, reply) => {
      authorize(membershipOf(request), "staff.manage");
      await revokeInvitation(contextOf(request, deps.db), request.params.invitationId);
      return reply.code(204).send();
    },
  });

  routes.get("/api/v1/cities/:city/invitations/by-token/:token", {
    schema: { tags, summary: "What an invitation link offers", params: invitationTokenPath, response: { 200: invitationPreview } },
    config: { access: "public" },
    handler: async (request) => previewInvitation(deps.db, cityOf(request), request.params.token),
  });

  routes.post("/api/v1/cities/:city/invitations/by-token/:token/accept", {
    schema: { tags, summary: "Accept an invitation as the signed-in person", params: invitationTokenPath, response: { 200: roleAssignment } },
    config: { access: "signed-in" },
    handler: async (request) => {
      const assignment = await acceptInvitation(contextOf(request, deps.db), request.params.token);
      return presentAssignment(cityOf(request).id, assignment);
    },
  });
}
