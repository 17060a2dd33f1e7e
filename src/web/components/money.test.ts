import { describe, expect, it } from "vitest";
import { formatMoney, parseMoney } from "./money.ts";

describe("money in the reader's language", () => {
  it("shows minor units in the currency's major unit", () => {
    expect(formatMoney(6_200_000, "USD", "en")).toBe("$62,000.00");
    expect(formatMoney(6_200_050, "USD", "en")).toBe("$62,000.50");
    expect(formatMoney(-250_050, "USD", "en", { signed: true })).toBe("-$2,500.50");
    expect(formatMoney(250_050, "USD", "en", { signed: true })).toBe("+$2,500.50");
    expect(formatMoney(250_050, "USD", "es").replace(/\s/g, " ")).toMatch(/2500,50 US\$|2\.500,50 US\$/);
    expect(formatMoney(1_500, "JPY", "en")).toBe("¥1,500");
  });

  it("reads amounts written the reader's way, strictly", () => {
    expect(parseMoney("62,000", "USD", "en")).toBe(6_200_000);
    expect(parseMoney(" $62,000.50 ", "USD", "en")).toBe(6_200_050);
    expect(parseMoney("62000.5", "USD", "en")).toBe(6_200_050);
    expect(parseMoney("USD 1000", "USD", "en")).toBe(100_000);
    expect(parseMoney("62.000,50", "USD", "es")).toBe(6_200_050);
    expect(parseMoney("62000", "USD", "es")).toBe(6_200_000);
    expect(parseMoney("1500", "JPY", "en")).toBe(1_500);
    expect(parseMoney("", "USD", "en")).toBeNull();
    for (const unreadable of ["1.000", "1,00", "12,34,567", "-5", "ten", "1.5.0", "15.123"]) {
      expect(parseMoney(unreadable, "USD", "en"), unreadable).toBeUndefined();
    }
    expect(parseMoney("1,5", "JPY", "en")).toBeUndefined();
  });
});
