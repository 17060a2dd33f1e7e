/**
 * The pages the browser tests visit: for every route pattern in `pagePaths` (src/web/router.tsx),
 * one or more sample addresses and who visits them. Pure data, importable without Playwright:
 * src/web/page-coverage.test.ts checks that no pattern is missing here.
 */

import { catalogPageSamples, catalogUrlParameters } from "./catalog-samples.ts";
import { groupPageSamples, groupUrlParameters } from "./group-samples.ts";
import { impactPageSamples } from "./impact-samples.ts";

export const demoCity = "springfield";
export const demoPassword = "civitas-demo-2026";

/** Demo accounts from src/server/seed/demo-city.ts. */
export const demoAccounts = {
  admin: "admin@springfield.example",
  dso: "dso@springfield.example",
  parks: "parks@springfield.example",
  dana: "dana@springfield.example",
  /** Chris Okafor, who organizes Code for Springfield (src/server/modules/groups/seed-demo.ts). */
  organizer: "organizer@springfield.example",
  /** A verified vendor (src/server/modules/vendors/seed-demo.ts). */
  vendor: "vendor@springfield.example",
  /** The second verified vendor, who bids against the first (src/server/modules/bounties/seed-demo.ts). */
  vendor2: "vendor2@springfield.example",
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
/** The demo city's problems (src/server/modules/problems/seed-demo.ts): an accepted one that Dana supports, and a new one. */
export const demoProblemTitles = {
  accepted: "Park permits are handled on paper forms",
  new: "Library card renewal needs a visit to a branch",
} as const;

/** Everything the demo problems say, shown as written whatever the reader's language. */
export const demoProblemText = [
  demoProblemTitles.accepted,
  "Picnic shelter and field permits are requested on a paper form, re-typed into a spreadsheet and confirmed by phone. Residents wait up to two weeks for an answer.",
  "About 4,000 residents and league organisers a year; two clerks",
  "About 80 requests a week in season",
  demoProblemTitles.new,
  "Renewing a library card means going to a branch with proof of address, even though the address is already on file with the city.",
  "Every cardholder, once every three years",
  "About 300 renewals a month",
  "Replace the city's website with a mobile app",
  "The website is hard to use on a phone; the city should build an app instead.",
  "The website is being made mobile-friendly as part of the web redesign; a separate app would cost more and reach fewer people.",
];
/** The demo city's bounties (src/server/modules/bounties/seed-demo.ts). */
export const demoBountyTitles = {
  fixed: "Online booking for picnic shelters",
  multi: "Permit status page for league organisers",
  sealed: "Export permit requests to the parks spreadsheet",
  paid: "Text message reminders for field permits",
} as const;

/** Everything the demo bounties and their vendors say, shown as written whatever the reader's language. */
export const demoBountyText = [
  ...Object.values(demoBountyTitles),
  "Residents book a picnic shelter online and get an answer at once, instead of mailing a paper form and waiting for a phone call.",
  "A resident can see which shelters are free on a date",
  "A booking is confirmed by email in English and Spanish",
  "Passes an automated accessibility check with no violations",
  "League organisers look up where their field permit stands without phoning the parks office.",
  "Shows each request's status from the permit spreadsheet",
  "Works on a 360 px wide phone",
  "Available in English and Spanish",
  "Online permit requests land in the spreadsheet the parks clerks already use, so nobody re-types them.",
  "Every online request appears in the spreadsheet within five minutes",
  "No request is written twice",
  "Permit holders get a text message the day before their booking, with a link to cancel.",
  "A reminder is sent the day before each booking",
  "Residents can opt out by replying STOP",
  "Riley Chen Software LLC",
  "Morgan Díaz Civic Code",
];
/** The bounties the bounty administration samples make (e2e/bounty-admin-samples.ts), and their demo vendor. */
export const sampleBountyText = {
  draft: "Sample: picnic shelter booking on a phone",
  review: "Sample: permit form that a screen reader can read",
  rejected: "Sample: shelter map with large print",
  rejectionReason: "The map scrolls sideways on a narrow phone.",
  criteria: ["Axe finds no violations on the booking pages", "Usable at 360 px without sideways scrolling"],
  vendor: "Riley Chen Software LLC",
} as const;

/** What the bounty administration pages show as written, whatever the reader's language. */
export const bountyAdminDataText = [
  sampleBountyText.draft,
  sampleBountyText.review,
  sampleBountyText.rejected,
  sampleBountyText.rejectionReason,
  ...sampleBountyText.criteria,
  sampleBountyText.vendor,
  ...demoProblemText,
  ...demoBountyText,
];
/**
 * What the ledger's postings say (src/server/modules/ledger/seed-demo.ts and the operations the demo
 * bounties go through), written in English by the server whatever the reader's language.
 */
export const demoLedgerText = [
  "Bounty fund for the fiscal year",
  "Delivery accepted; payable to the vendor",
  "Paid to Riley Chen Software LLC, reference AP-CHECK-100245",
  `Released from “${demoBountyTitles.paid}”, won below its start price`,
  ...[...Object.values(demoBountyTitles), sampleBountyText.draft, sampleBountyText.review].map((title) => `Reserved for “${title}”`),
];
/** The demo city's documented process (src/server/modules/processes/seed-demo.ts): published, with as-is revision 1 and to-be revision 2. */
export const demoProcessName = "Picnic shelter and field permit";

/** What the demo process and the demo rate table say, shown as written whatever the reader's language. */
export const demoProcessText = [
  demoProcessName,
  "Let residents and leagues reserve a picnic shelter or a sports field for a date.",
  "Residents, families and sports leagues",
  "Parks and Recreation",
  // Its steps, as-is and to-be: names, roles, systems and the one decision.
  "Take the paper form at the counter",
  "Type the form into the bookings spreadsheet",
  "Check the date is free and the form complete",
  "Phone the applicant about missing details",
  "Approve the booking",
  "Take payment",
  "Apply and pick a free date online",
  "Message the applicant about missing details",
  "Pay online",
  "Form incomplete?",
  "Civitas booking form",
  "Card payments",
  "Paper form",
  "Spreadsheet",
  // The rate table's roles, and the applicant, who has no rate.
  "Permit clerk",
  "Parks supervisor",
  "Field inspector",
  "Cashier",
  "Applicant",
];
/** What the staff pages of the demo process show besides: its revisions' messages and authors, and the city's agencies. */
export const demoProcessStaffText = [
  ...demoProcessText,
  "How permits work today, written down with the permit desk",
  "Online booking with the free dates shown and payment online",
  "Sam Patel",
  "Jordan Lee",
];
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
 * - openAuctionId, sealedAuctionId, paidAuctionId, fixedBountyId: the demo city's bounties by title
 *   (demoBountyTitles), from the public list (see e2e/bounty-samples.ts);
 * - unsubscribeToken: from the message of a campaign sent to one new volunteer (see e2e/campaign-samples.ts);
 * - problemId, newProblemId: the demo city's accepted and new problems (demoProblemTitles), from the public board.
 * - adminDraftBountyId, adminReviewBountyId, adminRejectedBountyId: a draft fixed-price bounty, one the demo
 *   vendor has delivered, waiting for review, and one whose delivery the DSO rejected; made through the API by the
 *   DSO staff member (see e2e/bounty-admin-samples.ts).
 * - processId: the demo city's published process (demoProcessName), from the public list.
 * - catalogEntryId: the demo city's catalog entry, by name, from the public catalog (see e2e/catalog-samples.ts).
 * - projectId: the demo project "Permit status tracker", from the public list of projects (see e2e/group-samples.ts).
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
  "openAuctionId",
  "sealedAuctionId",
  "paidAuctionId",
  "fixedBountyId",
  "problemId",
  "newProblemId",
  "adminDraftBountyId",
  "adminReviewBountyId",
  "adminRejectedBountyId",
  "processId",
  ...catalogUrlParameters,
  ...groupUrlParameters,
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
  { pattern: "/:city/account/tokens", label: "access tokens", url: `/${demoCity}/account/tokens`, as: "dana", heading: { key: "tokens.title" } },
  {
    pattern: "/:city/account/tokens",
    label: "access tokens, signed out",
    url: `/${demoCity}/account/tokens`,
    as: "anonymous",
    heading: { key: "access.signInTitle" },
  },

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

  // Problems.
  {
    pattern: "/:city/problems",
    label: "problem board",
    url: `/${demoCity}/problems`,
    as: "anonymous",
    heading: { key: "problems.title" },
    dataText: demoProblemText,
  },
  {
    pattern: "/:city/problems",
    label: "problem board, searched and filtered",
    url: `/${demoCity}/problems?q=permits&status=accepted`,
    as: "dana",
    heading: { key: "problems.title" },
    dataText: demoProblemText,
  },
  {
    pattern: "/:city/problems",
    label: "problem board, nothing matches",
    url: `/${demoCity}/problems?q=no-such-problem`,
    as: "anonymous",
    heading: { key: "problems.title" },
  },
  {
    pattern: "/:city/problems/new",
    label: "report a problem, agency staff",
    url: `/${demoCity}/problems/new`,
    as: "parks",
    heading: { key: "problems.form.reportTitle" },
  },
  {
    pattern: "/:city/problems/new",
    label: "propose a problem, resident",
    url: `/${demoCity}/problems/new`,
    as: "dana",
    heading: { key: "problems.form.proposeTitle" },
  },
  {
    pattern: "/:city/problems/new",
    label: "propose a problem, signed out",
    url: `/${demoCity}/problems/new`,
    as: "anonymous",
    heading: { key: "access.signInTitle" },
  },
  {
    pattern: "/:city/problems/:problemId",
    label: "new problem with the triage form, DSO staff",
    url: `/${demoCity}/problems/{newProblemId}`,
    as: "dso",
    heading: { text: demoProblemTitles.new },
    dataText: demoProblemText,
  },
  {
    pattern: "/:city/problems/:problemId",
    label: "accepted problem with the bounty link, DSO staff",
    url: `/${demoCity}/problems/{problemId}`,
    as: "dso",
    heading: { text: demoProblemTitles.accepted },
    dataText: demoProblemText,
  },
  {
    pattern: "/:city/problems/:problemId",
    label: "problem a resident supports",
    url: `/${demoCity}/problems/{problemId}`,
    as: "dana",
    heading: { text: demoProblemTitles.accepted },
    dataText: demoProblemText,
  },
  {
    pattern: "/:city/problems/:problemId",
    label: "problem, signed out",
    url: `/${demoCity}/problems/{newProblemId}`,
    as: "anonymous",
    heading: { text: demoProblemTitles.new },
    dataText: demoProblemText,
  },
  {
    pattern: "/:city/problems/:problemId",
    label: "unknown problem",
    url: `/${demoCity}/problems/01900000-0000-7000-8000-000000000000`,
    as: "anonymous",
    heading: { key: "notFound.title" },
    expectedConsoleErrors: ["404 (Not Found)"],
  },

  // Bounties and auctions.
  {
    pattern: "/:city/bounties",
    label: "bounties and auctions",
    url: `/${demoCity}/bounties`,
    as: "anonymous",
    heading: { key: "bounties.list.title" },
    dataText: demoBountyText,
  },
  {
    pattern: "/:city/bounties",
    label: "auctions that were awarded",
    url: `/${demoCity}/bounties?kind=multi&status=awarded`,
    as: "vendor",
    heading: { key: "bounties.list.title" },
    dataText: demoBountyText,
  },
  {
    pattern: "/:city/bounties/:bountyId",
    label: "open multi-bid auction",
    url: `/${demoCity}/bounties/{openAuctionId}`,
    as: "anonymous",
    heading: { text: demoBountyTitles.multi },
    dataText: demoBountyText,
  },
  {
    pattern: "/:city/bounties/:bountyId",
    label: "open multi-bid auction with the bid form",
    url: `/${demoCity}/bounties/{openAuctionId}`,
    as: "vendor2",
    heading: { text: demoBountyTitles.multi },
    dataText: demoBountyText,
  },
  {
    pattern: "/:city/bounties/:bountyId",
    label: "open sealed-bid auction with the vendor's own bid",
    url: `/${demoCity}/bounties/{sealedAuctionId}`,
    as: "vendor2",
    heading: { text: demoBountyTitles.sealed },
    dataText: demoBountyText,
  },
  {
    pattern: "/:city/bounties/:bountyId",
    label: "closed auction with every bid",
    url: `/${demoCity}/bounties/{paidAuctionId}`,
    as: "anonymous",
    heading: { text: demoBountyTitles.paid },
    dataText: demoBountyText,
  },
  {
    pattern: "/:city/bounties/:bountyId",
    label: "fixed-price bounty",
    url: `/${demoCity}/bounties/{fixedBountyId}`,
    as: "dana",
    heading: { text: demoBountyTitles.fixed },
    dataText: demoBountyText,
  },
  {
    pattern: "/:city/bounties/:bountyId",
    label: "unknown bounty",
    url: `/${demoCity}/bounties/01900000-0000-7000-8000-000000000000`,
    as: "anonymous",
    heading: { key: "notFound.title" },
    expectedConsoleErrors: ["404 (Not Found)"],
  },
  {
    pattern: "/:city/my-work",
    label: "a vendor's work",
    url: `/${demoCity}/my-work`,
    as: "vendor",
    heading: { key: "bounties.myWork.title" },
    dataText: demoBountyText,
  },
  { pattern: "/:city/my-work", label: "my work, not a vendor", url: `/${demoCity}/my-work`, as: "dana", heading: { key: "bounties.myWork.title" } },

  // Public bounty insights: the demo city's figures, a period with nothing in it, and a period that ends before it starts.
  {
    pattern: "/:city/insights",
    label: "bounty insights",
    url: `/${demoCity}/insights`,
    as: "anonymous",
    heading: { key: "insights.title" },
    dataText: demoBountyText,
  },
  {
    pattern: "/:city/insights",
    label: "bounty insights, a period with no auctions",
    url: `/${demoCity}/insights?from=2001-01-01&to=2001-12-31`,
    as: "dana",
    heading: { key: "insights.title" },
  },
  {
    pattern: "/:city/insights",
    label: "bounty insights, a period backwards",
    url: `/${demoCity}/insights?from=2001-12-31&to=2001-01-01`,
    as: "anonymous",
    heading: { key: "insights.title" },
    expectedConsoleErrors: ["400 (Bad Request)"],
  },

  // Bounty administration.
  {
    pattern: "/:city/admin/bounties",
    label: "bounties and the review queue, DSO staff",
    url: `/${demoCity}/admin/bounties`,
    as: "dso",
    heading: { key: "bountyAdmin.title" },
    dataText: bountyAdminDataText,
  },
  {
    pattern: "/:city/admin/bounties",
    label: "bounties, drafts only, city admin",
    url: `/${demoCity}/admin/bounties?status=draft`,
    as: "admin",
    heading: { key: "bountyAdmin.title" },
    dataText: bountyAdminDataText,
  },
  {
    pattern: "/:city/admin/bounties",
    label: "bounties, agency staff",
    url: `/${demoCity}/admin/bounties`,
    as: "parks",
    heading: { key: "access.deniedTitle" },
  },
  {
    pattern: "/:city/admin/bounties/new",
    label: "new bounty for the accepted problem",
    url: `/${demoCity}/admin/bounties/new?problemId={problemId}`,
    as: "dso",
    heading: { key: "bountyAdmin.editor.title" },
    dataText: bountyAdminDataText,
  },
  {
    pattern: "/:city/admin/bounties/new",
    label: "new bounty, choosing the problem",
    url: `/${demoCity}/admin/bounties/new`,
    as: "dso",
    heading: { key: "bountyAdmin.editor.title" },
    dataText: bountyAdminDataText,
  },
  {
    pattern: "/:city/admin/bounties/:bountyId",
    label: "draft bounty with the fund's balance",
    url: `/${demoCity}/admin/bounties/{adminDraftBountyId}`,
    as: "dso",
    heading: { text: sampleBountyText.draft },
    dataText: bountyAdminDataText,
  },
  {
    pattern: "/:city/admin/bounties/:bountyId",
    label: "delivered bounty with the review form",
    url: `/${demoCity}/admin/bounties/{adminReviewBountyId}`,
    as: "dso",
    heading: { text: sampleBountyText.review },
    dataText: bountyAdminDataText,
  },
  {
    pattern: "/:city/admin/bounties/:bountyId",
    label: "rejected delivery: award to another vendor, run again or cancel",
    url: `/${demoCity}/admin/bounties/{adminRejectedBountyId}`,
    as: "dso",
    heading: { text: sampleBountyText.rejected },
    dataText: bountyAdminDataText,
  },
  {
    pattern: "/:city/admin/bounties/:bountyId",
    label: "open auction with its live bids",
    url: `/${demoCity}/admin/bounties/{openAuctionId}`,
    as: "dso",
    heading: { text: demoBountyTitles.multi },
    dataText: bountyAdminDataText,
  },
  {
    pattern: "/:city/admin/bounties/:bountyId",
    label: "paid auction with its bids and delivery, city admin",
    url: `/${demoCity}/admin/bounties/{paidAuctionId}`,
    as: "admin",
    heading: { text: demoBountyTitles.paid },
    dataText: bountyAdminDataText,
  },
  {
    pattern: "/:city/admin/bounties/:bountyId",
    label: "unknown bounty",
    url: `/${demoCity}/admin/bounties/01900000-0000-7000-8000-000000000000`,
    as: "dso",
    heading: { key: "bountyAdmin.manage.notFound" },
    expectedConsoleErrors: ["404 (Not Found)"],
  },

  // Vendors, the bounty fund and the public spend.
  {
    pattern: "/:city/vendor",
    label: "vendor registration, verified",
    url: `/${demoCity}/vendor`,
    as: "vendor",
    heading: { key: "vendors.own.title" },
    dataText: ["Riley Chen Software LLC", "AP-SUPPLIER-20418"],
  },
  {
    pattern: "/:city/vendor",
    label: "vendor registration form",
    url: `/${demoCity}/vendor`,
    as: "dana",
    heading: { key: "vendors.own.title" },
    // Not registered yet: the API's answer is a 404.
    expectedConsoleErrors: ["404 (Not Found)"],
  },
  {
    pattern: "/:city/vendor",
    label: "vendor registration, city staff",
    url: `/${demoCity}/vendor`,
    as: "admin",
    heading: { key: "vendors.own.title" },
    expectedConsoleErrors: ["404 (Not Found)"],
  },
  { pattern: "/:city/vendor", label: "vendor registration, signed out", url: `/${demoCity}/vendor`, as: "anonymous", heading: { key: "access.signInTitle" } },
  {
    pattern: "/:city/admin/vendors",
    label: "vendor review queue, DSO staff",
    url: `/${demoCity}/admin/vendors`,
    as: "dso",
    heading: { key: "vendors.review.title" },
    dataText: [...demoBountyText, "AP-SUPPLIER-20418"],
  },
  {
    pattern: "/:city/admin/vendors",
    label: "vendors waiting for verification, city admin",
    url: `/${demoCity}/admin/vendors?status=pending`,
    as: "admin",
    heading: { key: "vendors.review.title" },
  },
  {
    pattern: "/:city/admin/vendors",
    label: "vendor review queue, volunteer",
    url: `/${demoCity}/admin/vendors`,
    as: "dana",
    heading: { key: "access.deniedTitle" },
  },
  {
    pattern: "/:city/admin/fund",
    label: "bounty fund and ledger, city admin",
    url: `/${demoCity}/admin/fund`,
    as: "admin",
    heading: { key: "fund.title" },
    dataText: [...demoLedgerText, ...demoBountyText, ...bountyAdminDataText],
  },
  {
    pattern: "/:city/admin/fund",
    label: "bounty fund and ledger, DSO staff",
    url: `/${demoCity}/admin/fund`,
    as: "dso",
    heading: { key: "fund.title" },
    dataText: [...demoLedgerText, ...demoBountyText, ...bountyAdminDataText],
  },
  { pattern: "/:city/admin/fund", label: "bounty fund, agency staff", url: `/${demoCity}/admin/fund`, as: "parks", heading: { key: "access.deniedTitle" } },
  { pattern: "/:city/spend", label: "public spend", url: `/${demoCity}/spend`, as: "anonymous", heading: { key: "spend.title" }, dataText: demoBountyText },
  {
    pattern: "/:city/spend",
    label: "public spend, signed in",
    url: `/${demoCity}/spend`,
    as: "dana",
    heading: { key: "spend.title" },
    dataText: demoBountyText,
  },

  {
    pattern: "/:city/admin/bounty-settings",
    label: "bounty settings",
    url: `/${demoCity}/admin/bounty-settings`,
    as: "admin",
    heading: { key: "bountySettings.title" },
  },
  {
    pattern: "/:city/admin/bounty-settings",
    label: "bounty settings, not the city admin",
    url: `/${demoCity}/admin/bounty-settings`,
    as: "dso",
    heading: { key: "access.deniedTitle" },
  },

  // Documented processes: the public list, one published process, and the city's rate table.
  {
    pattern: "/:city/processes",
    label: "published processes",
    url: `/${demoCity}/processes`,
    as: "anonymous",
    heading: { key: "processes.public.title" },
    dataText: demoProcessText,
  },
  {
    pattern: "/:city/processes",
    label: "published processes, searched, DSO staff",
    url: `/${demoCity}/processes?q=picnic`,
    as: "dso",
    heading: { key: "processes.public.title" },
    dataText: demoProcessText,
  },
  {
    pattern: "/:city/processes",
    label: "published processes, nothing matches",
    url: `/${demoCity}/processes?q=no-such-process`,
    as: "anonymous",
    heading: { key: "processes.public.title" },
  },
  {
    pattern: "/:city/processes/:processId",
    label: "published process with its as-is and to-be",
    url: `/${demoCity}/processes/{processId}`,
    as: "anonymous",
    heading: { text: demoProcessName },
    dataText: demoProcessText,
  },
  {
    pattern: "/:city/processes/:processId",
    label: "published process, agency staff",
    url: `/${demoCity}/processes/{processId}`,
    as: "parks",
    heading: { text: demoProcessName },
    dataText: demoProcessText,
  },
  {
    pattern: "/:city/processes/:processId",
    label: "unknown process",
    url: `/${demoCity}/processes/01900000-0000-7000-8000-000000000000`,
    as: "anonymous",
    heading: { key: "processes.public.notFoundTitle" },
    expectedConsoleErrors: ["404 (Not Found)"],
  },
  {
    pattern: "/:city/admin/process-rates",
    label: "rate table, DSO staff",
    url: `/${demoCity}/admin/process-rates`,
    as: "dso",
    heading: { key: "processes.rates.title" },
    dataText: demoProcessText,
  },
  {
    pattern: "/:city/admin/process-rates",
    label: "rate table, read only for agency staff",
    url: `/${demoCity}/admin/process-rates`,
    as: "parks",
    heading: { key: "processes.rates.title" },
    dataText: demoProcessText,
  },
  {
    pattern: "/:city/admin/process-rates",
    label: "rate table, volunteer",
    url: `/${demoCity}/admin/process-rates`,
    as: "dana",
    heading: { key: "access.deniedTitle" },
  },

  // Process documentation for staff: the list, a new process or an import, and the editor with its revisions.
  {
    pattern: "/:city/admin/processes",
    label: "documented processes, DSO staff",
    url: `/${demoCity}/admin/processes`,
    as: "dso",
    heading: { key: "processes.list.title" },
    dataText: demoProcessStaffText,
  },
  {
    pattern: "/:city/admin/processes",
    label: "documented processes of one agency, city admin",
    url: `/${demoCity}/admin/processes?agencyId={agencyId}`,
    as: "admin",
    heading: { key: "processes.list.title" },
    dataText: demoProcessStaffText,
  },
  {
    pattern: "/:city/admin/processes",
    label: "documented processes, nothing matches, agency staff",
    url: `/${demoCity}/admin/processes?q=no-such-process`,
    as: "parks",
    heading: { key: "processes.list.title" },
  },
  {
    pattern: "/:city/admin/processes",
    label: "documented processes, volunteer",
    url: `/${demoCity}/admin/processes`,
    as: "dana",
    heading: { key: "access.deniedTitle" },
  },
  {
    pattern: "/:city/admin/processes/new",
    label: "new process and import, DSO staff",
    url: `/${demoCity}/admin/processes/new`,
    as: "dso",
    heading: { key: "processes.editor.newTitle" },
    dataText: demoProcessStaffText,
  },
  {
    pattern: "/:city/admin/processes/new",
    label: "new process for the one agency of its staff",
    url: `/${demoCity}/admin/processes/new`,
    as: "parks",
    heading: { key: "processes.editor.newTitle" },
    dataText: demoProcessStaffText,
  },
  {
    pattern: "/:city/admin/processes/:processId",
    label: "process editor with revisions and the as-is/to-be comparison",
    url: `/${demoCity}/admin/processes/{processId}`,
    as: "dso",
    heading: { text: demoProcessName },
    dataText: demoProcessStaffText,
  },
  {
    pattern: "/:city/admin/processes/:processId",
    label: "process editor, agency staff",
    url: `/${demoCity}/admin/processes/{processId}`,
    as: "parks",
    heading: { text: demoProcessName },
    dataText: demoProcessStaffText,
  },
  {
    pattern: "/:city/admin/processes/:processId",
    label: "unknown process, staff",
    url: `/${demoCity}/admin/processes/01900000-0000-7000-8000-000000000000`,
    as: "dso",
    heading: { key: "processes.editor.notFound" },
    expectedConsoleErrors: ["404 (Not Found)"],
  },

  // The solutions catalog and federation (e2e/catalog-samples.ts).
  ...catalogPageSamples(demoCity, [...demoProblemText, ...demoBountyText, ...demoProcessText]),

  // Impact and transparency, the open data, and the staff's impact page (e2e/impact-samples.ts).
  ...impactPageSamples(demoCity, [...demoProblemText, ...demoBountyText, ...demoProcessText]),

  // Civic-tech groups, their projects and applications, and the DSO's overview (e2e/group-samples.ts).
  ...groupPageSamples(demoCity, [...demoProblemText, ...demoBountyText]),

  { pattern: "*", label: "unknown address", url: `/${demoCity}/no-such-page/at-all`, as: "anonymous", heading: { key: "notFound.title" } },
];

/** The `{name}` parameters a sample address needs. */
export function parametersOf(url: string): UrlParameter[] {
  return [...url.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as UrlParameter);
}
