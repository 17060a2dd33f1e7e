import type { PubliccodeDocument } from "../../../../contracts/catalog.ts";

/**
 * The fields of a publiccode.yml document the catalog lists, filters and searches by, in the
 * reader's language. It never throws: documents shared by other cities arrive unchecked, and a
 * missing or odd key comes back empty.
 */

export interface PubliccodeSummary {
  name: string;
  url: string;
  landingUrl: string | null;
  shortDescription: string;
  longDescription: string;
  features: string[];
  license: string;
  softwareType: string;
  developmentStatus: string;
  platforms: string[];
  categories: string[];
  availableLanguages: string[];
  usedBy: string[];
  maintenanceType: string | null;
  /** Every text a person might search for, in all the document's languages. */
  searchText: string;
}

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";
}

function texts(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return items.map(text).filter((item) => item !== "");
}

/** Picks the description in the first of `languages` the document has, else English, else the first one. */
export function summarizePubliccode(document: PubliccodeDocument, languages: string[]): PubliccodeSummary {
  const descriptions = isMapping(document.description) ? document.description : {};
  const order = descriptionLanguages(descriptions, languages);
  // A field the chosen language lacks (the standard asks for longDescription and features in one language only) comes from the next.
  const described = (key: string, read: (value: unknown) => boolean) => {
    for (const language of order) {
      const entry = descriptions[language];
      if (isMapping(entry) && read(entry[key])) return entry[key];
    }
    return undefined;
  };
  const legal = isMapping(document.legal) ? document.legal : {};
  const maintenance = isMapping(document.maintenance) ? document.maintenance : {};
  const localisation = isMapping(document.localisation) ? document.localisation : {};
  const organisation = isMapping(document.organisation) ? document.organisation : {};
  const summary = {
    name: text(document.name),
    url: text(document.url),
    landingUrl: text(document.landingURL) || null,
    shortDescription: text(described("shortDescription", (value) => text(value) !== "")),
    longDescription: text(described("longDescription", (value) => text(value) !== "")),
    features: texts(described("features", (value) => texts(value).length > 0)),
    license: text(legal.license),
    softwareType: text(document.softwareType),
    developmentStatus: text(document.developmentStatus),
    platforms: texts(document.platforms),
    categories: texts(document.categories),
    availableLanguages: texts(localisation.availableLanguages),
    usedBy: texts(document.usedBy),
    maintenanceType: text(maintenance.type) || null,
  };
  const searchable = [
    summary.name,
    text(document.applicationSuite),
    text(organisation.name),
    ...order.flatMap((language) => {
      const entry = descriptions[language];
      if (!isMapping(entry)) return [];
      return [text(entry.localisedName), text(entry.genericName), text(entry.shortDescription), text(entry.longDescription), ...texts(entry.features)];
    }),
    ...summary.categories,
    ...summary.platforms,
    ...summary.usedBy,
    summary.license,
  ];
  const searchText = [...new Set(searchable.filter((item) => item !== ""))].join(" ").replace(/\s+/g, " ");
  return { ...summary, searchText };
}

/**
 * The document's description languages from most to least wanted: each wanted language by exact tag,
 * then by its primary subtag ("es" finds "es-MX" and the other way round); then English; then the
 * document's own order.
 */
function descriptionLanguages(descriptions: Mapping, wanted: string[]): string[] {
  const available = Object.keys(descriptions).filter((language) => isMapping(descriptions[language]));
  const primary = (tag: string) => tag.toLowerCase().split("-")[0];
  const order: string[] = [];
  const add = (language: string | undefined) => {
    if (language !== undefined && !order.includes(language)) order.push(language);
  };
  for (const language of [...wanted, "en"]) {
    add(available.find((tag) => tag.toLowerCase() === language.toLowerCase()));
    for (const tag of available) if (primary(tag) === primary(language)) add(tag);
  }
  for (const tag of available) add(tag);
  return order;
}
