import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openDataIndexOf } from "./open-data.ts";

const city = { id: "c", slug: "{city}", name: "", timeZone: "UTC", defaultLocale: "en", currency: "USD", createdAt: new Date(), updatedAt: new Date() };

describe("docs/open-data.md", () => {
  it("documents every dataset and every field as the files describe them", () => {
    // Tables may be aligned with padding: compare with runs of spaces made single.
    const docs = readFileSync(new URL("../../../../docs/open-data.md", import.meta.url), "utf8").replace(/ {2,}/g, " ");
    for (const dataset of openDataIndexOf(city).datasets) {
      expect(docs).toContain(`## ${dataset.title} — \`${dataset.id}\``);
      expect(docs).toContain(dataset.description);
      for (const field of dataset.fields) expect(docs).toContain(`| \`${field.name}\` | ${field.type} | ${field.description} |`);
    }
  });
});
