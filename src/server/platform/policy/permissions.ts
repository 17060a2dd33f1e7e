import type { CityRole } from "./index.ts";

/**
 * Which roles may do what, in one table. A module that adds an action adds a line here, so the
 * whole authorization picture stays readable in one place. Agency staff hold their role for one
 * agency; actions marked `agencyScoped` are allowed to them only for that agency.
 */
export const permissions = {
  "city.read-admin": { roles: ["city_admin", "dso_staff", "agency_staff"] },
  "city.update": { roles: ["city_admin"] },
  "agencies.manage": { roles: ["city_admin"] },
  "staff.read": { roles: ["city_admin", "dso_staff"] },
  "staff.manage": { roles: ["city_admin"] },
  "audit.read": { roles: ["city_admin"] },
  "outbox.read": { roles: ["city_admin"] },
  // Volunteers: profiles, taxonomy, credentials, import.
  "taxonomy.manage": { roles: ["city_admin", "dso_staff"] },
  "volunteers.read": { roles: ["city_admin", "dso_staff"] },
  "volunteers.manage": { roles: ["city_admin", "dso_staff"] },
  // Opportunities and shifts.
  "opportunities.manage": { roles: ["city_admin", "dso_staff", "agency_staff"], agencyScoped: true },
  "roster.manage": { roles: ["city_admin", "dso_staff", "agency_staff"], agencyScoped: true },
  "hours.review": { roles: ["city_admin", "dso_staff", "agency_staff"], agencyScoped: true },
  "shifts.settings": { roles: ["city_admin"] },
  // Campaigns reach the whole city's volunteers, so they stay with city-wide roles.
  "campaigns.manage": { roles: ["city_admin", "dso_staff"] },
} as const satisfies Record<string, { roles: readonly CityRole[]; agencyScoped?: boolean }>;

export type Action = keyof typeof permissions;
