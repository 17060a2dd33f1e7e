import { describe, expect, it } from "vitest";
import { translate } from "../../platform/i18n/index.ts";
import { largestAmountMinor, parseAmount } from "./parse-amount.ts";

describe("reading a bid's amount strictly", () => {
  it.each([
    ["1,000", 100_000],
    ["1000", 100_000],
    ["1000.5", 100_050],
    ["1000.50", 100_050],
    ["$1,000.00", 100_000],
    ["$ 1,000.00", 100_000],
    ["  4,999.99  ", 499_999],
    ["12,345,678.9", 1_234_567_890],
    ["0.99", 99],
    ["1", 100],
    ["1,000 USD", 100_000],
    ["USD 4999", 499_900],
    ["usd 4999", 499_900],
    [1000, 100_000],
    [1000.5, 100_050],
    [4999.99, 499_999],
    [0.01, 1],
  ] as const)("reads %j as %i minor units", (written, amountMinor) => {
    expect(parseAmount(written, "USD")).toEqual({ ok: true, amountMinor });
  });

  it.each([
    ["1.000", "ambiguousPeriod"],
    ["1.000.000", "ambiguousPeriod"],
    ["12.500", "ambiguousPeriod"],
    ["1,00", "decimalComma"],
    ["4999,5", "decimalComma"],
    ["1000.505", "tooManyDecimals"],
    ["0.001", "tooManyDecimals"],
    ["1,000.000", "tooManyDecimals"],
    [1000.505, "tooManyDecimals"],
    [0.1 + 0.2, "tooManyDecimals"],
    [1e-7, "tooManyDecimals"],
    ["-5", "notPositive"],
    ["−5", "notPositive"],
    ["$-5", "notPositive"],
    [-5, "notPositive"],
    ["0", "notPositive"],
    ["0.00", "notPositive"],
    [0, "notPositive"],
    ["", "required"],
    ["   ", "required"],
    ["$", "required"],
    ["abc", "unreadable"],
    ["1,0000", "unreadable"],
    ["10,00,000", "unreadable"],
    ["1 000", "unreadable"],
    ["1e3", "unreadable"],
    ["0x10", "unreadable"],
    [".5", "unreadable"],
    ["5.", "unreadable"],
    ["1,000.", "unreadable"],
    ["€1,000", "unreadable"],
    ["1,000 EUR", "unreadable"],
    ["Infinity", "unreadable"],
    [Number.NaN, "unreadable"],
    [Number.POSITIVE_INFINITY, "unreadable"],
    ["99999999999999999999", "tooLarge"],
    [1e21, "tooLarge"],
    [largestAmountMinor / 100 + 1, "tooLarge"],
  ] as const)("refuses %j (%s)", (written, reason) => {
    const parsed = parseAmount(written, "USD");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.messageKey).toBe(`errors.auctions.amount.${reason}`);
  });

  it("refuses what is not a string or a number", () => {
    for (const written of [null, undefined, true, {}, [1000]]) expect(parseAmount(written).ok).toBe(false);
  });

  it("takes the dollar sign only for US dollars", () => {
    expect(parseAmount("$10", "EUR").ok).toBe(false);
    expect(parseAmount("10 EUR", "EUR")).toEqual({ ok: true, amountMinor: 1_000 });
  });

  it("explains every refusal in words, in English and Spanish", () => {
    const ambiguous = parseAmount("1.000");
    if (ambiguous.ok) throw new Error("read an ambiguous amount");
    expect(translate("en", ambiguous.messageKey, ambiguous.params)).toBe(
      "“1.000” could mean a few dollars or a few thousand. For thousands write 1,000 or 1000; for cents use a period and two decimals, as in 1000.50.",
    );
    expect(translate("es", ambiguous.messageKey, ambiguous.params)).toContain("«1.000»");
    for (const written of ["1,00", "1000.505", "-1", "", "abc", "99999999999999999999"]) {
      const parsed = parseAmount(written);
      if (parsed.ok) throw new Error(`read ${written}`);
      for (const locale of ["en", "es"]) {
        const message = translate(locale, parsed.messageKey, parsed.params);
        expect(message).not.toContain("errors.");
        expect(message).not.toContain("{{");
      }
    }
  });
});
