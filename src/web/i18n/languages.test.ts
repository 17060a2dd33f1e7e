import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every language file has exactly the same keys, and every key the code asks for exists, so
 * switching language changes every string and adding a language is adding one complete file.
 */

const directory = path.dirname(new URL(import.meta.url).pathname);
const languages = readdirSync(directory).filter((file) => file.endsWith(".json"));

function flatten(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

function keysOf(file: string): Set<string> {
  return new Set(flatten(JSON.parse(readFileSync(path.join(directory, file), "utf8"))));
}

function sourceFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("language files", () => {
  it("include English and Spanish", () => {
    expect(languages).toEqual(expect.arrayContaining(["en.json", "es.json"]));
  });

  it.each(languages.filter((file) => file !== "en.json"))("%s has exactly the keys of en.json", (file) => {
    const english = keysOf("en.json");
    const other = keysOf(file);
    expect(
      [...english].filter((key) => !other.has(key)),
      "missing",
    ).toEqual([]);
    expect(
      [...other].filter((key) => !english.has(key)),
      "extra",
    ).toEqual([]);
  });

  it("have no empty strings", () => {
    for (const file of languages) {
      const content = JSON.parse(readFileSync(path.join(directory, file), "utf8"));
      const empty = flatten(content).filter(
        (key) => key.split(".").reduce((node: Record<string, unknown>, part) => node[part] as Record<string, unknown>, content) === ("" as unknown),
      );
      expect(empty, file).toEqual([]);
    }
  });

  it("contain every key the code uses", () => {
    const english = keysOf("en.json");
    const base = (key: string) => key.replace(/_(one|other|many|few|two|zero)$/, "");
    const known = new Set([...english].map(base));
    const root = path.resolve(directory, "../..");
    // t("namespace.key") or translate(locale, "namespace.key"), for every namespace the files have.
    const namespaces = [...new Set([...english].map((key) => key.split(".")[0]))].join("|");
    const keyUse = new RegExp(`(?:\\bt|translate\\([^,]+,)\\(?\\s*"((?:${namespaces})\\.[\\w.-]+)"`, "g");
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(keyUse)) {
        if (match[1]) used.add(match[1]);
      }
      for (const match of text.matchAll(/"(errors\.[\w.]+)"/g)) {
        if (match[1] && !match[1].endsWith(".")) used.add(match[1]);
      }
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !known.has(key)).sort()).toEqual([]);
  });
});
