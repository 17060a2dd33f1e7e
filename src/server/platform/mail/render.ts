/**
 * One plain layout for every message: a heading, short paragraphs and at most one button, as text
 * and as simple HTML that mail clients and screen readers both handle well.
 */

export interface MailContent {
  locale: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

export function renderMail(content: MailContent): { text: string; html: string } {
  const textParts = [content.heading, "", ...content.paragraphs.flatMap((paragraph) => [paragraph, ""])];
  if (content.action) textParts.push(`${content.action.label}: ${content.action.url}`, "");
  if (content.footer) textParts.push("--", content.footer);

  const button = content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:12px 20px;background:#005ea2;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${escapeHtml(content.action.label)}</a></p>
<p style="font-size:14px;color:#555">${escapeHtml(content.action.url)}</p>`
    : "";
  const html = `<!doctype html>
<html lang="${escapeHtml(content.locale)}"><head><meta charset="utf-8"><title>${escapeHtml(content.heading)}</title></head>
<body style="font-family:'Source Sans Pro',Helvetica,Arial,sans-serif;font-size:17px;line-height:1.5;color:#1b1b1b;max-width:600px;margin:0 auto;padding:16px">
<h1 style="font-size:24px">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("\n")}
${button}
${content.footer ? `<hr><p style="font-size:14px;color:#555">${escapeHtml(content.footer)}</p>` : ""}
</body></html>`;
  return { text: textParts.join("\n").trim(), html };
}
