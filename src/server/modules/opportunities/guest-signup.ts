import { and, eq } from "drizzle-orm";
import type pg from "pg";
import type { Database } from "../../db/connection.ts";
import type { Auth } from "../../platform/auth/index.ts";
import { provisionUser } from "../../platform/auth/provision-user.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import { grantRoleIn } from "../staff/index.ts";
import { ensureVolunteerProfile } from "../volunteers/index.ts";
import { opportunities, shifts } from "./schema.ts";
import { RequirementsNotMetError, type SignUpOutcome, signUpForShift } from "./sign-up-for-shift.ts";

/**
 * A resident without an account signs up with a name and an email address. The place is taken at
 * once (so a surge is first come, first served), under an account for that address; the confirmation
 * email carries a sign-in link that proves the address and lets them manage the place. The account is
 * only usable through that link, so nobody can act as someone else by typing their address.
 */
/**
 * Requirements (languages, age, credentials) can only be checked on a profile, which a guest does not
 * have yet: such opportunities send them to sign in first, before any account is made.
 */
async function refuseIfRequirements(db: Database, cityId: string, shiftId: string): Promise<void> {
  const [found] = await db
    .select({ languages: opportunities.requiredLanguages, minimumAge: opportunities.minimumAge, credentials: opportunities.requiredCredentialTypeIds })
    .from(shifts)
    .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
    .where(and(eq(shifts.cityId, cityId), eq(shifts.id, shiftId)));
  if (!found) throw new NotFoundError("errors.shifts.notFound");
  if (found.languages.length || found.minimumAge !== null || found.credentials.length) {
    throw new RequirementsNotMetError({ languages: found.languages, minimumAge: found.minimumAge, credentialTypeIds: found.credentials }, true);
  }
}

export async function signUpAsGuest(
  db: Database,
  pool: pg.Pool,
  auth: Auth,
  input: { cityId: string; timeZone: string; shiftId: string; name: string; email: string; locale: string },
): Promise<SignUpOutcome> {
  await refuseIfRequirements(db, input.cityId, input.shiftId);
  const user = await provisionUser(auth, db, { email: input.email, name: input.name, locale: input.locale, emailVerified: false });
  await ensureVolunteerProfile(db, input.cityId, user.id);
  await grantRoleIn(db, input.cityId, null, null, { userId: user.id, role: "volunteer" });
  return signUpForShift(pool, db, { cityId: input.cityId, timeZone: input.timeZone, shiftId: input.shiftId, userId: user.id });
}
