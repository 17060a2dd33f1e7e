import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { ConflictError, DomainError } from "../../platform/errors/index.ts";
import { translate } from "../../platform/i18n/index.ts";
import { credentialTypes } from "../volunteers/schema.ts";
import { opportunities, shifts } from "./schema.ts";
import { formatShiftTime } from "./send-notices.ts";
import { RequirementsNotMetError, ShiftClashError } from "./sign-up-for-shift.ts";
import { localizedName } from "./taxonomy-labels.ts";

/**
 * Turns a refused sign-up into an answer a person can act on: which requirement is missing (the
 * language, the age, the credential by name), or which of their shifts clashes, and when.
 */
export async function explainRefusal(db: Database, city: { id: string; timeZone: string }, error: unknown, locale: string): Promise<unknown> {
  if (error instanceof RequirementsNotMetError) {
    const parts: string[] = [];
    const languageNames = new Intl.DisplayNames([locale], { type: "language" });
    for (const code of error.unmet.languages) parts.push(translate(locale, "errors.shifts.needsLanguage", { language: languageNames.of(code) ?? code }));
    if (error.unmet.minimumAge !== null) parts.push(translate(locale, "errors.shifts.needsAge", { age: error.unmet.minimumAge }));
    if (error.unmet.credentialTypeIds.length > 0) {
      const rows = await db
        .select({ id: credentialTypes.id, names: credentialTypes.names })
        .from(credentialTypes)
        .where(and(eq(credentialTypes.cityId, city.id), inArray(credentialTypes.id, error.unmet.credentialTypeIds)));
      for (const row of rows) parts.push(translate(locale, "errors.shifts.needsCredential", { credential: localizedName(row.names, locale) }));
    }
    return new DomainError(409, "requirements-not-met", error.forGuest ? "errors.shifts.guestNeedsProfile" : "errors.shifts.requirementsNotMet", {
      requirements: parts.join("; "),
    });
  }
  if (error instanceof ShiftClashError) {
    const [clash] = await db
      .select({ title: opportunities.title, startsAt: shifts.startsAt, endsAt: shifts.endsAt })
      .from(shifts)
      .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
      .where(eq(shifts.id, error.clashingShiftId));
    return new ConflictError("errors.shifts.clash", {
      title: clash?.title ?? "",
      when: clash ? formatShiftTime(clash.startsAt, clash.endsAt, locale, city.timeZone) : "",
    });
  }
  return error;
}
