// Bounties: paid, open-source work on the city's problems, at a fixed price or by micro-purchase
// reverse auction, with the bids, deliveries and city rules that go with them.

export { type BountyRules, bountyRulesOf } from "./bounty-settings.ts";
export { cancelBounty } from "./cancel-bounty.ts";
export { createFixedBounty } from "./create-bounty.ts";
export { type Bounty, findBounty, presentBounty } from "./find-bounties.ts";
export { publishBounty } from "./publish-bounty.ts";
export { registerBountyRoutes } from "./routes.ts";
export { bids, bounties, bountySettings, cityHolidays, submissions } from "./schema.ts";
