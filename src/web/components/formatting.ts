/** Dates and times shown in the city's time zone and the reader's language; stored in UTC. */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}

export function formatDate(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(new Date(iso));
}

/** A shift's time range with the zone's short name: "Sat, Dec 5, 9:00 AM – 12:30 PM CST". */
export function formatShiftRange(startsAt: string, endsAt: string, locale: string, timeZone?: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
  return format.formatRange(new Date(startsAt), new Date(endsAt));
}

/** A time of day in the city's zone: "9:02 AM". */
export function formatTime(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone }).format(new Date(iso));
}

/** A calendar date ("2026-12-05", no time zone of its own) in the reader's language. */
export function formatCalendarDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

/** Minutes as hours and minutes in the reader's language: "2 hr, 30 min". */
export function formatMinutes(minutes: number, locale: string): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const duration = hours > 0 && rest > 0 ? { hours, minutes: rest } : hours > 0 ? { hours } : { minutes: rest };
  // Intl.DurationFormat is newer than the TypeScript library this project targets.
  const DurationFormat = (Intl as unknown as { DurationFormat?: new (locale: string, options: { style: string }) => { format: (value: object) => string } })
    .DurationFormat;
  if (DurationFormat) return new DurationFormat(locale, { style: "short" }).format(duration);
  const unit = (value: number, name: "hour" | "minute") => new Intl.NumberFormat(locale, { style: "unit", unit: name }).format(value);
  return [hours > 0 ? unit(hours, "hour") : "", rest > 0 || hours === 0 ? unit(rest, "minute") : ""].filter(Boolean).join(" ");
}

/** The wall clock of an instant in the city's zone, as a date input and a time input hold it. */
export function wallClockOf(iso: string, timeZone?: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Today's date on the city's calendar ("2026-12-05"). */
export function todayIn(timeZone?: string): string {
  return wallClockOf(new Date().toISOString(), timeZone).date;
}

/**
 * The instant at which the city's clock shows `date` and `time` ("2026-12-05", "09:00"), as an ISO
 * string with an offset. The zone's offset at that moment is found by reading the clock back; a time
 * skipped by a daylight-saving change lands an hour later, as clocks do.
 */
export function instantOf(date: string, time: string, timeZone?: string): string {
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const wanted = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  const shownAt = (instant: number) => {
    const clock = wallClockOf(new Date(instant).toISOString(), timeZone);
    const [y, m, d] = clock.date.split("-").map(Number);
    const [h, min] = clock.time.split(":").map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, h ?? 0, min ?? 0);
  };
  let instant = wanted - (shownAt(wanted) - wanted);
  // Near a daylight-saving change the first guess uses the offset on the other side of it.
  instant += wanted - shownAt(instant);
  return new Date(instant).toISOString();
}
