import { z } from "zod";
import { emailAddress, isoDateTime } from "./platform.ts";

/**
 * Shifts and sign-ups. Date-times are ISO 8601: with an offset (or Z) they are instants; without one
 * ("2026-12-05T09:00") they are wall-clock times in the city's time zone.
 */

export const cityDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/, { error: "errors.field.date" });

const shiftFields = {
  startsAt: cityDateTime,
  endsAt: cityDateTime,
  capacity: z.number().int().min(1).max(10_000),
  waitlistEnabled: z.boolean(),
  note: z.string().trim().max(500),
};

export const createShiftRequest = z.object({ ...shiftFields, waitlistEnabled: shiftFields.waitlistEnabled.default(true), note: shiftFields.note.default("") });

/** Only what is sent changes. */
export const updateShiftRequest = z.object(shiftFields).partial();

export const cancelShiftRequest = z.object({ reason: z.string().trim().min(3).max(500) });

export const shiftPath = z.object({ city: z.string(), shiftId: z.uuid() });
export const signupPath = z.object({ city: z.string(), signupId: z.uuid() });

export const signupStatus = z.enum(["confirmed", "waitlisted", "cancelled"]);

export const signupResult = z
  .object({
    id: z.uuid(),
    shiftId: z.uuid(),
    status: signupStatus,
    /** 1 for the first person waiting, while waitlisted. */
    waitlistPosition: z.number().int().nullable(),
  })
  .meta({ id: "SignupResult" });

export const guestSignupRequest = z.object({
  name: z.string().trim().min(1).max(120),
  email: emailAddress,
});

export const guestSignupResult = z.object({ status: signupStatus, waitlistPosition: z.number().int().nullable(), email: z.string() });

export const mySignup = z
  .object({
    id: z.uuid(),
    status: signupStatus,
    waitlistPosition: z.number().int().nullable(),
    shift: z.object({ id: z.uuid(), startsAt: isoDateTime, endsAt: isoDateTime, status: z.enum(["scheduled", "cancelled"]), note: z.string() }),
    opportunity: z.object({ id: z.uuid(), title: z.string(), locationKind: z.enum(["in_person", "remote"]), address: z.string().nullable() }),
    checkedInAt: isoDateTime.nullable(),
    checkedOutAt: isoDateTime.nullable(),
    hours: z.object({ minutes: z.number().int(), status: z.enum(["pending", "approved", "rejected"]), rejectionReason: z.string().nullable() }).nullable(),
    cancelledBecause: z.string().nullable(),
    /** What staff said when they cancelled the shift or the place. */
    cancellationReason: z.string().nullable(),
  })
  .meta({ id: "MySignup" });

export const mySignups = z.object({ upcoming: z.array(mySignup), past: z.array(mySignup), calendarUrl: z.string().nullable() });

export const rosterEntry = z.object({
  signupId: z.uuid(),
  volunteerId: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: signupStatus,
  waitlistPosition: z.number().int().nullable(),
  walkIn: z.boolean(),
  emailVerified: z.boolean(),
  checkedInAt: isoDateTime.nullable(),
  checkedOutAt: isoDateTime.nullable(),
  accessibilityNeeds: z.string().nullable(),
  hours: z.object({ id: z.uuid(), minutes: z.number().int(), status: z.enum(["pending", "approved", "rejected"]) }).nullable(),
});

export const roster = z.object({
  shift: z.object({
    id: z.uuid(),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    capacity: z.number().int(),
    confirmedCount: z.number().int(),
    status: z.enum(["scheduled", "cancelled"]),
  }),
  opportunity: z.object({ id: z.uuid(), title: z.string(), agencyId: z.uuid().nullable(), groupId: z.uuid().nullable() }),
  entries: z.array(rosterEntry),
});

export const attendanceRequest = z.object({ attended: z.boolean() });

export const walkInRequest = z.object({
  name: z.string().trim().min(1).max(120),
  email: emailAddress.nullable().default(null),
});

export const checkInCode = z.object({ url: z.string(), validFrom: isoDateTime, validUntil: isoDateTime });
export const checkInRequest = z.object({ token: z.string().min(10).max(200) });
export const checkInResult = z.object({ checkedInAt: isoDateTime.nullable(), checkedOutAt: isoDateTime.nullable(), minutes: z.number().int().nullable() });

export const hoursEntry = z
  .object({
    id: z.uuid(),
    volunteer: z.object({ id: z.uuid(), name: z.string() }),
    opportunity: z.object({ id: z.uuid(), title: z.string() }),
    source: z.enum(["attendance", "self_reported"]),
    workedOn: z.iso.date(),
    minutes: z.number().int(),
    description: z.string(),
    status: z.enum(["pending", "approved", "rejected"]),
    rejectionReason: z.string().nullable(),
    reviewedAt: isoDateTime.nullable(),
  })
  .meta({ id: "HoursEntry" });

export const hoursQuery = z.object({
  status: z.enum(["pending", "approved", "rejected"]).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const hoursList = z.object({ entries: z.array(hoursEntry) });
export const hoursPath = z.object({ city: z.string(), hoursId: z.uuid() });
export const rejectHoursRequest = z.object({ reason: z.string().trim().min(3).max(500) });

export const reportHoursRequest = z.object({
  opportunityId: z.uuid(),
  workedOn: z.iso.date(),
  minutes: z.number().int().min(1).max(1440),
  description: z.string().trim().min(3).max(1000),
});

export const shiftSettings = z
  .object({
    firstReminderHours: z.number().int().min(1).max(168),
    secondReminderHours: z.number().int().min(1).max(72),
  })
  .refine((value) => value.secondReminderHours < value.firstReminderHours, { path: ["secondReminderHours"], error: "errors.shifts.reminderOrder" });

export const myHours = z.object({
  entries: z.array(
    z.object({
      id: z.uuid(),
      opportunity: z.object({ id: z.uuid(), title: z.string() }),
      source: z.enum(["attendance", "self_reported"]),
      workedOn: z.iso.date(),
      minutes: z.number().int(),
      description: z.string(),
      status: z.enum(["pending", "approved", "rejected"]),
      rejectionReason: z.string().nullable(),
    }),
  ),
});

export type MyHours = z.infer<typeof myHours>;

export const publicShift = z.object({
  id: z.uuid(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  status: z.enum(["scheduled", "cancelled"]),
  opportunity: z.object({ id: z.uuid(), title: z.string(), locationKind: z.enum(["in_person", "remote"]), address: z.string().nullable() }),
});
