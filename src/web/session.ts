import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Me, Settings } from "../contracts/platform.ts";
import { api } from "./api.ts";

/** Who is signed in, their roles per city, and how this deployment lets people sign in. */

export function useMe() {
  return useQuery({ queryKey: ["me"], queryFn: () => api.get<Me>("/api/v1/me"), staleTime: 30_000 });
}

export function useSettings() {
  return useQuery({ queryKey: ["settings"], queryFn: () => api.get<Settings>("/api/v1/settings"), staleTime: Number.POSITIVE_INFINITY });
}

export type RoleName = Me["memberships"][number]["roles"][number]["role"];

export function rolesIn(me: Me | undefined, city: string): RoleName[] {
  return me?.memberships.find((membership) => membership.city.slug === city)?.roles.map((grant) => grant.role) ?? [];
}

const staffRoles: RoleName[] = ["city_admin", "dso_staff", "agency_staff", "contracting_officer"];

export function isStaffIn(me: Me | undefined, city: string): boolean {
  if (me?.user?.isPlatformAdmin) return true;
  return rolesIn(me, city).some((role) => staffRoles.includes(role));
}

export function hasRoleIn(me: Me | undefined, city: string, roles: RoleName[]): boolean {
  if (me?.user?.isPlatformAdmin) return true;
  return rolesIn(me, city).some((role) => roles.includes(role));
}

/**
 * The groups the person organizes in this city. Organizing is a place in a group, not a city role;
 * read defensively, as a server that does not say yet leaves it out.
 */
export function organizedGroupsIn(me: Me | undefined, city: string): { id: string; slug: string; name: string }[] {
  const membership = me?.memberships.find((entry) => entry.city.slug === city) as { organizes?: { id: string; slug: string; name: string }[] } | undefined;
  return membership?.organizes ?? [];
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await api.post("/api/auth/sign-out", {});
    client.clear();
    await client.invalidateQueries();
  };
}
