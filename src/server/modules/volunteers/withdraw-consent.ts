import { eq } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { volunteerProfiles } from "./schema.ts";

/**
 * A volunteer stops being contacted on one channel, without signing in: the unsubscribe link in a
 * campaign message (or a mail client's one-click unsubscribe) names them by a token only they were
 * sent. Consent is what every later campaign checks, at queueing and again at sending, so nothing
 * more is ever sent to them on that channel until they give it again on their profile. The change
 * is audited with no actor and its source.
 */
export async function withdrawConsent(
  db: Executor,
  input: { volunteerId: string; channel: "email" | "sms"; source: string; requestId?: string | null },
): Promise<{ withdrawn: boolean } | null> {
  const column = input.channel === "email" ? "consentEmail" : "consentSms";
  const [profile] = await db
    .select({ id: volunteerProfiles.id, cityId: volunteerProfiles.cityId, consent: volunteerProfiles[column] })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.id, input.volunteerId))
    .for("update");
  if (!profile) return null;
  if (!profile.consent) return { withdrawn: false };
  await db
    .update(volunteerProfiles)
    .set({ [column]: false, updatedAt: new Date() })
    .where(eq(volunteerProfiles.id, profile.id));
  await recordAudit(db, {
    cityId: profile.cityId,
    actor: null,
    action: "volunteer.consent-withdrawn",
    targetType: "volunteer_profile",
    targetId: profile.id,
    before: { [column]: true },
    after: { [column]: false, source: input.source },
    requestId: input.requestId ?? null,
  });
  return { withdrawn: true };
}
