import { useQuery } from "@tanstack/react-query";
import type { AgencyView } from "../../../contracts/agencies.ts";
import { api, cityApi } from "../../api.ts";
import { hasRoleIn, rolesIn, useMe } from "../../session.ts";

/**
 * The agencies whose opportunities, rosters and hours this person manages: every agency for city
 * admins and DSO staff, their own for agency staff. The server checks again on every request.
 */
export function useManageableAgencies(slug: string) {
  const me = useMe();
  const all = useQuery({
    queryKey: ["agencies", slug],
    queryFn: () => api.get<{ agencies: AgencyView[] }>(`${cityApi(slug)}/agencies`),
    enabled: !!me.data,
  });
  const everyAgency = hasRoleIn(me.data, slug, ["city_admin", "dso_staff"]);
  const own = new Set(
    me.data?.memberships
      .find((membership) => membership.city.slug === slug)
      ?.roles.filter((grant) => grant.role === "agency_staff" && grant.agencyId)
      .map((grant) => grant.agencyId as string) ?? [],
  );
  const data = all.data?.agencies.filter((agency) => everyAgency || own.has(agency.id));
  return { ...all, data, everyAgency, roles: rolesIn(me.data, slug) };
}
