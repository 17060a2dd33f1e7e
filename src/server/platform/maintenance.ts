import { lt } from "drizzle-orm";
import type { Database } from "../db/connection.ts";
import { rateLimits, sessions, verifications } from "./auth/index.ts";
import type { Jobs } from "./jobs/index.ts";

/** Housekeeping that keeps sign-in tables small: expired sessions, used-up links, old rate-limit counters. */
export async function purgeExpiredRecords(db: Database, now = new Date()) {
  const expiredSessions = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  const expiredVerifications = await db.delete(verifications).where(lt(verifications.expiresAt, now)).returning({ id: verifications.id });
  const staleCounters = await db
    .delete(rateLimits)
    .where(lt(rateLimits.lastRequest, now.getTime() - 86_400_000))
    .returning({ id: rateLimits.id });
  return { sessions: expiredSessions.length, verifications: expiredVerifications.length, rateLimits: staleCounters.length };
}

export const purgeQueueName = "maintenance.purge-expired";

export function defineMaintenanceJobs(jobs: Jobs, db: Database): void {
  jobs.define<Record<string, never>>({
    name: purgeQueueName,
    schedule: "17 3 * * *",
    retryLimit: 2,
    handle: async () => {
      await purgeExpiredRecords(db);
    },
  });
}
