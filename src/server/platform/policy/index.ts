import { and, eq, sql } from "drizzle-orm";
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
  /** Groups the person organizes: they run those groups' events as agency staff run their agency's. */
  organizes?: readonly string[];
}

export async function loadGrants(db: Executor, cityId: string, userId: string): Promise<RoleGrant[]> {
  return db
    .select({ role: roleAssignments.role, agencyId: roleAssignments.agencyId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.cityId, cityId), eq(roleAssignments.userId, userId)));
}

/**
 * The groups a person organizes in a city. Read from the groups module's table by name, on purpose:
 * organizing is a place in a group, not a city role, and the policy needs it for every request.
 */
export async function loadOrganizedGroups(db: Executor, cityId: string, userId: string): Promise<string[]> {
  const rows = await db.execute<{ group_id: string }>(
    sql`select group_id from group_members where city_id = ${cityId} and user_id = ${userId} and role = 'organizer' and status = 'active'`,
  );
  return rows.rows.map((row) => row.group_id);
}

/** Everything the policy needs to know about a person in a city. */
export async function loadMembership(db: Executor, cityId: string, actor: Actor): Promise<Membership> {
  const [grants, organizes] = await Promise.all([loadGrants(db, cityId, actor.userId), loadOrganizedGroups(db, cityId, actor.userId)]);
  return { cityId, actor, grants, organizes };
}

/**
 * Whether the member may take the action. With an agency in scope, agency staff only for their own;
 * with a group in scope, that group's organizers too for the actions marked `groupScoped`; without a
 * scope, organizers of any group for those actions (what they see is then limited to their groups).
 */
export function can(membership: Membership, action: Action, scope: { agencyId?: string | null; groupId?: string | null } = {}): boolean {
  if (membership.actor.isPlatformAdmin) return true;
  const rule = permissions[action] as { roles: readonly CityRole[]; agencyScoped?: boolean; groupScoped?: boolean };
  if (rule.groupScoped && membership.organizes && membership.organizes.length > 0) {
    if (scope.groupId) {
      if (membership.organizes.includes(scope.groupId)) return true;
    } else if (scope.agencyId === undefined) return true;
  }
  if (scope.groupId && rule.agencyScoped) {
    // A group's records are not any agency's: agency staff have no say in them.
    return membership.grants.some((grant) => rule.roles.includes(grant.role) && grant.role !== "agency_staff");
  }
  return membership.grants.some((grant) => {
    if (!rule.roles.includes(grant.role)) return false;
    if (grant.role === "agency_staff" && rule.agencyScoped && scope.agencyId !== undefined) return grant.agencyId === scope.agencyId;
    return true;
  });
}

/** Throws 403 when the member may not take the action. */
export function authorize(membership: Membership, action: Action, scope: { agencyId?: string | null; groupId?: string | null } = {}): void {
  if (!can(membership, action, scope)) throw new ForbiddenError("errors.forbiddenAction");
}

/** A person with no role in a city learns nothing about its private records, not even that they exist. */
export function requireAnyRole(membership: Membership): void {
  if (!membership.actor.isPlatformAdmin && membership.grants.length === 0 && (membership.organizes?.length ?? 0) === 0) throw new NotFoundError();
}

export function hasRole(membership: Membership, role: CityRole): boolean {
  return membership.grants.some((grant) => grant.role === role);
}
