// Bounties: paid, open-source work on the city's problems, at a fixed price or by micro-purchase
// reverse auction, with the bids, deliveries and city rules that go with them.

export { defineAuctionJobs } from "./auction-jobs.ts";
export { registerAuctionRoutes } from "./auction-routes.ts";
export { bountyInsightsOf } from "./bounty-insights.ts";
export { type BountyRules, bountyRulesOf } from "./bounty-settings.ts";
export { registerBountySettingsRoutes } from "./bounty-settings-routes.ts";
export { cancelBounty } from "./cancel-bounty.ts";
export { closeAuction, closeEndedAuctions } from "./close-auction.ts";
export { createAuction } from "./create-auction.ts";
export { createFixedBounty } from "./create-bounty.ts";
export { registerDeliveryRoutes } from "./delivery-routes.ts";
export { findBids } from "./find-bids.ts";
export { type Bounty, findBounty, presentBounty } from "./find-bounties.ts";
export { registerGithubWebhookRoutes } from "./github-webhook-routes.ts";
export { registerInsightsRoutes } from "./insights-routes.ts";
export { defineDeliveryJobs, markMissedDeliveries } from "./missed-delivery.ts";
export { findBountyAward, listVendorSubmissions, registerMyWorkRoutes } from "./my-work-routes.ts";
export { queueDueSoonNotices, writeBountyNotice } from "./notifications.ts";
export { defaultDeliveryBusinessDays, type OpenSubmissionInput, openSubmission, type Submission } from "./open-submission.ts";
export { parseAmount } from "./parse-amount.ts";
export { placeBid } from "./place-bid.ts";
export { publishBounty } from "./publish-bounty.ts";
export { rerunBounty } from "./rerun-bounty.ts";
export { listSubmissionQueue, registerReviewQueueRoutes } from "./review-queue-routes.ts";
export { registerBountyRoutes } from "./routes.ts";
export { bids, bounties, bountyNotices, bountySettings, cityHolidays, submissions } from "./schema.ts";
export { demoBountyTitles, seedBountyDemo } from "./seed-demo.ts";
export { defineBountyNoticeJobs, sendPendingBountyNotices } from "./send-bounty-notices.ts";
export { openBountiesToShare, type SharedBounty } from "./shared-bounties.ts";
