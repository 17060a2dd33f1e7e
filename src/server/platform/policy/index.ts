import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import type { Actor } from "../auth/index.ts";
import { ForbiddenError, NotFoundError } from "../errors/index.ts";
import { type Action, permissions } from "./permissions.ts";
import { cityRoles, roleAssignments } from "./schema.ts";

/**
 * Roles per city and the rules that say what each may do. Routes check at the endpoint;
 * operations that act on an agency's records check again with the agency in scope.
 */

export type CityRole = (typeof cityRoles)[number];
export { type Action, cityRoles, permissions, roleAssignments };

export interface RoleGrant {
  role: CityRole;
  agencyId: string | null;
}

export interface Membership {
  cityId: string;
  actor: Actor;
  grants: RoleGrant[];
}

export async function loadGrants(db: Executor, cityId: string, userId: string): Promise<RoleGrant[]> {
  return db
    .select({ role: roleAssignments.role, agencyId: roleAssignments.agencyId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.cityId, cityId), eq(roleAssignments.userId, userId)));
}

/** Whether the member may take the action; with an agency in scope, agency staff only for their own. */
export function can(membership: Membership, action: Action, scope: { agencyId?: string | null } = {}): boolean {
  if (membership.actor.isPlatformAdmin) return true;
  const rule = permissions[action] as { roles: readonly CityRole[]; agencyScoped?: boolean };
  return membership.grants.some((grant) => {
    if (!rule.roles.includes(grant.role)) return false;
    if (grant.role === "agency_staff" && rule.agencyScoped && scope.agencyId !== undefined) return grant.agencyId === scope.agencyId;
    return true;
  });
}

/** Throws 403 when the member may not take the action. */
export function authorize(membership: Membership, action: Action, scope: { agencyId?: string | null } = {}): void {
  if (!can(membership, action, scope)) throw new ForbiddenError("errors.forbiddenAction");
}

/** A person with no role in a city learns nothing about its private records, not even that they exist. */
export function requireAnyRole(membership: Membership): void {
  if (!membership.actor.isPlatformAdmin && membership.grants.length === 0) throw new NotFoundError();
}

export function hasRole(membership: Membership, role: CityRole): boolean {
  return membership.grants.some((grant) => grant.role === role);
}
