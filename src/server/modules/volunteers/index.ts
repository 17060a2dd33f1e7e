// Volunteers: residents' volunteer profiles, the city's taxonomy (skills tree, causes, credential
// types), staff-recorded credentials with expiry, and CSV import of existing volunteer lists.

export { ensureVolunteerProfile } from "./ensure-volunteer-profile.ts";
export { findVolunteerProfile, type VolunteerProfile } from "./find-volunteer-profile.ts";
export { volunteerPersonalData } from "./personal-data.ts";
export { registerVolunteerRoutes } from "./routes.ts";
export { causes, credentialTypes, skills, volunteerCredentials, volunteerProfiles } from "./schema.ts";
export { seedVolunteerDemo } from "./seed-demo.ts";
export { descendantsOf, listCauses, listCredentialTypes, listSkills, localizedName } from "./taxonomy.ts";
export { withdrawConsent } from "./withdraw-consent.ts";
