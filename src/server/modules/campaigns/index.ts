// Campaigns: calls to action to an audience of volunteers chosen by filters, with a live count, messages
// per language, sending now or later, and the funnel from sent to attended.

export { audienceConditions, audienceSource, countAudience, reachableCondition } from "./audience.ts";
export { campaignPersonalData } from "./personal-data.ts";
export { type CampaignRouteDependencies, registerCampaignRoutes } from "./routes.ts";
export { campaignRecipients, campaigns } from "./schema.ts";
export { seedCampaignDemo } from "./seed-demo.ts";
export { type Campaign, type CampaignScheduler, sendCampaign, startCampaignSending } from "./send-campaign.ts";
