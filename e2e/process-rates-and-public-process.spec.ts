import { expect, test } from "@playwright/test";
import { demoCity, demoProcessName } from "./pages.ts";
import { signInContext, text } from "./support.ts";

/**
 * The rate table the cost model reads: the DSO adds a role, is told when a role is in the table twice,
 * and takes the role out again; agency staff read the table but cannot change it. And the public side
 * of a documented process: a resident finds it from the city's home page, reads its figures and the
 * saving the planned change makes, and downloads it, without seeing who documented it.
 */

/** The people who saved the demo process's revisions (src/server/seed/demo-city.ts). */
const revisionAuthors = ["Sam Patel", "Jordan Lee"];

test("the DSO edits the rate table, a role twice is refused, agency staff only read it", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const role = `Records officer ${Date.now().toString(36)}`;
  const contexts = await Promise.all([browser.newContext({ baseURL }), browser.newContext({ baseURL })]);
  const [dsoContext, parksContext] = contexts;
  if (!dsoContext || !parksContext) throw new Error("no browser context");
  try {
    await signInContext(dsoContext, baseURL, "dso");
    const dso = await dsoContext.newPage();
    await dso.goto(`/${demoCity}/admin`);
    await dso.getByRole("link", { name: text("en", "admin.sections.processRates.title") }).click();
    await expect(dso.getByRole("heading", { level: 1, name: text("en", "processes.rates.title") })).toBeVisible();
    const rows = dso.locator(".civitas-rate-table tbody tr");
    // The heading shows before the rates arrive: count the rows once the table is there.
    await expect(rows.first()).toBeVisible();
    const before = await rows.count();
    expect(before).toBeGreaterThanOrEqual(4);
    const next = String(before + 1);
    await expect(dso.getByLabel(text("en", "processes.rates.roleInRow", { row: "1" }))).toHaveValue("Cashier");
    await expect(dso.getByLabel(text("en", "processes.rates.rateInRow", { row: "1" }))).toHaveValue("29");

    // A new row takes focus; a role already in the table is refused, with the row it is in.
    await dso.getByRole("button", { name: text("en", "processes.rates.add") }).click();
    const newRole = dso.getByLabel(text("en", "processes.rates.roleInRow", { row: next }));
    await expect(newRole).toBeFocused();
    await newRole.fill("Cashier");
    await dso.getByLabel(text("en", "processes.rates.rateInRow", { row: next })).fill("31.50");
    await dso.getByRole("button", { name: text("en", "processes.rates.save") }).click();
    const twice = text("en", "errors.processes.duplicateRole", { role: "Cashier" });
    await expect(dso.locator(".usa-alert--error").getByText(twice)).toBeVisible();
    await expect(dso.locator(`#${await newRole.getAttribute("id")}-error`)).toHaveText(twice);

    // Named for what it is, the role is saved and stays after a reload.
    await newRole.fill(role);
    await dso.getByRole("button", { name: text("en", "processes.rates.save") }).click();
    await expect(dso.getByText(text("en", "processes.rates.saved"))).toBeVisible();
    await dso.reload();
    await expect(rows).toHaveCount(before + 1);
    const saved = rows.filter({ has: dso.locator(`input[value="${role}"]`) });
    await expect(saved.locator('input[inputmode="decimal"]')).toHaveValue("31.5");

    // Taken out again, with the keyboard's place kept and the removal announced.
    await saved.getByRole("button", { name: `${text("en", "processes.rates.remove")} – ${role}` }).click();
    await expect(dso.getByRole("status").filter({ hasText: text("en", "processes.rates.removed", { role }) })).toBeVisible();
    await expect(dso.getByRole("button", { name: text("en", "processes.rates.add") })).toBeFocused();
    await dso.getByRole("button", { name: text("en", "processes.rates.save") }).click();
    await expect(dso.getByText(text("en", "processes.rates.saved"))).toBeVisible();
    await expect(rows).toHaveCount(before);

    // Parks staff read the table and cannot change it.
    await signInContext(parksContext, baseURL, "parks");
    const parks = await parksContext.newPage();
    await parks.goto(`/${demoCity}/admin/process-rates`);
    await expect(parks.getByRole("heading", { level: 1, name: text("en", "processes.rates.title") })).toBeVisible();
    await expect(parks.getByText(text("en", "processes.rates.readOnly"))).toBeVisible();
    await expect(parks.getByRole("row", { name: /Permit clerk/ })).toContainText("$34.00");
    await expect(parks.locator("main").getByRole("textbox")).toHaveCount(0);
    await expect(parks.getByRole("button", { name: text("en", "processes.rates.save") })).toHaveCount(0);
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});

test("a resident finds a published process, reads what the change saves, and downloads it", async ({ page, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  await page.goto(`/${demoCity}`);
  await page.getByRole("link", { name: text("en", "cityHome.paidWork.processes") }).click();
  await expect(page.getByRole("heading", { level: 1, name: text("en", "processes.public.title") })).toBeVisible();

  await page.getByLabel(text("en", "processes.public.search")).fill("picnic");
  await page.getByRole("button", { name: text("en", "processes.public.searchButton") }).click();
  await expect(page).toHaveURL(/\?q=picnic$/);
  await expect(page.getByRole("status").filter({ hasText: text("en", "processes.public.count_one") })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(demoProcessName) });
  await expect(row).toContainText("Parks and Recreation");
  await expect(row).toContainText("4,000");
  await row.getByRole("link", { name: demoProcessName }).click();

  await expect(page.getByRole("heading", { level: 1, name: demoProcessName })).toBeVisible();
  await expect(page.getByText(text("en", "processes.public.byAgency", { agency: "Parks and Recreation" }))).toBeVisible();
  await expect(page.getByRole("region", { name: text("en", "processes.export.figures"), exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: text("en", "processes.public.comparisonHeading"), exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: text("en", "processes.public.diagramHeading"), exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: text("en", "processes.export.steps"), exact: true }).getByRole("table")).toContainText("Pay online");
  for (const author of revisionAuthors) await expect(page.getByText(author)).toHaveCount(0);

  // The downloads: our JSON, which imports back, and Markdown and BPMN for other tools; no staff names in any.
  const downloads = page.getByRole("region", { name: text("en", "processes.public.downloadsHeading"), exact: true });
  for (const [key, type] of [
    ["downloadJson", "application/json"],
    ["downloadMarkdown", "text/markdown"],
    ["downloadBpmn", "application/xml"],
  ] as const) {
    const href = await downloads.getByRole("link", { name: text("en", `processes.public.${key}`) }).getAttribute("href");
    if (!href) throw new Error(`${key} has no address`);
    const response = await page.request.get(href);
    expect(response.status(), href).toBe(200);
    expect(response.headers()["content-type"]).toContain(type);
    const body = await response.text();
    expect(body).toContain(demoProcessName);
    for (const author of revisionAuthors) expect(body).not.toContain(author);
    if (key === "downloadJson") expect(JSON.parse(body)).toMatchObject({ format: "civitas-process", version: 1, process: { name: demoProcessName } });
  }

  // An address that names no published process says so.
  await page.goto(`/${demoCity}/processes/01900000-0000-7000-8000-000000000000`);
  await expect(page.getByRole("heading", { level: 1, name: text("en", "processes.public.notFoundTitle") })).toBeVisible();
  await expect(page.getByRole("link", { name: text("en", "processes.public.toList") })).toHaveAttribute("href", `/${demoCity}/processes`);
});
