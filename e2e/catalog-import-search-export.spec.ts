import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { parse, parseDocument } from "yaml";
import { demoCity } from "./pages.ts";
import { originOf, signInThroughPage, text } from "./support.ts";

/**
 * The solutions catalog end to end: DSO staff import the publiccode.yml standard's own example from a
 * file, a resident finds it in the public catalog by a word of its description, opens it and
 * downloads its publiccode.yml, which the catalog accepts again as it is. A file whose short
 * description is too long is refused with the key and the line, and nothing is saved.
 */

const fixturePath = path.resolve(import.meta.dirname, "../src/server/modules/catalog/publiccode/fixtures/publiccode.yml");
const catalogApi = `/api/v1/cities/${demoCity}/catalog`;

/** The demo city's agency the import links the software to. */
const agencyName = "Parks and Recreation";

interface Publiccode {
  name: string;
  description: Record<string, { shortDescription?: string; longDescription?: string }>;
}

/** The longest word of a text: one that a search for the software by its description would use. */
function longestWord(value: string): string {
  const words = value.match(/\p{L}{4,}/gu) ?? [];
  const word = words.reduce((longest, candidate) => (candidate.length > longest.length ? candidate : longest), "");
  if (!word) throw new Error(`No word to search for in "${value}"`);
  return word;
}

async function catalogNames(page: Page, q: string): Promise<string[]> {
  const response = await page.request.get(`${catalogApi}?${new URLSearchParams({ q })}`);
  expect(response.status(), await response.text()).toBe(200);
  const { items } = (await response.json()) as { items: { name: string }[] };
  return items.map((item) => item.name);
}

test("DSO staff import a publiccode.yml; anyone finds it, opens it and downloads a file that imports again", async ({ browser, page, baseURL }) => {
  if (!baseURL) throw new Error("baseURL is not configured");
  const source = parse(await readFile(fixturePath, "utf8")) as Publiccode;
  expect(source.name).toBe("Medusa");
  const description = source.description.en ?? Object.values(source.description)[0];
  const word = longestWord(description?.shortDescription ?? description?.longDescription ?? "");

  // Staff upload the file: it is read into the field, checked, linked to an agency and saved.
  await signInThroughPage(page, "dso");
  await page.goto(`/${demoCity}/admin/catalog/new`);
  await expect(page.getByRole("heading", { level: 1, name: text("en", "catalog.editor.newTitle") })).toBeVisible();
  await page.getByLabel(text("en", "catalog.editor.file")).setInputFiles(fixturePath);
  await expect(page.getByRole("status").filter({ hasText: text("en", "catalog.editor.fileRead", { name: "publiccode.yml" }) })).toBeVisible();
  await expect(page.getByLabel(text("en", "catalog.editor.publiccode"), { exact: true })).toHaveValue(/^name: Medusa$/m);
  await page.getByRole("button", { name: text("en", "catalog.editor.check") }).click();
  const checked = page.locator(".usa-alert--success");
  await expect(checked).toContainText("Medusa");
  // USWDS draws the checkbox on its label; a mouse user clicks the label.
  await page.locator("label").filter({ hasText: agencyName }).click();
  await expect(page.getByRole("checkbox", { name: agencyName })).toBeChecked();
  await page.getByLabel(text("en", "catalog.editor.reuseSavings")).fill("12,500");
  await page.getByRole("button", { name: text("en", "catalog.editor.save") }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Medusa" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: text("en", "catalog.entry.saved") })).toBeVisible();
  const entryPath = new URL(page.url()).pathname;
  expect(entryPath).toMatch(new RegExp(`^/${demoCity}/catalog/[0-9a-f-]{36}$`));
  const inThisCity = page.getByRole("region", { name: text("en", "catalog.entry.inThisCity") });
  await expect(inThisCity).toContainText("$12,500.00");
  await expect(inThisCity.getByRole("listitem").filter({ hasText: agencyName })).toBeVisible();

  // Anyone, signed out, finds it by a word of its description and opens it.
  const visitorContext = await browser.newContext({ baseURL });
  try {
    const visitor = await visitorContext.newPage();
    await visitor.goto(`/${demoCity}/catalog`);
    await expect(visitor.getByRole("heading", { level: 1, name: text("en", "catalog.list.title") })).toBeVisible();
    await visitor.getByRole("searchbox", { name: text("en", "catalog.list.q") }).fill(word);
    await visitor.getByRole("button", { name: text("en", "catalog.list.search") }).click();
    await expect(visitor).toHaveURL(new RegExp(`[?&]q=${word}`));
    const result = visitor.getByRole("listitem").filter({ has: visitor.getByRole("heading", { level: 2, name: "Medusa" }) });
    await expect(result).toBeVisible();
    await expect(result).toContainText(text("en", "catalog.provenance.thisCity"));
    await result.getByRole("link", { name: "Medusa" }).click();
    await expect(visitor.getByRole("heading", { level: 1, name: "Medusa" })).toBeVisible();
    expect(new URL(visitor.url()).pathname).toBe(entryPath);
    await expect(visitor.getByRole("link", { name: text("en", "catalog.entry.edit") })).toHaveCount(0);

    // Its publiccode.yml downloads as a file that still names it; the server, too, says it is one to save.
    const downloadLink = visitor.getByRole("link", { name: text("en", "catalog.entry.download") });
    const href = await downloadLink.getAttribute("href");
    if (!href) throw new Error("The download link has no address");
    const served = await visitor.request.get(href);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-disposition"]).toContain("attachment");
    const [download] = await Promise.all([visitor.waitForEvent("download"), downloadLink.click()]);
    expect(download.suggestedFilename()).toBe("publiccode.yml");
    const downloadedPath = await download.path();
    const downloaded = await readFile(downloadedPath, "utf8");
    expect((parse(downloaded) as Publiccode).name).toBe("Medusa");

    // And the catalog accepts it again as it is.
    const checkedAgain = await visitor.request.post(`${catalogApi}/validate`, { data: { publiccode: downloaded }, headers: originOf(baseURL) });
    expect(checkedAgain.status(), await checkedAgain.text()).toBe(200);
    const verdict = (await checkedAgain.json()) as { valid: boolean; problems: unknown[]; document: { name?: string } | null };
    expect(verdict.problems).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(verdict.document?.name).toBe("Medusa");
  } finally {
    await visitorContext.close();
  }
});

test("a publiccode.yml whose short description is too long is refused with its key and line, and nothing is saved", async ({ page }) => {
  const unique = `Overlong${Date.now().toString(36)}`;
  // The standard's example, renamed, with a short description of 200 characters on one line.
  const document = parseDocument(await readFile(fixturePath, "utf8"));
  const languages = Object.keys((document.toJS() as Publiccode).description);
  const language = languages.includes("en") ? "en" : languages[0];
  if (!language) throw new Error("The fixture has no description");
  document.set("name", unique);
  const tooLong = `${unique} ${"books picnic shelters online ".repeat(8)}`.slice(0, 200).trimEnd();
  expect(tooLong.length).toBeGreaterThan(150);
  // A new node, so that the value stands on its key's line rather than in the example's folded block.
  document.setIn(["description", language, "shortDescription"], document.createNode(tooLong));
  const file = document.toString({ lineWidth: 0 });
  const line = file.split("\n").findIndex((row) => row.includes(`shortDescription: ${tooLong}`)) + 1;
  expect(line).toBeGreaterThan(0);
  const field = `description.${language}.shortDescription`;

  await signInThroughPage(page, "dso");
  await page.goto(`/${demoCity}/admin/catalog/new`);
  const publiccodeField = page.getByLabel(text("en", "catalog.editor.publiccode"), { exact: true });
  await publiccodeField.fill(file);
  await page.getByRole("button", { name: text("en", "catalog.editor.save") }).click();

  const summary = page.locator("#catalog-save-problems");
  await expect(summary).toBeFocused();
  const problem = summary.getByRole("listitem").filter({ hasText: field });
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveText(new RegExp(`^${field.replaceAll(".", "\\.")}: .*\\b${line}\\b`));
  await expect(publiccodeField).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#catalog-publiccode-error")).toBeVisible();

  // Still on the form, and the catalog does not hold it.
  expect(new URL(page.url()).pathname).toBe(`/${demoCity}/admin/catalog/new`);
  expect(await catalogNames(page, unique)).toEqual([]);
  const crawl = await page.request.get(`${catalogApi}.json`);
  expect(crawl.status()).toBe(200);
  const { software } = (await crawl.json()) as { software: { name: string }[] };
  expect(software.length).toBeGreaterThan(0);
  expect(software.map((entry) => entry.name)).not.toContain(unique);
});
