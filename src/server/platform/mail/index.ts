import nodemailer from "nodemailer";
import type { Executor } from "../../db/connection.ts";
import { outboxMessages } from "./schema.ts";

/**
 * Outgoing mail. With SMTP_URL set, messages go to that server through a pooled nodemailer
 * transport; without it they are written to the outbox table, which admins read in the app.
 */

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text or base64, see `encoding`. */
  content: string;
  encoding?: "utf8" | "base64";
}

export interface MailMessage {
  /** The city the message is about, so that its admins can read it in the outbox. */
  cityId: string | null;
  /** What kind of message this is (magic-link, invitation, reminder…), for filtering and tests. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

export interface Mailer {
  readonly transport: "smtp" | "outbox";
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

export function createMailer(options: { smtpUrl: string | undefined; from: string; db: Executor }): Mailer {
  const mailer = options.smtpUrl ? createSmtpMailer(options.smtpUrl, options.from) : createOutboxMailer(options.db);
  return {
    transport: mailer.transport,
    close: () => mailer.close(),
    async send(message) {
      // Addresses under the reserved .invalid domain stand for people who gave none (walk-ins).
      if (/\.invalid$/i.test(message.to)) return;
      await mailer.send(message);
    },
  };
}

function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
    secure: url.protocol === "smtps:",
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    pool: true,
    maxConnections: Number(url.searchParams.get("pool") ?? 5),
    // Local and test relays often have self-signed certificates; production relays are named explicitly.
    tls: { rejectUnauthorized: url.searchParams.get("tls") !== "insecure" },
  });
  return {
    transport: "smtp",
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        attachments: message.attachments?.map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: attachment.content,
          encoding: attachment.encoding ?? "utf8",
        })),
      });
    },
    async close() {
      transporter.close();
    },
  };
}

function createOutboxMailer(db: Executor): Mailer {
  return {
    transport: "outbox",
    async send(message) {
      await db.insert(outboxMessages).values({
        cityId: message.cityId,
        kind: message.kind,
        recipient: message.to.toLowerCase(),
        subject: message.subject,
        textBody: message.text,
        htmlBody: message.html ?? null,
        headers: message.headers ?? {},
        attachments: (message.attachments ?? []).map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: attachment.encoding === "base64" ? Buffer.from(attachment.content, "base64").toString("utf8") : attachment.content,
        })),
      });
    },
    async close() {},
  };
}

export { type MailContent, renderMail } from "./render.ts";
export { outboxMessages } from "./schema.ts";
