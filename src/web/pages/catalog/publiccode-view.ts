/**
 * Reading a publiccode.yml document for people. The server keeps every key a file has, in whatever
 * version of the standard it was written, so nothing here trusts a key's shape: a value that is not
 * what the standard says is left out rather than shown wrongly.
 */

type Document = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as one line of text: strings, numbers and booleans; anything else is not shown. */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

/** A list of texts; a single text counts as a list of one. */
export function textsOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map(textOf).filter(Boolean);
}

function recordsOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function at(document: Document, path: string): unknown {
  let node: unknown = document;
  for (const key of path.split(".")) node = isRecord(node) ? node[key] : undefined;
  return node;
}

/** Files of publiccode.yml 0.2 named languages with three letters ("eng"); later ones with two ("en"). */
const threeLetterCodes: Record<string, string> = { en: "eng", es: "spa", it: "ita", fr: "fra", de: "deu", pt: "por", nl: "nld" };

/**
 * The description in the reader's language when the file has one, else in English, else the first
 * the file gives; with the language it is in, so the page can mark it.
 */
export function descriptionFor(document: Document, language: string): { language: string; description: Record<string, unknown> } | null {
  const descriptions = at(document, "description");
  if (!isRecord(descriptions)) return null;
  const languages = Object.keys(descriptions).filter((key) => isRecord(descriptions[key]));
  const primary = language.toLowerCase().split("-")[0] ?? "";
  const wanted = [language, primary, threeLetterCodes[primary] ?? "", "en", "eng", ...languages];
  for (const candidate of wanted) {
    const found = languages.find((key) => key.toLowerCase() === candidate.toLowerCase());
    if (found) return { language: found, description: descriptions[found] as Record<string, unknown> };
  }
  return null;
}

/** The BCP 47 tag for a description's key, for the `lang` attribute ("eng" is "en"). */
export function languageTagOf(key: string): string {
  const short = Object.entries(threeLetterCodes).find(([, long]) => long === key.toLowerCase())?.[0];
  return short ?? key;
}

export interface Contact {
  name: string;
  email: string;
  phone: string;
  affiliation: string;
}

export interface Contractor {
  name: string;
  email: string;
  website: string;
  until: string;
}

export interface Dependency {
  name: string;
  version: string;
  versionMin: string;
  versionMax: string;
  optional: boolean;
}

export interface Funder {
  name: string;
  uri: string;
}

/** Everything of a publiccode.yml that a catalog page shows, read defensively. */
export interface PubliccodeView {
  name: string;
  applicationSuite: string;
  url: string;
  landingUrl: string;
  isBasedOn: string[];
  softwareVersion: string;
  releaseDate: string;
  roadmap: string;
  platforms: string[];
  categories: string[];
  softwareType: string;
  developmentStatus: string;
  license: string;
  mainCopyrightOwner: string;
  repoOwner: string;
  usedBy: string[];
  fundedBy: Funder[];
  maintenanceType: string;
  contractors: Contractor[];
  contacts: Contact[];
  localisationReady: boolean | null;
  availableLanguages: string[];
  dependencies: { open: Dependency[]; proprietary: Dependency[]; hardware: Dependency[] };
  audience: { scope: string[]; countries: string[]; unsupportedCountries: string[] };
  description: {
    language: string;
    localisedName: string;
    genericName: string;
    shortDescription: string;
    longDescription: string;
    documentation: string;
    apiDocumentation: string;
    features: string[];
  } | null;
}

function dependenciesOf(value: unknown): Dependency[] {
  return recordsOf(value)
    .map((item) => ({
      name: textOf(item.name),
      version: textOf(item.version),
      versionMin: textOf(item.versionMin),
      versionMax: textOf(item.versionMax),
      optional: item.optional === true,
    }))
    .filter((item) => item.name);
}

export function readPubliccode(document: Document, language: string): PubliccodeView {
  const found = descriptionFor(document, language);
  const description = found
    ? {
        language: languageTagOf(found.language),
        localisedName: textOf(found.description.localisedName),
        genericName: textOf(found.description.genericName),
        shortDescription: textOf(found.description.shortDescription),
        longDescription: textOf(found.description.longDescription),
        documentation: textOf(found.description.documentation),
        apiDocumentation: textOf(found.description.apiDocumentation),
        features: textsOf(found.description.features),
      }
    : null;
  const localisationReady = at(document, "localisation.localisationReady");
  // 0.4 moved fundedBy under `organisation`; earlier files have it at the top, some as plain names.
  const funders = [at(document, "fundedBy"), at(document, "organisation.fundedBy")].flatMap((value) =>
    Array.isArray(value) ? value.map((item) => (isRecord(item) ? { name: textOf(item.name), uri: textOf(item.uri) } : { name: textOf(item), uri: "" })) : [],
  );
  return {
    name: textOf(document.name),
    applicationSuite: textOf(document.applicationSuite),
    url: textOf(document.url),
    landingUrl: textOf(document.landingURL),
    isBasedOn: textsOf(document.isBasedOn),
    softwareVersion: textOf(document.softwareVersion),
    releaseDate: textOf(document.releaseDate),
    roadmap: textOf(document.roadmap),
    platforms: textsOf(document.platforms),
    categories: textsOf(document.categories),
    softwareType: textOf(document.softwareType),
    developmentStatus: textOf(document.developmentStatus),
    license: textOf(at(document, "legal.license")),
    mainCopyrightOwner: textOf(at(document, "legal.mainCopyrightOwner")),
    repoOwner: textOf(at(document, "legal.repoOwner")),
    usedBy: textsOf(document.usedBy),
    fundedBy: funders.filter((funder) => funder.name),
    maintenanceType: textOf(at(document, "maintenance.type")),
    contractors: recordsOf(at(document, "maintenance.contractors"))
      .map((item) => ({ name: textOf(item.name), email: textOf(item.email), website: textOf(item.website), until: textOf(item.until) }))
      .filter((item) => item.name),
    contacts: recordsOf(at(document, "maintenance.contacts"))
      .map((item) => ({ name: textOf(item.name), email: textOf(item.email), phone: textOf(item.phone), affiliation: textOf(item.affiliation) }))
      .filter((item) => item.name),
    localisationReady: typeof localisationReady === "boolean" ? localisationReady : null,
    availableLanguages: textsOf(at(document, "localisation.availableLanguages")),
    dependencies: {
      open: dependenciesOf(at(document, "dependsOn.open")),
      proprietary: dependenciesOf(at(document, "dependsOn.proprietary")),
      hardware: dependenciesOf(at(document, "dependsOn.hardware")),
    },
    audience: {
      scope: textsOf(at(document, "intendedAudience.scope")),
      countries: textsOf(at(document, "intendedAudience.countries")),
      unsupportedCountries: textsOf(at(document, "intendedAudience.unsupportedCountries")),
    },
    description,
  };
}

/** Only web addresses become links: a file may hold anything in a URL field. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/**
 * How long ago (or ahead) `iso` is from `now`, in the reader's language: "2 days ago", "yesterday",
 * "hace 2 días". The largest unit with at least one whole step is used; under a minute is "now".
 */
export function relativeTime(iso: string, now: number, locale: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, length] of units) {
    if (Math.abs(seconds) >= length) return format.format(Math.trunc(seconds / length), unit);
  }
  return format.format(0, "second");
}
