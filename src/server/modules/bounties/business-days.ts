import { cityDateOf, instantOfWallClock, NonexistentLocalTimeError } from "../../platform/time.ts";

/** A calendar date, "2026-12-24". */
export type CalendarDate = string;

function parseDate(day: CalendarDate): Date {
  return new Date(`${day}T00:00:00Z`);
}

function formatDate(date: Date): CalendarDate {
  return date.toISOString().slice(0, 10);
}

export function isBusinessDay(day: CalendarDate, holidays: ReadonlySet<CalendarDate>): boolean {
  const weekday = parseDate(day).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/**
 * The date `count` business days after `start`: weekends and the city's holidays do not count,
 * and neither does the start day itself (work awarded on a Friday with one day is due on Monday).
 */
export function addBusinessDays(start: CalendarDate, count: number, holidays: ReadonlySet<CalendarDate>): CalendarDate {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`business days must be a positive whole number, not ${count}`);
  const cursor = parseDate(start);
  let counted = 0;
  while (counted < count) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    if (isBusinessDay(formatDate(cursor), holidays)) counted++;
  }
  return formatDate(cursor);
}

/**
 * When delivery is due: the end of the `count`-th business day after the award, counted on the
 * city's calendar in its own zone — that is, the first instant of the next day there.
 */
export function deliveryDueAt(awardedAt: Date, count: number, holidays: ReadonlySet<CalendarDate>, timeZone: string): { dueOn: CalendarDate; dueAt: Date } {
  const dueOn = addBusinessDays(cityDateOf(awardedAt, timeZone), count, holidays);
  const next = parseDate(dueOn);
  next.setUTCDate(next.getUTCDate() + 1);
  const wall = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), minute: 0, second: 0 };
  // Where the clocks skip midnight when they go forward, the day starts at one.
  let dueAt: Date;
  try {
    dueAt = instantOfWallClock({ ...wall, hour: 0 }, timeZone);
  } catch (error) {
    if (!(error instanceof NonexistentLocalTimeError)) throw error;
    dueAt = instantOfWallClock({ ...wall, hour: 1 }, timeZone);
  }
  return { dueOn, dueAt };
}
