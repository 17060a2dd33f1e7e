import { and, eq, inArray } from "drizzle-orm";
import type { PersonalDataProvider } from "../../platform/personal-data/index.ts";
import { cities } from "../../platform/tenancy/index.ts";
import { volunteerProfiles } from "../volunteers/index.ts";
import { campaignRecipients, campaigns } from "./schema.ts";

/**
 * The campaigns sent to the person. A recipient row names only the volunteer profile, which the
 * volunteers module strips of its person when the account is deleted; what could still point at the
 * person (the mail server's message id, an error that may quote the address) is cleared here, and
 * anything not yet sent is skipped. The rows stay, anonymous, so the campaign's counts hold.
 */
export const campaignPersonalData: PersonalDataProvider = {
  name: "campaignsReceived",
  async export(db, userId) {
    return db
      .select({
        city: cities.slug,
        campaign: campaigns.name,
        channel: campaigns.channel,
        language: campaignRecipients.language,
        status: campaignRecipients.status,
        sentAt: campaignRecipients.sentAt,
        clickedAt: campaignRecipients.firstClickedAt,
        unsubscribedAt: campaignRecipients.unsubscribedAt,
      })
      .from(campaignRecipients)
      .innerJoin(volunteerProfiles, eq(volunteerProfiles.id, campaignRecipients.volunteerId))
      .innerJoin(campaigns, eq(campaigns.id, campaignRecipients.campaignId))
      .innerJoin(cities, eq(cities.id, campaignRecipients.cityId))
      .where(eq(volunteerProfiles.userId, userId))
      .orderBy(campaignRecipients.createdAt);
  },
  async erase(tx, person) {
    const profiles = await tx.select({ id: volunteerProfiles.id }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, person.userId));
    const ids = profiles.map((profile) => profile.id);
    if (ids.length === 0) return;
    await tx.update(campaignRecipients).set({ messageId: null, lastError: null }).where(inArray(campaignRecipients.volunteerId, ids));
    await tx
      .update(campaignRecipients)
      .set({ status: "skipped", leaseUntil: null, nextAttemptAt: null })
      .where(and(inArray(campaignRecipients.volunteerId, ids), eq(campaignRecipients.status, "queued")));
  },
};
