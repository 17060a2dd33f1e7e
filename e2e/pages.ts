/**
 * The pages the browser tests visit: for every route pattern in `pagePaths` (src/web/router.tsx),
 * one or more sample addresses and who visits them. Pure data, importable without Playwright:
 * src/web/page-coverage.test.ts checks that no pattern is missing here.
 */

export const demoCity = "springfield";
export const demoPassword = "civitas-demo-2026";

/** Demo accounts from src/server/seed/demo-city.ts. */
export const demoAccounts = {
  admin: "admin@springfield.example",
  dso: "dso@springfield.example",
  parks: "parks@springfield.example",
  dana: "dana@springfield.example",
} as const;

export type DemoAccount = keyof typeof demoAccounts;

/** Names of the demo city's campaigns (src/server/modules/campaigns/seed-demo.ts). */
export const demoCampaignNames = {
  sent: "Flu clinic greeters: can you help this week?",
  draft: "Saturday tree planting: bring a friend",
} as const;

/** Titles of the opportunities the tests make for the page samples (e2e/opportunity-samples.ts). */
export const sampleOpportunityTitles = {
  main: "Sample: Lakeside garden workday",
  checkIn: "Sample: Lakeside garden check-in",
} as const;
export type Visitor = "anonymous" | DemoAccount;

/**
 * Values a sample address needs that only exist once the demo city runs, written in `url` as
 * `{name}`. The tests look them up before the visit:
 * - agencyId: the id of Parks and Recreation, from GET /api/v1/cities/springfield/agencies;
 * - invitationToken: from a pending invitation the admin sends through the API, read from the outbox;
 * - volunteerId: Dana Kim's volunteer profile, from GET /api/v1/cities/springfield/volunteers as the admin;
 * - opportunityId, shiftId: a published Parks opportunity (sampleOpportunityTitles.main) and its first
 *   shift, two days ahead, on which Dana holds a place; made through the API by the DSO staff member;
 * - checkInShiftId, checkInToken: a shift starting ten minutes after it is made, and the token of its
 *   check-in code (see e2e/opportunity-samples.ts);
 * - campaignId, draftCampaignId: the demo city's sent campaign and its draft, by name;
 * - unsubscribeToken: from the message of a campaign sent to one new volunteer (see e2e/campaign-samples.ts).
 */
export const urlParameters = [
  "agencyId",
  "invitationToken",
  "volunteerId",
  "opportunityId",
  "shiftId",
  "checkInShiftId",
  "checkInToken",
  "campaignId",
  "draftCampaignId",
  "unsubscribeToken",
] as const;
export type UrlParameter = (typeof urlParameters)[number];

/** The page's h1: an en.json key (checked in English and Spanish), or text from the data. */
export type ExpectedHeading = { key: string } | { text: string };

export interface PageSample {
  /** The route pattern, exactly as in `pagePaths`. */
  pattern: string;
  /** What this sample shows; part of the test name. */
  label: string;
  url: string;
  as: Visitor;
  heading: ExpectedHeading;
  /** Console errors that are part of the page's behaviour (substrings), e.g. the 404 of a city lookup. */
  expectedConsoleErrors?: string[];
  /**
   * Text from the data, shown as people wrote it whatever the reader's language (the name of a
   * campaign), which the check for English left on a Spanish page leaves out.
   */
  dataText?: string[];
}

export const pageSamples: PageSample[] = [
  { pattern: "/", label: "deployment home", url: "/", as: "anonymous", heading: { key: "home.title" } },

  { pattern: "/:city", label: "city home", url: `/${demoCity}`, as: "anonymous", heading: { text: "Springfield" } },
  { pattern: "/:city", label: "city home, signed in", url: `/${demoCity}`, as: "dana", heading: { text: "Springfield" } },
  {
    pattern: "/:city",
    label: "unknown city",
    url: "/no-such-city",
    as: "anonymous",
    heading: { key: "notFound.title" },
    expectedConsoleErrors: ["404 (Not Found)"],
  },

  { pattern: "/:city/sign-in", label: "sign in", url: `/${demoCity}/sign-in`, as: "anonymous", heading: { key: "signIn.title" } },
  {
    pattern: "/:city/sign-in",
    label: "sign in after an expired link",
    url: `/${demoCity}/sign-in?link=expired`,
    as: "anonymous",
    heading: { key: "signIn.title" },
  },

  { pattern: "/:city/sign-up", label: "sign up", url: `/${demoCity}/sign-up`, as: "anonymous", heading: { key: "signUp.title" } },

  { pattern: "/:city/account", label: "account", url: `/${demoCity}/account`, as: "dana", heading: { key: "account.title" } },
  { pattern: "/:city/account", label: "account, signed out", url: `/${demoCity}/account`, as: "anonymous", heading: { key: "access.signInTitle" } },

  {
    pattern: "/:city/invitations/:token",
    label: "invitation, signed out",
    url: `/${demoCity}/invitations/{invitationToken}`,
    as: "anonymous",
    heading: { key: "invitation.title" },
  },
  {
    pattern: "/:city/invitations/:token",
    label: "invitation, other account",
    url: `/${demoCity}/invitations/{invitationToken}`,
    as: "dana",
    heading: { key: "invitation.title" },
  },

  { pattern: "/:city/admin", label: "administration, city admin", url: `/${demoCity}/admin`, as: "admin", heading: { key: "admin.title" } },
  { pattern: "/:city/admin", label: "administration, agency staff", url: `/${demoCity}/admin`, as: "parks", heading: { key: "admin.title" } },
  { pattern: "/:city/admin", label: "administration, volunteer", url: `/${demoCity}/admin`, as: "dana", heading: { key: "access.deniedTitle" } },

  { pattern: "/:city/admin/agencies", label: "agencies", url: `/${demoCity}/admin/agencies`, as: "admin", heading: { key: "agencies.title" } },

  {
    pattern: "/:city/admin/agencies/:agencyId",
    label: "one agency",
    url: `/${demoCity}/admin/agencies/{agencyId}`,
    as: "admin",
    heading: { text: "Parks and Recreation" },
  },

  { pattern: "/:city/admin/staff", label: "staff, city admin", url: `/${demoCity}/admin/staff`, as: "admin", heading: { key: "staff.title" } },
  { pattern: "/:city/admin/staff", label: "staff, DSO staff", url: `/${demoCity}/admin/staff`, as: "dso", heading: { key: "staff.title" } },

  {
    pattern: "/:city/admin/settings",
    label: "city settings",
    url: `/${demoCity}/admin/settings`,
    as: "admin",
    heading: { key: "citySettings.title" },
  },

  { pattern: "/:city/admin/outbox", label: "outbox", url: `/${demoCity}/admin/outbox`, as: "admin", heading: { key: "outbox.title" } },

  { pattern: "/:city/admin/audit", label: "audit log", url: `/${demoCity}/admin/audit`, as: "admin", heading: { key: "audit.title" } },

  // Volunteers: profiles, taxonomy, credentials, import.
  { pattern: "/:city/volunteer", label: "volunteer profile", url: `/${demoCity}/volunteer`, as: "dana", heading: { key: "volunteers.profile.title" } },
  {
    pattern: "/:city/volunteer",
    label: "volunteer profile, signed out",
    url: `/${demoCity}/volunteer`,
    as: "anonymous",
    heading: { key: "access.signInTitle" },
  },
  {
    pattern: "/:city/admin/volunteers",
    label: "volunteers, city admin",
    url: `/${demoCity}/admin/volunteers`,
    as: "admin",
    heading: { key: "volunteers.list.title" },
  },
  {
    pattern: "/:city/admin/volunteers",
    label: "volunteers, filtered by language",
    url: `/${demoCity}/admin/volunteers?language=es`,
    as: "dso",
    heading: { key: "volunteers.list.title" },
  },
  {
    pattern: "/:city/admin/volunteers/:volunteerId",
    label: "one volunteer, with credentials",
    url: `/${demoCity}/admin/volunteers/{volunteerId}`,
    as: "admin",
    heading: { text: "Dana Kim" },
  },
  { pattern: "/:city/admin/taxonomy", label: "skills and causes", url: `/${demoCity}/admin/taxonomy`, as: "dso", heading: { key: "taxonomy.title" } },
  // Opportunities and shifts.
  { pattern: "/:city/opportunities", label: "opportunities", url: `/${demoCity}/opportunities`, as: "anonymous", heading: { key: "opportunities.title" } },
  {
    pattern: "/:city/opportunities",
    label: "opportunities, signed in",
    url: `/${demoCity}/opportunities`,
    as: "dana",
    heading: { key: "opportunities.title" },
  },
  {
    pattern: "/:city/opportunities",
    label: "opportunities, remote ones in Spanish",
    url: `/${demoCity}/opportunities?kind=remote&language=es`,
    as: "anonymous",
    heading: { key: "opportunities.title" },
  },
  {
    pattern: "/:city/opportunities",
    label: "opportunities, nothing matches",
    url: `/${demoCity}/opportunities?q=no-such-opportunity`,
    as: "anonymous",
    heading: { key: "opportunities.title" },
  },
  {
    pattern: "/:city/opportunities/:opportunityId",
    label: "one opportunity",
    url: `/${demoCity}/opportunities/{opportunityId}`,
    as: "anonymous",
    heading: { text: sampleOpportunityTitles.main },
  },
  {
    pattern: "/:city/opportunities/:opportunityId",
    label: "one opportunity, holding a place",
    url: `/${demoCity}/opportunities/{opportunityId}`,
    as: "dana",
    heading: { text: sampleOpportunityTitles.main },
  },
  {
    pattern: "/:city/opportunities/:opportunityId",
    label: "unknown opportunity",
    url: `/${demoCity}/opportunities/01900000-0000-7000-8000-000000000000`,
    as: "anonymous",
    heading: { key: "notFound.title" },
    expectedConsoleErrors: ["404 (Not Found)"],
  },
  { pattern: "/:city/my-shifts", label: "your shifts", url: `/${demoCity}/my-shifts`, as: "dana", heading: { key: "myShifts.title" } },
  { pattern: "/:city/for-you", label: "for you", url: `/${demoCity}/for-you`, as: "dana", heading: { key: "matching.forYouTitle" } },
  { pattern: "/:city/for-you", label: "for you, signed out", url: `/${demoCity}/for-you`, as: "anonymous", heading: { key: "access.signInTitle" } },
  { pattern: "/:city/my-shifts", label: "your shifts, signed out", url: `/${demoCity}/my-shifts`, as: "anonymous", heading: { key: "access.signInTitle" } },
  {
    pattern: "/:city/check-in/:shiftId",
    label: "check-in",
    url: `/${demoCity}/check-in/{checkInShiftId}?token={checkInToken}`,
    as: "dana",
    heading: { key: "shifts.checkIn.title" },
  },
  {
    pattern: "/:city/check-in/:shiftId",
    label: "check-in, signed out",
    url: `/${demoCity}/check-in/{checkInShiftId}?token={checkInToken}`,
    as: "anonymous",
    heading: { key: "shifts.checkIn.title" },
  },
  {
    pattern: "/:city/admin/opportunities",
    label: "opportunities to manage, DSO staff",
    url: `/${demoCity}/admin/opportunities`,
    as: "dso",
    heading: { key: "opportunities.staff.title" },
  },
  {
    pattern: "/:city/admin/opportunities",
    label: "opportunities to manage, agency staff, published",
    url: `/${demoCity}/admin/opportunities?status=published`,
    as: "parks",
    heading: { key: "opportunities.staff.title" },
  },
  {
    pattern: "/:city/admin/opportunities",
    label: "opportunities to manage, volunteer",
    url: `/${demoCity}/admin/opportunities`,
    as: "dana",
    heading: { key: "access.deniedTitle" },
  },
  {
    pattern: "/:city/admin/opportunities/new",
    label: "new opportunity, DSO staff",
    url: `/${demoCity}/admin/opportunities/new`,
    as: "dso",
    heading: { key: "opportunities.editor.newTitle" },
  },
  {
    pattern: "/:city/admin/opportunities/new",
    label: "new opportunity, agency staff",
    url: `/${demoCity}/admin/opportunities/new`,
    as: "parks",
    heading: { key: "opportunities.editor.newTitle" },
  },
  {
    pattern: "/:city/admin/opportunities/:opportunityId",
    label: "opportunity editor with shifts",
    url: `/${demoCity}/admin/opportunities/{opportunityId}`,
    as: "dso",
    heading: { text: sampleOpportunityTitles.main },
  },
  {
    pattern: "/:city/admin/shifts/:shiftId/roster",
    label: "roster, DSO staff",
    url: `/${demoCity}/admin/shifts/{shiftId}/roster`,
    as: "dso",
    heading: { key: "roster.title" },
  },
  {
    pattern: "/:city/admin/shifts/:shiftId/roster",
    label: "roster, agency staff",
    url: `/${demoCity}/admin/shifts/{shiftId}/roster`,
    as: "parks",
    heading: { key: "roster.title" },
  },
  { pattern: "/:city/admin/hours", label: "hours to review, DSO staff", url: `/${demoCity}/admin/hours`, as: "dso", heading: { key: "hours.title" } },
  {
    pattern: "/:city/admin/hours",
    label: "hours, every status, agency staff",
    url: `/${demoCity}/admin/hours?status=all`,
    as: "parks",
    heading: { key: "hours.title" },
  },

  // Campaigns.
  {
    pattern: "/:city/admin/campaigns",
    label: "campaigns, DSO staff",
    url: `/${demoCity}/admin/campaigns`,
    as: "dso",
    heading: { key: "campaigns.title" },
    dataText: [demoCampaignNames.sent, demoCampaignNames.draft],
  },
  {
    pattern: "/:city/admin/campaigns",
    label: "campaigns, city admin",
    url: `/${demoCity}/admin/campaigns`,
    as: "admin",
    heading: { key: "campaigns.title" },
    dataText: [demoCampaignNames.sent, demoCampaignNames.draft],
  },
  {
    pattern: "/:city/admin/campaigns",
    label: "campaigns, agency staff",
    url: `/${demoCity}/admin/campaigns`,
    as: "parks",
    heading: { key: "access.deniedTitle" },
  },
  {
    pattern: "/:city/admin/campaigns/new",
    label: "new campaign",
    url: `/${demoCity}/admin/campaigns/new`,
    as: "dso",
    heading: { key: "campaigns.editor.newTitle" },
  },
  {
    pattern: "/:city/admin/campaigns/:campaignId",
    label: "sent campaign with its results",
    url: `/${demoCity}/admin/campaigns/{campaignId}`,
    as: "dso",
    heading: { text: demoCampaignNames.sent },
    dataText: [demoCampaignNames.sent],
  },
  {
    pattern: "/:city/admin/campaigns/:campaignId",
    label: "draft campaign",
    url: `/${demoCity}/admin/campaigns/{draftCampaignId}`,
    as: "admin",
    heading: { text: demoCampaignNames.draft },
    dataText: [demoCampaignNames.draft],
  },
  {
    pattern: "/:city/admin/campaigns/:campaignId",
    label: "unknown campaign",
    url: `/${demoCity}/admin/campaigns/01900000-0000-7000-8000-000000000000`,
    as: "dso",
    heading: { key: "campaigns.editor.notFound" },
    expectedConsoleErrors: ["404 (Not Found)"],
  },
  {
    pattern: "/:city/unsubscribe/:token",
    label: "unsubscribe",
    url: `/${demoCity}/unsubscribe/{unsubscribeToken}`,
    as: "anonymous",
    heading: { key: "unsubscribe.title" },
  },
  {
    pattern: "/:city/unsubscribe/:token",
    label: "unsubscribe, unknown link",
    url: `/${demoCity}/unsubscribe/no-such-unsubscribe-token`,
    as: "anonymous",
    heading: { key: "unsubscribe.title" },
    expectedConsoleErrors: ["404 (Not Found)"],
  },
  {
    pattern: "/unsubscribe/:token",
    label: "unsubscribe, link without the city",
    url: "/unsubscribe/{unsubscribeToken}",
    as: "anonymous",
    heading: { key: "unsubscribe.title" },
  },

  { pattern: "*", label: "unknown address", url: `/${demoCity}/no-such-page/at-all`, as: "anonymous", heading: { key: "notFound.title" } },
];

/** The `{name}` parameters a sample address needs. */
export function parametersOf(url: string): UrlParameter[] {
  return [...url.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as UrlParameter);
}
