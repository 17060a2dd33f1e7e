import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import type { DatabaseHandle } from "./db/connection.ts";
import { defineAuctionJobs, defineBountyNoticeJobs, defineDeliveryJobs } from "./modules/bounties/index.ts";
import { campaignMailPool, createThrottle } from "./modules/campaigns/deliver-campaign.ts";
import { campaignPersonalData } from "./modules/campaigns/index.ts";
import { defineCampaignJobs } from "./modules/campaigns/jobs.ts";
import type { CampaignScheduler } from "./modules/campaigns/send-campaign.ts";
import { createOutboxSmsProvider } from "./modules/campaigns/sms.ts";
import { CityFederation } from "./modules/federation/index.ts";
import { defineGroupJobs, groupPersonalData } from "./modules/groups/index.ts";
import { defineOpportunityJobs, opportunityPersonalData } from "./modules/opportunities/index.ts";
import { problemPersonalData } from "./modules/problems/index.ts";
import { staffPersonalData } from "./modules/staff/index.ts";
import { vendorPersonalData } from "./modules/vendors/index.ts";
import { volunteerPersonalData } from "./modules/volunteers/index.ts";
import { type Auth, createAuth, SessionResolver } from "./platform/auth/index.ts";
import { createJobs, type Jobs } from "./platform/jobs/index.ts";
import { createMailer, type Mailer } from "./platform/mail/index.ts";
import { defineMaintenanceJobs } from "./platform/maintenance.ts";
import { PersonalDataRegistry } from "./platform/personal-data/index.ts";
import { CityDirectory } from "./platform/tenancy/index.ts";

/** The long-lived collaborators every part of the app shares: sign-in, mail, jobs, the city directory. */
export interface Services {
  auth: Auth;
  mailer: Mailer;
  jobs: Jobs;
  directory: CityDirectory;
  /** Checks the session cookie of each request. */
  sessions: SessionResolver;
  /** Key for links the server signs (check-in codes); derived from AUTH_SECRET. */
  signingKey: Buffer;
  /** Asks for the volunteers' notices just written to be sent soon. */
  noticesWritten: () => void;
  /** Every module's exporter and eraser of personal data. */
  personalData: PersonalDataRegistry;
  /** Puts campaigns in motion through the job queue: delivery now, or the start at a scheduled time. */
  campaignJobs: CampaignScheduler;
  /** The cities' ActivityPub actors: what they share, whom they follow, and deliveries. */
  federation: CityFederation;
  close(): Promise<void>;
}

export function createServices(config: Config, database: DatabaseHandle, logger: Logger): Services {
  const directory = new CityDirectory(database.db);
  const secret = resolveAuthSecret(config);
  const mailer = createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, db: database.db });
  const jobs = createJobs({ url: database.url, work: config.processRole !== "web", logger });
  const auth = createAuth({
    config,
    logger,
    db: database.db,
    mailer,
    secret,
    findCityIdBySlug: async (slug) => (await directory.findBySlug(slug))?.id ?? null,
  });
  defineMaintenanceJobs(jobs, database.db);
  const personalData = new PersonalDataRegistry();
  personalData.register(staffPersonalData);
  // Before the volunteers' provider, which detaches profiles from the account.
  personalData.register(opportunityPersonalData);
  const opportunityJobs = defineOpportunityJobs(jobs, { db: database.db, mailer, publicUrl: config.publicUrl });
  defineGroupJobs(jobs, { db: database.db, mailer, publicUrl: config.publicUrl });
  // Campaigns go out over a pool of their own, kept open between messages, so bulk mail and the
  // one-off messages (sign-in links, notices) do not wait for each other.
  const campaignMailer = createMailer({
    smtpUrl: config.mail.smtpUrl,
    from: config.mail.from,
    db: database.db,
    pool: campaignMailPool(config.campaigns),
  });
  const campaignJobs = defineCampaignJobs(jobs, {
    db: database.db,
    pool: database.pool,
    mailer: campaignMailer,
    sms: createOutboxSmsProvider(database.db),
    publicUrl: config.publicUrl,
    settings: config.campaigns,
    throttle: createThrottle(config.campaigns.ratePerMinute),
    logger,
  });
  // Before the volunteers' provider too: they find the person's recipients through the profile.
  personalData.register(campaignPersonalData);
  personalData.register(groupPersonalData);
  personalData.register(problemPersonalData);
  personalData.register(vendorPersonalData);
  // Volunteering modules' personal data and jobs.
  personalData.register(volunteerPersonalData);
  // Auctions close and are awarded by a job every minute after their end time.
  defineAuctionJobs(jobs, { db: database.db });
  // Deliveries past due become missed by a job every hour.
  defineDeliveryJobs(jobs, { db: database.db });
  // Vendors' notices (outbid, awarded, due soon, accepted, rejected, paid) go out by a job.
  defineBountyNoticeJobs(jobs, { db: database.db, mailer, publicUrl: config.publicUrl });
  // Federation's deliveries run on the job queue; the queue listens from here on.
  const federation = new CityFederation({ db: database.db, jobs, directory, logger, publicUrl: config.publicUrl, settings: config.federation });
  federation.start();
  return {
    federation,
    personalData,
    sessions: new SessionResolver({ pool: database.pool, secret, secure: config.publicUrl.startsWith("https://") }),
    signingKey: createHmac("sha256", secret).update("civitas signed links").digest(),
    noticesWritten: opportunityJobs.noticesWritten,
    campaignJobs,
    auth,
    mailer,
    jobs,
    directory,
    async close() {
      federation.stop();
      await jobs.stop();
      await mailer.close();
      await campaignMailer.close();
    },
  };
}

/**
 * The secret that signs session cookies. Production sets AUTH_SECRET; a development machine gets
 * one generated once and kept beside the embedded database, so sessions survive restarts.
 */
function resolveAuthSecret(config: Config): string {
  if (config.authSecret) return config.authSecret;
  const file = path.resolve(path.dirname(config.database.embeddedDirectory), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
