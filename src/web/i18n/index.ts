import { languages, loaders, pageSections } from "virtual:civitas-messages";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";

/**
 * Languages are the JSON files beside this one; adding a language is adding a file. Only the
 * reader's language is downloaded, and of it only what is on screen: the keys the app shell uses
 * at start-up, then each page's own sections of the file as the page loads (message-split.ts works
 * out which from the code). The choice is kept in a cookie the server reads too.
 */

export const availableLanguages: string[] = languages;

const cookieName = "civitas_lang";

/** The language's own name for itself ("English", "Español"). */
export function languageName(code: string): string {
  const name = new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

function detectLanguage(): string {
  const fromQuery = new URLSearchParams(window.location.search).get("lang");
  if (fromQuery && availableLanguages.includes(fromQuery)) return fromQuery;
  const fromCookie = document.cookie
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === cookieName)?.[1];
  if (fromCookie && availableLanguages.includes(fromCookie)) return fromCookie;
  for (const preferred of navigator.languages ?? [navigator.language]) {
    const primary = preferred.toLowerCase().split("-")[0] ?? "";
    if (availableLanguages.includes(primary)) return primary;
  }
  return "en";
}

/** The language the app shows, or is switching to: pages load their sections in it. */
let current = "en";
/** Sections of every page loaded so far: a new language needs them all before it shows. */
const pageUnits = new Set<string>();
/** Sections added to i18next, or on their way, by language and section. */
const added = new Map<string, Promise<void>>();

/** Adds "shell" (the keys the layout and its parts use) or one section, once per language. */
function add(language: string, unit: string): Promise<void> {
  const id = `${language}/${unit}`;
  let adding = added.get(id);
  if (!adding) {
    const loader = loaders[language]?.[unit];
    if (!loader) throw new Error(`No messages ${id}`);
    adding = loader().then((module) => {
      i18next.addResourceBundle(language, "translation", module.default, true, true);
    });
    // A failed download (a network hiccup) is tried again next time.
    adding.catch(() => added.delete(id));
    added.set(id, adding);
  }
  return adding;
}

/** Loads the sections a page module uses, in the current language; the router awaits it with the module. */
export async function loadPageMessages(file: string): Promise<void> {
  const sections = pageSections[file];
  if (!sections) throw new Error(`No messages listed for ${file}`);
  for (const section of sections) pageUnits.add(section);
  // If the language changes meanwhile, the page needs its sections in the new one too.
  let language: string;
  do {
    language = current;
    await Promise.all(sections.map((section) => add(language, section)));
  } while (language !== current);
}

export async function initI18n(): Promise<void> {
  current = detectLanguage();
  await i18next.use(initReactI18next).init({
    lng: current,
    resources: {},
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await add(current, "shell");
  document.documentElement.lang = current;
}

export async function changeLanguage(language: string): Promise<void> {
  // Everything already on screen, in the new language, before anything switches: no key shows bare.
  // A page may start loading meanwhile (its sections join pageUnits), so until nothing is missing.
  let units: string[];
  do {
    units = ["shell", ...pageUnits];
    await Promise.all(units.map((unit) => add(language, unit)));
  } while (units.length !== pageUnits.size + 1);
  current = language;
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  // The Cookie Store API is not available in every browser residents use.
  // biome-ignore lint/suspicious/noDocumentCookie: see above
  document.cookie = `${cookieName}=${language}; path=/; max-age=31536000; samesite=lax`;
}
