import { eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { lockCampaign } from "./find-campaigns.ts";
import { campaigns } from "./schema.ts";

/** Removes a draft. A campaign that was scheduled or sent stays, for its record; it can be cancelled. */
export async function deleteCampaign(ctx: OperationContext, campaignId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await lockCampaign(tx, ctx.city.id, campaignId, ["draft"], "errors.campaigns.notDeletable");
    await tx.delete(campaigns).where(eq(campaigns.id, campaignId));
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "campaign.deleted",
      targetType: "campaign",
      targetId: campaignId,
      before,
      requestId: ctx.requestId,
    });
  });
}
