import { type ChildProcess, spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/server/config.ts";
import { newId } from "../src/server/db/columns.ts";
import { openDatabase } from "../src/server/db/connection.ts";
import { everyone } from "../src/server/modules/campaigns/audience.ts";
import { campaignMailPool, createThrottle, deliverCampaign } from "../src/server/modules/campaigns/deliver-campaign.ts";
import { startCampaignSending } from "../src/server/modules/campaigns/send-campaign.ts";
import { createOutboxSmsProvider } from "../src/server/modules/campaigns/sms.ts";
import { createMailer } from "../src/server/platform/mail/index.ts";
import { createBulkVolunteers } from "../src/server/testing/bulk-volunteers.ts";
import { benchSecret, freshDatabase } from "./support.ts";

/**
 * Campaign: 100,000 generated volunteers in one city and a campaign whose audience is all of them.
 * `queue_s` is the time to resolve the audience and queue every delivery (startCampaignSending);
 * `emails_per_s` is delivery with the default settings into an SMTP server on 127.0.0.1 (smtp-server,
 * in a process of its own, accepting and discarding), counted at the server. The baseline is the same
 * mail transport sending short messages, as many in flight, with no database and no composing.
 */

const serverScript = `
import { startSmtpSink } from ${JSON.stringify(new URL("../src/server/testing/smtp-sink.ts", import.meta.url).href)};
let count = 0;
const sink = await startSmtpSink({ onMessage: () => { count += 1; } });
process.send({ port: sink.port });
process.on("message", (message) => { if (message === "count") process.send({ count }); });
`;

async function startSmtpServer(): Promise<{ port: number; count(): Promise<number>; stop(): void; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", serverScript], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    child.once("exit", () => reject(new Error("the SMTP server did not start")));
  });
  return {
    port,
    child,
    count: () =>
      new Promise((resolve) => {
        child.once("message", (message) => resolve((message as { count: number }).count));
        child.send("count");
      }),
    stop: () => child.kill("SIGTERM"),
  };
}

export async function runCampaign() {
  const recipients = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
  const database = await freshDatabase("civitas_bench_campaign");
  const handle = openDatabase(database.url, 10, "civitas-bench");
  const { pool } = handle;
  const smtp = await startSmtpServer();
  const smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
  // The defaults, unless CAMPAIGN_* variables say otherwise.
  const settings = loadConfig(process.env, []).campaigns;
  try {
    const cityId = newId();
    const agencyId = newId();
    const opportunityId = newId();
    await pool.query("insert into cities (id, slug, name, time_zone) values ($1, 'benchville', 'Benchville', 'America/Chicago')", [cityId]);
    await pool.query("insert into agencies (id, city_id, slug, name) values ($1, $2, 'parks', 'Parks')", [agencyId, cityId]);
    await pool.query(
      "insert into opportunities (id, city_id, agency_id, title, summary, location_kind, address, status) values ($1, $2, $3, 'Sandbags', 'Fill sandbags.', 'in_person', 'Depot', 'published')",
      [opportunityId, cityId, agencyId],
    );
    const generationStarted = performance.now();
    const volunteers = await createBulkVolunteers(pool, { cityId, count: recipients, secret: benchSecret, prefix: "campaign" });
    // A third of them read Spanish.
    await pool.query("update users set locale = 'es' where email like 'campaign-%' and right(split_part(email, '@', 1), 1) in ('0', '3', '6')");
    await pool.query("analyze");
    const generation = (performance.now() - generationStarted) / 1000;

    const campaignId = newId();
    await pool.query(
      `insert into campaigns (id, city_id, name, channel, audience, messages, opportunity_id) values ($1, $2, 'Flood response', 'email', $3, $4, $5)`,
      [
        campaignId,
        cityId,
        JSON.stringify(everyone),
        JSON.stringify({
          en: { subject: "Sandbags needed, {{name}}", body: "Hi {{name}},\n\nThe river is rising. Can you help fill sandbags tomorrow morning at the depot?" },
          es: {
            subject: "Se necesitan sacos de arena, {{name}}",
            body: "Hola {{name}}:\n\nEl río está subiendo. ¿Puede ayudar mañana por la mañana en el depósito?",
          },
        }),
        opportunityId,
      ],
    );

    const queueStarted = performance.now();
    const started = await startCampaignSending(handle.db, campaignId);
    const queueSeconds = (performance.now() - queueStarted) / 1000;
    if (started?.recipients !== volunteers.length) throw new Error(`queued ${started?.recipients} of ${volunteers.length}`);

    // Baseline: the same transport and in-flight count, no database.
    const baselineCount = Math.min(10_000, recipients);
    const baselineMailer = createMailer({ smtpUrl, from: "Benchville <campaigns@bench.example>", db: handle.db, pool: campaignMailPool(settings) });
    const baselineStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: settings.concurrency }, async () => {
        while (next < baselineCount) {
          const index = next++;
          await baselineMailer.send({
            cityId,
            kind: "bench",
            to: `baseline-${index}@bench.example`,
            subject: "Sandbags needed",
            text: "The river is rising.",
            messageId: `baseline.${index}@bench.example`,
          });
        }
      }),
    );
    const baselinePerSecond = baselineCount / ((performance.now() - baselineStarted) / 1000);
    await baselineMailer.close();
    const beforeDelivery = await smtp.count();

    const mailer = createMailer({ smtpUrl, from: "Benchville <campaigns@bench.example>", db: handle.db, pool: campaignMailPool(settings) });
    const deliveryStarted = performance.now();
    const outcome = await deliverCampaign(
      {
        db: handle.db,
        pool,
        mailer,
        sms: createOutboxSmsProvider(handle.db),
        publicUrl: "https://bench.example",
        settings,
        throttle: createThrottle(settings.ratePerMinute),
      },
      campaignId,
      { maxSeconds: 3600 },
    );
    const deliverySeconds = (performance.now() - deliveryStarted) / 1000;
    await mailer.close();
    const delivered = (await smtp.count()) - beforeDelivery;
    const status = await pool.query<{ status: string; sent: number }>(
      "select k.status, (select count(*)::int from campaign_recipients r where r.campaign_id = k.id and r.status = 'sent') as sent from campaigns k where k.id = $1",
      [campaignId],
    );
    const emailsPerSecond = delivered / deliverySeconds;
    return {
      recipients: volunteers.length,
      queue_s: Math.round(queueSeconds * 100) / 100,
      emails_per_s: Math.round(emailsPerSecond),
      delivered_at_server: delivered,
      marked_sent: status.rows[0]?.sent ?? 0,
      campaign_status: status.rows[0]?.status,
      failed: outcome.failed,
      deliver_s: Math.round(deliverySeconds * 10) / 10,
      baseline_smtp_per_s: Math.round(baselinePerSecond),
      emails_vs_baseline: Math.round((emailsPerSecond / baselinePerSecond) * 100) / 100,
      rate_limit_per_s: Math.round(settings.ratePerMinute / 60),
      concurrency: settings.concurrency,
      generation_s: Math.round(generation),
    };
  } finally {
    smtp.stop();
    await handle.close();
    if (!process.env.BENCH_KEEP) await database.drop();
  }
}
