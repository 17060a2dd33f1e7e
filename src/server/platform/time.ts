/**
 * Wall-clock time in a city's zone ↔ instants. Times are stored in UTC and entered and shown in the
 * city's time zone, whatever zone the server or the browser is in.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock in `timeZone` at the instant `date`. */
export function wallClockAt(date: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes the zone is ahead of UTC at that instant (Chicago in winter: −360). */
export function offsetMinutesAt(date: Date, timeZone: string): number {
  const wall = wallClockAt(date, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

export class NonexistentLocalTimeError extends Error {}

/**
 * The instant at which the clocks in `timeZone` show the given wall time. A time skipped when the
 * clocks go forward does not exist and throws; a time repeated when they go back is the earlier one.
 */
export function instantOfWallClock(wall: WallClock, timeZone: string): Date {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const candidates = new Set<number>();
  // The offsets a day either side of the wall time cover any clock change near it.
  for (const probe of [naive - 86_400_000, naive, naive + 86_400_000]) {
    candidates.add(naive - offsetMinutesAt(new Date(probe), timeZone) * 60_000);
  }
  const matches = [...candidates]
    .filter((instant) => {
      const shown = wallClockAt(new Date(instant), timeZone);
      return shown.year === wall.year && shown.month === wall.month && shown.day === wall.day && shown.hour === wall.hour && shown.minute === wall.minute;
    })
    .sort((a, b) => a - b);
  const first = matches[0];
  if (first === undefined) throw new NonexistentLocalTimeError(`${formatWall(wall)} does not exist in ${timeZone}`);
  return new Date(first);
}

function formatWall(wall: WallClock): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads an ISO 8601 date-time. With an offset or Z it is an instant; without one it is a wall-clock
 * time in the city's zone ("2026-12-05T09:00" in Chicago).
 */
export function parseCityDateTime(value: string, timeZone: string): Date {
  const local = localDateTime.exec(value);
  if (local) {
    const [, year, month, day, hour, minute, second] = local;
    return instantOfWallClock(
      { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second ?? 0) },
      timeZone,
    );
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not a date-time: ${value}`);
  return instant;
}

/** The calendar date ("2026-12-05") of an instant in the city's zone. */
export function cityDateOf(date: Date, timeZone: string): string {
  const wall = wallClockAt(date, timeZone);
  return `${wall.year}-${String(wall.month).padStart(2, "0")}-${String(wall.day).padStart(2, "0")}`;
}
