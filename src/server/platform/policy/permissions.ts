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
  // Organizers of a group run its events (opportunities the group hosts) like agency staff run their agency's.
  "opportunities.manage": { roles: ["city_admin", "dso_staff", "agency_staff"], agencyScoped: true, groupScoped: true },
  "roster.manage": { roles: ["city_admin", "dso_staff", "agency_staff"], agencyScoped: true, groupScoped: true },
  "hours.review": { roles: ["city_admin", "dso_staff", "agency_staff"], agencyScoped: true, groupScoped: true },
  "shifts.settings": { roles: ["city_admin"] },
  // Campaigns reach the whole city's volunteers, so they stay with city-wide roles.
  "campaigns.manage": { roles: ["city_admin", "dso_staff"] },
  // Problems: agency staff report for their own agency; the DSO triages.
  "problems.report": { roles: ["city_admin", "dso_staff", "agency_staff"], agencyScoped: true },
  "problems.triage": { roles: ["city_admin", "dso_staff"] },
  // Vendors' personal data and their verification.
  "vendors.review": { roles: ["city_admin", "dso_staff"] },
  // Money: the bounty fund, the ledger and bounties that reserve from it.
  "fund.add": { roles: ["city_admin", "dso_staff"] },
  "ledger.read": { roles: ["city_admin", "dso_staff", "contracting_officer"] },
  "bounties.manage": { roles: ["city_admin", "dso_staff", "contracting_officer"] },
  // The city's bounty rules (threshold, small-business band, licences) and its holiday calendar.
  "bounties.settings": { roles: ["city_admin"] },
  // Above the micro-purchase threshold, only a contracting officer may commit the city.
  "bounties.above-threshold": { roles: ["contracting_officer"] },
  // Documented processes: agency staff for their own agency; the rate table stays with city-wide roles.
  "processes.manage": { roles: ["city_admin", "dso_staff", "agency_staff"], agencyScoped: true },
  "processes.rates": { roles: ["city_admin", "dso_staff"] },
  // The solutions catalog and following other cities over ActivityPub speak for the whole city.
  "catalog.manage": { roles: ["city_admin", "dso_staff"] },
  "federation.manage": { roles: ["city_admin", "dso_staff"] },
  // The city's budget, from which its exposure to federal cuts is shown.
  "impact.budget": { roles: ["city_admin", "dso_staff"] },
  // Groups: starting one, and overseeing every group (which works on which of the city's problems).
  "groups.create": { roles: ["city_admin", "dso_staff", "group_organizer"] },
  "groups.oversee": { roles: ["city_admin", "dso_staff"] },
  // Recording payments to vendors and exporting them for accounts payable.
  "payments.manage": { roles: ["city_admin", "dso_staff"] },
} as const satisfies Record<string, { roles: readonly CityRole[]; agencyScoped?: boolean; groupScoped?: boolean }>;

export type Action = keyof typeof permissions;
