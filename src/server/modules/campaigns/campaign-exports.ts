import { sql } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { toCsv } from "../opportunities/index.ts";
import { attributedRecipients, campaignFunnel } from "./find-campaigns.ts";
import type { Campaign } from "./send-campaign.ts";

/**
 * Spreadsheets of a campaign. Recipients are named by their volunteer id only, with no contact
 * details, so the file can travel to whoever analyses the campaign.
 */

export async function funnelCsv(db: Executor, campaign: Campaign): Promise<string> {
  const funnel = await campaignFunnel(db, campaign);
  return toCsv(
    ["campaign", "stage", "volunteers"],
    [
      [campaign.name, "queued", funnel.queued],
      [campaign.name, "sent", funnel.sent],
      [campaign.name, "failed", funnel.failed],
      [campaign.name, "clicked", funnel.clicked],
      [campaign.name, "signed_up", funnel.signedUp],
      [campaign.name, "attended", funnel.attended],
      [campaign.name, "unsubscribed", funnel.unsubscribed],
    ],
  );
}

type RecipientRow = {
  volunteer_id: string;
  language: string;
  status: string;
  sent_at: Date | string | null;
  first_clicked_at: Date | string | null;
  unsubscribed_at: Date | string | null;
  signed_up: boolean;
  attended: boolean;
};

const isoOf = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export async function recipientsCsv(db: Executor, campaign: Campaign): Promise<string> {
  const result = await db.execute<RecipientRow>(attributedRecipients(campaign.id, campaign.opportunityId).append(sql` order by r.id`));
  return toCsv(
    ["volunteer_id", "language", "status", "sent_at", "clicked_at", "signed_up", "attended", "unsubscribed_at"],
    result.rows.map((row) => [
      row.volunteer_id,
      row.language,
      row.status,
      isoOf(row.sent_at),
      isoOf(row.first_clicked_at),
      row.signed_up ? "yes" : "no",
      row.attended ? "yes" : "no",
      isoOf(row.unsubscribed_at),
    ]),
  );
}
