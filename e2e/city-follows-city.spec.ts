import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { type APIRequestContext, type BrowserContext, expect, type Locator, type Page, request, test } from "@playwright/test";
import { parseDocument } from "yaml";
import { demoCatalogEntryName } from "./catalog-samples.ts";
import { demoCity } from "./pages.ts";
import { axeViolations, originOf, signInContext, signInThroughApi, text, watchForErrors } from "./support.ts";

/**
 * Two Civitas deployments, each with its own Springfield: the demo city here follows the other one
 * from its federation page, finds the other city's shelter booking in its catalog, forks it, sees
 * the other city release a new version and takes the change. Then it stops following: the other
 * city's entry leaves the catalog, the fork stays until staff delete it.
 *
 * The other deployment is a second server started by this file, on its own port and database.
 */

const mainPort = Number(process.env.E2E_PORT ?? 3200);
const otherPort = mainPort + 47;
const otherBase = `http://localhost:${otherPort}`;
const otherActor = `${otherBase}/ap/cities/${demoCity}`;
/** How the followed city's account is shown: its preferred user name at its host. */
const otherHandle = `${demoCity}@localhost:${otherPort}`;
/** Both deployments' demo cities are called this. */
const cityName = "Springfield";
const root = path.resolve(import.meta.dirname, "..");

/** A language file's string without the marks that set off a city's name ("From <city>{{city}}</city>"). */
function plain(key: string, values: Record<string, string> = {}): string {
  return text("en", key, values).replace(/<\/?city>/g, "");
}

function escaped(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The value of a fact in a details list, found by its label. */
function fact(scope: Page | Locator, label: string): Locator {
  return scope.locator("dt", { hasText: new RegExp(`^${escaped(label)}$`) }).locator("xpath=following-sibling::dd[1]");
}

let other: ChildProcess | null = null;
let otherOutput = "";

async function otherIsReady(): Promise<boolean> {
  try {
    return (await fetch(`${otherBase}/api/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

test.beforeAll(async () => {
  test.setTimeout(150_000);
  if (await otherIsReady()) throw new Error(`Something already answers at ${otherBase}; the other deployment needs that port`);
  other = spawn(process.execPath, ["e2e/start-server.ts"], {
    cwd: root,
    env: { ...process.env, E2E_PORT: String(otherPort) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    otherOutput = (otherOutput + chunk.toString("utf8")).slice(-20_000);
  };
  other.stdout?.on("data", keep);
  other.stderr?.on("data", keep);
  const started = other;
  const until = Date.now() + 90_000;
  while (!(await otherIsReady())) {
    if (started.exitCode !== null || started.signalCode !== null) {
      throw new Error(`The other deployment stopped (${started.exitCode ?? started.signalCode}) before it was ready:\n${otherOutput}`);
    }
    if (Date.now() > until) throw new Error(`The other deployment was not ready at ${otherBase} within 90 s:\n${otherOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

test.afterAll(async ({ baseURL }) => {
  test.setTimeout(60_000);
  // Whatever happened above, the server the other tests share is left as it was found.
  if (baseURL) await leaveMainAsFound(baseURL);
  const started = other;
  if (!started || started.exitCode !== null || started.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => started.once("exit", () => resolve()));
  started.kill("SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000))]);
  if (!stopped) {
    started.kill("SIGKILL");
    await exited;
  }
});

/** Stops following the other deployment and deletes this city's forks of the shelter booking, if a failed run left them. */
async function leaveMainAsFound(baseURL: string): Promise<void> {
  const api = await request.newContext({ baseURL });
  try {
    await signInThroughApi(api, baseURL, "dso");
    const overview = await api.get(`/api/v1/cities/${demoCity}/federation`);
    const { following } = (await overview.json()) as { following: { id: string; actorUrl: string }[] };
    for (const row of following.filter((each) => each.actorUrl === otherActor)) {
      await api.delete(`/api/v1/cities/${demoCity}/federation/following/${row.id}`, { headers: originOf(baseURL) });
    }
    const list = await api.get(`/api/v1/cities/${demoCity}/catalog?${new URLSearchParams({ q: demoCatalogEntryName, kind: "software" })}`);
    const { items } = (await list.json()) as { items: { id: string; name: string; source: string }[] };
    for (const fork of items.filter((item) => item.source === "fork" && item.name === demoCatalogEntryName)) {
      await api.delete(`/api/v1/cities/${demoCity}/catalog/${fork.id}`, { headers: originOf(baseURL) });
    }
  } finally {
    await api.dispose();
  }
}

/** The other deployment's demo entry, changed through its API as its own staff would: a new software version. */
async function releaseAtTheOtherCity(api: APIRequestContext, version: string): Promise<void> {
  const catalog = `/api/v1/cities/${demoCity}/catalog`;
  const list = await api.get(`${catalog}?${new URLSearchParams({ q: demoCatalogEntryName, kind: "software" })}`);
  expect(list.status(), await list.text()).toBe(200);
  const { items } = (await list.json()) as { items: { id: string; name: string; source: string }[] };
  const entry = items.find((item) => item.name === demoCatalogEntryName && item.source === "local");
  if (!entry) throw new Error(`The other deployment has no entry "${demoCatalogEntryName}"`);

  const current = await api.get(`${catalog}/${entry.id}`);
  expect(current.status(), await current.text()).toBe(200);
  const view = (await current.json()) as {
    agencies: { id: string }[];
    problems: { id: string }[];
    bounties: { id: string }[];
    reuseSavings: { amountMinor: number };
  };
  const file = await api.get(`${catalog}/${entry.id}/publiccode.yml`);
  expect(file.status(), await file.text()).toBe(200);
  const document = parseDocument(await file.text());
  expect(document.get("softwareVersion")).not.toBe(version);
  document.set("softwareVersion", version);

  const saved = await api.put(`${catalog}/${entry.id}`, {
    data: {
      publiccode: document.toString(),
      agencyIds: view.agencies.map((agency) => agency.id),
      problemIds: view.problems.map((problem) => problem.id),
      bountyIds: view.bounties.map((bounty) => bounty.id),
      reuseSavingsMinor: view.reuseSavings.amountMinor,
    },
    headers: originOf(otherBase),
  });
  expect(saved.status(), await saved.text()).toBe(200);
  expect(((await saved.json()) as { publiccode: { softwareVersion?: unknown } }).publiccode.softwareVersion).toBe(version);
}

test("the demo city follows another deployment's Springfield, forks its shelter booking and takes its new version", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  test.setTimeout(180_000);
  // A context of its own (as @axe-core/playwright requires), signed in as the demo city's Digital Service.
  const context: BrowserContext = await browser.newContext({ baseURL });
  const otherApi = await request.newContext({ baseURL: otherBase });
  try {
    await signInContext(context, baseURL, "dso");
    const page = await context.newPage();
    const errors = watchForErrors(page);

    // The federation page: follow the other Springfield by its actor address.
    await page.goto(`/${demoCity}/admin/federation`);
    await expect(page.getByRole("heading", { level: 1, name: text("en", "federation.title") })).toBeVisible();
    await page.getByRole("textbox", { name: text("en", "federation.follow.account"), exact: true }).fill(otherActor);
    await page.getByRole("button", { name: text("en", "federation.follow.submit"), exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: text("en", "federation.follow.requested", { name: cityName }) })).toBeVisible();
    const followed = page
      .getByRole("table", { name: text("en", "federation.following.caption") })
      .getByRole("row")
      .filter({ hasText: otherHandle });
    await expect(followed).toHaveCount(1);
    await expect(followed.getByRole("rowheader")).toContainText(cityName);
    await expect(page.getByRole("textbox", { name: text("en", "federation.follow.account"), exact: true })).toHaveValue("");

    // The other city answers on its own time: reload until the request reads accepted.
    await expect(async () => {
      await page.reload();
      await expect(followed.getByText(text("en", "federation.status.accepted"), { exact: true })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    expect(await axeViolations(page), "axe: the federation page with a city followed").toBe("");

    // The catalog, narrowed to the other city: its shelter booking, with where it comes from.
    await page.goto(`/${demoCity}/catalog`);
    await expect(page.getByRole("heading", { level: 1, name: text("en", "catalog.list.title") })).toBeVisible();
    const cards = page.locator(".civitas-catalog-list > li");
    const fromOther = cards.filter({ has: page.getByRole("heading", { level: 2, name: demoCatalogEntryName }) });
    await expect(async () => {
      await page.reload();
      await page.getByRole("combobox", { name: text("en", "catalog.list.city"), exact: true }).selectOption({ label: cityName }, { timeout: 2_000 });
      await page.getByRole("button", { name: text("en", "catalog.list.search"), exact: true }).click({ timeout: 2_000 });
      await expect(page).toHaveURL(new RegExp(`[?&]city=${escaped(encodeURIComponent(otherActor))}`), { timeout: 2_000 });
      await expect(fromOther).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(fromOther).toContainText(plain("catalog.provenance.from", { city: cityName }));
    // The filter leaves out this city's own entry of the same name.
    await expect(cards.filter({ hasText: text("en", "catalog.provenance.thisCity") })).toHaveCount(0);
    expect(await axeViolations(page), "axe: the catalog narrowed to the other city").toBe("");

    // Its page: where it comes from, read-only, and what its publiccode.yml says.
    await fromOther.getByRole("link", { name: demoCatalogEntryName }).click();
    await expect(page).toHaveURL(new RegExp(`/${demoCity}/catalog/from/[0-9a-f-]{36}$`));
    const remotePath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: demoCatalogEntryName })).toBeVisible();
    await expect(page.locator(".civitas-catalog-origin")).toContainText(plain("catalog.remote.fromUpdated", { city: cityName, when: "" }).trim());
    await expect(page.locator(".civitas-catalog-origin")).toContainText(text("en", "catalog.remote.readOnly", { when: "" }).split(";")[0] ?? "");
    await expect(fact(page, text("en", "catalog.details.softwareVersion"))).toHaveText("1.2.0");
    await expect(fact(page, text("en", "catalog.details.license"))).toHaveText("AGPL-3.0-or-later");
    await expect(fact(page, text("en", "catalog.details.developmentStatus"))).toHaveText(text("en", "catalog.status.stable"));
    await expect(page.getByRole("heading", { level: 3, name: text("en", "catalog.details.features") })).toBeVisible();
    await expect(page.getByRole("link", { name: text("en", "catalog.entry.edit") })).toHaveCount(0);
    expect(await axeViolations(page), "axe: the other city's entry").toBe("");

    // Fork it: the new entry is this city's, and says where it came from.
    await page.getByRole("button", { name: text("en", "catalog.remote.fork") }).click();
    await expect(page).toHaveURL(new RegExp(`/${demoCity}/catalog/[0-9a-f-]{36}$`));
    const forkPath = new URL(page.url()).pathname;
    expect(forkPath).not.toContain("/from/");
    await expect(page.getByRole("heading", { level: 1, name: demoCatalogEntryName })).toBeVisible();
    const forkPanel = page.getByRole("region", { name: plain("catalog.fork.heading", { city: cityName }) });
    await expect(forkPanel).toBeVisible();
    await expect(forkPanel.getByRole("link", { name: text("en", "catalog.fork.originEntry") })).toHaveAttribute("href", remotePath);
    await expect(forkPanel).toContainText(text("en", "catalog.fork.upToDate"));
    await expect(page.locator(".civitas-catalog-provenance")).toContainText(text("en", "catalog.provenance.thisCityFork"));
    await expect(fact(page, text("en", "catalog.details.softwareVersion"))).toHaveText("1.2.0");
    expect(await axeViolations(page), "axe: the fork").toBe("");

    // The other city releases 1.3.0, through its own API as its staff.
    await signInThroughApi(otherApi, otherBase, "dso");
    await releaseAtTheOtherCity(otherApi, "1.3.0");

    // The fork learns of it: reload until the notice lists what the original changed.
    const changesHeading = page.getByRole("heading", { level: 3, name: text("en", "catalog.fork.changesHeading_one") });
    await expect(async () => {
      await page.reload();
      await expect(changesHeading).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    const notice = page.locator(".usa-alert").filter({ has: changesHeading });
    await expect(notice.getByRole("listitem")).toHaveText(["softwareVersion"]);
    // Until it is taken, the fork keeps its own version.
    await expect(fact(page, text("en", "catalog.details.softwareVersion"))).toHaveText("1.2.0");
    expect(await axeViolations(page), "axe: the fork with the original's changes").toBe("");

    await notice.getByRole("button", { name: text("en", "catalog.fork.take") }).click();
    await expect(page.getByRole("status").filter({ hasText: text("en", "catalog.fork.taken") })).toBeFocused();
    await expect(changesHeading).toHaveCount(0);
    await expect(forkPanel).toContainText(text("en", "catalog.fork.upToDate"));
    await expect(fact(page, text("en", "catalog.details.softwareVersion"))).toHaveText("1.3.0");
    // And it is kept: a reload shows the same.
    await page.reload();
    await expect(fact(page, text("en", "catalog.details.softwareVersion"))).toHaveText("1.3.0");
    await expect(changesHeading).toHaveCount(0);

    // Stop following: the row goes, and so does the other city's entry; the fork stays.
    await page.goto(`/${demoCity}/admin/federation`);
    await expect(followed).toHaveCount(1);
    await followed.getByRole("button", { name: text("en", "federation.following.unfollowName", { name: cityName }) }).click();
    await expect(followed).toHaveCount(0);
    await expect(page.getByText(text("en", "federation.following.none"))).toBeVisible();

    await page.goto(`/${demoCity}/catalog?${new URLSearchParams({ q: "shelter" })}`);
    const listed = cards.filter({ has: page.getByRole("heading", { level: 2, name: demoCatalogEntryName }) });
    await expect(listed).toHaveCount(2);
    await expect(listed.filter({ hasText: text("en", "catalog.provenance.thisCityFork") })).toHaveCount(1);
    await expect(listed.filter({ hasText: plain("catalog.provenance.from", { city: cityName }) })).toHaveCount(0);
    await expect(listed.locator(`a[href="${remotePath}"]`)).toHaveCount(0);
    await page.goto(remotePath);
    await expect(page.getByRole("heading", { level: 1, name: text("en", "catalog.entry.notFoundTitle") })).toBeVisible();
    await expect(page.getByText(text("en", "catalog.remote.notFound"))).toBeVisible();

    // The fork still says where it came from, and is deleted from its page.
    await page.goto(forkPath);
    await expect(forkPanel).toBeVisible();
    await expect(forkPanel.getByRole("link", { name: text("en", "catalog.fork.originEntry") })).toHaveCount(0);
    await expect(fact(page, text("en", "catalog.details.softwareVersion"))).toHaveText("1.3.0");
    await page.getByRole("button", { name: text("en", "catalog.entry.delete") }).click();
    const confirm = page.getByRole("button", { name: text("en", "catalog.entry.deleteConfirm") });
    await expect(confirm).toBeFocused();
    await confirm.click();
    await expect(page).toHaveURL(new RegExp(`/${demoCity}/catalog$`));
    await expect(page.getByRole("status").filter({ hasText: text("en", "catalog.list.deleted") })).toBeVisible();
    await page.goto(forkPath);
    await expect(page.getByRole("heading", { level: 1, name: text("en", "catalog.entry.notFoundTitle") })).toBeVisible();

    // This city's own entry is as it was.
    await page.goto(`/${demoCity}/catalog?${new URLSearchParams({ q: "shelter" })}`);
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText(text("en", "catalog.provenance.thisCity"));

    // Only the pages of entries that are gone answered 404.
    expect(errors.filter((error) => !error.includes("404 (Not Found)"))).toEqual([]);
  } finally {
    await otherApi.dispose();
    await context.close();
  }
});
