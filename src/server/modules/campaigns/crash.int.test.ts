import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBulkVolunteers } from "../../testing/bulk-volunteers.ts";
import { type SmtpSink, startSmtpSink } from "../../testing/smtp-sink.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { createCity } from "../cities/index.ts";
import { everyone } from "./audience.ts";
import { campaignRecipients, campaigns } from "./schema.ts";
import { startCampaignSending } from "./send-campaign.ts";

/**
 * A sender killed outright (kill -9) in the middle of a campaign, and another started after it:
 * every recipient gets the campaign, nobody gets two different messages, and the only copies are
 * messages the mail server had accepted in the instant before the kill, sent again under the same
 * Message-ID.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const module = (file: string) => pathToFileURL(path.resolve(here, file)).href;

const senderScript = `
import { openDatabase } from ${JSON.stringify(module("../../db/connection.ts"))};
import { createMailer } from ${JSON.stringify(module("../../platform/mail/index.ts"))};
import { createThrottle, deliverCampaign } from ${JSON.stringify(module("./deliver-campaign.ts"))};
import { createOutboxSmsProvider } from ${JSON.stringify(module("./sms.ts"))};
const handle = openDatabase(process.env.DATABASE_URL, 4, "civitas-sender");
const settings = { ratePerMinute: Number(process.env.RATE), retrySeconds: 1, maxAttempts: 5, leaseSeconds: 2, concurrency: 8 };
const mailer = createMailer({ smtpUrl: process.env.SMTP_URL, from: "Crashtown <campaigns@crashtown.example>", db: handle.db, pool: { maxConnections: 4, maxMessages: 1000 } });
const outcome = await deliverCampaign(
  { db: handle.db, pool: handle.pool, mailer, sms: createOutboxSmsProvider(handle.db), publicUrl: "http://civitas.test", settings, throttle: createThrottle(settings.ratePerMinute) },
  process.env.CAMPAIGN_ID,
  { waitForRetriesSeconds: 10 },
);
await mailer.close();
await handle.close();
process.stdout.write(JSON.stringify(outcome));
`;

let database: TestDatabase;
let server: SmtpSink;
let smtpUrl = "";
const received: { to: string; messageId: string }[] = [];
let onReceived: (count: number) => void = () => {};
let cityId = "";

beforeAll(async () => {
  database = await createTestDatabase(4);
  const city = await createCity(database.db, null, { slug: "crashtown", name: "Crashtown", timeZone: "America/Chicago", defaultLocale: "en", currency: "USD" });
  cityId = city.id;
  server = await startSmtpSink({
    onMessage({ raw, to }) {
      const messageId = raw.match(/^Message-ID:\s*(<[^>]+>)/im)?.[1] ?? "";
      for (const address of to) received.push({ to: address, messageId });
      // The message is in the server's hands; the sender may die before it hears so.
      onReceived(received.length);
    },
  });
  smtpUrl = server.url;
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

function startSender(campaignId: string, rate: number): { child: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, ["--input-type=module", "-e", senderScript], {
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: database.url, SMTP_URL: smtpUrl, CAMPAIGN_ID: campaignId, RATE: String(rate) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.once("exit", (code) => resolve({ code, output })));
  return { child, done };
}

describe("a sender killed in the middle of a campaign", { timeout: 120_000 }, () => {
  it("is resumed by another, and every recipient gets exactly one message (the same one, if twice)", async () => {
    const volunteers = await createBulkVolunteers(database.pool, { cityId, count: 300, secret: "crash-test-secret-that-is-long-enough-to-sign" });
    const [campaign] = await database.db
      .insert(campaigns)
      .values({
        cityId,
        name: "Evacuation drivers",
        audience: everyone,
        messages: { en: { subject: "Drivers needed", body: "Can you drive tonight?" } },
      })
      .returning();
    const campaignId = campaign?.id ?? "";
    expect((await startCampaignSending(database.db, campaignId))?.recipients).toBe(300);

    // The first sender goes slowly (100 a second) and is killed when the server has taken 100 messages.
    const first = startSender(campaignId, 6000);
    let killedAt = 0;
    onReceived = (count) => {
      if (count >= 100 && !killedAt) {
        killedAt = count;
        first.child.kill("SIGKILL");
      }
    };
    const firstExit = await first.done;
    expect(firstExit.code).toBeNull();
    expect(killedAt).toBe(100);
    const sentBefore = await database.db.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaignId));
    const markedBefore = sentBefore.filter((row) => row.status === "sent").length;
    expect(markedBefore).toBeGreaterThan(0);
    expect(markedBefore).toBeLessThan(300);

    // A new sender resumes: what nobody holds at once, the dead sender's batch once its lease has run out.
    onReceived = () => {};
    const second = startSender(campaignId, 60_000);
    const secondExit = await second.done;
    expect(secondExit.code).toBe(0);
    expect(JSON.parse(secondExit.output)).toMatchObject({ finished: true, failed: 0 });

    const rows = await database.db.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaignId));
    expect(rows.every((row) => row.status === "sent")).toBe(true);
    const [finished] = await database.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    expect(finished?.status).toBe("sent");

    const byRecipient = new Map<string, string[]>();
    for (const message of received) byRecipient.set(message.to, [...(byRecipient.get(message.to) ?? []), message.messageId]);
    // Every recipient got the campaign…
    expect(volunteers.filter((volunteer) => !byRecipient.has(volunteer.email))).toEqual([]);
    expect(byRecipient.size).toBe(300);
    // …never two different messages…
    for (const [address, ids] of byRecipient) expect(new Set(ids).size, address).toBe(1);
    // …and a copy only for messages in flight at the kill (8 at a time), each under its recorded Message-ID.
    const copies = [...byRecipient.values()].filter((ids) => ids.length > 1).length;
    expect(copies).toBeLessThanOrEqual(8);
    const recorded = new Map(rows.map((row) => [row.volunteerId, row.messageId]));
    for (const volunteer of volunteers) expect(byRecipient.get(volunteer.email)?.[0]).toBe(`<${recorded.get(volunteer.profileId)}>`);
  });
});
