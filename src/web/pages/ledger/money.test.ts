import { describe, expect, it } from "vitest";
import { parseAmountText } from "./money.ts";

describe("amounts typed into the fund form", () => {
  it("reads digits, cents after a period and commas between groups of three", () => {
    expect(parseAmountText("2500", "USD")).toEqual({ ok: true, amountMinor: 250_000 });
    expect(parseAmountText(" 2,500.5 ", "USD")).toEqual({ ok: true, amountMinor: 250_050 });
    expect(parseAmountText("$1,234,567.89", "USD")).toEqual({ ok: true, amountMinor: 123_456_789 });
    expect(parseAmountText("USD 0.99", "USD")).toEqual({ ok: true, amountMinor: 99 });
    expect(parseAmountText("100 EUR", "EUR")).toEqual({ ok: true, amountMinor: 10_000 });
  });

  it("refuses what could be read two ways, and what is not an amount", () => {
    expect(parseAmountText("", "USD")).toEqual({ ok: false, reason: "required" });
    expect(parseAmountText("2.500", "USD")).toEqual({ ok: false, reason: "unreadable" });
    expect(parseAmountText("2,5", "USD")).toEqual({ ok: false, reason: "unreadable" });
    expect(parseAmountText("25,00", "USD")).toEqual({ ok: false, reason: "unreadable" });
    expect(parseAmountText("ten", "USD")).toEqual({ ok: false, reason: "unreadable" });
    expect(parseAmountText("-5", "USD")).toEqual({ ok: false, reason: "notPositive" });
    expect(parseAmountText("0.00", "USD")).toEqual({ ok: false, reason: "notPositive" });
    expect(parseAmountText("99999999999", "USD")).toEqual({ ok: false, reason: "tooLarge" });
    expect(parseAmountText("€5", "USD")).toEqual({ ok: false, reason: "unreadable" });
  });

  it("knows currencies without cents", () => {
    expect(parseAmountText("1,000", "JPY")).toEqual({ ok: true, amountMinor: 1000 });
    expect(parseAmountText("1.5", "JPY")).toEqual({ ok: false, reason: "unreadable" });
  });
});
