// Agencies: the departments and offices of a city (Parks, Libraries, the DSO itself).
// Other modules attach their records to an agency and ask this module for names and existence.

export { createAgency } from "./create-agency.ts";
export { type Agency, agencyNamesById, findAgency, listAgencies, presentAgency } from "./find-agencies.ts";
export { registerAgencyRoutes } from "./routes.ts";
export { agencies } from "./schema.ts";
