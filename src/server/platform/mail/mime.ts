import { randomBytes } from "node:crypto";

/**
 * A plain MIME message (text, and HTML as its alternative) put together directly, for bulk mail:
 * composing through nodemailer's general streaming composer cost more than sending the message did,
 * and a campaign sends tens of thousands of the same shape. Bodies are base64 (any text, any
 * language, no line-length worries); header values that are not ASCII become RFC 2047 encoded words.
 */

export interface RawMessageInput {
  from: { name?: string; address: string };
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  headers?: Record<string, string>;
  date?: Date;
}

const ascii = /^[\x20-\x7e]*$/;
// Boundaries need only be absent from the bodies (base64 never contains "=_"); a per-process prefix and a counter do.
const boundaryPrefix = `----=_civitas_${randomBytes(6).toString("hex")}_`;
let boundaryCounter = 0;

/** An RFC 2047 encoded word (or several, folded), splitting only between characters. */
export function encodeWords(value: string): string {
  if (ascii.test(value)) return value;
  const words: string[] = [];
  let current = "";
  for (const character of value) {
    // 45 bytes of UTF-8 become 60 characters of base64: each word stays within 75 characters.
    if (Buffer.byteLength(current + character) > 45) {
      words.push(current);
      current = "";
    }
    current += character;
  }
  if (current) words.push(current);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, "utf8").toString("base64")}?=`).join("\r\n ");
}

function headerValue(value: string): string {
  const clean = value.replace(/[\r\n]+/g, " ");
  if (ascii.test(clean)) return clean;
  // "Phrase <address>": only the phrase is encoded.
  const phrase = clean.match(/^(.*?)\s*(<[^<>]*>)$/);
  if (phrase?.[1] && phrase[2]) return `${encodeWords(phrase[1])} ${phrase[2]}`;
  return encodeWords(clean);
}

function base64Lines(content: string): string {
  const encoded = Buffer.from(content, "utf8").toString("base64");
  const lines: string[] = [];
  for (let index = 0; index < encoded.length; index += 76) lines.push(encoded.slice(index, index + 76));
  return lines.join("\r\n");
}

function mailbox(from: { name?: string; address: string }): string {
  if (!from.name) return from.address;
  const name = from.name.replace(/[\r\n]+/g, " ");
  const quoted = ascii.test(name) ? `"${name.replace(/["\\]/g, "\\$&")}"` : encodeWords(name);
  return `${quoted} <${from.address}>`;
}

export function composeRawMessage(input: RawMessageInput): string {
  const lines = [
    `From: ${mailbox(input.from)}`,
    `To: ${input.to.replace(/[\r\n<>]+/g, "")}`,
    `Subject: ${headerValue(input.subject)}`,
    `Date: ${(input.date ?? new Date()).toUTCString().replace(/GMT$/, "+0000")}`,
    `Message-ID: <${input.messageId.replace(/[\r\n<>]+/g, "")}>`,
    "MIME-Version: 1.0",
  ];
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (!/^[A-Za-z0-9-]+$/.test(name) || /^(from|to|subject|date|message-id|mime-version|content-type|content-transfer-encoding)$/i.test(name)) continue;
    lines.push(`${name}: ${headerValue(value)}`);
  }
  const text = input.text.replace(/\r?\n/g, "\r\n");
  if (input.html === undefined) {
    lines.push("Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", base64Lines(text), "");
    return lines.join("\r\n");
  }
  boundaryCounter = (boundaryCounter + 1) % 1_000_000_000;
  const boundary = `${boundaryPrefix}${boundaryCounter}`;
  lines.push(
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(text),
    `--${boundary}`,
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(input.html),
    `--${boundary}--`,
    "",
  );
  return lines.join("\r\n");
}
