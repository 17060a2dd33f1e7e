import { useTranslation } from "react-i18next";

/**
 * Money as people read and write it in their language, kept in integer minor units of the city's
 * currency: 6,200,000 minor units of USD is "$62,000.00" in English and "62.000,00 US$" in Spanish.
 */

/** How many minor units a currency's major unit has, as a power of ten (USD 2, JPY 0). */
export function minorDigitsOf(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(amountMinor: number, currency: string, locale: string, options: { signed?: boolean } = {}): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, signDisplay: options.signed ? "exceptZero" : "auto" }).format(
    amountMinor / 10 ** minorDigitsOf(currency),
  );
}

/** A formatter for amounts in minor units, in the reader's language. */
export function useMoneyFormat(): (amountMinor: number, currency: string, options?: { signed?: boolean }) => string {
  const { i18n } = useTranslation();
  const locale = i18n.language || "en";
  return (amountMinor, currency, options) => formatMoney(amountMinor, currency, locale, options);
}

/** An amount written for a money field, without its currency sign: "62,000" in English, "62.000" in Spanish. */
export function moneyExample(amountMinor: number, currency: string, locale: string): string {
  const digits = minorDigitsOf(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(amountMinor / 10 ** digits);
}

function separatorsOf(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1_234_567.5);
  return { group: parts.find((part) => part.type === "group")?.value ?? ",", decimal: parts.find((part) => part.type === "decimal")?.value ?? "." };
}

const escapeForPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Reads what a person typed in a money field, in their language's way of writing numbers: null when
 * the field is empty, undefined when it cannot be read as one amount. Group separators must stand
 * between groups of three digits, so that "1.000" in English (one, with three decimals) is never
 * taken for a thousand.
 */
export function parseMoney(text: string, currency: string, locale: string): number | null | undefined {
  const symbols = new Intl.NumberFormat(locale, { style: "currency", currency })
    .formatToParts(1)
    .filter((part) => part.type === "currency")
    .map((part) => part.value);
  let value = text.trim();
  for (const sign of [currency, ...symbols]) value = value.replace(new RegExp(escapeForPattern(sign), "i"), "");
  // Spaces, including the narrow no-break space some languages group digits with.
  const { group, decimal } = separatorsOf(locale);
  value = value.replace(/[\s\u00a0\u202f]/g, "");
  if (value === "") return null;
  const digits = minorDigitsOf(currency);
  const fraction = digits > 0 ? `(?:${escapeForPattern(decimal)}(\\d{1,${digits}}))?` : "";
  const groupSign = /\s/.test(group) ? "" : escapeForPattern(group);
  const grouped = groupSign ? `\\d{1,3}(?:${groupSign}\\d{3})+` : "(?!)";
  const match = new RegExp(`^(\\d+|${grouped})${fraction}$`).exec(value);
  if (!match) return undefined;
  const whole = (match[1] ?? "0").replaceAll(group, "");
  const part = (match[2] ?? "").padEnd(digits, "0");
  const amount = Number(whole) * 10 ** digits + (digits > 0 ? Number(part) : 0);
  return Number.isSafeInteger(amount) ? amount : undefined;
}
