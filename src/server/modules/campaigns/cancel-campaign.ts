import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { lockCampaign } from "./find-campaigns.ts";
import { campaignRecipients, campaigns } from "./schema.ts";

/**
 * Stops a campaign: a scheduled one never starts (its start, when due, finds it cancelled); a sending
 * one stops where it is, its recipients not yet written to are skipped, and those already sent stay sent.
 */
export async function cancelCampaign(ctx: OperationContext, campaignId: string) {
  return ctx.db.transaction(async (tx) => {
    const before = await lockCampaign(tx, ctx.city.id, campaignId, ["scheduled", "sending"], "errors.campaigns.notCancellable");
    const skipped =
      before.status === "sending"
        ? await tx
            .update(campaignRecipients)
            .set({ status: "skipped", leaseUntil: null, nextAttemptAt: null })
            .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.status, "queued")))
            .returning({ id: campaignRecipients.id })
        : [];
    const [after] = await tx.update(campaigns).set({ status: "cancelled", cancelledAt: sql`now()` }).where(eq(campaigns.id, campaignId)).returning();
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "campaign.cancelled",
      targetType: "campaign",
      targetId: campaignId,
      before,
      after: { ...after, skippedRecipients: skipped.length },
      requestId: ctx.requestId,
    });
    return after ?? before;
  });
}
