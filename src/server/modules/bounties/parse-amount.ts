/**
 * Reads an amount of money written by a person or a bot into minor units (cents), strictly: a bid
 * written "1,000" is one thousand, never one, and anything that could be read two ways is refused
 * with a message that says how to write it instead.
 *
 * Accepted: digits with an optional period and one or two decimals ("1000", "1000.5", "0.99"),
 * commas only between groups of three digits ("1,000", "12,345.67"), an optional "$" in front for
 * US dollars, and the currency's code before or after ("USD 1,000", "1,000 USD"). Numbers in JSON
 * are read the same way, so 1000.5 is 1,000.50.
 */

export type ParsedAmount =
  | { ok: true; amountMinor: number }
  | {
      ok: false;
      /** Key of the message in the language files, under errors.auctions.amount. */
      messageKey: string;
      params?: Record<string, unknown>;
    };

/** Ten billion in major units: far above any bounty, well inside the integers a double holds exactly. */
export const largestAmountMinor = 1_000_000_000_000;

const plain = /^(\d+)(?:\.(\d{1,2}))?$/;
const grouped = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;
/** "1.000" or "1.000.000": a thousands separator in some languages, three decimals in others. */
const periodGrouped = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
const tooManyDecimals = /^(?:\d+|\d{1,3}(?:,\d{3})+)\.\d{3,}$/;
/** "1,00" or "1,5": a decimal comma, which here would read as a thousands separator. */
const decimalComma = /^\d+,\d{1,2}$/;

function refuse(messageKey: string, params?: Record<string, unknown>): ParsedAmount {
  return params ? { ok: false, messageKey, params } : { ok: false, messageKey };
}

export function parseAmount(value: unknown, currency = "USD"): ParsedAmount {
  if (typeof value === "number") return parseNumber(value);
  if (typeof value !== "string") return refuse("errors.auctions.amount.unreadable");
  let text = value.trim().replace(/\s+/g, " ");
  if (text === "") return refuse("errors.auctions.amount.required");

  const code = currency.toUpperCase();
  const upper = text.toUpperCase();
  if (upper.startsWith(`${code} `) || upper.startsWith(code)) text = text.slice(code.length).trim();
  else if (upper.endsWith(` ${code}`) || upper.endsWith(code)) text = text.slice(0, text.length - code.length).trim();

  // A minus sign, ASCII or typographic, before or after the dollar sign.
  if (/^[-\u2212]/.test(text) || /^\$\s?[-\u2212]/.test(text)) return refuse("errors.auctions.amount.notPositive");
  if (text.startsWith("$")) {
    if (code !== "USD") return refuse("errors.auctions.amount.unreadable");
    text = text.slice(1).trim();
  }
  if (text === "") return refuse("errors.auctions.amount.required");

  const match = plain.exec(text) ?? grouped.exec(text);
  if (!match) {
    if (periodGrouped.test(text)) return refuse("errors.auctions.amount.ambiguousPeriod", { written: value.trim() });
    if (tooManyDecimals.test(text)) return refuse("errors.auctions.amount.tooManyDecimals");
    if (decimalComma.test(text)) return refuse("errors.auctions.amount.decimalComma", { written: value.trim() });
    return refuse("errors.auctions.amount.unreadable");
  }
  const whole = (match[1] ?? "0").replaceAll(",", "");
  const cents = (match[2] ?? "").padEnd(2, "0");
  // Compared as text first: a string of forty digits would lose precision as a number.
  const digits = `${whole.replace(/^0+(?=\d)/, "")}${cents}`.replace(/^0+(?=\d)/, "");
  if (digits.length > String(largestAmountMinor).length) return refuse("errors.auctions.amount.tooLarge");
  const amountMinor = Number(digits);
  if (amountMinor === 0) return refuse("errors.auctions.amount.notPositive");
  if (amountMinor > largestAmountMinor) return refuse("errors.auctions.amount.tooLarge");
  return { ok: true, amountMinor };
}

function parseNumber(value: number): ParsedAmount {
  if (!Number.isFinite(value)) return refuse("errors.auctions.amount.unreadable");
  if (value <= 0) return refuse("errors.auctions.amount.notPositive");
  if (value * 100 > largestAmountMinor) return refuse("errors.auctions.amount.tooLarge");
  // The shortest decimal that names the double, as JavaScript writes it: 1000.5 → "1000.5".
  const written = String(value);
  if (/e/i.test(written)) return refuse("errors.auctions.amount.tooManyDecimals");
  const match = plain.exec(written);
  if (!match) return refuse("errors.auctions.amount.tooManyDecimals");
  return parseAmount(written);
}
