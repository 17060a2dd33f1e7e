import type { AgencyImpactView, OffsetFiguresView, YearImpactView } from "../../../contracts/impact.ts";

/**
 * The arithmetic of the impact pages, apart from React: which year the headline shows, shares as
 * fractions, bar lengths, and reading the scenario's cut. Money stays in integer minor units.
 */

/** A share given in basis points (1 % = 100) as the fraction Intl's percent style expects; null stays null. */
export function fractionOf(basisPoints: number | null): number | null {
  return basisPoints === null ? null : basisPoints / 10_000;
}

/** The year the headline is about: the latest with a budget, or without any budget the latest year at all. */
export function headlineYear(years: readonly YearImpactView[]): YearImpactView | undefined {
  return years.findLast((year) => year.totalMinor > 0) ?? years.at(-1);
}

/** The fiscal years that have a budget, newest first. */
export function budgetYearsOf(years: readonly YearImpactView[]): number[] {
  return years
    .filter((year) => year.totalMinor > 0)
    .map((year) => year.fiscalYear)
    .sort((a, b) => b - a);
}

/**
 * A bar's length as a share of the largest value charted, in percent of its track. A value above
 * zero is never drawn thinner than `least` % so that it stays visible; zero draws nothing.
 */
export function barPercent(value: number, largest: number, least = 0.5): number {
  if (value <= 0 || largest <= 0) return 0;
  return Math.min(100, Math.max(least, (value / largest) * 100));
}

/** The parts of a year's offsets, in the order the pages show them. */
export const offsetSources = ["volunteer", "bounty", "process", "reuse"] as const;
export type OffsetSource = (typeof offsetSources)[number];

export function offsetAmount(offsets: OffsetFiguresView, source: OffsetSource): number {
  switch (source) {
    case "volunteer":
      return offsets.volunteerValueMinor;
    case "bounty":
      return offsets.bountySavingsMinor;
    case "process":
      return offsets.processSavingsMinor;
    case "reuse":
      return offsets.reuseSavingsMinor;
  }
}

/**
 * Each source's part of a stacked bar of the year's offsets, in percent of the bar, adding up to
 * 100 (or nothing when the year offset nothing). Negative savings, which a bounty paid above its
 * estimate can give, take no room in the bar.
 */
export function offsetShares(offsets: OffsetFiguresView): { source: OffsetSource; percent: number }[] {
  const amounts = offsetSources.map((source) => ({ source, amount: Math.max(0, offsetAmount(offsets, source)) }));
  const sum = amounts.reduce((total, item) => total + item.amount, 0);
  if (sum === 0) return [];
  return amounts.filter((item) => item.amount > 0).map((item) => ({ source: item.source, percent: (item.amount / sum) * 100 }));
}

/** Minutes as decimal hours, for a figure such as "1,234.5 hours". */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

/** The cut of the scenario as the address or a field gives it: a whole percentage from 0 to 100, `fallback` otherwise. */
export function cutOf(text: string | null | undefined, fallback = 0): number {
  if (text === null || text === undefined || text.trim() === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) return fallback;
  return Math.min(100, Math.max(0, Math.round(value)));
}

/** A fiscal year as the address gives it, or null when it is not one of `years`. */
export function fiscalYearOf(text: string | null | undefined, years: readonly number[]): number | null {
  if (!text || !/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return years.includes(year) ? year : null;
}

type ProgramLine = AgencyImpactView["programs"][number];

/** An agency's programs grouped by fiscal year, newest year first, each year's programs with most federal money first. */
export function programsByYear(programs: readonly ProgramLine[]): { fiscalYear: number; programs: ProgramLine[] }[] {
  const years = new Map<number, ProgramLine[]>();
  for (const program of programs) years.set(program.fiscalYear, [...(years.get(program.fiscalYear) ?? []), program]);
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([fiscalYear, lines]) => ({
      fiscalYear,
      programs: lines.sort((a, b) => b.federalMinor - a.federalMinor || b.totalMinor - a.totalMinor || a.program.localeCompare(b.program)),
    }));
}

/** `part` as a share of `whole` in basis points, rounded half up as the server rounds; 0 where the whole is 0. */
export function shareBasisPoints(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 10_000) / whole);
}
