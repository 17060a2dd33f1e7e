import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin, ViteDevServer } from "vite";

/**
 * Which messages each part of the web app downloads. The language files (en.json, es.json…) are
 * the one source of every string; the browser gets them cut by their top-level sections ("nav",
 * "impact"…): at start-up only the keys the app shell uses (every page downloads them), and each
 * page's own sections together with the page. Which keys and sections are used is read from the
 * code and the code it imports: every string that starts with a section's name and a dot
 * ("impact.title", `impact.source.${kind}`, i18nKey="impact.title", { key: "impact.x" }) counts.
 * Nothing is declared by hand, so a page cannot come to use a section it does not load. Whole
 * modules are read: a page that imports one helper from another area's parts.tsx loads that
 * area's sections too.
 *
 * Runs in Node only: in vite.config.ts (the plugin at the bottom) and in the tests.
 */

export type Messages = Record<string, unknown>;

const i18nDirectory = path.dirname(fileURLToPath(import.meta.url));
export const webRoot = path.resolve(i18nDirectory, "..");

/** The modules every page needs, loaded before anything shows: main.tsx brings in the layout, the
 * navigation, the language switcher and what they import. The not-found page is shown for any
 * unknown address and inside pages whose record does not exist, so its text comes with the shell. */
export const shellEntries = ["main.tsx", "pages/platform/NotFoundPage.tsx"].map((file) => path.join(webRoot, file));

/** The pages: each module matching this is loaded on demand by the router, with its sections. */
export const pagesDirectory = path.join(webRoot, "pages");
export const isPageModule = (file: string) => /Page\.tsx$/.test(file);

/** The languages: every JSON file beside this one, English first. */
export function languageFiles(): Record<string, string> {
  const codes = readdirSync(i18nDirectory)
    .filter((file) => /^[a-z]{2}(-[A-Z]{2})?\.json$/.test(file))
    .map((file) => file.slice(0, -5))
    .sort((a, b) => (a === "en" ? -1 : b === "en" ? 1 : a.localeCompare(b)));
  return Object.fromEntries(codes.map((code) => [code, path.join(i18nDirectory, `${code}.json`)]));
}

/**
 * The language files hold the server's messages too (emails, and error messages it sends already
 * translated). The browser never shows those, so they are left out of its copy. The titles of
 * errors stay, for problems the browser reports itself.
 */
export function browserMessages(messages: Messages): Messages {
  const { mail: _mail, errors, ...rest } = messages;
  return errors && typeof errors === "object" ? { ...rest, errors: { titles: (errors as Messages).titles } } : rest;
}

export function readMessages(file: string): Messages {
  return browserMessages(JSON.parse(readFileSync(file, "utf8")) as Messages);
}

/** Section names of English, the reference language (languages.test.ts keeps the others equal). */
export function sectionNames(): string[] {
  const english = languageFiles().en;
  if (!english) throw new Error("No en.json beside message-split.ts");
  return Object.keys(readMessages(english));
}

const importPattern = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

/** Relative imports of a module (static, dynamic, re-exports), resolved to files. Others (CSS, packages) are skipped. */
export function relativeImports(file: string, source = readFileSync(file, "utf8")): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(importPattern)) {
    const specifier = match[1] ?? "";
    const base = path.resolve(path.dirname(file), specifier);
    const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")];
    const resolved = candidates.find((candidate) => /\.(ts|tsx|js|mjs)$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile());
    if (resolved) found.push(resolved);
  }
  return found;
}

/** Every module a module runs, itself included: relative imports, transitively. */
export function moduleGraph(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...relativeImports(file));
  }
  return [...seen].sort();
}

/**
 * Keys written in a module: any string, template or JSX attribute whose text starts with
 * `section.`. A key the code completes at run time ends with "*": t(`impact.source.${kind}`) gives
 * "impact.source.*", `fund.balances.${key}Note` gives "fund.balances.*", "errors.titles." + code
 * gives "errors.titles.*"; t("impact.title") gives "impact.title".
 */
export function keysIn(source: string, sections: readonly string[]): string[] {
  if (sections.length === 0) return [];
  const names = [...sections].sort((a, b) => b.length - a.length).join("|");
  const pattern = new RegExp(`["'\`]((?:${names})\\.[\\w.-]*)(\\$\\{)?`, "g");
  return [...source.matchAll(pattern)].map(([, key = "", template]) => (template || key.endsWith(".") ? `${key}*` : key));
}

export const sectionOf = (key: string) => key.slice(0, key.indexOf("."));

/** The keys the modules use, sorted. */
export function keysUsedBy(files: readonly string[], sections: readonly string[]): string[] {
  const used = new Set<string>();
  for (const file of files) for (const key of keysIn(readFileSync(file, "utf8"), sections)) used.add(key);
  return [...used].sort();
}

/** The sections the modules use, sorted. */
export function sectionsUsedBy(files: readonly string[], sections: readonly string[]): string[] {
  return [...new Set(keysUsedBy(files, sections).map(sectionOf))].sort();
}

const isTree = (value: unknown): value is Messages => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The messages the keys name, in the shape of the language file: for "nav.menu", nav.menu and its
 * plural forms (nav.menu_one, nav.menu_other…); for "fund.balances.*", every entry under
 * fund.balances; for "fund.bal*", those whose name starts with "bal". Keys the file does not
 * have (the server's, whose sections the browser copy leaves out) give nothing.
 */
export function pick(messages: Messages, keys: readonly string[]): Messages {
  const picked: Messages = {};
  for (const key of keys) {
    const open = key.endsWith("*");
    const path = (open ? key.slice(0, -1) : key).split(".");
    const last = path.pop() ?? "";
    let source: unknown = messages;
    let target = picked;
    for (const part of path) {
      source = isTree(source) ? source[part] : undefined;
      if (!isTree(source)) break;
      target[part] = isTree(target[part]) ? target[part] : {};
      target = target[part] as Messages;
    }
    if (!isTree(source)) continue;
    for (const [name, value] of Object.entries(source)) {
      if (open ? name.startsWith(last) : name === last || name.startsWith(`${last}_`)) target[name] = value;
    }
  }
  return prune(picked);
}

function prune(tree: Messages): Messages {
  const kept: Messages = {};
  for (const [name, value] of Object.entries(tree)) {
    const child = isTree(value) ? prune(value) : value;
    if (!isTree(child) || Object.keys(child).length > 0) kept[name] = child;
  }
  return kept;
}

function sameTree(a: unknown, b: unknown): boolean {
  if (!isTree(a) || !isTree(b)) return a === b;
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => sameTree(a[name], b[name]));
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

export interface MessageSplit {
  languages: string[];
  /** The keys the app shell uses: only those load at start-up, since every page downloads them. */
  shellKeys: string[];
  /** Sections the shell holds whole, which pages need not load again. */
  shellSections: string[];
  /** Per page module (path from src/web, as "./pages/impact/ImpactPage.tsx"), the sections it loads with it. */
  pages: Record<string, string[]>;
}

export function messageSplit(): MessageSplit {
  const sections = sectionNames();
  const english = readMessages(languageFiles().en as string);
  const shellKeys = keysUsedBy(moduleGraph(shellEntries), sections);
  const shell = pick(english, shellKeys);
  const shellSections = sections.filter((section) => sameTree(shell[section], english[section]));
  const pages: Record<string, string[]> = {};
  for (const file of filesUnder(pagesDirectory).filter(isPageModule).sort()) {
    const name = `./${path.relative(webRoot, file).split(path.sep).join("/")}`;
    // Only sections the keys find something in: the contracts name server messages the browser copy leaves out.
    const found = pick(english, keysUsedBy(moduleGraph([file]), sections));
    pages[name] = Object.keys(found)
      .filter((section) => !shellSections.includes(section))
      .sort();
  }
  return { languages: Object.keys(languageFiles()), shellKeys, shellSections, pages };
}

/**
 * The plugin: `virtual:civitas-messages` gives the split (languages, each page's sections) and a
 * loader per language for the shell and for each section, each its own small chunk holding only
 * that language's text.
 */
const publicId = "virtual:civitas-messages";
const resolvedId = `\0${publicId}`;
const chunkPrefix = `${resolvedId}/`;

export function civitasMessages(): Plugin {
  let server: ViteDevServer | undefined;
  // Read once per build (the index and each language's shell need it), again after a change.
  let cached: MessageSplit | undefined;
  const currentSplit = () => {
    cached ??= messageSplit();
    return cached;
  };
  return {
    name: "civitas-messages",
    configureServer(devServer) {
      server = devServer;
    },
    buildStart() {
      cached = undefined;
    },
    resolveId(id) {
      if (id === publicId) return resolvedId;
      if (id.startsWith(`${publicId}/`)) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id === resolvedId) {
        const split = currentSplit();
        const sections = sectionNames().filter((section) => !split.shellSections.includes(section));
        for (const file of Object.values(languageFiles())) this.addWatchFile(file);
        const loaders = split.languages.map((language) => {
          const entries = ["shell", ...sections].map((unit) => `${JSON.stringify(unit)}: () => import(${JSON.stringify(`${publicId}/${language}/${unit}`)})`);
          return `${JSON.stringify(language)}: {${entries.join(", ")}}`;
        });
        return [
          `export const languages = ${JSON.stringify(split.languages)};`,
          `export const pageSections = ${JSON.stringify(split.pages)};`,
          `export const loaders = {${loaders.join(", ")}};`,
        ].join("\n");
      }
      if (id.startsWith(chunkPrefix)) {
        const [language = "", unit = ""] = id.slice(chunkPrefix.length).split("/");
        const file = languageFiles()[language];
        if (!file) throw new Error(`No language file for ${language}`);
        this.addWatchFile(file);
        const messages = readMessages(file);
        const chunk = unit === "shell" ? pick(messages, currentSplit().shellKeys) : { [unit]: messages[unit] };
        return `export default ${JSON.stringify(chunk)};`;
      }
      return null;
    },
    // While developing, a change to a language file or to the web app's code may change the split.
    handleHotUpdate({ file }) {
      if (!server || !file.startsWith(webRoot) || !/\.(json|ts|tsx)$/.test(file)) return;
      cached = undefined;
      let changed = false;
      for (const module of server.moduleGraph.idToModuleMap.values()) {
        if (module.id?.startsWith(resolvedId)) {
          server.moduleGraph.invalidateModule(module);
          changed = true;
        }
      }
      if (changed && file.endsWith(".json")) server.ws.send({ type: "full-reload" });
    },
  };
}
