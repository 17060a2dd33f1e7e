import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";

/**
 * Shifts as iCalendar (RFC 5545): one event per sign-up, attached to every message about it and
 * listed in the volunteer's private feed. The event's UID stays the same for a sign-up, so calendar
 * apps update the event when the shift moves and mark it cancelled when it is.
 */

export interface ShiftEvent {
  signupId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  description: string;
  url: string;
  cancelled: boolean;
}

export function eventUid(signupId: string, host: string): string {
  return `signup-${signupId}@${host}`;
}

export function calendarOf(name: string, events: ShiftEvent[], publicUrl: string, method: "publish" | "none" = "publish"): string {
  const host = new URL(publicUrl).host;
  const calendar = ical({ name, prodId: { company: "Civitas", product: "Civitas", language: "EN" }, ttl: 60 * 60 });
  if (method === "publish") calendar.method(ICalCalendarMethod.PUBLISH);
  for (const event of events) {
    calendar.createEvent({
      id: eventUid(event.signupId, host),
      start: event.startsAt,
      end: event.endsAt,
      summary: event.title,
      description: event.description,
      location: event.location ?? undefined,
      url: event.url,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
