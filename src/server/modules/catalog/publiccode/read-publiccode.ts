import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument } from "yaml";
import type { PubliccodeDocument } from "../../../../contracts/catalog.ts";
import { translate } from "../../../platform/i18n/index.ts";
import {
  countryCodes,
  deprecatedKeys,
  developmentStatuses,
  isAcceptedPubliccodeVersion,
  isLanguageTag,
  logoFormats,
  maintenanceTypes,
  publiccodeCategories,
  publiccodeScopes,
  screenshotFormats,
  softwareTypes,
} from "./vocabulary.ts";

/**
 * Reads a publiccode.yml file against the 0.7 standard (schema.core.rst). Every problem is collected,
 * not just the first, each with the dotted key path and the line of the offending node, so that a
 * person fixing a file sees everything at once. The document is kept whole, unknown and country keys
 * included, so that exporting what was imported gives back the same data.
 */

export interface PubliccodeProblemDetail {
  /** Dotted key path, list items by index: "maintenance.contacts.0.name"; "" for the file itself. */
  path: string;
  /** 1-based line of the offending node, or of the mapping that lacks a required key. */
  line: number | null;
  /** An i18n key under errors.publiccode. */
  messageKey: string;
  params?: Record<string, unknown>;
}

export type PubliccodeReadResult =
  | { ok: true; version: string; document: PubliccodeDocument; warnings: PubliccodeProblemDetail[] }
  | { ok: false; version: string | null; problems: PubliccodeProblemDetail[] };

const messagePrefix = "errors.publiccode.";

type Segment = string | number;
type Path = readonly Segment[];
type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An empty YAML value (`key:`) counts as absent, as every publiccode.yml parser treats it. */
function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Finds problems and their lines by walking the YAML syntax tree beside the plain data. */
class Checker {
  readonly problems: PubliccodeProblemDetail[] = [];
  readonly warnings: PubliccodeProblemDetail[] = [];

  private readonly yaml: Document.Parsed;
  private readonly lines: LineCounter;

  constructor(yaml: Document.Parsed, lines: LineCounter) {
    this.yaml = yaml;
    this.lines = lines;
  }

  /** A problem with the value at `path`. */
  fail(path: Path, key: string, params?: Record<string, unknown>): void {
    this.problems.push(detail(path, this.valueLine(path), key, params));
  }

  /** A problem with the key at `path` itself, such as a language tag that is not one. */
  failKey(path: Path, key: string, params?: Record<string, unknown>): void {
    this.problems.push(detail(path, this.keyLine(path), key, params));
  }

  /** A required key that is absent: reported on the line of the mapping that should hold it. */
  missing(path: Path, key = "required", params?: Record<string, unknown>): void {
    this.problems.push(detail(path, this.keyLine(path.slice(0, -1)), key, params));
  }

  warn(path: Path, key: string, params?: Record<string, unknown>): void {
    this.warnings.push(detail(path, this.valueLine(path), key, params));
  }

  warnKey(path: Path, key: string, params?: Record<string, unknown>): void {
    this.warnings.push(detail(path, this.keyLine(path), key, params));
  }

  /** The text the author wrote for a scalar, e.g. "0.20" where the number is 0.2. */
  sourceOf(path: Path): string | null {
    const node = this.nodeAt(path);
    return isScalar(node) && typeof node.source === "string" ? node.source : null;
  }

  private lineOf(node: Node | null | undefined): number | null {
    const offset = node?.range?.[0];
    return offset === undefined ? null : this.lines.linePos(offset).line;
  }

  private valueLine(path: Path): number | null {
    return this.lineOf(this.nodeAt(path)) ?? this.keyLine(path);
  }

  private keyLine(path: Path): number | null {
    if (path.length === 0) return this.lineOf(this.yaml.contents);
    const parent = this.nodeAt(path.slice(0, -1));
    const last = path[path.length - 1];
    if (isMap(parent) && last !== undefined) {
      const pair = findPair(parent.items, last);
      if (pair) return this.lineOf(pair.key as Node) ?? this.lineOf(pair.value as Node);
    }
    if (isSeq(parent) && typeof last === "number") {
      const line = this.lineOf(this.resolve(parent.items[last]));
      if (line !== null) return line;
    }
    return this.keyLine(path.slice(0, -1));
  }

  private nodeAt(path: Path): Node | null {
    let node = this.resolve(this.yaml.contents);
    for (const segment of path) {
      if (isMap(node)) {
        node = this.resolve(findPair(node.items, segment)?.value);
      } else if (isSeq(node) && typeof segment === "number") {
        node = this.resolve(node.items[segment]);
      } else {
        return null;
      }
    }
    return node;
  }

  private resolve(node: unknown): Node | null {
    if (isAlias(node)) return (node.resolve(this.yaml) as Node | undefined) ?? null;
    if (isPair(node)) return null;
    return (node as Node | null | undefined) ?? null;
  }
}

function findPair(items: Pair<unknown, unknown>[], segment: Segment): Pair<unknown, unknown> | undefined {
  return items.find((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key) === String(segment));
}

function detail(path: Path, line: number | null, key: string, params?: Record<string, unknown>): PubliccodeProblemDetail {
  return { path: path.join("."), line, messageKey: messagePrefix + key, ...(params ? { params } : {}) };
}

/** By line, problems without a line last; equal lines keep the order the file was checked in. */
function byLine(problems: PubliccodeProblemDetail[]): PubliccodeProblemDetail[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => (a.problem.line ?? Number.MAX_SAFE_INTEGER) - (b.problem.line ?? Number.MAX_SAFE_INTEGER) || a.index - b.index)
    .map(({ problem }) => problem);
}

export function readPubliccode(text: string): PubliccodeReadResult {
  const lines = new LineCounter();
  const yaml = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (yaml.errors.length > 0) {
    const problems = yaml.errors.map((error) => detail([], lines.linePos(error.pos[0]).line, "yamlSyntax", { reason: error.message }));
    return { ok: false, version: null, problems: byLine(problems) };
  }
  const checker = new Checker(yaml, lines);
  let data: unknown;
  try {
    // The alias limit stops a small file from expanding into a huge one ("billion laughs").
    data = toPlainData(checker, yaml.toJS({ maxAliasCount: 100 }), []);
  } catch (error) {
    return { ok: false, version: null, problems: [detail([], null, "yamlSyntax", { reason: error instanceof Error ? error.message : String(error) })] };
  }
  if (!isMapping(data)) {
    checker.fail([], "notMapping");
    return { ok: false, version: null, problems: checker.problems };
  }
  const version = checkVersion(checker, data);
  checkDocument(checker, data);
  if (checker.problems.length > 0 || version === null || !isAcceptedPubliccodeVersion(version)) {
    return { ok: false, version, problems: byLine(checker.problems) };
  }
  return { ok: true, version, document: data, warnings: byLine(checker.warnings) };
}

/** Localised one-line message, e.g. "longer than 150 characters (line 12)"; callers prefix the path. */
export function describePubliccodeProblem(locale: string, problem: PubliccodeProblemDetail): string {
  const params = Object.fromEntries(Object.entries(problem.params ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : value]));
  const message = translate(locale, problem.messageKey, params);
  return problem.line === null ? message : translate(locale, `${messagePrefix}atLine`, { message, line: problem.line });
}

/**
 * Copies the parsed YAML into plain JSON data, the form the catalog stores. Values JSON (or
 * PostgreSQL's jsonb) cannot hold — .inf, .nan, binary, the NUL character — are problems.
 */
function toPlainData(checker: Checker, value: unknown, path: Path): unknown {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "string") {
    if (value.includes("\u0000")) checker.fail(path, "notStorable");
    return value;
  }
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    checker.fail(path, "notStorable");
    return null;
  }
  if (Array.isArray(value)) return value.map((item, index) => toPlainData(checker, item, [...path, index]));
  if (isMapping(value) && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Mapping = {};
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) checker.failKey([...path, key], "notStorable");
      // defineProperty, so that a key named "__proto__" stays a key.
      Object.defineProperty(copy, key, { value: toPlainData(checker, item, [...path, key]), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  checker.fail(path, "notStorable");
  return null;
}

function checkVersion(checker: Checker, document: Mapping): string | null {
  const path = ["publiccodeYmlVersion"];
  const declared = document.publiccodeYmlVersion;
  let version: string | null = null;
  if (!isPresent(declared)) {
    checker.missing(path);
  } else if (typeof declared === "string") {
    version = declared.trim();
  } else if (typeof declared === "number") {
    // `publiccodeYmlVersion: 0.2` without quotes is a number in YAML; read it as the author wrote it.
    version = checker.sourceOf(path) ?? String(declared);
    checker.warn(path, "versionNotText", { version });
  } else {
    checker.fail(path, "notString");
  }
  if (version !== null && !isAcceptedPubliccodeVersion(version)) checker.fail(path, "unknownVersion", { version });
  return version;
}

/** The keys the standard defines inside each section and special data format. */
const knownKeys = {
  organisation: ["uri", "name"],
  intendedAudience: ["countries", "unsupportedCountries", "scope"],
  description: [
    "localisedName",
    "genericName",
    "shortDescription",
    "longDescription",
    "documentation",
    "apiDocumentation",
    "features",
    "screenshots",
    "videos",
    "awards",
  ],
  legal: ["license", "mainCopyrightOwner", "repoOwner", "authorsFile"],
  maintenance: ["type", "contractors", "contacts"],
  localisation: ["localisationReady", "availableLanguages"],
  dependsOn: ["open", "proprietary", "hardware"],
  contact: ["name", "email", "phone", "affiliation"],
  contractor: ["name", "until", "email", "website"],
  dependency: ["name", "versionMin", "versionMax", "version", "optional"],
  fundingOrganisation: ["name", "uri"],
  support: ["id"],
} as const;

function checkDocument(c: Checker, d: Mapping): void {
  readText(c, d, [], "name", { required: true });
  readText(c, d, [], "applicationSuite");
  readUrl(c, d, [], "url", true);
  readUrl(c, d, [], "landingURL");
  for (const [index, value] of readTextOrList(c, d, [], "isBasedOn")) checkUrl(c, ["isBasedOn", ...index], value);
  readVersionText(c, d, [], "softwareVersion");
  readDate(c, d, [], "releaseDate");
  readFile(c, d, [], "logo", logoFormats);
  markDeprecated(c, d, [], "monochromeLogo");
  readFile(c, d, [], "monochromeLogo", logoFormats);
  for (const key of ["inputTypes", "outputTypes"]) {
    markDeprecated(c, d, [], key);
    readTextList(c, d, [], key);
  }
  const platforms = readTextOrList(c, d, [], "platforms", true);
  if (isPresent(d.platforms) && Array.isArray(d.platforms) && d.platforms.length === 0) c.fail(["platforms"], "emptyList");
  for (const [index, platform] of platforms) if (platform.trim() === "") c.fail(["platforms", ...index], "required");
  for (const [index, category] of readTextList(c, d, [], "categories").entries()) {
    if (category !== null && !(publiccodeCategories as readonly string[]).includes(category))
      c.fail(["categories", index], "unknownCategory", { value: category });
  }
  readTextList(c, d, [], "usedBy");
  readMappingList(c, d, [], "fundedBy", (item, path) => {
    readText(c, item, path, "name", { required: true });
    readUri(c, item, path, "uri");
    warnUnknownKeys(c, item, path, knownKeys.fundingOrganisation);
  });
  readUrl(c, d, [], "roadmap");
  readChoice(c, d, [], "developmentStatus", developmentStatuses, true);
  readChoice(c, d, [], "softwareType", softwareTypes, true);
  readMappingList(c, d, [], "supports", (item, path) => {
    const id = readText(c, item, path, "id", { required: true });
    if (id !== undefined && id.trim() !== "" && !isSupportId(id)) c.fail([...path, "id"], "notSupportId", { value: id });
    warnUnknownKeys(c, item, path, knownKeys.support);
  });
  checkOrganisation(c, d);
  checkIntendedAudience(c, d);
  checkDescription(c, d);
  checkLegal(c, d);
  checkMaintenance(c, d);
  checkLocalisation(c, d);
  checkDependencies(c, d);
}

function checkOrganisation(c: Checker, d: Mapping): void {
  const organisation = readMapping(c, d, [], "organisation");
  if (!organisation) return;
  const path = ["organisation"];
  readUri(c, organisation, path, "uri", true);
  readText(c, organisation, path, "name");
  warnUnknownKeys(c, organisation, path, knownKeys.organisation);
}

function checkIntendedAudience(c: Checker, d: Mapping): void {
  const audience = readMapping(c, d, [], "intendedAudience");
  if (!audience) return;
  const path = ["intendedAudience"];
  for (const key of ["countries", "unsupportedCountries"]) {
    for (const [index, code] of readTextList(c, audience, path, key).entries()) {
      if (code === null) continue;
      const itemPath = [...path, key, index];
      if (countryCodes.has(code)) continue;
      // Lowercase codes are deprecated by the standard, not invalid.
      if (countryCodes.has(code.toUpperCase()) && code === code.toLowerCase())
        c.warn(itemPath, "countryCodeLowercase", { value: code, suggestion: code.toUpperCase() });
      else c.fail(itemPath, "countryCode", { value: code });
    }
  }
  for (const [index, scope] of readTextList(c, audience, path, "scope").entries()) {
    if (scope !== null && !(publiccodeScopes as readonly string[]).includes(scope)) c.fail([...path, "scope", index], "unknownScope", { value: scope });
  }
  warnUnknownKeys(c, audience, path, knownKeys.intendedAudience);
}

function checkDescription(c: Checker, d: Mapping): void {
  const description = readMapping(c, d, [], "description", true);
  if (!description) return;
  const languages = Object.keys(description);
  if (languages.length === 0) {
    c.fail(["description"], "descriptionLanguageRequired");
    return;
  }
  let firstLanguage: string | null = null;
  let hasLongDescription = false;
  let hasFeatures = false;
  for (const language of languages) {
    const path = ["description", language];
    if (!isLanguageTag(language)) c.failKey(path, "languageTag", { value: language });
    const entry = readMapping(c, description, ["description"], language, true);
    if (!entry) continue;
    firstLanguage ??= language;
    readText(c, entry, path, "localisedName");
    markDeprecated(c, entry, path, "genericName");
    readText(c, entry, path, "genericName", { max: 35 });
    readText(c, entry, path, "shortDescription", { required: true, max: 150 });
    readText(c, entry, path, "longDescription", { min: 150, max: 10_000 });
    hasLongDescription ||= isPresent(entry.longDescription);
    readUrl(c, entry, path, "documentation");
    readUrl(c, entry, path, "apiDocumentation");
    readTextList(c, entry, path, "features");
    hasFeatures ||= isPresent(entry.features);
    for (const [index, screenshot] of readTextList(c, entry, path, "screenshots").entries()) {
      if (screenshot !== null) checkFile(c, [...path, "screenshots", index], screenshot, screenshotFormats);
    }
    for (const [index, video] of readTextList(c, entry, path, "videos").entries()) if (video !== null) checkUrl(c, [...path, "videos", index], video);
    readTextList(c, entry, path, "awards");
    warnUnknownKeys(c, entry, path, knownKeys.description);
  }
  // Mandatory "for at least one language": reported on the first language, where most authors write it.
  if (firstLanguage !== null && !hasLongDescription) c.missing(["description", firstLanguage, "longDescription"]);
  if (firstLanguage !== null && !hasFeatures) c.missing(["description", firstLanguage, "features"]);
}

function checkLegal(c: Checker, d: Mapping): void {
  const legal = readMapping(c, d, [], "legal", true);
  if (!legal) return;
  const path = ["legal"];
  const license = readText(c, legal, path, "license", { required: true });
  if (license !== undefined && license.trim() !== "" && !isSpdxExpression(license)) c.fail([...path, "license"], "notSpdx", { value: license });
  readText(c, legal, path, "mainCopyrightOwner");
  markDeprecated(c, legal, path, "repoOwner");
  readText(c, legal, path, "repoOwner");
  markDeprecated(c, legal, path, "authorsFile");
  readText(c, legal, path, "authorsFile");
  warnUnknownKeys(c, legal, path, knownKeys.legal);
}

function checkMaintenance(c: Checker, d: Mapping): void {
  const maintenance = readMapping(c, d, [], "maintenance", true);
  if (!maintenance) return;
  const path = ["maintenance"];
  const type = readChoice(c, maintenance, path, "type", maintenanceTypes, true);
  const hasContractors = Array.isArray(maintenance.contractors) ? maintenance.contractors.length > 0 : isPresent(maintenance.contractors);
  const hasContacts = Array.isArray(maintenance.contacts) ? maintenance.contacts.length > 0 : isPresent(maintenance.contacts);
  if (type === "contract" && !hasContractors) {
    if (isPresent(maintenance.contractors)) c.fail([...path, "contractors"], "contractorsRequired");
    else c.missing([...path, "contractors"], "contractorsRequired");
  }
  if (type !== undefined && type !== "contract" && isPresent(maintenance.contractors)) c.failKey([...path, "contractors"], "contractorsOnlyForContract");
  if ((type === "internal" || type === "community") && !hasContacts) {
    if (isPresent(maintenance.contacts)) c.fail([...path, "contacts"], "contactsRequired");
    else c.missing([...path, "contacts"], "contactsRequired");
  }
  readMappingList(c, maintenance, path, "contractors", (item, itemPath) => {
    readText(c, item, itemPath, "name", { required: true });
    readDate(c, item, itemPath, "until", true);
    readEmail(c, item, itemPath, "email");
    readUrl(c, item, itemPath, "website");
    warnUnknownKeys(c, item, itemPath, knownKeys.contractor);
  });
  readMappingList(c, maintenance, path, "contacts", (item, itemPath) => {
    readText(c, item, itemPath, "name", { required: true });
    readEmail(c, item, itemPath, "email");
    readText(c, item, itemPath, "phone");
    readText(c, item, itemPath, "affiliation");
    warnUnknownKeys(c, item, itemPath, knownKeys.contact);
  });
  warnUnknownKeys(c, maintenance, path, knownKeys.maintenance);
}

function checkLocalisation(c: Checker, d: Mapping): void {
  const localisation = readMapping(c, d, [], "localisation", true);
  if (!localisation) return;
  const path = ["localisation"];
  readBoolean(c, localisation, path, "localisationReady", true);
  const languages = readTextList(c, localisation, path, "availableLanguages", true);
  for (const [index, language] of languages.entries()) {
    if (language !== null && !isLanguageTag(language)) c.fail([...path, "availableLanguages", index], "languageTag", { value: language });
  }
  warnUnknownKeys(c, localisation, path, knownKeys.localisation);
}

function checkDependencies(c: Checker, d: Mapping): void {
  const dependsOn = readMapping(c, d, [], "dependsOn");
  if (!dependsOn) return;
  const path = ["dependsOn"];
  for (const kind of knownKeys.dependsOn) {
    readMappingList(c, dependsOn, path, kind, (item, itemPath) => {
      readText(c, item, itemPath, "name", { required: true });
      for (const key of ["versionMin", "versionMax", "version"]) readVersionText(c, item, itemPath, key);
      readBoolean(c, item, itemPath, "optional");
      warnUnknownKeys(c, item, itemPath, knownKeys.dependency);
    });
  }
  warnUnknownKeys(c, dependsOn, path, knownKeys.dependsOn);
}

// ---- Readers: each checks one key of a mapping and returns its value when it has the right type. ----

function readText(c: Checker, parent: Mapping, path: Path, key: string, rules: { required?: boolean; min?: number; max?: number } = {}): string | undefined {
  const keyPath = [...path, key];
  const value = parent[key];
  if (!isPresent(value)) {
    if (rules.required) c.missing(keyPath);
    return undefined;
  }
  if (typeof value !== "string") {
    c.fail(keyPath, "notString");
    return undefined;
  }
  // Block scalars end with a newline the author did not type as text; count what the reader sees.
  const length = [...value.trim()].length;
  if (rules.required && length === 0) c.fail(keyPath, "required");
  else if (rules.max !== undefined && length > rules.max) c.fail(keyPath, "tooLong", { max: rules.max });
  else if (rules.min !== undefined && length < rules.min) c.fail(keyPath, "tooShort", { min: rules.min });
  return value;
}

/** Version numbers written without quotes (`version: 1.1`) are numbers in YAML; take them as written. */
function readVersionText(c: Checker, parent: Mapping, path: Path, key: string): void {
  const value = parent[key];
  if (isPresent(value) && typeof value !== "string" && typeof value !== "number") c.fail([...path, key], "notString");
}

function readUrl(c: Checker, parent: Mapping, path: Path, key: string, required = false): void {
  const value = readText(c, parent, path, key, { required });
  if (value !== undefined && value.trim() !== "") checkUrl(c, [...path, key], value);
}

function checkUrl(c: Checker, path: Path, value: string): void {
  if (!isHttpUrl(value)) c.fail(path, "notUrl");
}

function isHttpUrl(value: string): boolean {
  if (/\s/.test(value) || !URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

function readUri(c: Checker, parent: Mapping, path: Path, key: string, required = false): void {
  const value = readText(c, parent, path, key, { required });
  if (value !== undefined && value.trim() !== "" && !isUri(value)) c.fail([...path, key], "notUri");
}

/** RFC 3986 shape: a scheme, a colon, and something after it (https://…, urn:…, mailto:…). */
function isUri(value: string): boolean {
  return /^[a-z][a-z\d+.-]*:[^\s]+$/i.test(value) && URL.canParse(value);
}

/** `alias:<name>` from the standard's list of aliases, or any other URI. */
function isSupportId(value: string): boolean {
  if (value.startsWith("alias:")) return /^alias:[a-z\d][a-z\d._-]*$/i.test(value);
  return isUri(value);
}

function readEmail(c: Checker, parent: Mapping, path: Path, key: string): void {
  const value = readText(c, parent, path, key);
  if (value !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) c.fail([...path, key], "notEmail");
}

function readDate(c: Checker, parent: Mapping, path: Path, key: string, required = false): void {
  const value = readText(c, parent, path, key, { required });
  if (value !== undefined && value.trim() !== "" && !isDate(value)) c.fail([...path, key], "notDate");
}

/** YYYY-MM-DD, the only date form the standard allows, and a day that exists (no 2023-02-30). */
function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function readBoolean(c: Checker, parent: Mapping, path: Path, key: string, required = false): void {
  const value = parent[key];
  if (!isPresent(value)) {
    if (required) c.missing([...path, key]);
  } else if (typeof value !== "boolean") {
    c.fail([...path, key], "notBoolean");
  }
}

function readChoice<T extends string>(c: Checker, parent: Mapping, path: Path, key: string, allowed: readonly T[], required = false): T | undefined {
  const value = readText(c, parent, path, key, { required });
  if (value === undefined || value.trim() === "") return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  c.fail([...path, key], "notOneOf", { value, allowed: [...allowed] });
  return undefined;
}

/** A path to a file in the repository, or an absolute URL to it; the file type is a recommendation. */
function readFile(c: Checker, parent: Mapping, path: Path, key: string, formats: readonly string[]): void {
  const value = readText(c, parent, path, key);
  if (value !== undefined && value.trim() !== "") checkFile(c, [...path, key], value, formats);
}

function checkFile(c: Checker, path: Path, value: string, formats: readonly string[]): void {
  if (/^[a-z][a-z\d+.-]*:/i.test(value) && !isHttpUrl(value)) {
    c.fail(path, "notUrl");
    return;
  }
  const extension = /\.([a-z\d]+)(?:[?#].*)?$/i.exec(value)?.[1]?.toLowerCase();
  if (!extension || !formats.includes(extension)) c.warn(path, "fileFormat", { allowed: [...formats] });
}

function readMapping(c: Checker, parent: Mapping, path: Path, key: string, required = false): Mapping | undefined {
  const value = parent[key];
  if (!isPresent(value)) {
    if (required) c.missing([...path, key]);
    return undefined;
  }
  if (!isMapping(value)) {
    c.fail([...path, key], "notMapping");
    return undefined;
  }
  return value;
}

function readList(c: Checker, parent: Mapping, path: Path, key: string, required = false): unknown[] {
  const value = parent[key];
  if (!isPresent(value)) {
    if (required) c.missing([...path, key]);
    return [];
  }
  if (!Array.isArray(value)) {
    c.fail([...path, key], "notList");
    return [];
  }
  if (required && value.length === 0) c.fail([...path, key], "emptyList");
  return value;
}

/** The items of a list of text, by index; an item that is not text is reported and comes back as null. */
function readTextList(c: Checker, parent: Mapping, path: Path, key: string, required = false): (string | null)[] {
  return readList(c, parent, path, key, required).map((item, index) => {
    if (typeof item === "string") return item;
    c.fail([...path, key, index], "notString");
    return null;
  });
}

/** Keys the standard types as "string or array of strings"; returns each text with its index path. */
function readTextOrList(c: Checker, parent: Mapping, path: Path, key: string, required = false): [Segment[], string][] {
  const value = parent[key];
  if (!isPresent(value)) {
    if (required) c.missing([...path, key]);
    return [];
  }
  if (typeof value === "string") return [[[], value]];
  if (!Array.isArray(value)) {
    c.fail([...path, key], "notStringOrList");
    return [];
  }
  const texts: [Segment[], string][] = [];
  value.forEach((item, index) => {
    if (typeof item === "string") texts.push([[index], item]);
    else c.fail([...path, key, index], "notString");
  });
  return texts;
}

function readMappingList(c: Checker, parent: Mapping, path: Path, key: string, checkItem: (item: Mapping, itemPath: Path) => void): void {
  readList(c, parent, path, key).forEach((item, index) => {
    const itemPath = [...path, key, index];
    if (isMapping(item)) checkItem(item, itemPath);
    else c.fail(itemPath, "notMapping");
  });
}

function markDeprecated(c: Checker, parent: Mapping, path: Path, key: string): void {
  if (!(key in parent)) return;
  const pattern = [...path.map((segment, index) => (path[0] === "description" && index === 1 ? "*" : String(segment))), key].join(".");
  const replacement = deprecatedKeys.get(pattern);
  if (replacement === undefined) return;
  if (replacement === null) c.warnKey([...path, key], "deprecated");
  else c.warnKey([...path, key], "deprecatedUse", { replacement });
}

/** Inside the standard's sections an unknown key is most often a typo; it is kept, and pointed out. */
function warnUnknownKeys(c: Checker, mapping: Mapping, path: Path, known: readonly string[]): void {
  for (const key of Object.keys(mapping)) if (!known.includes(key)) c.warnKey([...path, key], "unknownKey");
}

/**
 * An SPDX license expression (SPDX 2.3 annex D): license ids, optionally with "+", joined by AND / OR,
 * an exception after WITH, parentheses. Ids are checked for shape, not against the SPDX list, which
 * grows every few months.
 */
export function isSpdxExpression(value: string): boolean {
  const tokens = value.match(/\(|\)|[^\s()]+/g) ?? [];
  let position = 0;
  const operator = (token: string | undefined, name: string) => token !== undefined && token.toUpperCase() === name;
  const isId = (token: string | undefined) =>
    token !== undefined && /^(?:DocumentRef-[a-z\d.-]+:)?[a-z\d.-]+\+?$/i.test(token) && !["AND", "OR", "WITH"].includes(token.toUpperCase());
  const parseSimple = (): boolean => {
    const token = tokens[position];
    if (token === "(") {
      position += 1;
      if (!parseOr()) return false;
      if (tokens[position] !== ")") return false;
      position += 1;
      return true;
    }
    if (!isId(token)) return false;
    position += 1;
    if (operator(tokens[position], "WITH")) {
      position += 1;
      if (!isId(tokens[position])) return false;
      position += 1;
    }
    return true;
  };
  const parseAnd = (): boolean => {
    if (!parseSimple()) return false;
    while (operator(tokens[position], "AND")) {
      position += 1;
      if (!parseSimple()) return false;
    }
    return true;
  };
  const parseOr = (): boolean => {
    if (!parseAnd()) return false;
    while (operator(tokens[position], "OR")) {
      position += 1;
      if (!parseAnd()) return false;
    }
    return true;
  };
  return tokens.length > 0 && parseOr() && position === tokens.length;
}
