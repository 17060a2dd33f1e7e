import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { createCampaignRequest } from "../../../contracts/campaigns.ts";
import type { Executor } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { type FieldProblem, InvalidInputError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { groups } from "../groups/index.ts";
import { findOpportunity } from "../opportunities/index.ts";
import { credentialTypes, skills } from "../volunteers/index.ts";
import { storedAudience } from "./audience.ts";
import { type CampaignAudience, type CampaignMessages, campaigns } from "./schema.ts";

export type CreateCampaignInput = z.output<typeof createCampaignRequest>;

/** Messages as stored, one per language; a second message in a language already written is refused. */
export function storedMessages(messages: CreateCampaignInput["messages"]): CampaignMessages {
  const problems: FieldProblem[] = [];
  const stored: CampaignMessages = {};
  messages.forEach((message, index) => {
    if (stored[message.language]) {
      problems.push({ field: `messages.${index}.language`, messageKey: "errors.campaigns.duplicateLanguage", params: { language: message.language } });
      return;
    }
    stored[message.language] = { subject: message.subject, body: message.body };
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return stored;
}

/** The skills, credentials and groups an audience names, and the opportunity linked, must be this city's. */
export async function checkReferences(db: Executor, cityId: string, input: { audience?: CampaignAudience; opportunityId?: string | null }): Promise<void> {
  const problems: FieldProblem[] = [];
  const audience = input.audience;
  const missing = async (table: typeof skills | typeof credentialTypes | typeof groups, ids: string[]) => {
    if (ids.length === 0) return false;
    const found = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.cityId, cityId), inArray(table.id, ids)));
    return found.length !== new Set(ids).size;
  };
  if (audience && (await missing(skills, audience.skillIds))) problems.push({ field: "audience.skillIds", messageKey: "errors.campaigns.unknownSkills" });
  if (audience && (await missing(credentialTypes, audience.credentialTypeIds)))
    problems.push({ field: "audience.credentialTypeIds", messageKey: "errors.campaigns.unknownCredentials" });
  if (audience && (await missing(groups, audience.groupIds))) problems.push({ field: "audience.groupIds", messageKey: "errors.campaigns.unknownGroups" });
  if (input.opportunityId && !(await findOpportunity(db, cityId, input.opportunityId)))
    problems.push({ field: "opportunityId", messageKey: "errors.campaigns.unknownOpportunity" });
  if (problems.length > 0) throw new InvalidInputError(problems);
}

/** A new campaign, as a draft: nothing is sent until someone sends it. */
export async function createCampaign(ctx: OperationContext, input: CreateCampaignInput) {
  const audience = storedAudience(input.audience);
  const messages = storedMessages(input.messages);
  return ctx.db.transaction(async (tx) => {
    await checkReferences(tx, ctx.city.id, { audience, opportunityId: input.opportunityId });
    const [campaign] = await tx
      .insert(campaigns)
      .values({
        cityId: ctx.city.id,
        name: input.name,
        channel: input.channel,
        audience,
        messages,
        opportunityId: input.opportunityId,
        createdBy: ctx.actor?.userId ?? null,
      })
      .returning();
    if (!campaign) throw new Error("insert returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "campaign.created",
      targetType: "campaign",
      targetId: campaign.id,
      after: campaign,
      requestId: ctx.requestId,
    });
    return campaign;
  });
}
