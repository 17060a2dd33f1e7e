import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { updateCampaignRequest } from "../../../contracts/campaigns.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { InvalidInputError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { storedAudience } from "./audience.ts";
import { checkReferences, storedMessages } from "./create-campaign.ts";
import { lockCampaign } from "./find-campaigns.ts";
import { campaigns } from "./schema.ts";
import { sendingProblems } from "./send-campaign.ts";

export type UpdateCampaignInput = z.output<typeof updateCampaignRequest>;

/**
 * Changes a campaign that has not gone out: a draft, or a scheduled one, which stays scheduled and so
 * must still be ready to send after the change. What was not sent in the request stays as it was.
 */
export async function updateCampaign(ctx: OperationContext, campaignId: string, input: UpdateCampaignInput) {
  const audience = input.audience === undefined ? undefined : storedAudience(input.audience);
  const messages = input.messages === undefined ? undefined : storedMessages(input.messages);
  return ctx.db.transaction(async (tx) => {
    const before = await lockCampaign(tx, ctx.city.id, campaignId, ["draft", "scheduled"], "errors.campaigns.notEditable");
    await checkReferences(tx, ctx.city.id, { audience, opportunityId: input.opportunityId });
    const [after] = await tx
      .update(campaigns)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.channel !== undefined && { channel: input.channel }),
        ...(audience !== undefined && { audience }),
        ...(messages !== undefined && { messages }),
        ...(input.opportunityId !== undefined && { opportunityId: input.opportunityId }),
      })
      .where(eq(campaigns.id, campaignId))
      .returning();
    if (!after) throw new NotFoundError("errors.campaigns.notFound");
    if (after.status === "scheduled") {
      const problems = await sendingProblems(tx, ctx.city, after);
      if (problems.length > 0) throw new InvalidInputError(problems);
    }
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "campaign.updated",
      targetType: "campaign",
      targetId: campaignId,
      before,
      after,
      requestId: ctx.requestId,
    });
    return after;
  });
}
