// Opportunities and shifts: what residents can help with, when, and who comes — the listing, sign-up
// with capacity and waitlists, check-in, hours, reminders and calendars.

export { cancelSignup } from "./cancel-signup.ts";
export { findOpportunity, presentOpportunity } from "./find-opportunity.ts";
export { defineOpportunityJobs } from "./jobs.ts";
export { metSkills, skillTree } from "./matching.ts";
export { opportunityPersonalData } from "./personal-data.ts";
export { queueDueReminders } from "./reminders.ts";
export { toCsv } from "./roster.ts";
export { registerOpportunityRoutes } from "./routes.ts";
export { opportunities, shiftNotices, shifts, signups, volunteerHours } from "./schema.ts";
export { seedOpportunityDemo } from "./seed-demo.ts";
export { sendPendingNotices } from "./send-notices.ts";
export { openCallsToShare, type SharedCall } from "./shared-calls.ts";
export { signUpForShift } from "./sign-up-for-shift.ts";
export { taxonomyLabels, unknownTaxonomyIds } from "./taxonomy-labels.ts";
