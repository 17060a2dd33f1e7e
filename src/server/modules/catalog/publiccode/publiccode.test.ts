import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  describePubliccodeProblem,
  isSpdxExpression,
  type PubliccodeProblemDetail,
  type PubliccodeReadResult,
  readPubliccode,
  summarizePubliccode,
  writePubliccode,
} from "./index.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const officialExample = fixture("publiccode.yml");
const officialMinimalExample = fixture("publiccode.minimal.yml");

const longDescription =
  "Residents book an appointment at the permit desk, see which documents to bring, and get a reminder the day before. Staff see the bookings of the day and can move them when the desk closes.";

/** A valid 0.7 file; tests change single lines, so the line numbers below stay true. */
const permitDesk = `publiccodeYmlVersion: "0.7"
name: Permit desk
url: "https://git.example.org/city/permit-desk.git"
landingURL: "https://permits.example.org"
releaseDate: "2024-03-01"
platforms:
  - web
developmentStatus: stable
softwareType: "standalone/web"
description:
  en:
    shortDescription: Book an appointment at the permit desk.
    longDescription: >
      ${longDescription}
    features:
      - Book an appointment
      - Get a reminder the day before
  es:
    shortDescription: Pida cita en la ventanilla de permisos.
categories:
  - appointment-scheduling
legal:
  license: EUPL-1.2 OR AGPL-3.0-or-later
maintenance:
  type: internal
  contacts:
    - name: Ana García
      email: ana.garcia@example.org
localisation:
  localisationReady: true
  availableLanguages:
    - en
    - es
intendedAudience:
  countries:
    - US
  scope:
    - local-authorities
`;

/** Replaces one whole line of the permit desk file, keeping every other line where it was. */
function withLine(line: number, text: string, source = permitDesk): string {
  const lines = source.split("\n");
  lines[line - 1] = text;
  return lines.join("\n");
}

function problemsOf(result: PubliccodeReadResult): PubliccodeProblemDetail[] {
  if (result.ok) throw new Error(`expected problems, the file was read: ${JSON.stringify(result.document).slice(0, 200)}`);
  return result.problems;
}

function documentOf(result: PubliccodeReadResult) {
  if (!result.ok) throw new Error(`expected a valid file: ${JSON.stringify(result.problems)}`);
  return result.document;
}

/** path, line and the message key's last part: what a person needs to find and fix the problem. */
const brief = (problems: PubliccodeProblemDetail[]) => problems.map(({ path, line, messageKey }) => [path, line, messageKey.replace("errors.publiccode.", "")]);
const shown = (locale: string, problem: PubliccodeProblemDetail) => `${problem.path}: ${describePubliccodeProblem(locale, problem)}`;

describe("reading the standard's own examples", () => {
  it("reads the full example, keeping every key, the country section included", () => {
    const result = readPubliccode(officialExample);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.version).toBe("0");
    expect(result.warnings).toEqual([]);
    expect(result.document.name).toBe("Medusa");
    expect(result.document.IT).toEqual({ countryExtensionVersion: "1.0", piattaforme: { spid: true, cie: true, anpr: true, pagopa: true } });
    expect(result.document.organisation).toEqual({ uri: "urn:x-italian-pa:c_h501", name: "Roma Capitale" });
    expect(result.document.dependsOn).toMatchObject({
      open: [{ name: "MySQL", versionMin: "1.1", versionMax: "1.3", optional: true }, { name: "PostgreSQL" }],
    });
    expect(Object.keys(result.document)).toEqual(Object.keys(documentOf(readPubliccode(writePubliccode(result.document)))));
  });

  it("reads the minimal example", () => {
    const result = readPubliccode(officialMinimalExample);
    expect(result).toMatchObject({ ok: true, version: "0", warnings: [] });
    expect(documentOf(result).maintenance).toEqual({ type: "community", contacts: [{ name: "Francesco Rossi" }] });
  });

  it("reads the crafted permit desk file without problems", () => {
    expect(readPubliccode(permitDesk)).toMatchObject({ ok: true, version: "0.7", warnings: [] });
  });
});

describe("versions", () => {
  it.each(["0", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.2.2", "0.7.1"])("reads a file declaring %s", (version) => {
    const result = readPubliccode(withLine(1, `publiccodeYmlVersion: "${version}"`));
    expect(result).toMatchObject({ ok: true, version });
  });

  it("reads an unquoted version as written, keeps the number in the document, and asks for quotes", () => {
    const result = readPubliccode(withLine(1, "publiccodeYmlVersion: 0.2"));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.version).toBe("0.2");
    expect(result.document.publiccodeYmlVersion).toBe(0.2);
    expect(brief(result.warnings)).toEqual([["publiccodeYmlVersion", 1, "versionNotText"]]);
  });

  it.each(["0.1", "1.0", "0.8", "0.7.x", "latest"])("refuses version %s", (version) => {
    const result = readPubliccode(withLine(1, `publiccodeYmlVersion: "${version}"`));
    expect(result).toMatchObject({ ok: false, version });
    const problems = problemsOf(result);
    expect(brief(problems)).toEqual([["publiccodeYmlVersion", 1, "unknownVersion"]]);
    expect(problems[0]?.params).toEqual({ version });
  });

  it("requires the version", () => {
    const result = readPubliccode(withLine(1, "# no version"));
    expect(result).toMatchObject({ ok: false, version: null });
    expect(brief(problemsOf(result))).toEqual([["publiccodeYmlVersion", 2, "required"]]);
  });
});

describe("problems, located by key path and line", () => {
  it("says which key is too long, and on which line, in the reader's language", () => {
    const problems = problemsOf(readPubliccode(withLine(12, `    shortDescription: ${"A".repeat(151)}`)));
    expect(problems).toHaveLength(1);
    expect(shown("en", problems[0] as PubliccodeProblemDetail)).toBe("description.en.shortDescription: longer than 150 characters (line 12)");
    expect(shown("es", problems[0] as PubliccodeProblemDetail)).toBe("description.en.shortDescription: tiene más de 150 caracteres (línea 12)");
  });

  it("accepts exactly 150 characters, counting letters rather than bytes", () => {
    expect(readPubliccode(withLine(12, `    shortDescription: ${"é".repeat(150)}`)).ok).toBe(true);
  });

  it("collects every problem at once, sorted by line", () => {
    let text = withLine(3, "url: git@git.example.org:city/permit-desk.git");
    text = withLine(36, "    - USA", text);
    text = withLine(5, 'releaseDate: "2024-02-30"', text);
    text = withLine(27, "    - affiliation: City Hall", text);
    text = withLine(8, "developmentStatus: finished", text);
    text = withLine(21, "  - permits", text);
    const problems = problemsOf(readPubliccode(text));
    expect(brief(problems)).toEqual([
      ["url", 3, "notUrl"],
      ["releaseDate", 5, "notDate"],
      ["developmentStatus", 8, "notOneOf"],
      ["categories.0", 21, "unknownCategory"],
      ["maintenance.contacts.0.name", 27, "required"],
      ["intendedAudience.countries.0", 36, "countryCode"],
    ]);
    expect(problems.map((problem) => shown("en", problem))).toEqual([
      "url: must be a full web address starting with http:// or https:// (line 3)",
      "releaseDate: must be a real date written YYYY-MM-DD (line 5)",
      "developmentStatus: “finished” is not one of the allowed values: concept, development, beta, stable, obsolete (line 8)",
      "categories.0: “permits” is not a category of the publiccode.yml list (line 21)",
      "maintenance.contacts.0.name: is required (line 27)",
      "intendedAudience.countries.0: “USA” is not a two-letter ISO 3166-1 country code, such as US or ES (line 36)",
    ]);
  });

  it("lists every missing mandatory key of an empty file", () => {
    const problems = problemsOf(readPubliccode('publiccodeYmlVersion: "0.7"\n'));
    expect(brief(problems)).toEqual(
      ["name", "url", "platforms", "developmentStatus", "softwareType", "description", "legal", "maintenance", "localisation"].map((path) => [
        path,
        1,
        "required",
      ]),
    );
  });

  it("reports a missing key inside a section on the line of that section", () => {
    let text = withLine(13, "    documentation: https://docs.example.org/permit-desk");
    text = withLine(14, "    localisedName: Permit desk", text);
    text = withLine(15, "    awards:", text);
    text = withLine(23, "  mainCopyrightOwner: City of Example", text);
    text = withLine(30, "  availableLanguages: []", text);
    text = withLine(31, "  # none", text);
    text = withLine(32, "  # yet", text);
    text = withLine(33, "", text);
    expect(brief(problemsOf(readPubliccode(text)))).toEqual([
      ["description.en.longDescription", 11, "required"],
      ["description.en.features", 11, "required"],
      ["legal.license", 22, "required"],
      ["localisation.localisationReady", 29, "required"],
      ["localisation.availableLanguages", 30, "emptyList"],
    ]);
  });

  it("asks for longDescription and features in one language only", () => {
    // The Spanish description (line 18) has neither, and the file is still valid.
    const result = readPubliccode(permitDesk);
    expect(documentOf(result).description).toMatchObject({ es: { shortDescription: "Pida cita en la ventanilla de permisos." } });
    expect(readPubliccode(withLine(12, "    # shortDescription is required in each language")).ok).toBe(false);
  });

  it("checks lengths: longDescription 150 to 10000, genericName 35", () => {
    const short = problemsOf(readPubliccode(withLine(14, "      Too short.")));
    expect(brief(short)).toEqual([["description.en.longDescription", 13, "tooShort"]]);
    expect(describePubliccodeProblem("en", short[0] as PubliccodeProblemDetail)).toBe("shorter than 150 characters (line 13)");
    const long = problemsOf(readPubliccode(withLine(14, `      ${"word ".repeat(2001)}`)));
    expect(brief(long)).toEqual([["description.en.longDescription", 13, "tooLong"]]);
    const generic = readPubliccode(withLine(12, `    genericName: ${"g".repeat(36)}\n    shortDescription: Book.`));
    expect(brief(problemsOf(generic))).toEqual([["description.en.genericName", 12, "tooLong"]]);
  });

  it("refuses values outside the lists: software type, maintenance type, scope", () => {
    let text = withLine(9, "softwareType: website");
    text = withLine(25, "  type: volunteers", text);
    text = withLine(38, "    - permits", text);
    const problems = problemsOf(readPubliccode(text));
    expect(brief(problems)).toEqual([
      ["softwareType", 9, "notOneOf"],
      ["maintenance.type", 25, "notOneOf"],
      ["intendedAudience.scope.0", 38, "unknownScope"],
    ]);
    expect(problems[0]?.params).toMatchObject({ value: "website", allowed: expect.arrayContaining(["standalone/web", "library", "configurationFiles"]) });
  });

  it("accepts platforms outside the suggested list, as the standard allows, and a single platform as text", () => {
    expect(readPubliccode(withLine(7, "  - kiosk")).ok).toBe(true);
    const single = readPubliccode(withLine(6, "platforms: web\n#", permitDesk).replace("\n#\n  - web\n", "\n#\n"));
    expect(documentOf(single).platforms).toBe("web");
  });

  it.each([["git@git.example.org:city/permit-desk.git"], ["permits.example.org"], ["ftp://permits.example.org/"], ["https://"], ["/relative/path"]])(
    "refuses %s as a web address",
    (value) => {
      expect(brief(problemsOf(readPubliccode(withLine(4, `landingURL: "${value}"`))))).toEqual([["landingURL", 4, "notUrl"]]);
    },
  );

  it.each([["2023-02-29"], ["2024-13-01"], ["15/04/2017"], ["2024-3-1"], ["2024-03-01T10:00:00Z"]])("refuses %s as a date", (value) => {
    expect(brief(problemsOf(readPubliccode(withLine(5, `releaseDate: "${value}"`))))).toEqual([["releaseDate", 5, "notDate"]]);
  });

  it("accepts 29 February in a leap year", () => {
    expect(readPubliccode(withLine(5, "releaseDate: 2024-02-29")).ok).toBe(true);
  });

  it("checks types: text, list, mapping, true/false", () => {
    let text = withLine(2, "name: [Permit, desk]");
    text = withLine(20, "categories: appointment-scheduling", text);
    text = withLine(21, "", text);
    text = withLine(30, "  localisationReady: yes", text);
    text = withLine(34, "intendedAudience: everyone", text);
    text = withLine(35, "", text);
    text = withLine(36, "", text);
    text = withLine(37, "", text);
    text = withLine(38, "", text);
    expect(brief(problemsOf(readPubliccode(text)))).toEqual([
      ["name", 2, "notString"],
      ["categories", 20, "notList"],
      ["localisation.localisationReady", 30, "notBoolean"],
      ["intendedAudience", 34, "notMapping"],
    ]);
  });

  it("checks the licence is an SPDX expression", () => {
    expect(brief(problemsOf(readPubliccode(withLine(23, "  license: GNU GPL v3"))))).toEqual([["legal.license", 23, "notSpdx"]]);
    expect(isSpdxExpression("EUPL-1.2 OR AGPL-3.0-or-later")).toBe(true);
    expect(isSpdxExpression("(MIT AND Apache-2.0) OR GPL-2.0-only WITH Classpath-exception-2.0")).toBe(true);
    expect(isSpdxExpression("LicenseRef-city-of-example")).toBe(true);
    expect(isSpdxExpression("GPL-2.0+")).toBe(true);
    expect(isSpdxExpression("MIT OR")).toBe(false);
    expect(isSpdxExpression("(MIT")).toBe(false);
    expect(isSpdxExpression("MIT Apache-2.0")).toBe(false);
  });

  it("checks language tags, in description and in availableLanguages", () => {
    let text = withLine(18, "  english:");
    text = withLine(33, "    - es_ES", text);
    expect(brief(problemsOf(readPubliccode(text)))).toEqual([
      ["description.english", 18, "languageTag"],
      ["localisation.availableLanguages.1", 33, "languageTag"],
    ]);
    expect(readPubliccode(withLine(33, "    - sl-IT-nedis")).ok).toBe(true);
    expect(readPubliccode(withLine(18, "  pt-BR:")).ok).toBe(true);
  });

  it("takes lowercase country codes with a warning, and refuses codes that are not ISO 3166-1", () => {
    const lowercase = readPubliccode(withLine(36, "    - es"));
    if (!lowercase.ok) throw new Error(JSON.stringify(lowercase.problems));
    expect(brief(lowercase.warnings)).toEqual([["intendedAudience.countries.0", 36, "countryCodeLowercase"]]);
    expect(describePubliccodeProblem("en", lowercase.warnings[0] as PubliccodeProblemDetail)).toBe(
      "lowercase country codes are deprecated: write ES (line 36)",
    );
    for (const code of ["UK", "XX", "eu"]) {
      expect(brief(problemsOf(readPubliccode(withLine(36, `    - ${code}`))))).toEqual([["intendedAudience.countries.0", 36, "countryCode"]]);
    }
  });
});

describe("maintenance", () => {
  const maintenance = (lines: string) =>
    permitDesk.replace("maintenance:\n  type: internal\n  contacts:\n    - name: Ana García\n      email: ana.garcia@example.org\n", `maintenance:\n${lines}`);

  it("requires contractors under a contract, each with a name and an end date", () => {
    expect(brief(problemsOf(readPubliccode(maintenance("  type: contract\n"))))).toEqual([["maintenance.contractors", 24, "contractorsRequired"]]);
    const contractor = "  type: contract\n  contractors:\n    - name: Example Ltd\n      until: 2026-12-31\n      website: https://example.com\n";
    expect(readPubliccode(maintenance(contractor)).ok).toBe(true);
    const incomplete = "  type: contract\n  contractors:\n    - website: example.com\n      email: not-an-address\n";
    expect(brief(problemsOf(readPubliccode(maintenance(incomplete))))).toEqual([
      ["maintenance.contractors.0.name", 27, "required"],
      ["maintenance.contractors.0.until", 27, "required"],
      ["maintenance.contractors.0.website", 27, "notUrl"],
      ["maintenance.contractors.0.email", 28, "notEmail"],
    ]);
  });

  it("refuses contractors unless the maintenance is a contract", () => {
    const lines = "  type: community\n  contacts:\n    - name: Ana García\n  contractors:\n    - name: Example Ltd\n      until: 2026-12-31\n";
    const problems = problemsOf(readPubliccode(maintenance(lines)));
    expect(brief(problems)).toEqual([["maintenance.contractors", 28, "contractorsOnlyForContract"]]);
    expect(describePubliccodeProblem("es", problems[0] as PubliccodeProblemDetail)).toBe(
      "los contratistas solo se indican cuando el tipo de mantenimiento es contract (línea 28)",
    );
  });

  it("requires contacts for internal and community maintenance, not for none", () => {
    expect(brief(problemsOf(readPubliccode(maintenance("  type: internal\n"))))).toEqual([["maintenance.contacts", 24, "contactsRequired"]]);
    expect(brief(problemsOf(readPubliccode(maintenance("  type: community\n  contacts: []\n"))))).toEqual([["maintenance.contacts", 26, "contactsRequired"]]);
    expect(readPubliccode(maintenance("  type: none\n")).ok).toBe(true);
  });

  it("wants a contact's phone as text", () => {
    const lines = '  type: internal\n  contacts:\n    - name: Ana García\n      phone: 3923113215112\n    - name: Luis Pérez\n      phone: "+34 600 000 000"\n';
    expect(brief(problemsOf(readPubliccode(maintenance(lines))))).toEqual([["maintenance.contacts.0.phone", 28, "notString"]]);
  });
});

describe("other sections", () => {
  it("checks organisation, fundedBy, supports and dependencies", () => {
    const text = `${permitDesk}organisation:
  name: City of Example
fundedBy:
  - uri: https://example.org
supports:
  - id: alias:gdpr
  - id: not a uri
dependsOn:
  open:
    - name: PostgreSQL
      versionMin: 16
      optional: sometimes
    - version: "1.0"
`;
    expect(brief(problemsOf(readPubliccode(text)))).toEqual([
      ["organisation.uri", 39, "required"],
      ["fundedBy.0.name", 42, "required"],
      ["supports.1.id", 45, "notSupportId"],
      ["dependsOn.open.0.optional", 50, "notBoolean"],
      ["dependsOn.open.1.name", 51, "required"],
    ]);
  });

  it("takes deprecated keys with a warning, points out unknown keys in sections, and keeps unknown top-level keys silently", () => {
    const text = `${permitDesk.replace("  license: EUPL-1.2 OR AGPL-3.0-or-later\n", "  license: EUPL-1.2 OR AGPL-3.0-or-later\n  repoOwner: City of Example\n")}monochromeLogo: img/logo-mono.png
inputTypes:
  - text/plain
es:
  countryExtensionVersion: "1.0"
futureKey: { anything: [1, 2] }
`;
    const result = readPubliccode(text.replace("    - name: Ana García\n", "    - name: Ana García\n      pager: 555\n"));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(brief(result.warnings)).toEqual([
      ["legal.repoOwner", 24, "deprecatedUse"],
      ["maintenance.contacts.0.pager", 29, "unknownKey"],
      ["monochromeLogo", 41, "deprecated"],
      ["inputTypes", 42, "deprecated"],
    ]);
    expect(describePubliccodeProblem("en", result.warnings[0] as PubliccodeProblemDetail)).toBe("is deprecated: use organisation.name instead (line 24)");
    expect(result.document.es).toEqual({ countryExtensionVersion: "1.0" });
    expect(result.document.futureKey).toEqual({ anything: [1, 2] });
  });

  it("refuses values the catalog cannot store", () => {
    expect(brief(problemsOf(readPubliccode(`${permitDesk}extra: .inf\n`)))).toEqual([["extra", 39, "notStorable"]]);
  });
});

describe("files that are not publiccode.yml at all", () => {
  it("reports a YAML syntax error with its line", () => {
    const problems = problemsOf(readPubliccode(withLine(8, "name: Again")));
    expect(brief(problems)).toEqual([["", 8, "yamlSyntax"]]);
    expect(describePubliccodeProblem("en", problems[0] as PubliccodeProblemDetail)).toBe("the file is not valid YAML: Map keys must be unique (line 8)");
  });

  it("reports each syntax error", () => {
    let text = withLine(9, '\tsoftwareType: "standalone/web"');
    text = withLine(20, "categories: [appointment-scheduling", text);
    const problems = problemsOf(readPubliccode(text));
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.every((problem) => problem.path === "" && problem.messageKey === "errors.publiccode.yamlSyntax")).toBe(true);
    expect(problems[0]?.line).toBe(9);
  });

  it.each([
    ["a list", "- name: Medusa\n- name: Otello\n", 1],
    ["a plain text", "just some words\n", 1],
    ["an empty file", "", null],
    ["only comments", "# publiccode.yml\n", null],
  ])("refuses %s, which is not a mapping", (_name, text, line) => {
    expect(readPubliccode(text)).toEqual({ ok: false, version: null, problems: [{ path: "", line, messageKey: "errors.publiccode.notMapping" }] });
  });
});

describe("writing", () => {
  it.each([
    ["the full example", officialExample],
    ["the minimal example", officialMinimalExample],
    ["the permit desk", permitDesk],
  ])("writes %s so that reading it back gives the same document", (_name, text) => {
    const document = documentOf(readPubliccode(text));
    const written = writePubliccode(document);
    const reread = documentOf(readPubliccode(written));
    expect(reread).toStrictEqual(document);
    expect(JSON.stringify(reread)).toBe(JSON.stringify(document));
  });

  it("keeps text that YAML could read as something else as text, for YAML 1.1 readers too", () => {
    const document = {
      ...documentOf(readPubliccode(permitDesk)),
      releaseDate: "2024-03-01",
      softwareVersion: "1.10",
      usedBy: ["no", "on", "null", "~", "true", "0x1F", "12:30", "- dash", "# hash", "  padded  ", "tab\tinside", "line\nbreak\n\n"],
      // Computed, so that it is an own key like the one YAML reads, not the object's prototype.
      ["__proto__"]: { kept: true },
      "1": "numeric key",
    };
    const written = writePubliccode(document);
    expect(written).toContain('releaseDate: "2024-03-01"');
    expect(written).toContain('  - "no"');
    expect(written).toContain('  - "on"');
    const reread = documentOf(readPubliccode(written));
    expect(reread).toStrictEqual(document);
    expect(Object.keys(reread)).toEqual(Object.keys(document));
    expect(Object.getPrototypeOf(reread)).toBe(Object.prototype);
  });
});

describe("summary", () => {
  const multilingual = documentOf(
    readPubliccode(
      permitDesk
        .replace("  es:\n    shortDescription: Pida cita en la ventanilla de permisos.\n", "")
        .replace(
          "description:\n",
          "description:\n  es-MX:\n    shortDescription: Haga su cita en la ventanilla.\n  fr:\n    shortDescription: Prenez rendez-vous au guichet des permis.\n    features:\n      - Prendre rendez-vous\n",
        ),
    ),
  );

  it("picks the first wanted language the document has, matching by primary subtag", () => {
    const summary = summarizePubliccode(multilingual, ["es", "fr"]);
    expect(summary.shortDescription).toBe("Haga su cita en la ventanilla.");
    // The Mexican Spanish description has no features nor long description: they come from the next wanted language, then English.
    expect(summary.features).toEqual(["Prendre rendez-vous"]);
    expect(summary.longDescription).toBe(longDescription);
  });

  it("falls back to English, then to the first language", () => {
    expect(summarizePubliccode(multilingual, ["de"]).shortDescription).toBe("Book an appointment at the permit desk.");
    const withoutEnglish = { ...multilingual, description: { fr: { shortDescription: "Guichet" }, it: { shortDescription: "Sportello" } } };
    expect(summarizePubliccode(withoutEnglish, ["de"]).shortDescription).toBe("Guichet");
    expect(summarizePubliccode(withoutEnglish, ["it"]).shortDescription).toBe("Sportello");
  });

  it("summarises the full example", () => {
    const summary = summarizePubliccode(documentOf(readPubliccode(officialExample)), ["en"]);
    expect(summary).toMatchObject({
      name: "Medusa",
      url: "https://example.com/italia/medusa.git",
      landingUrl: "https://example.com/italia/medusa",
      license: "AGPL-3.0-or-later",
      softwareType: "standalone/desktop",
      developmentStatus: "development",
      platforms: ["android", "ios"],
      categories: ["content-management", "office"],
      availableLanguages: ["en", "it", "fr", "de"],
      usedBy: ["Comune di Firenze", "Comune di Roma"],
      maintenanceType: "contract",
      features: ["Very important feature", "Will run without a problem", "Has zero bugs", "Solves all the problems of the world"],
    });
    expect(summary.shortDescription.endsWith("End")).toBe(true);
    expect(summary.searchText).toContain("Roma Capitale");
    expect(summary.searchText).toContain("Solves all the problems of the world");
    expect(summary.searchText).not.toMatch(/\s{2}|\n/);
  });

  it("never throws on a document it did not check, such as one another city shared", () => {
    const summary = summarizePubliccode({ name: 42, platforms: "web", description: "none", legal: null }, ["en"]);
    expect(summary).toMatchObject({ name: "42", url: "", landingUrl: null, shortDescription: "", features: [], platforms: ["web"], maintenanceType: null });
  });
});

describe("messages", () => {
  it("has every publiccode message in English and Spanish", () => {
    const messages = (locale: string): Record<string, string> =>
      JSON.parse(readFileSync(new URL(`../../../../web/i18n/${locale}.json`, import.meta.url), "utf8")).errors.publiccode;
    const english = messages("en");
    const spanish = messages("es");
    expect(Object.keys(spanish).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english)) {
      expect(spanish[key]).not.toBe("");
      expect(describePubliccodeProblem("en", { path: "x", line: null, messageKey: `errors.publiccode.${key}` })).not.toContain("errors.publiccode");
    }
  });
});
