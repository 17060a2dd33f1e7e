import type { Database } from "../../db/connection.ts";
import type { Jobs } from "../../platform/jobs/index.ts";
import { closeEndedAuctions } from "./close-auction.ts";

export const closeAuctionsQueue = "bounties.close-auctions";

/** Every minute, auctions whose end time has passed are closed and awarded (see close-auction.ts). */
export function defineAuctionJobs(jobs: Jobs, deps: { db: Database }): void {
  jobs.define<Record<string, never>>({
    name: closeAuctionsQueue,
    schedule: "* * * * *",
    retryLimit: 1,
    handle: async () => {
      const { failed } = await closeEndedAuctions(deps.db);
      // The others are closed; the failures go to the job's record and the next minute tries them again.
      if (failed.length > 0) throw new AggregateError(failed, `${failed.length} auction(s) could not be closed`);
    },
  });
}
