import { describe, expect, it } from "vitest";
import { descriptionFor, isWebAddress, readPubliccode, relativeTime } from "./publiccode-view.ts";

describe("descriptionFor", () => {
  const document = {
    description: {
      it: { shortDescription: "Breve" },
      en: { shortDescription: "Short" },
      es: { shortDescription: "Corta" },
    },
  };

  it("takes the reader's language, then its primary tag", () => {
    expect(descriptionFor(document, "es")?.description.shortDescription).toBe("Corta");
    expect(descriptionFor(document, "es-MX")?.language).toBe("es");
  });

  it("falls back to English, then to the first language the file has", () => {
    expect(descriptionFor(document, "fr")?.language).toBe("en");
    expect(descriptionFor({ description: { it: { shortDescription: "Breve" }, de: {} } }, "fr")?.language).toBe("it");
  });

  it("reads the three-letter keys of publiccode.yml 0.2", () => {
    expect(descriptionFor({ description: { ita: {}, eng: { shortDescription: "Old" } } }, "en")?.description.shortDescription).toBe("Old");
  });

  it("gives nothing when the file has no description it can read", () => {
    expect(descriptionFor({}, "en")).toBeNull();
    expect(descriptionFor({ description: "not a map" }, "en")).toBeNull();
  });
});

describe("readPubliccode", () => {
  it("reads nested values and leaves out what has the wrong shape", () => {
    const view = readPubliccode(
      {
        name: "Medusa",
        platforms: ["web", 3, { odd: true }],
        legal: { license: "AGPL-3.0-or-later" },
        maintenance: { type: "contract", contacts: [{ name: "Ada", email: "ada@example.org" }, { email: "no-name@example.org" }, "x"] },
        dependsOn: { open: [{ name: "PostgreSQL", versionMin: "14", optional: true }] },
        localisation: { localisationReady: "yes", availableLanguages: ["en", "it"] },
        description: { eng: { features: "One feature", shortDescription: "Short" } },
      },
      "en",
    );
    expect(view.name).toBe("Medusa");
    expect(view.platforms).toEqual(["web", "3"]);
    expect(view.license).toBe("AGPL-3.0-or-later");
    expect(view.contacts.map((contact) => contact.name)).toEqual(["Ada"]);
    expect(view.dependencies.open).toEqual([{ name: "PostgreSQL", version: "", versionMin: "14", versionMax: "", optional: true }]);
    expect(view.localisationReady).toBeNull();
    expect(view.availableLanguages).toEqual(["en", "it"]);
    expect(view.description?.language).toBe("en");
    expect(view.description?.features).toEqual(["One feature"]);
  });

  it("finds funders at the top and under organisation", () => {
    const view = readPubliccode({ fundedBy: [{ name: "EU", uri: "https://europa.eu" }], organisation: { fundedBy: ["Region"] } }, "en");
    expect(view.fundedBy).toEqual([
      { name: "EU", uri: "https://europa.eu" },
      { name: "Region", uri: "" },
    ]);
  });
});

describe("isWebAddress", () => {
  it("accepts http and https only", () => {
    expect(isWebAddress("https://example.com/x")).toBe(true);
    expect(isWebAddress("javascript:alert(1)")).toBe(false);
    expect(isWebAddress("img/logo.svg")).toBe(false);
  });
});

describe("relativeTime", () => {
  const now = Date.parse("2026-11-28T12:00:00Z");
  it("says how long ago in the reader's language", () => {
    expect(relativeTime("2026-11-26T11:00:00Z", now, "en")).toBe("2 days ago");
    expect(relativeTime("2026-11-26T11:00:00Z", now, "es")).toBe("anteayer");
    expect(relativeTime("2026-11-28T09:00:00Z", now, "en")).toBe("3 hours ago");
    expect(relativeTime("2026-11-28T11:59:40Z", now, "en")).toBe("now");
    expect(relativeTime("2025-10-01T00:00:00Z", now, "en")).toBe("last year");
  });
});
