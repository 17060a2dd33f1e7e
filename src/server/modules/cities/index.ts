// Cities: the tenants of a deployment, their settings, and the signed-in person's place in each.
// The cities table itself lives in platform/tenancy, which every request passes through.
export { createCity } from "./create-city.ts";
export { findMemberships } from "./find-memberships.ts";
export { registerCityRoutes } from "./routes.ts";
export { updateCity } from "./update-city.ts";
