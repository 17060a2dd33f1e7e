import { translate } from "../../platform/i18n/index.ts";
import { escapeHtml } from "../../platform/mail/index.ts";
import { linkToken } from "./link-token.ts";
import type { CampaignMessages } from "./schema.ts";

/**
 * One recipient's copy of a campaign: the message in their language (else the city's default
 * language), their first name where the message says `{{name}}`, the tracked link to the
 * opportunity, a visible unsubscribe link, and the headers that let mail clients offer one-click
 * unsubscribe (RFC 8058). Pure: the same input always gives the same message, Message-ID included,
 * so a message sent again after a crash is recognisably the same message.
 */

export interface ComposeCampaignMessageInput {
  city: { name: string; slug: string; defaultLocale?: string };
  campaign: { id: string; name: string; channel: "email" | "sms"; messages: CampaignMessages; opportunityId: string | null };
  /** `id` is the recipient row's id, from which the Message-ID is derived; a preview has none. */
  /** `token` is the row's link secret; the links carry it after the row id (see link-token.ts). */
  recipient: { id: string; name: string; language: string; token: string };
  publicUrl: string;
}

export interface ComposedCampaignMessage {
  language: string;
  subject: string;
  text: string;
  /** Null for SMS. */
  html: string | null;
  headers: Record<string, string>;
  /** Without angle brackets. */
  messageId: string;
  /** The public page where the person can unsubscribe (the one shown in the message). */
  unsubscribeUrl: string;
  /** The address mail clients POST to for one-click unsubscribe. */
  oneClickUnsubscribeUrl: string;
  trackedUrl: string | null;
}

/** The language whose message a recipient gets: theirs, else the city's default, else the first written. */
export function chooseMessageLanguage(messages: CampaignMessages, preferred: string, cityDefault: string | undefined): string {
  if (messages[preferred]) return preferred;
  if (cityDefault && messages[cityDefault]) return cityDefault;
  if (messages.en) return "en";
  return Object.keys(messages)[0] ?? preferred;
}

export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

export function campaignMessageId(recipientKey: string, publicUrl: string): string {
  return `campaign.${recipientKey}@${new URL(publicUrl).hostname}`;
}

export function composeCampaignMessage(input: ComposeCampaignMessageInput): ComposedCampaignMessage {
  const { city, campaign, recipient } = input;
  const publicUrl = input.publicUrl.replace(/\/$/, "");
  const language = chooseMessageLanguage(campaign.messages, recipient.language, city.defaultLocale);
  const message = campaign.messages[language] ?? { subject: campaign.name, body: "" };
  const t = (key: string, params: Record<string, unknown> = {}) => translate(language, key, params);

  const firstName = firstNameOf(recipient.name) || t("mail.campaign.nameFallback");
  const personalise = (value: string) => value.replace(/\{\{\s*(name|firstName)\s*\}\}/g, firstName).replace(/\{\{\s*city\s*\}\}/g, city.name);
  const subject = personalise(message.subject || campaign.name)
    .replace(/[\r\n]+/g, " ")
    .trim();
  const body = personalise(message.body).replace(/\r\n?/g, "\n").trim();

  const token = encodeURIComponent(linkToken(recipient.id, recipient.token));
  const trackedUrl = campaign.opportunityId ? `${publicUrl}/c/${token}` : null;
  const unsubscribeUrl = `${publicUrl}/${city.slug}/unsubscribe/${token}`;
  const oneClickUnsubscribeUrl = `${publicUrl}/api/v1/unsubscribe/${token}`;
  const messageId = campaignMessageId(recipient.id, publicUrl);

  if (campaign.channel === "sms") {
    const lines = [body];
    if (trackedUrl) lines.push(trackedUrl);
    lines.push(t("mail.campaign.smsStop", { url: unsubscribeUrl }));
    return { language, subject, text: lines.join("\n"), html: null, headers: {}, messageId, unsubscribeUrl, oneClickUnsubscribeUrl, trackedUrl };
  }

  const paragraphs = body.split(/\n\s*\n/).filter((paragraph) => paragraph.trim() !== "");
  const footer = t("mail.campaign.footer", { city: city.name });
  const unsubscribeLabel = t("mail.campaign.unsubscribe");
  const actionLabel = t("mail.campaign.action");

  const textParts = [...paragraphs.flatMap((paragraph) => [paragraph, ""])];
  if (trackedUrl) textParts.push(`${actionLabel}: ${trackedUrl}`, "");
  textParts.push("--", footer, `${unsubscribeLabel}: ${unsubscribeUrl}`);

  const button = trackedUrl
    ? `<p><a href="${escapeHtml(trackedUrl)}" style="display:inline-block;padding:12px 20px;background:#005ea2;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${escapeHtml(actionLabel)}</a></p>\n`
    : "";
  const html = `<!doctype html>
<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:'Source Sans Pro',Helvetica,Arial,sans-serif;font-size:17px;line-height:1.5;color:#1b1b1b;max-width:600px;margin:0 auto;padding:16px">
${paragraphs.map((paragraph) => `<p>${linkify(paragraph).replace(/\n/g, "<br>\n")}</p>`).join("\n")}
${button}<hr><p style="font-size:14px;color:#555">${escapeHtml(footer)}<br>
<a href="${escapeHtml(unsubscribeUrl)}" style="color:#555">${escapeHtml(unsubscribeLabel)}</a></p>
</body></html>`;

  const headers: Record<string, string> = {
    "List-Unsubscribe": `<${oneClickUnsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "List-Id": `${campaign.name.replace(/[\r\n<>"]+/g, " ").slice(0, 100)} <${city.slug}.campaigns.${new URL(publicUrl).hostname}>`,
    Precedence: "bulk",
    "Auto-Submitted": "auto-generated",
    "X-Auto-Response-Suppress": "OOF, AutoReply",
    "Feedback-ID": `${campaign.id}:${city.slug}:campaign:civitas`,
  };
  return { language, subject, text: textParts.join("\n").trim(), html, headers, messageId, unsubscribeUrl, oneClickUnsubscribeUrl, trackedUrl };
}

/** Escapes text and turns the web addresses in it into links. */
function linkify(text: string): string {
  const pieces = text.split(/(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])/g);
  return pieces.map((piece, index) => (index % 2 === 1 ? `<a href="${escapeHtml(piece)}">${escapeHtml(piece)}</a>` : escapeHtml(piece))).join("");
}
