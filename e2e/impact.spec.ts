import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { demoCity } from "./pages.ts";
import { signInContext, text } from "./support.ts";

/**
 * Impact and transparency: a city admin imports next year's budget on the staff's impact page, and
 * anyone then sees its figures on the public page and moves the "federal funds cut by X %" scenario
 * to the exact money at risk; a file with a wrong row is refused line by line and saves nothing; the
 * DSO sets the value of a volunteer hour with its source, which the public page then names.
 */

/** The fiscal year after the current one: a budget the city adopts ahead, which no other test touches. */
async function nextFiscalYear(api: APIRequestContext, offset = 1): Promise<number> {
  const response = await api.get(`/api/v1/cities/${demoCity}/impact`);
  expect(response.status()).toBe(200);
  const { currentFiscalYear } = (await response.json()) as { currentFiscalYear: number };
  return currentFiscalYear + offset;
}

async function budgetYears(api: APIRequestContext): Promise<number[]> {
  const response = await api.get(`/api/v1/cities/${demoCity}/impact/budget`);
  expect(response.status()).toBe(200);
  const { fiscalYears } = (await response.json()) as { fiscalYears: { fiscalYear: number }[] };
  return fiscalYears.map((year) => year.fiscalYear);
}

async function pasteBudget(page: Page, csv: string): Promise<void> {
  await page.getByLabel(text("en", "impact.admin.import.paste")).fill(csv);
  await page.getByRole("button", { name: text("en", "impact.admin.import.submit") }).click();
}

test("a city admin imports a budget; the public page shows it and the money at risk of a federal cut", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const adminContext = await browser.newContext({ baseURL });
  const publicContext = await browser.newContext({ baseURL });
  try {
    await signInContext(adminContext, baseURL, "admin");
    const admin = await adminContext.newPage();
    const year = await nextFiscalYear(adminContext.request);
    const fy = text("en", "impact.fiscalYearShort", { year: String(year) });

    // From the administration home page to the staff's impact page.
    await admin.goto(`/${demoCity}/admin`);
    await admin.getByRole("link", { name: text("en", "admin.sections.impact.title") }).click();
    await expect(admin.getByRole("heading", { level: 1, name: text("en", "impact.admin.title") })).toBeVisible();

    // Three programs in two departments: 7,789,000.00 in all, 3,091,000.00 of it federal.
    await pasteBudget(
      admin,
      [
        "department,program,fiscal_year,total_amount,federal_amount",
        `Harbor Authority,Ferry service,${year},4321000.00,1234000.00`,
        `Harbor Authority,Dock repair,${year},1000000.00,500000.00`,
        `Water Board,Lead pipe replacement,${year},2468000.00,1357000.00`,
      ].join("\n"),
    );
    await expect(admin.getByRole("status").filter({ hasText: text("en", "impact.admin.import.doneHeading") })).toBeVisible();
    const imported = admin.getByRole("table", { name: text("en", "impact.admin.import.importedCaption") });
    const importedRow = imported.getByRole("row").filter({ has: admin.getByRole("rowheader", { name: fy, exact: true }) });
    await expect(importedRow.getByRole("cell")).toHaveText(["3", "$7,789,000.00", "$3,091,000.00"]);

    // Anyone, without an account, sees next year's figures at the top of the public page.
    const visitor = await publicContext.newPage();
    await visitor.goto(`/${demoCity}`);
    await visitor
      .getByRole("navigation", { name: text("en", "nav.primary") })
      .getByRole("link", { name: text("en", "nav.impact") })
      .click();
    await expect(visitor.getByRole("heading", { level: 1, name: text("en", "impact.title") })).toBeVisible();
    await expect(visitor.getByRole("heading", { level: 2, name: text("en", "impact.headline.heading", { year: fy }) })).toBeVisible();
    const federal = visitor
      .locator(".civitas-figure")
      .filter({ hasText: text("en", "impact.headline.federal") })
      .first();
    await expect(federal.locator(".civitas-figure__value")).toHaveText("$3,091,000.00");
    await expect(federal).toContainText(text("en", "impact.headline.federalDetail", { total: "$7,789,000.00" }));
    await expect(
      visitor
        .locator(".civitas-figure")
        .filter({ hasText: text("en", "impact.headline.share") })
        .locator("dd")
        .first(),
    ).toHaveText("39.7%");

    // The scenario starts with no cut, on the latest budget year.
    await expect(visitor.getByLabel(text("en", "impact.scenario.year"))).toHaveValue(String(year));
    const summary = (cut: string, amount: string, share: string) => text("en", "impact.scenario.summary", { cut, year: fy, amount, share });
    await expect(visitor.getByRole("status").filter({ hasText: fy })).toHaveText(summary("0%", "$0.00", "0%"));

    // Federal funds cut by half: half of each department's federal funds is at risk.
    await visitor.getByLabel(text("en", "impact.scenario.cut")).fill("50");
    await expect(visitor.getByRole("status").filter({ hasText: fy })).toHaveText(summary("50%", "$1,545,500.00", "19.8%"));
    const atRisk = visitor.getByRole("table", { name: text("en", "impact.scenario.caption", { cut: "50%", year: fy }) });
    await expect(atRisk.getByRole("row").filter({ hasText: "Harbor Authority" }).getByRole("cell")).toHaveText([
      "$5,321,000.00",
      "$1,734,000.00",
      "32.6%",
      "$867,000.00",
    ]);
    await expect(atRisk.getByRole("row").filter({ hasText: "Water Board" }).getByRole("cell").last()).toHaveText("$678,500.00");
    await expect(visitor).toHaveURL(/[?&]cut=50\b/);

    // The address keeps the scenario: reloading shows the same cut.
    await visitor.reload();
    await expect(visitor.getByLabel(text("en", "impact.scenario.cut"))).toHaveValue("50");
    await expect(visitor.getByRole("status").filter({ hasText: fy })).toHaveText(summary("50%", "$1,545,500.00", "19.8%"));
  } finally {
    await adminContext.close();
    await publicContext.close();
  }
});

test("a budget file with a wrong row is refused line by line and nothing of it is saved", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const context = await browser.newContext({ baseURL });
  try {
    await signInContext(context, baseURL, "admin");
    const page = await context.newPage();
    // A year of its own, so that the other test's import cannot be mistaken for this one's.
    const year = await nextFiscalYear(context.request, 2);
    expect(await budgetYears(context.request)).not.toContain(year);

    await page.goto(`/${demoCity}/admin/impact`);
    await pasteBudget(
      page,
      [
        "department,program,fiscal_year,total_amount,federal_amount",
        `Harbor Authority,Ferry service,${year},4321000.00,1234000.00`,
        `Water Board,Lead pipe replacement,${year},1000.00,2000.00`,
      ].join("\n"),
    );
    await expect(page.getByRole("heading", { name: text("en", "impact.admin.import.rejectedHeading") })).toBeVisible();
    const report = page.getByRole("table", { name: text("en", "impact.admin.import.reportCaption") });
    const row = report.getByRole("row").filter({ hasText: text("en", "errors.impact.budget.federalAboveTotal") });
    await expect(row.getByRole("rowheader")).toHaveText("3");
    await expect(row.getByRole("cell").first()).toHaveText("federal_amount");

    // Not even the good row was kept (the other test may add the year before this one meanwhile).
    expect(await budgetYears(context.request)).not.toContain(year);
    await page.reload();
    const onFile = page.getByRole("table", { name: text("en", "impact.admin.budget.onFileCaption") });
    await expect(onFile).toBeVisible();
    await expect(onFile.getByRole("rowheader", { name: text("en", "impact.fiscalYearShort", { year: String(year) }), exact: true })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("the value of a volunteer hour is set with its year and source, shown on the public page, and set back to the default", async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const context = await browser.newContext({ baseURL });
  const publicContext = await browser.newContext({ baseURL });
  try {
    await signInContext(context, baseURL, "dso");
    const page = await context.newPage();
    await page.goto(`/${demoCity}/admin/impact`);
    const settings = page.getByRole("region", { name: text("en", "impact.admin.settings.heading") });
    await expect(settings.getByText(text("en", "impact.admin.settings.usesDefault"))).toBeVisible();
    const value = settings.getByLabel(text("en", "impact.admin.settings.hourValue"));
    await expect(value).toHaveValue("34.79");

    // An amount that cannot be read is refused, with the message under the field.
    await value.fill("a lot");
    await settings.getByRole("button", { name: text("en", "impact.admin.settings.save"), exact: true }).click();
    await expect(page.locator("#settings-hour-value-error")).toBeVisible();

    await value.fill("41.25");
    await settings.getByLabel(text("en", "impact.admin.settings.hourValueYear")).fill("2025");
    await settings.getByLabel(text("en", "impact.admin.settings.hourValueSource")).fill("Springfield Volunteer Commission");
    await settings.getByRole("button", { name: text("en", "impact.admin.settings.save"), exact: true }).click();
    await expect(settings.getByRole("status")).toHaveText(text("en", "impact.admin.settings.saved"));
    await expect(settings.getByText(text("en", "impact.admin.settings.usesOwn"))).toBeVisible();

    const visitor = await publicContext.newPage();
    await visitor.goto(`/${demoCity}/impact`);
    const hourValue = text("en", "impact.hourValue", { value: "$41.25", source: "Springfield Volunteer Commission", year: "2025" });
    await expect(visitor.getByText(text("en", "impact.offsets.hourValueNote", { hourValue }))).toBeVisible();

    // Back to Independent Sector's figure.
    await settings.getByRole("button", { name: text("en", "impact.admin.settings.useDefault") }).click();
    await settings.getByRole("button", { name: text("en", "impact.admin.settings.save"), exact: true }).click();
    await expect(settings.getByText(text("en", "impact.admin.settings.usesDefault"))).toBeVisible();
    await visitor.reload();
    const defaultValue = text("en", "impact.hourValue", { value: "$34.79", source: "Independent Sector", year: "2024" });
    await expect(visitor.getByText(text("en", "impact.offsets.hourValueNote", { hourValue: defaultValue }))).toBeVisible();
  } finally {
    await context.close();
    await publicContext.close();
  }
});
