import { describe, expect, it } from "vitest";
import { negotiateLocale, supportedLocales, translate } from "./index.ts";

describe("server translations", () => {
  it("know every language file", () => {
    expect(supportedLocales).toEqual(expect.arrayContaining(["en", "es"]));
    expect(supportedLocales[0]).toBe("en");
  });

  it("pick the reader's language from Accept-Language", () => {
    expect(negotiateLocale("es-MX,es;q=0.9,en;q=0.8")).toBe("es");
    expect(negotiateLocale("fr-FR,fr;q=0.9,es;q=0.5")).toBe("es");
    expect(negotiateLocale("en;q=0.2,es;q=0.8")).toBe("es");
    expect(negotiateLocale("de")).toBeUndefined();
    expect(negotiateLocale(undefined)).toBeUndefined();
  });

  it("interpolate and pluralise", () => {
    expect(translate("en", "errors.agencies.hasStaff", { name: "Parks", count: 2 })).toBe("Parks still has 2 staff roles. Remove them first.");
    expect(translate("es", "errors.agencies.hasStaff", { name: "Parques", count: 1 })).toBe("Parques todavía tiene 1 rol de personal. Quítelo primero.");
    expect(translate("xx", "errors.notFound")).toBe("We could not find that.");
  });
});
