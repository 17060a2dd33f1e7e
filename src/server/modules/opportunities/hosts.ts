import { inArray, or, type SQL } from "drizzle-orm";
import type { Membership } from "../../platform/policy/index.ts";
import { opportunities } from "./schema.ts";

/**
 * Who runs an opportunity: an agency of the city, or a group (its hack nights and workshops). The
 * same sign-up, reminders, check-in and hours serve both; only who may manage them differs.
 */
export interface Host {
  agencyId: string | null;
  groupId: string | null;
}

/** The host of an opportunity (or a row carrying its host), as the policy checks it. */
export const hostOf = (opportunity: Host): Host => ({ agencyId: opportunity.agencyId, groupId: opportunity.groupId });

/** The agencies and groups whose opportunities a member manages; undefined means all of them. */
export interface HostScope {
  agencyIds: string[];
  groupIds: string[];
}

export function hostScopeOf(membership: Membership): HostScope | undefined {
  if (membership.actor.isPlatformAdmin) return undefined;
  if (membership.grants.some((grant) => grant.role === "city_admin" || grant.role === "dso_staff")) return undefined;
  return {
    agencyIds: membership.grants.filter((grant) => grant.role === "agency_staff" && grant.agencyId).map((grant) => grant.agencyId as string),
    groupIds: [...(membership.organizes ?? [])],
  };
}

/** `opportunities` rows within the scope, or null when the scope holds nothing. */
export function hostCondition(scope: HostScope): SQL | null {
  const parts: SQL[] = [];
  if (scope.agencyIds.length > 0) parts.push(inArray(opportunities.agencyId, scope.agencyIds));
  if (scope.groupIds.length > 0) parts.push(inArray(opportunities.groupId, scope.groupIds));
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] ?? null) : (or(...parts) ?? null);
}
