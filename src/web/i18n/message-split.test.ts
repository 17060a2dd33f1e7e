import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  browserMessages,
  civitasMessages,
  keysIn,
  keysUsedBy,
  languageFiles,
  type Messages,
  messageSplit,
  moduleGraph,
  pick,
  readMessages,
  sectionNames,
  shellEntries,
  webRoot,
} from "./message-split.ts";

/**
 * Each page downloads only the sections of the language file it uses (message-split.ts reads them
 * from its code). These check that what a page loads covers every key its code and the shell's
 * can ask for, and that keys are written only in forms the reading understands.
 */

const split = messageSplit();
const sections = sectionNames();
const english = readMessages(languageFiles().en as string);
const fullEnglish = JSON.parse(readFileSync(languageFiles().en as string, "utf8")) as Messages;
const shellGraph = moduleGraph(shellEntries);

function merge(target: Messages, source: Messages): Messages {
  for (const [name, value] of Object.entries(source)) {
    const existing = target[name];
    target[name] =
      existing && typeof existing === "object" && value && typeof value === "object" ? merge({ ...(existing as Messages) }, value as Messages) : value;
  }
  return target;
}

/** What i18next holds once the page shows: the shell's keys and the page's sections. */
function loadedFor(page: string): Messages {
  const loaded = merge({}, pick(english, split.shellKeys));
  for (const section of [...split.shellSections, ...(split.pages[page] ?? [])]) merge(loaded, { [section]: english[section] });
  return loaded;
}

const routerSource = readFileSync(path.join(webRoot, "router.tsx"), "utf8");
const routedPages = [...new Set([...routerSource.matchAll(/\bpage\("([^"]+)"\)/g)].map((match) => `./pages/${match[1]}.tsx`))];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.(test|d)\.ts$/.test(name) ? [full] : [];
  });
}

describe("the messages each page loads", () => {
  it("reads the router's pages", () => {
    expect(routedPages.length).toBeGreaterThan(50);
    expect(routedPages).toContain("./pages/impact/ImpactPage.tsx");
  });

  it("lists every page of the router", () => {
    expect(routedPages.filter((page) => !split.pages[page])).toEqual([]);
  });

  it("keeps the shell small: only the keys it uses, and the sections it uses whole", () => {
    expect(split.shellKeys).toEqual(expect.arrayContaining(["nav.signIn", "footer.note", "common.loading", "notFound.title"]));
    expect(split.shellSections).not.toContain("impact");
    expect(JSON.stringify(pick(english, split.shellKeys)).length).toBeLessThan(JSON.stringify(english).length / 10);
  });

  it("gives a page its own sections, not the others'", () => {
    expect(split.pages["./pages/impact/ImpactPage.tsx"]).toContain("impact");
    expect(split.pages["./pages/impact/ImpactPage.tsx"]).not.toContain("catalog");
    expect(split.pages["./pages/catalog/CatalogPage.tsx"]).toContain("catalog");
    expect(split.pages["./pages/catalog/CatalogPage.tsx"]).not.toContain("impact");
  });

  it.each(routedPages)("%s has every key its code and the shell's use", (page) => {
    const loaded = loadedFor(page);
    const keys = keysUsedBy([...new Set([...shellGraph, ...moduleGraph([path.join(webRoot, page)])])], sections);
    const missing = keys.filter((key) => {
      const wanted = pick(english, [key]);
      return JSON.stringify(pick(loaded, [key])) !== JSON.stringify(wanted);
    });
    expect(missing).toEqual([]);
  });

  it("reads every module of the web app from the shell or a page", () => {
    const read = new Set([...shellGraph, ...routedPages.flatMap((page) => moduleGraph([path.join(webRoot, page)]))]);
    const unread = sourceFiles(webRoot).filter((file) => !read.has(file) && !file.endsWith("message-split.ts"));
    expect(unread.map((file) => path.relative(webRoot, file))).toEqual([]);
  });
});

describe("how keys are written", () => {
  const files = sourceFiles(webRoot).filter((file) => !file.includes(`${path.sep}i18n${path.sep}`));
  const names = sections.join("|");

  it("understands the forms the code uses", () => {
    expect(keysIn('t("impact.title")', sections)).toEqual(["impact.title"]);
    expect(keysIn("t(`impact.source.$\u007Bkind}`)", sections)).toEqual(["impact.source.*"]);
    expect(keysIn("t(`fund.balances.$\u007Bkey}Note`)", sections)).toEqual(["fund.balances.*"]);
    expect(keysIn('<Trans i18nKey="impact.intro" />', sections)).toEqual(["impact.intro"]);
    expect(keysIn('{ key: "impact.x", messageKey: "catalog.y" }', sections)).toEqual(["impact.x", "catalog.y"]);
    expect(keysIn('"errors.titles." + code', sections)).toEqual(["errors.titles.*"]);
    expect(keysIn('t("notasection.x"); field("decision.goToStepKey")', sections)).toEqual([]);
  });

  it("finds a key or key prefix for each of them", () => {
    // A key the files lack is a typo, or a form the reading takes for something else. File names
    // that look like keys only make a page load a section it may not need.
    const notKeys = ["spend.json"];
    const unknown = files.flatMap((file) =>
      keysIn(readFileSync(file, "utf8"), sections)
        .filter((key) => !notKeys.includes(key) && Object.keys(pick(fullEnglish, [key])).length === 0)
        .map((key) => `${path.relative(webRoot, file)}: ${key}`),
    );
    expect(unknown).toEqual([]);
  });

  it("never starts a key with something other than its section", () => {
    // t(`${section}.title`), t(prefix + ".title"), t("imp" + …): the reading could not tell which section.
    const call = /(?:\bt\(|i18nKey=\{?)\s*(`\$\{|[\w.]+\s*\+|["'`](?!(?:[a-z][\w-]*)\.)[^"'`]*["'`]\s*\+)/g;
    const found = files.flatMap((file) => [...readFileSync(file, "utf8").matchAll(call)].map((match) => `${path.relative(webRoot, file)}: ${match[0]}`));
    expect(found).toEqual([]);
  });

  it("completes a key at run time only after a dot", () => {
    // "fund.balances.total" + suffix would be read as the whole key fund.balances.total.
    const glued = new RegExp(`["'](?:${names})\\.[\\w.-]*[\\w-]["']\\s*\\+`, "g");
    const found = files.flatMap((file) => [...readFileSync(file, "utf8").matchAll(glued)].map((match) => `${path.relative(webRoot, file)}: ${match[0]}`));
    expect(found).toEqual([]);
  });

  it("has no message that nests another ($t(…)), which the split does not follow", () => {
    for (const file of Object.values(languageFiles())) {
      expect(JSON.stringify(browserMessages(JSON.parse(readFileSync(file, "utf8")) as Messages)), file).not.toContain("$t(");
    }
  });
});

describe("the plugin", () => {
  const plugin = civitasMessages();
  const load = (id: string) => {
    const hook = plugin.load as unknown as (this: { addWatchFile: (file: string) => void }, id: string) => string | null;
    return hook.call({ addWatchFile: () => {} }, id) ?? "";
  };
  const chunk = (language: string, unit: string) =>
    JSON.parse(
      load(`\0virtual:civitas-messages/${language}/${unit}`)
        .replace(/^export default /, "")
        .replace(/;$/, ""),
    ) as Messages;

  it("serves, for each language, the shell's keys and each section in that language only", () => {
    for (const [language, file] of Object.entries(languageFiles())) {
      const messages = readMessages(file);
      expect(chunk(language, "shell")).toEqual(pick(messages, split.shellKeys));
      expect(chunk(language, "impact")).toEqual({ impact: messages.impact });
    }
    expect(chunk("es", "impact")).not.toEqual(chunk("en", "impact"));
  });

  it("leaves the server's messages out", () => {
    expect(chunk("en", "errors")).toEqual({ errors: { titles: fullEnglish.errors && (fullEnglish.errors as Messages).titles } });
    expect(load("\0virtual:civitas-messages")).not.toContain("mail");
  });

  it("lists the languages, each page's sections and a loader for each", () => {
    const index = load("\0virtual:civitas-messages");
    expect(index).toContain(`export const languages = ${JSON.stringify(Object.keys(languageFiles()))};`);
    expect(index).toContain(`export const pageSections = ${JSON.stringify(split.pages)};`);
    for (const section of Object.values(split.pages).flat()) expect(index).toContain(`"virtual:civitas-messages/es/${section}"`);
  });
});
