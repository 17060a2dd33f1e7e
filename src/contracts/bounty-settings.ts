import { z } from "zod";

/** A city's rules for bounties (threshold, small-business band, licences) and its holiday calendar. */

/**
 * Open-source licences a city may accept, by SPDX identifier (https://spdx.org/licenses/): the
 * licences approved by the OSI that code written for a city is likely to carry, and CC0 and the
 * Unlicense for public-domain dedications.
 */
export const spdxLicenceIds = [
  "0BSD",
  "AFL-3.0",
  "AGPL-3.0-only",
  "AGPL-3.0-or-later",
  "Apache-2.0",
  "Artistic-2.0",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "BSL-1.0",
  "CC0-1.0",
  "CDDL-1.0",
  "ECL-2.0",
  "EPL-1.0",
  "EPL-2.0",
  "EUPL-1.2",
  "GPL-2.0-only",
  "GPL-2.0-or-later",
  "GPL-3.0-only",
  "GPL-3.0-or-later",
  "ISC",
  "LGPL-2.1-only",
  "LGPL-2.1-or-later",
  "LGPL-3.0-only",
  "LGPL-3.0-or-later",
  "MIT",
  "MIT-0",
  "MPL-2.0",
  "MS-PL",
  "NCSA",
  "OSL-3.0",
  "PostgreSQL",
  "UPL-1.0",
  "Unlicense",
  "Zlib",
] as const;

/** Whole minor units (cents), above zero. */
const positiveMinor = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const bountySettingsView = z
  .object({
    microPurchaseThresholdMinor: z.number().int(),
    smallBusinessBandMinMinor: z.number().int().nullable(),
    smallBusinessBandMaxMinor: z.number().int().nullable(),
    acceptedLicences: z.array(z.string()),
    currency: z.string(),
    /** Every licence identifier the city may choose from. */
    knownLicences: z.array(z.string()),
  })
  .meta({ id: "BountySettings", description: "A city's rules for bounties" });
export type BountySettingsView = z.infer<typeof bountySettingsView>;

export const updateBountySettingsRequest = z.object({
  microPurchaseThresholdMinor: positiveMinor,
  smallBusinessBandMinMinor: positiveMinor.nullable(),
  smallBusinessBandMaxMinor: positiveMinor.nullable(),
  acceptedLicences: z.array(z.string().trim().min(1).max(64)).min(1).max(spdxLicenceIds.length),
});
export type UpdateBountySettingsRequest = z.input<typeof updateBountySettingsRequest>;

export const calendarDay = z.iso.date();

export const cityHoliday = z
  .object({ id: z.uuid(), day: calendarDay, name: z.string() })
  .meta({ id: "CityHoliday", description: "A day the city does not work" });
export type CityHolidayView = z.infer<typeof cityHoliday>;

export const cityHolidayList = z.object({ holidays: z.array(cityHoliday) });

export const holidayListQuery = z.object({
  /** From this day on; the default is the start of last year, so the calendar stays short. */
  from: calendarDay.optional(),
});

export const createHolidayRequest = z.object({ day: calendarDay, name: z.string().trim().min(1).max(120) });

export const holidayPath = z.object({ city: z.string(), holidayId: z.uuid() });
