// Staff: who works for the city in which role, and the invitations that bring new staff in.
// Roles themselves are enforced by platform/policy; this module manages who holds them.

export { grantRole, grantRoleIn } from "./grant-role.ts";
export { acceptInvitation, inviteStaff, listInvitations } from "./invitations.ts";
export { listStaff } from "./list-staff.ts";
export { staffPersonalData } from "./personal-data.ts";
export { revokeRole } from "./revoke-role.ts";
export { registerStaffRoutes } from "./routes.ts";
export { invitations } from "./schema.ts";
