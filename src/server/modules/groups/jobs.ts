import type { Database } from "../../db/connection.ts";
import type { Jobs } from "../../platform/jobs/index.ts";
import type { Mailer } from "../../platform/mail/index.ts";
import { remindWaitingApplications } from "./applications.ts";

export const applicationRemindersQueue = "groups.application-reminders";

/** Every quarter of an hour, organizers are reminded of applications waiting 2 days, and again at 7. */
export function defineGroupJobs(jobs: Jobs, deps: { db: Database; mailer: Mailer; publicUrl: string }): void {
  jobs.define<Record<string, never>>({
    name: applicationRemindersQueue,
    schedule: "*/15 * * * *",
    retryLimit: 1,
    handle: async () => {
      await remindWaitingApplications(deps.db, deps.mailer, deps.publicUrl);
    },
  });
}
