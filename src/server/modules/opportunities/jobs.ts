import type { Database } from "../../db/connection.ts";
import type { Jobs } from "../../platform/jobs/index.ts";
import type { Mailer } from "../../platform/mail/index.ts";
import { queueDueReminders } from "./reminders.ts";
import { sendPendingNotices } from "./send-notices.ts";

export const sendNoticesQueue = "shifts.send-notices";
export const queueRemindersQueue = "shifts.queue-reminders";

/**
 * Notices go out every minute and, right after a change, within a second: `noticesWritten` asks for a
 * run at most once a second however many sign-ups arrive, so a surge costs one job, not thousands.
 */
export function defineOpportunityJobs(jobs: Jobs, deps: { db: Database; mailer: Mailer; publicUrl: string }) {
  jobs.define<Record<string, never>>({
    name: sendNoticesQueue,
    schedule: "* * * * *",
    retryLimit: 1,
    pollingIntervalSeconds: 0.5,
    handle: async () => {
      await sendPendingNotices(deps.db, deps.mailer, deps.publicUrl);
    },
  });
  jobs.define<Record<string, never>>({
    name: queueRemindersQueue,
    schedule: "* * * * *",
    retryLimit: 1,
    handle: async () => {
      if ((await queueDueReminders(deps.db)) > 0) await sendPendingNotices(deps.db, deps.mailer, deps.publicUrl);
    },
  });

  let pending: ReturnType<typeof setTimeout> | null = null;
  return {
    noticesWritten() {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        jobs.send(sendNoticesQueue, {}, { singletonKey: "now", singletonSeconds: 1 }).catch(() => {
          // The every-minute run sends them anyway.
        });
      }, 200);
      pending.unref();
    },
  };
}
