import { z } from "zod";
import { cityRole, emailAddress, isoDateTime } from "./platform.ts";

export const roleAssignment = z.object({
  id: z.uuid(),
  role: cityRole,
  agencyId: z.uuid().nullable(),
  agencyName: z.string().nullable(),
  createdAt: isoDateTime,
});

export const staffMember = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    roles: z.array(roleAssignment),
  })
  .meta({ id: "StaffMember" });

export const staffList = z.object({ members: z.array(staffMember) });

const agencyRequirement = (value: { role: string; agencyId?: string | null }) => value.role !== "agency_staff" || !!value.agencyId;

export const grantRoleRequest = z
  .object({ userId: z.uuid(), role: cityRole, agencyId: z.uuid().nullable().optional() })
  .refine(agencyRequirement, { path: ["agencyId"], error: "errors.staff.agencyRequired" });

export const roleAssignmentPath = z.object({ city: z.string(), assignmentId: z.uuid() });

export const invitation = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: cityRole,
    agencyId: z.uuid().nullable(),
    agencyName: z.string().nullable(),
    status: z.enum(["pending", "accepted", "revoked", "expired"]),
    invitedBy: z.string().nullable(),
    expiresAt: isoDateTime,
    createdAt: isoDateTime,
  })
  .meta({ id: "Invitation" });

export const invitationList = z.object({ invitations: z.array(invitation) });

export const createInvitationRequest = z
  .object({ email: emailAddress, role: cityRole, agencyId: z.uuid().nullable().optional() })
  .refine(agencyRequirement, { path: ["agencyId"], error: "errors.staff.agencyRequired" });

export const invitationPath = z.object({ city: z.string(), invitationId: z.uuid() });
export const invitationTokenPath = z.object({ city: z.string(), token: z.string().min(20).max(100) });

export const invitationPreview = z.object({
  city: z.object({ slug: z.string(), name: z.string() }),
  email: z.string(),
  role: cityRole,
  agencyName: z.string().nullable(),
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: isoDateTime,
});
