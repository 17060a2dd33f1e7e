import { minorDigitsOf } from "../../components/money.ts";

/** Amounts typed on the fund page, read as strictly as the server reads bids, and the key that makes a submission count once. */

export type ParsedAmount = { ok: true; amountMinor: number } | { ok: false; reason: "required" | "unreadable" | "notPositive" | "tooLarge" };

/** The most the fund accepts in one addition, as the API says. */
const largestAmountMinor = 1_000_000_000_000;

/**
 * Reads an amount a person typed, strictly, the way the bid form's server does: digits with an optional
 * period and cents ("2500", "2500.50"), commas only between groups of three digits ("2,500.50"), an
 * optional "$" or currency code. "2.500" or "2,5" could be read two ways, so they are refused.
 */
export function parseAmountText(text: string, currency: string): ParsedAmount {
  let value = text.trim().replace(/\s+/g, "");
  if (value === "") return { ok: false, reason: "required" };
  const code = currency.toUpperCase();
  if (value.toUpperCase().startsWith(code)) value = value.slice(code.length);
  else if (value.toUpperCase().endsWith(code)) value = value.slice(0, -code.length);
  if (value.startsWith("$") && code === "USD") value = value.slice(1);
  if (/^[-\u2212]/.test(value)) return { ok: false, reason: "notPositive" };
  const decimals = minorDigitsOf(currency);
  const fraction = decimals > 0 ? `(?:\\.(\\d{1,${decimals}}))?` : "()";
  const match = new RegExp(`^(\\d+)${fraction}$`).exec(value) ?? new RegExp(`^(\\d{1,3}(?:,\\d{3})+)${fraction}$`).exec(value);
  if (!match) return { ok: false, reason: "unreadable" };
  const whole = (match[1] ?? "0").replaceAll(",", "").replace(/^0+(?=\d)/, "");
  const cents = (match[2] ?? "").padEnd(decimals, "0");
  const digits = `${whole}${cents}`.replace(/^0+(?=\d)/, "");
  if (digits.length > String(largestAmountMinor).length) return { ok: false, reason: "tooLarge" };
  const amountMinor = Number(digits);
  if (amountMinor === 0) return { ok: false, reason: "notPositive" };
  if (amountMinor > largestAmountMinor) return { ok: false, reason: "tooLarge" };
  return { ok: true, amountMinor };
}

/**
 * A key that names one submission of a form, so that the server records it once however often the
 * request arrives. Random from the browser's cryptography, which pages served over plain HTTP have too.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
