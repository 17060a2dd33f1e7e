import nodemailer from "nodemailer";
import type { Executor } from "../../db/connection.ts";
import { composeRawMessage } from "./mime.ts";
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
  /**
   * The Message-ID to send under, without angle brackets. Bulk mail gives one derived from its own
   * record, so a message sent again after a crash carries the same id and receivers can tell.
   */
  messageId?: string;
  /** A display name for the sender (the city's name); the address stays MAIL_FROM's. */
  fromName?: string;
}

/** Connections kept open to the SMTP server, and messages sent over one before it is renewed. */
export interface MailPoolOptions {
  maxConnections?: number;
  maxMessages?: number;
}

export interface Mailer {
  readonly transport: "smtp" | "outbox";
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

export function createMailer(options: { smtpUrl: string | undefined; from: string; db: Executor; pool?: MailPoolOptions }): Mailer {
  const mailer = options.smtpUrl ? createSmtpMailer(options.smtpUrl, options.from, options.pool) : createOutboxMailer(options.db);
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

/**
 * Whether a failed send should be given up for good: the server answered with a permanent (5xx)
 * reply such as "550 no such mailbox". Temporary replies (4xx, "451 try again later"), lost
 * connections and timeouts are worth trying again.
 */
export function isPermanentMailFailure(error: unknown): boolean {
  const responseCode = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof responseCode === "number" && responseCode >= 500 && responseCode < 600;
}

/** One line saying why a send failed, for the record (the server's reply when there is one). */
export function describeMailFailure(error: unknown): string {
  const failure = error as { response?: unknown; code?: unknown; message?: unknown } | null;
  const text = typeof failure?.response === "string" ? failure.response : String(failure?.message ?? error);
  const code = typeof failure?.code === "string" ? `${failure.code}: ` : "";
  return `${code}${text}`.replace(/\s+/g, " ").slice(0, 500);
}

function senderAddress(from: string): string {
  return from.match(/<([^>]+)>/)?.[1] ?? from.trim();
}

function createSmtpMailer(smtpUrl: string, from: string, pool: MailPoolOptions = {}): Mailer {
  const url = new URL(smtpUrl);
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
    secure: url.protocol === "smtps:",
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    pool: true,
    maxConnections: Number(url.searchParams.get("pool") ?? pool.maxConnections ?? 5),
    maxMessages: pool.maxMessages ?? 100,
    // Local and test relays often have self-signed certificates; production relays are named explicitly.
    tls: { rejectUnauthorized: url.searchParams.get("tls") !== "insecure" },
  });
  return {
    transport: "smtp",
    async send(message) {
      if (message.messageId && !message.attachments?.length) {
        // Bulk mail (it brings its own Message-ID) is composed directly: the lighter path.
        const sender = senderAddress(from);
        await transporter.sendMail({
          envelope: { from: sender, to: [message.to] },
          raw: composeRawMessage({
            from: message.fromName ? { name: message.fromName, address: sender } : { name: from.match(/^\s*"?([^"<]*?)"?\s*</)?.[1], address: sender },
            to: message.to,
            subject: message.subject,
            text: message.text,
            html: message.html,
            messageId: message.messageId,
            headers: message.headers,
          }),
        });
        return;
      }
      await transporter.sendMail({
        from: message.fromName ? { name: message.fromName, address: senderAddress(from) } : from,
        to: message.to,
        ...(message.messageId && { messageId: `<${message.messageId}>` }),
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
        headers: message.messageId ? { ...message.headers, "Message-ID": `<${message.messageId}>` } : (message.headers ?? {}),
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

export { escapeHtml, type MailContent, renderMail } from "./render.ts";
export { outboxMessages } from "./schema.ts";
