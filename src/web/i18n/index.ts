import i18next from "i18next";
import { initReactI18next } from "react-i18next";

/**
 * Languages are the JSON files beside this one; adding a language is adding a file. Only the
 * reader's language is downloaded. The choice is kept in a cookie the server reads too.
 */

type Messages = Record<string, unknown>;
const loaders = import.meta.glob<{ default: Messages }>("./*.json");

export const availableLanguages: string[] = Object.keys(loaders)
  .map((path) => path.slice(2, -5))
  .sort((a, b) => (a === "en" ? -1 : b === "en" ? 1 : a.localeCompare(b)));

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

async function load(language: string): Promise<Messages> {
  const loader = loaders[`./${language}.json`];
  if (!loader) throw new Error(`No language file for ${language}`);
  return (await loader()).default;
}

export async function initI18n(): Promise<void> {
  const language = detectLanguage();
  await i18next.use(initReactI18next).init({
    lng: language,
    resources: { [language]: { translation: await load(language) } },
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
}

export async function changeLanguage(language: string): Promise<void> {
  if (!i18next.hasResourceBundle(language, "translation")) {
    i18next.addResourceBundle(language, "translation", await load(language));
  }
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  // The Cookie Store API is not available in every browser residents use.
  // biome-ignore lint/suspicious/noDocumentCookie: see above
  document.cookie = `${cookieName}=${language}; path=/; max-age=31536000; samesite=lax`;
}
