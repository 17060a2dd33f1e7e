import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { createMailer, outboxMessages, renderMail } from "./index.ts";

/** Mail over real SMTP (a local smtp-server) and into the outbox when no SMTP server is configured. */

let database: TestDatabase;
let server: SMTPServer;
let port = 0;
const received: { to: string[]; raw: string }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((address) => address.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database?.drop();
});

describe("mail", () => {
  it("delivers over SMTP with headers and an attachment intact", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "Civitas <no-reply@civitas.test>", db: database.db });
    expect(mailer.transport).toBe("smtp");
    const body = renderMail({
      locale: "es",
      heading: "Hola",
      paragraphs: ["Uno <b>dos</b>"],
      action: { label: "Entrar", url: "https://civitas.test/x?a=1&b=2" },
    });
    await mailer.send({
      cityId: null,
      kind: "test",
      to: "vecina@example.org",
      subject: "Prueba ñ",
      ...body,
      headers: { "X-Civitas-Kind": "test" },
      attachments: [{ filename: "shift.ics", contentType: "text/calendar", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" }],
    });
    await mailer.close();
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual(["vecina@example.org"]);
    const parsed = await simpleParser(received[0]?.raw ?? "");
    expect(parsed.subject).toBe("Prueba ñ");
    expect(parsed.headers.get("x-civitas-kind")).toBe("test");
    expect(parsed.text).toContain("Entrar: https://civitas.test/x?a=1&b=2");
    expect(parsed.html).toContain("Uno &lt;b&gt;dos&lt;/b&gt;");
    expect(parsed.html).toContain('lang="es"');
    expect(parsed.attachments[0]?.filename).toBe("shift.ics");
    expect(parsed.attachments[0]?.content.toString()).toContain("BEGIN:VCALENDAR");
  });

  it("sends bulk mail under its own Message-ID, with its headers, text and HTML intact", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "Civitas <no-reply@civitas.test>", db: database.db, pool: { maxConnections: 2 } });
    await mailer.send({
      cityId: null,
      kind: "campaign",
      to: "vecina@example.org",
      fromName: "Ciudad de Peñasco",
      subject: "Se necesitan voluntarios para el sábado por la mañana en el parque, ¿puede ayudar? ".repeat(2).trim(),
      text: "Hola Ana:\n\nEl río está subiendo.",
      html: "<p>El río está subiendo.</p>",
      headers: {
        "List-Unsubscribe": "<https://civitas.test/api/v1/unsubscribe/abc>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": "Inundación <x.civitas.test>",
      },
      messageId: "campaign.0190@civitas.test",
    });
    await mailer.close();
    const parsed = await simpleParser(received.at(-1)?.raw ?? "");
    expect(received.at(-1)?.to).toEqual(["vecina@example.org"]);
    expect(parsed.messageId).toBe("<campaign.0190@civitas.test>");
    expect(parsed.subject).toBe("Se necesitan voluntarios para el sábado por la mañana en el parque, ¿puede ayudar? ".repeat(2).trim());
    expect(parsed.from?.value[0]).toEqual({ name: "Ciudad de Peñasco", address: "no-reply@civitas.test" });
    expect(parsed.text?.trim()).toBe("Hola Ana:\n\nEl río está subiendo.");
    expect(parsed.html).toBe("<p>El río está subiendo.</p>");
    expect(received.at(-1)?.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(received.at(-1)?.raw).toMatch(/^List-Unsubscribe: <https:\/\/civitas\.test\/api\/v1\/unsubscribe\/abc>\r$/m);
    expect(parsed.headers.get("date")).toBeInstanceOf(Date);
  });

  it("keeps mail in the outbox when no SMTP server is configured", async () => {
    const mailer = createMailer({ smtpUrl: undefined, from: "x", db: database.db });
    expect(mailer.transport).toBe("outbox");
    await mailer.send({
      cityId: null,
      kind: "test",
      to: "Someone@Example.org",
      subject: "Kept",
      text: "Body",
      attachments: [{ filename: "a.ics", contentType: "text/calendar", content: "QkVHSU4=", encoding: "base64" }],
    });
    const [row] = await database.db.select().from(outboxMessages);
    expect(row).toMatchObject({ recipient: "someone@example.org", subject: "Kept", textBody: "Body", kind: "test" });
    expect(row?.attachments).toEqual([{ filename: "a.ics", contentType: "text/calendar", content: "BEGIN" }]);
  });
});
