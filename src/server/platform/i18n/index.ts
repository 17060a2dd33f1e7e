import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyRequest } from "fastify";
import i18next, { type i18n, type TFunction } from "i18next";

/**
 * Server-side translation from the same language files the web app uses (src/web/i18n/<lang>.json):
 * adding a language is adding a file. Emails and error messages go out in the reader's language.
 */

const languageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../web/i18n");

const resources = Object.fromEntries(
  readdirSync(languageDirectory)
    .filter((file) => /^[a-z]{2}(-[A-Z]{2})?\.json$/.test(file))
    .map((file) => [path.basename(file, ".json"), { translation: JSON.parse(readFileSync(path.join(languageDirectory, file), "utf8")) }]),
);

export const supportedLocales: string[] = Object.keys(resources).sort((a, b) => (a === "en" ? -1 : b === "en" ? 1 : a.localeCompare(b)));
export const fallbackLocale = "en";

const instance: i18n = i18next.createInstance();
void instance.init({
  resources,
  lng: fallbackLocale,
  fallbackLng: fallbackLocale,
  supportedLngs: supportedLocales,
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function translatorFor(locale: string): TFunction {
  return instance.getFixedT(isSupportedLocale(locale) ? locale : fallbackLocale);
}

export function translate(locale: string, key: string, params: Record<string, unknown> = {}): string {
  return translatorFor(locale)(key, params as Record<string, string>) as string;
}

export function isSupportedLocale(locale: string | null | undefined): locale is string {
  return typeof locale === "string" && supportedLocales.includes(locale);
}

export const localeCookieName = "civitas_lang";

/** The reader's language: an explicit ?lang, then the language cookie, then Accept-Language, then English. */
export function localeOfRequest(request: FastifyRequest): string {
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = typeof query?.lang === "string" ? query.lang : undefined;
  if (isSupportedLocale(fromQuery)) return fromQuery;
  const fromCookie = readCookie(request.headers.cookie, localeCookieName);
  if (isSupportedLocale(fromCookie)) return fromCookie;
  return negotiateLocale(request.headers["accept-language"]) ?? fallbackLocale;
}

export function negotiateLocale(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const quality = rest.find((item) => item.trim().startsWith("q="));
      return { tag: tag.trim().toLowerCase(), quality: quality ? Number(quality.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (supportedLocales.includes(tag)) return tag;
    if (isSupportedLocale(primary)) return primary;
  }
  return undefined;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}
