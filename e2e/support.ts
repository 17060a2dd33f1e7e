import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type BrowserContext, expect, type Locator, type Page, request } from "@playwright/test";
import en from "../src/web/i18n/en.json" with { type: "json" };
import es from "../src/web/i18n/es.json" with { type: "json" };
import { type DemoAccount, demoAccounts, demoCity, demoPassword, demoProblemTitles, demoProcessName, type UrlParameter } from "./pages.ts";

/** Helpers shared by the browser tests. */

export const messages = { en, es } as const;
export type Language = keyof typeof messages;

/** A string from the web app's language files, with {{placeholders}} filled in. */
export function text(language: Language, key: string, values: Record<string, string> = {}): string {
  let node: unknown = messages[language];
  for (const part of key.split(".")) {
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== "string") throw new Error(`No string ${key} in ${language}.json`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}

interface Leaf {
  key: string;
  value: string;
}

function leaves(node: unknown, prefix = ""): Leaf[] {
  if (typeof node === "string") return [{ key: prefix, value: node }];
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

const leavesOf = { en: leaves(messages.en), es: leaves(messages.es) };

/**
 * A pattern that finds a language file's string as whole words in text, any {{placeholder}} standing
 * for some words; null for strings that are mostly placeholder ("{{count}} agency"), which would also
 * match data such as "agency_staff".
 */
function patternOf(value: string): RegExp | null {
  const parts = value.split(/\{\{\w+\}\}/);
  if (parts.length > 1 && Math.max(...parts.map((part) => part.trim().length)) < 10) return null;
  const body = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^\\n]+?");
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, "u");
}

/**
 * Fragments that other strings nest by a computed key, `$t(errors.problems.states.{{status}})`: single
 * words such as "new" that are never shown alone, and that data on a page (an English title) may hold.
 */
const fragmentPrefixes = new Set(
  [...leavesOf.en, ...leavesOf.es].flatMap((leaf) => [...leaf.value.matchAll(/\$t\(([\w.]+)\.\{\{\w+\}\}\)/g)].map((match) => `${match[1]}.`)),
);

/** Mail is written in its recipient's language and the outbox shows it as it was sent. */
const notPageText = (key: string) => key.startsWith("mail.") || [...fragmentPrefixes].some((prefix) => key.startsWith(prefix));

/**
 * Every string of `language`'s file that the other language says differently and that appears in
 * `body`: after switching, this must be empty. Also the keys themselves, which i18next shows when a
 * translation is missing.
 */
/**
 * Phrases of the demo city's own records (written in English, as Springfield writes them) that hold a
 * word the interface also uses alone: "Library" is a software type, "Follow" a button. They are data,
 * shown as written in either language.
 */
const demoDataPhrases = [
  "Public Library",
  "Lincoln Library",
  "Southeast Branch Library",
  "Library card",
  "Follow the link",
  "Department of Health",
  "Police Department",
];

export function stringsOfIn(language: Language, pageText: string): string[] {
  const body = demoDataPhrases.reduce((text, phrase) => text.replaceAll(phrase, ""), pageText);
  const other: Language = language === "en" ? "es" : "en";
  const otherValues = new Map(leavesOf[other].map((leaf) => [leaf.key, leaf.value]));
  const found = leavesOf[language]
    .filter((leaf) => !notPageText(leaf.key) && otherValues.get(leaf.key) !== leaf.value && patternOf(leaf.value)?.test(body))
    .map((leaf) => `${leaf.key}: ${leaf.value}`);
  // Whole keys only: the audit log shows actions such as "invitation.accepted".
  const keys = leavesOf.en
    .filter((leaf) => new RegExp(`(?<![\\w.])${leaf.key.replaceAll(".", "\\.")}(?![\\w.])`).test(body))
    .map((leaf) => `untranslated key ${leaf.key}`);
  return [...found, ...keys];
}

/** The text a reader sees: innerText leaves out what CSS hides, which textContent would include. */
export async function bodyText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
  return page.evaluate(() => document.body.innerText);
}

/**
 * The page's visible text without what it shows as recorded data rather than its own words: elements
 * marked translate="no" (a message as it was sent, the values in an audit entry), which keep the
 * language they were written in whatever the reader's, and elements marked as written in another
 * language than the page's (lang="en" on documentation the server keeps in English).
 */
export async function interfaceText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
    let text = document.body.innerText;
    const pageLanguage = document.documentElement.lang;
    const marked = [...document.querySelectorAll<HTMLElement>("body [translate='no'], body [lang]")].filter(
      (element) => element.translate === false || element.lang !== pageLanguage,
    );
    for (const element of marked) {
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
      const data = element.innerText.trim();
      if (data) text = text.replace(data, "");
    }
    return text;
  });
}

/** An address nobody has used before, so tests can run more than once against the same database. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** API calls made with a cookie session must say where they come from. */
export function originOf(baseURL: string): Record<string, string> {
  return { origin: new URL(baseURL).origin };
}

/** Signs a demo account in through the API; the session cookie lands in `api`'s cookie jar (a context's `request` shares it with its pages). */
export async function signInThroughApi(api: APIRequestContext, baseURL: string, account: DemoAccount): Promise<void> {
  const response = await api.post("/api/auth/sign-in/email", {
    data: { email: demoAccounts[account], password: demoPassword },
    headers: originOf(baseURL),
  });
  expect(response.status(), `signing in ${account}: ${await response.text()}`).toBe(200);
}

export async function signInContext(context: BrowserContext, baseURL: string, account: DemoAccount): Promise<void> {
  await signInThroughApi(context.request, baseURL, account);
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails after `limit` presses. */
export async function tabTo(page: Page, target: Locator, { backwards = false, limit = 40 } = {}): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Tab never reached ${target} after ${limit} presses`);
}

/** The link of the newest outbox message to `recipient` whose subject is `subject`, read in the outbox page as a city admin. */
export async function linkFromOutbox(adminPage: Page, recipient: string, subject: string, linkPattern: RegExp): Promise<string> {
  await adminPage.goto(`/${demoCity}/admin/outbox`);
  await expect(adminPage.getByRole("heading", { level: 1, name: text("en", "outbox.title") })).toBeVisible();
  await adminPage.getByLabel(text("en", "outbox.filterLabel")).fill(recipient);
  await adminPage.getByRole("button", { name: text("en", "common.filter") }).click();
  const message = adminPage
    .getByRole("listitem")
    .filter({ has: adminPage.locator("summary", { hasText: subject }) })
    .filter({ hasText: text("en", "outbox.to", { recipient }) })
    .first();
  await expect(message).toBeVisible();
  await message.locator("summary").click();
  const link = message.getByRole("link", { name: linkPattern });
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  if (!href) throw new Error(`The message to ${recipient} has no link`);
  return href;
}

/** Sign in with the password form of the sign-in page, as a person would. */
export async function signInThroughPage(page: Page, account: DemoAccount): Promise<void> {
  await page.goto(`/${demoCity}/sign-in`);
  const form = page.getByRole("region", { name: text("en", "signIn.passwordHeading") });
  await form.getByLabel(text("en", "fields.email")).fill(demoAccounts[account]);
  await form.getByLabel(text("en", "fields.password")).fill(demoPassword);
  await form.getByRole("button", { name: text("en", "signIn.submit") }).click();
  await expect(page.getByRole("link", { name: text("en", "nav.account") })).toBeVisible();
}

/**
 * Looks up the values sample addresses need. Cached per worker: the invitation is created once, by
 * the admin through the API, and its token read from the outbox through the API.
 */
const parameterCache = new Map<UrlParameter, Promise<string>>();

export function parameterValue(name: UrlParameter, baseURL: string): Promise<string> {
  let value = parameterCache.get(name);
  if (!value) {
    value = lookUp(name, baseURL);
    parameterCache.set(name, value);
    // A failed look-up is tried again by the next test rather than failing it too.
    value.catch(() => parameterCache.delete(name));
  }
  return value;
}

async function lookUp(name: UrlParameter, baseURL: string): Promise<string> {
  const api = await request.newContext({ baseURL });
  try {
    if (name === "agencyId") return await parksAgencyId(api);
    if (name === "opportunityId" || name === "shiftId" || name === "checkInShiftId" || name === "checkInToken") {
      const { opportunitySampleValue } = await import("./opportunity-samples.ts");
      return await opportunitySampleValue(name, baseURL);
    }
    if (name === "problemId" || name === "newProblemId") return await demoProblemId(api, name === "problemId" ? "accepted" : "new");
    if (name === "processId") return await demoProcessId(api);
    if (name === "adminDraftBountyId" || name === "adminReviewBountyId" || name === "adminRejectedBountyId") {
      const { bountyAdminSampleValue } = await import("./bounty-admin-samples.ts");
      return await bountyAdminSampleValue(name, baseURL);
    }
    if (name === "openAuctionId" || name === "sealedAuctionId" || name === "paidAuctionId" || name === "fixedBountyId") {
      const { bountySampleValue } = await import("./bounty-samples.ts");
      return await bountySampleValue(name, baseURL);
    }
    if (name === "projectId") {
      const { groupSampleValue } = await import("./group-samples.ts");
      return await groupSampleValue(name, baseURL, demoCity);
    }
    if (name === "catalogEntryId") {
      const { catalogSampleValue } = await import("./catalog-samples.ts");
      return await catalogSampleValue(name, baseURL, demoCity);
    }
    if (name === "campaignId" || name === "draftCampaignId" || name === "unsubscribeToken") {
      const { campaignSampleValue } = await import("./campaign-samples.ts");
      return await campaignSampleValue(name, baseURL);
    }
    await signInThroughApi(api, baseURL, "admin");
    if (name === "volunteerId") return await volunteerIdOf(api, demoAccounts.dana);
    const email = uniqueEmail("sample-invitee");
    const invited = await api.post(`/api/v1/cities/${demoCity}/invitations`, {
      data: { email, role: "agency_staff", agencyId: await parksAgencyId(api) },
      headers: originOf(baseURL),
    });
    expect(invited.status(), await invited.text()).toBe(201);
    const outbox = await api.get(`/api/v1/cities/${demoCity}/outbox?recipient=${encodeURIComponent(email)}&kind=invitation`);
    expect(outbox.status()).toBe(200);
    const { messages: mail } = (await outbox.json()) as { messages: { textBody: string }[] };
    const token = mail[0]?.textBody.match(new RegExp(`/${demoCity}/invitations/([A-Za-z0-9_-]+)`))?.[1];
    if (!token) throw new Error(`No invitation link in the outbox for ${email}`);
    return token;
  } finally {
    await api.dispose();
  }
}

/** The volunteer profile id of a person, looked up by email by a signed-in city admin. */
async function volunteerIdOf(api: APIRequestContext, email: string): Promise<string> {
  const response = await api.get(`/api/v1/cities/${demoCity}/volunteers?q=${encodeURIComponent(email)}`);
  expect(response.status()).toBe(200);
  const { volunteers } = (await response.json()) as { volunteers: { id: string; email: string }[] };
  const found = volunteers.find((volunteer) => volunteer.email === email);
  if (!found) throw new Error(`${email} has no volunteer profile in the demo city`);
  return found.id;
}

/** The id of the demo city's problem of that status (demoProblemTitles), from the public board. */
async function demoProblemId(api: APIRequestContext, status: keyof typeof demoProblemTitles): Promise<string> {
  const response = await api.get(`/api/v1/cities/${demoCity}/problems?status=${status}&pageSize=100`);
  expect(response.status()).toBe(200);
  const { problems } = (await response.json()) as { problems: { id: string; title: string }[] };
  const found = problems.find((problem) => problem.title === demoProblemTitles[status]);
  if (!found) throw new Error(`The demo city has no problem "${demoProblemTitles[status]}"`);
  return found.id;
}

/** The id of the demo city's published process (demoProcessName), from the public list. */
async function demoProcessId(api: APIRequestContext): Promise<string> {
  const response = await api.get(`/api/v1/cities/${demoCity}/processes`);
  expect(response.status()).toBe(200);
  const { processes } = (await response.json()) as { processes: { id: string; name: string }[] };
  const found = processes.find((item) => item.name === demoProcessName);
  if (!found) throw new Error(`The demo city has no published process "${demoProcessName}"`);
  return found.id;
}

async function parksAgencyId(api: APIRequestContext): Promise<string> {
  const response = await api.get(`/api/v1/cities/${demoCity}/agencies`);
  expect(response.status()).toBe(200);
  const { agencies } = (await response.json()) as { agencies: { id: string; slug: string }[] };
  const parks = agencies.find((agency) => agency.slug === "parks");
  if (!parks) throw new Error("The demo city has no Parks agency");
  return parks.id;
}

/** The WCAG levels the browser tests hold every page to. */
export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * What axe finds against WCAG 2.1 A/AA on the page as it stands, one violation a paragraph with the
 * elements it names; empty when it finds nothing. The page's context must come from
 * browser.newContext(), as @axe-core/playwright requires.
 */
export async function axeViolations(page: Page): Promise<string> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.helpUrl}\n${violation.nodes
          .map((node) => `  - ${node.target.join(" ")}\n    ${node.failureSummary?.replace(/\n/g, "\n    ")}`)
          .join("\n")}`,
    )
    .join("\n");
}
