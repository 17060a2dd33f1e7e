import { cityDateOf } from "../../platform/time.ts";

/**
 * The pieces the impact figures are counted with: which fiscal year a day belongs to, and what
 * residents' approved volunteer time is worth.
 */

/**
 * The value of a volunteer hour a city starts with: Independent Sector's national estimate for
 * 2024, published in April 2025 (https://independentsector.org/resource/value-of-volunteer-time/).
 * A city replaces it with its state's figure or a newer year in its settings.
 */
export const independentSectorHourValue = {
  amountMinor: 3479,
  currency: "USD",
  year: 2024,
  source: "Independent Sector",
} as const;

/**
 * The fiscal year a calendar day ("2026-03-14") falls in, for a fiscal year that starts on the first
 * day of `startMonth` (1–12) and is named, as US governments do, by the calendar year it ends in:
 * with a July start, 2025-07-01 to 2026-06-30 is fiscal year 2026.
 */
export function fiscalYearOf(day: string, startMonth: number): number {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) throw new RangeError(`a fiscal year starts in month 1 to 12, not ${startMonth}`);
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(day);
  if (!match) throw new RangeError(`not a calendar day: ${day}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  return startMonth === 1 || month < startMonth ? year : year + 1;
}

/** The fiscal year a moment falls in on the city's calendar. */
export function currentFiscalYear(timeZone: string, startMonth: number, now = new Date()): number {
  return fiscalYearOf(cityDateOf(now, timeZone), startMonth);
}

/** The first and last calendar days of a fiscal year, for queries over dated records. */
export function fiscalYearDays(fiscalYear: number, startMonth: number): { first: string; last: string } {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) throw new RangeError(`a fiscal year starts in month 1 to 12, not ${startMonth}`);
  const startYear = startMonth === 1 ? fiscalYear : fiscalYear - 1;
  const first = new Date(Date.UTC(startYear, startMonth - 1, 1));
  const last = new Date(Date.UTC(startYear + 1, startMonth - 1, 0));
  return { first: first.toISOString().slice(0, 10), last: last.toISOString().slice(0, 10) };
}

/** Approved volunteer minutes at a value per hour, in minor units, rounded to the nearest unit. */
export function volunteerTimeValueMinor(approvedMinutes: number, hourValueMinor: number): number {
  if (!Number.isInteger(approvedMinutes) || approvedMinutes < 0) throw new RangeError(`minutes must be a whole number of at least 0, not ${approvedMinutes}`);
  if (!Number.isInteger(hourValueMinor) || hourValueMinor < 0)
    throw new RangeError(`an hour's value must be whole minor units of at least 0, not ${hourValueMinor}`);
  return Math.round((approvedMinutes * hourValueMinor) / 60);
}
