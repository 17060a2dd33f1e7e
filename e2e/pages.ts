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
export type Visitor = "anonymous" | DemoAccount;

/**
 * Values a sample address needs that only exist once the demo city runs, written in `url` as
 * `{name}`. The tests look them up before the visit:
 * - agencyId: the id of Parks and Recreation, from GET /api/v1/cities/springfield/agencies;
 * - invitationToken: from a pending invitation the admin sends through the API, read from the outbox.
 */
export const urlParameters = ["agencyId", "invitationToken"] as const;
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
  // Opportunities and shifts.

  { pattern: "*", label: "unknown address", url: `/${demoCity}/no-such-page/at-all`, as: "anonymous", heading: { key: "notFound.title" } },
];

/** The `{name}` parameters a sample address needs. */
export function parametersOf(url: string): UrlParameter[] {
  return [...url.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as UrlParameter);
}
