import { and, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/columns.ts";
import { auditEvents } from "../../platform/audit/index.ts";
import { createJobs } from "../../platform/jobs/index.ts";
import { createMailer, type Mailer, outboxMessages } from "../../platform/mail/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { type SmtpSink, startSmtpSink } from "../../testing/smtp-sink.ts";
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";
import { opportunities } from "../opportunities/schema.ts";
import { volunteerProfiles } from "../volunteers/index.ts";
import { everyone } from "./audience.ts";
import { type CampaignDeliveryDeps, createThrottle, deliverCampaign } from "./deliver-campaign.ts";
import { defineCampaignJobs } from "./jobs.ts";
import { linkToken } from "./link-token.ts";
import { type CampaignAudience, type CampaignMessages, campaignRecipients, campaigns } from "./schema.ts";
import { startCampaignSending } from "./send-campaign.ts";
import { createOutboxSmsProvider } from "./sms.ts";

/**
 * Delivering campaigns into a real SMTP server (smtp-server on 127.0.0.1), read back with mailparser:
 * languages, one-click unsubscribe honoured over HTTP, tracked links, retries of temporary failures,
 * permanent failures recorded, the throttle, one message per person, the outbox and SMS.
 */

interface Received {
  to: string;
  raw: string;
  at: number;
}

let t: TestApp;
let server: SmtpSink;
let smtpUrl = "";
const received: Received[] = [];
/** Replies the server gives instead of accepting: per address, consumed one by one; "always" repeats. */
const refusals = new Map<string, { code: number; times: number | "always" }>();
let mailer: Mailer;

const messages: CampaignMessages = {
  en: { subject: "Sandbags needed, {{name}}", body: "Hi {{name}},\n\nThe river is rising. Can you help fill sandbags tomorrow?" },
  es: { subject: "Se necesitan sacos de arena, {{name}}", body: "Hola {{name}}:\n\nEl río está subiendo. ¿Puede ayudar mañana?" },
};

beforeAll(async () => {
  server = await startSmtpSink({
    refuse(address) {
      const refusal = refusals.get(address);
      if (!refusal || (refusal.times !== "always" && refusal.times <= 0)) return null;
      if (refusal.times !== "always") refusal.times -= 1;
      return { code: refusal.code, message: refusal.code >= 500 ? "Mailbox unavailable" : "Greylisted, try again later" };
    },
    onMessage({ raw, to }) {
      for (const address of to) received.push({ to: address, raw, at: Date.now() });
    },
  });
  smtpUrl = server.url;
  // Web only: the test drives delivery itself, and one test runs a job worker of its own.
  t = await startTestApp({ PROCESS_ROLE: "web" });
  mailer = createMailer({ smtpUrl, from: "Civitas <campaigns@civitas.test>", db: t.database.db, pool: { maxConnections: 4, maxMessages: 1000 } });
});
afterAll(async () => {
  await mailer?.close();
  await t?.close();
  await server?.close();
});

function deps(overrides: Partial<CampaignDeliveryDeps> = {}): CampaignDeliveryDeps {
  return {
    db: t.database.db,
    pool: t.database.pool,
    mailer,
    sms: createOutboxSmsProvider(t.database.db),
    publicUrl: testPublicUrl,
    settings: { ratePerMinute: 600_000, retrySeconds: 0.2, maxAttempts: 4, leaseSeconds: 30, concurrency: 4 },
    throttle: createThrottle(600_000),
    ...overrides,
  };
}

async function volunteer(
  city: City,
  email: string,
  options: { name?: string; locale?: string | null; languages?: string[]; consentEmail?: boolean; consentSms?: boolean; phone?: string | null } = {},
) {
  const userId = newId();
  const profileId = newId();
  await t.database.pool.query("insert into users (id, name, email, email_verified, locale) values ($1, $2, $3, true, $4)", [
    userId,
    options.name ?? email.split("@")[0],
    email,
    options.locale ?? null,
  ]);
  await t.database.pool.query(
    "insert into volunteer_profiles (id, city_id, user_id, calendar_token, languages, consent_email, consent_sms, phone) values ($1, $2, $3, $4, $5, $6, $7, $8)",
    [profileId, city.id, userId, newId(), options.languages ?? ["en"], options.consentEmail ?? true, options.consentSms ?? false, options.phone ?? null],
  );
  return { userId, profileId, email };
}

async function campaign(city: City, options: { name?: string; channel?: "email" | "sms"; audience?: CampaignAudience; opportunityId?: string | null } = {}) {
  const [row] = await t.database.db
    .insert(campaigns)
    .values({
      cityId: city.id,
      name: options.name ?? "Flood response",
      channel: options.channel ?? "email",
      audience: options.audience ?? everyone,
      messages,
      opportunityId: options.opportunityId ?? null,
    })
    .returning();
  if (!row) throw new Error("no campaign");
  const started = await startCampaignSending(t.database.db, row.id);
  return { id: row.id, recipients: started?.recipients ?? 0 };
}

const to = (address: string) => received.filter((message) => message.to === address);
/** A header of the raw message, unfolded. */
const headerOf = (raw: string, name: string) =>
  raw
    .split(/\r?\n\r?\n/)[0]
    ?.replace(/\r?\n[ \t]+/g, " ")
    .match(new RegExp(`^${name}: ?(.*)$`, "im"))?.[1]
    ?.trim();

async function recipientOf(campaignId: string, profileId: string) {
  const [row] = await t.database.db
    .select()
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.volunteerId, profileId)));
  return row;
}

describe("campaign delivery", { timeout: 60_000 }, () => {
  it("sends each volunteer their language with one-click unsubscribe and a tracked link, and honours the unsubscribe", async () => {
    const city = await t.createCity("riverton");
    const agency = await t.createAgency(city, "parks");
    const [opportunity] = await t.database.db
      .insert(opportunities)
      .values({
        cityId: city.id,
        agencyId: agency.id,
        title: "Sandbags",
        summary: "Fill sandbags.",
        locationKind: "in_person",
        address: "Depot",
        status: "published",
      })
      .returning();
    const english = await volunteer(city, "dana@riverton.example", { name: "Dana Smith", locale: "en" });
    const spanish = await volunteer(city, "ana@riverton.example", { name: "Ana López", locale: "es", languages: ["es", "en"] });
    const other = await volunteer(city, "minh@riverton.example", { name: "Minh Tran", locale: "vi", languages: ["vi"] });
    const first = await campaign(city, { opportunityId: opportunity?.id ?? null });
    expect(first.recipients).toBe(3);

    const outcome = await deliverCampaign(deps(), first.id);
    expect(outcome).toMatchObject({ sent: 3, failed: 0, skipped: 0, finished: true });
    const [finished] = await t.database.db.select().from(campaigns).where(eq(campaigns.id, first.id));
    expect(finished?.status).toBe("sent");
    expect(finished?.finishedAt).not.toBeNull();

    const [toDana] = to(english.email);
    const [toAna] = to(spanish.email);
    const [toMinh] = to(other.email);
    const dana = await simpleParser(toDana?.raw ?? "");
    const ana = await simpleParser(toAna?.raw ?? "");
    const minh = await simpleParser(toMinh?.raw ?? "");
    expect(dana.subject).toBe("Sandbags needed, Dana");
    expect(ana.subject).toBe("Se necesitan sacos de arena, Ana");
    // No message in Vietnamese: the city's default language.
    expect(minh.subject).toBe("Sandbags needed, Minh");
    expect(ana.text).toContain("El río está subiendo.");
    expect(ana.html).toContain('lang="es"');
    expect(dana.from?.text).toContain("Riverton");

    const anaRow = await recipientOf(first.id, spanish.profileId);
    expect(anaRow).toMatchObject({ status: "sent", attempts: 0 });
    expect(ana.messageId).toBe(`<${anaRow?.messageId}>`);
    const anaLink = linkToken(anaRow?.id ?? "", anaRow?.token ?? "");
    expect(headerOf(toAna?.raw ?? "", "List-Unsubscribe")).toBe(`<${testPublicUrl}/api/v1/unsubscribe/${anaLink}>`);
    expect(headerOf(toAna?.raw ?? "", "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(headerOf(toAna?.raw ?? "", "Precedence")).toBe("bulk");

    // The tracked link counts the click and leads to the opportunity, naming the campaign and nobody.
    const tracked = ana.text?.match(/https?:\/\/\S+\/c\/\w+/)?.[0] ?? "";
    expect(tracked).toBe(`${testPublicUrl}/c/${anaLink}`);
    const click = await t.request({ method: "GET", url: tracked.replace(testPublicUrl, "") });
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe(`${testPublicUrl}/riverton/opportunities/${opportunity?.id}?campaign=${first.id}`);
    await t.request({ method: "GET", url: tracked.replace(testPublicUrl, "") });
    expect(await recipientOf(first.id, spanish.profileId)).toMatchObject({ clickCount: 2 });
    expect((await recipientOf(first.id, spanish.profileId))?.firstClickedAt).not.toBeNull();

    // A second campaign is queued while Ana is still subscribed…
    const second = await campaign(city, { name: "Shelter shifts" });
    expect(second.recipients).toBe(3);

    // …then her mail client unsubscribes her in one click (RFC 8058): a form POST, no session, no Origin.
    const visible = ana.text?.match(/https?:\/\/\S+\/riverton\/unsubscribe\/\w+/)?.[0] ?? "";
    expect(visible).toBe(`${testPublicUrl}/riverton/unsubscribe/${anaLink}`);
    const status = await t.request({ method: "GET", url: `/api/v1/unsubscribe/${anaLink}` });
    expect(status.json()).toEqual({ cityName: "Riverton", citySlug: "riverton", campaignName: "Flood response", channel: "email", unsubscribed: false });
    const oneClick = headerOf(toAna?.raw ?? "", "List-Unsubscribe")?.replace(/^<|>$/g, "") ?? "";
    const unsubscribed = await t.app.inject({
      method: "POST",
      url: oneClick.replace(testPublicUrl, ""),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(unsubscribed.statusCode).toBe(200);
    expect(unsubscribed.json().unsubscribed).toBe(true);
    // Again, from our own page as JSON, with someone's session cookie and no Origin: still fine, and changes nothing.
    const someone = await t.signIn("someone@riverton.example");
    const again = await t.request({ method: "POST", url: `/api/v1/unsubscribe/${anaLink}`, cookie: someone, body: {}, headers: { origin: "" } });
    expect(again.statusCode).toBe(200);
    expect((await t.request({ method: "GET", url: `/api/v1/unsubscribe/${anaLink}` })).json().unsubscribed).toBe(true);
    const [profile] = await t.database.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.id, spanish.profileId));
    expect(profile?.consentEmail).toBe(false);
    expect((await recipientOf(first.id, spanish.profileId))?.unsubscribedAt).not.toBeNull();
    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "volunteer.consent-withdrawn"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: null, targetId: spanish.profileId, after: { consentEmail: false, source: "unsubscribe link" } });

    // The second campaign reaches the others and skips her, though she was queued before she left.
    const secondOutcome = await deliverCampaign(deps(), second.id);
    expect(secondOutcome).toMatchObject({ sent: 2, skipped: 1, finished: true });
    expect(to(spanish.email)).toHaveLength(1);
    expect(to(english.email)).toHaveLength(2);
    expect(await recipientOf(second.id, spanish.profileId)).toMatchObject({ status: "skipped", lastError: "no consent for email" });
    // A third is not even queued for her.
    const third = await campaign(city, { name: "Cleanup" });
    expect(third.recipients).toBe(2);

    // A made-up token, and Ana's real recipient id with a guessed secret: neither finds anything.
    const guessed = linkToken(anaRow?.id ?? "", "0".repeat(32));
    for (const url of [
      "/api/v1/unsubscribe/a-token-that-nobody-was-ever-sent",
      "/c/a-token-that-nobody-was-ever-sent",
      `/api/v1/unsubscribe/${guessed}`,
      `/c/${guessed}`,
    ]) {
      const missing = await t.request({ method: "GET", url });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers["content-type"]).toContain("application/problem+json");
    }
    const missingPost = await t.app.inject({
      method: "POST",
      url: "/api/v1/unsubscribe/a-token-that-nobody-was-ever-sent",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(missingPost.statusCode).toBe(404);
  });

  it("tries a temporary refusal (451) again and delivers; records a permanent one (550) as failed with its reason", async () => {
    const city = await t.createCity("greyton");
    const later = await volunteer(city, "later@greyton.example");
    const gone = await volunteer(city, "gone@greyton.example");
    const fine = await volunteer(city, "fine@greyton.example");
    refusals.set(later.email, { code: 451, times: 2 });
    refusals.set(gone.email, { code: 550, times: "always" });
    const sent = await campaign(city);
    const outcome = await deliverCampaign(deps(), sent.id);
    expect(outcome).toMatchObject({ sent: 2, failed: 1, retried: 2, finished: true });
    expect(to(later.email)).toHaveLength(1);
    expect(to(fine.email)).toHaveLength(1);
    expect(to(gone.email)).toHaveLength(0);
    expect(await recipientOf(sent.id, later.profileId)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    const failed = await recipientOf(sent.id, gone.profileId);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed?.lastError).toContain("550");
    expect(failed?.failedAt).not.toBeNull();
  });

  it("gives up on a temporary refusal after the last attempt", async () => {
    const city = await t.createCity("stuckton");
    const stuck = await volunteer(city, "stuck@stuckton.example");
    refusals.set(stuck.email, { code: 421, times: "always" });
    const sent = await campaign(city);
    const outcome = await deliverCampaign(deps({ settings: { ...deps().settings, maxAttempts: 3, retrySeconds: 0.1 } }), sent.id);
    expect(outcome).toMatchObject({ sent: 0, failed: 1, retried: 2, finished: true });
    expect(await recipientOf(sent.id, stuck.profileId)).toMatchObject({ status: "failed", attempts: 3 });
  });

  it("keeps to the configured rate", async () => {
    const city = await t.createCity("slowton");
    const people = await Promise.all(Array.from({ length: 6 }, (_, index) => volunteer(city, `slow${index}@slowton.example`)));
    const sent = await campaign(city);
    const started = Date.now();
    // 120 a minute: one every half second.
    const outcome = await deliverCampaign(deps({ throttle: createThrottle(120) }), sent.id);
    const elapsed = Date.now() - started;
    expect(outcome.sent).toBe(6);
    expect(elapsed).toBeGreaterThanOrEqual(2400);
    const times = people.map((person) => to(person.email)[0]?.at ?? 0).sort((a, b) => a - b);
    expect((times[5] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(2300);
  });

  it("sends one message to a person however many ways they matched, even with two senders at once", async () => {
    const city = await t.createCity("twinton");
    const both = await volunteer(city, "both@twinton.example", { languages: ["en", "es"] });
    const others = await Promise.all(Array.from({ length: 30 }, (_, index) => volunteer(city, `o${index}@twinton.example`, { languages: ["es"] })));
    const sent = await campaign(city, { audience: { ...everyone, languages: ["en", "es"] } });
    expect(sent.recipients).toBe(31);
    const [a, b] = await Promise.all([deliverCampaign(deps(), sent.id), deliverCampaign(deps(), sent.id)]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(31);
    expect(to(both.email)).toHaveLength(1);
    for (const person of others) expect(to(person.email)).toHaveLength(1);
  });

  it("keeps campaign mail in the outbox, headers included, when no SMTP server is configured", async () => {
    const city = await t.createCity("boxton");
    const person = await volunteer(city, "kept@boxton.example", { locale: "es", languages: ["es"] });
    const sent = await campaign(city);
    const outbox = createMailer({ smtpUrl: undefined, from: "x", db: t.database.db });
    expect((await deliverCampaign(deps({ mailer: outbox }), sent.id)).sent).toBe(1);
    const kept = await t.latestMail(person.email, "campaign");
    expect(kept?.subject).toBe("Se necesitan sacos de arena, kept");
    expect(kept?.cityId).toBe(city.id);
    expect(kept?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(kept?.headers["List-Unsubscribe"]).toMatch(/^<http:\/\/civitas\.test\/api\/v1\/unsubscribe\/\w+>$/);
    expect(kept?.headers["Message-ID"]).toMatch(/^<campaign\.[\w-]+@civitas\.test>$/);
    expect(to(person.email)).toHaveLength(0);
  });

  it("sends text messages through the SMS provider, to those who agreed to them", async () => {
    const city = await t.createCity("smston");
    const texted = await volunteer(city, "texted@smston.example", { consentSms: true, phone: "+1 555 0100" });
    await volunteer(city, "notexts@smston.example", { consentSms: false, phone: "+1 555 0101" });
    const sent = await campaign(city, { channel: "sms" });
    expect(sent.recipients).toBe(1);
    const references: string[] = [];
    const outboxSms = createOutboxSmsProvider(t.database.db);
    const provider = {
      name: "recording",
      async send(message: { to: string; text: string; reference: string; cityId?: string | null }) {
        references.push(message.reference);
        return outboxSms.send(message);
      },
    };
    expect((await deliverCampaign(deps({ sms: provider }), sent.id)).sent).toBe(1);
    const [sms] = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.kind, "campaign-sms"));
    expect(sms?.recipient).toBe("+1 555 0100");
    expect(sms?.textBody).toMatch(/^Hi texted,\n\nThe river is rising\./);
    expect(sms?.textBody).toMatch(/Stop messages: http:\/\/civitas\.test\/smston\/unsubscribe\/\w+$/);
    const row = await recipientOf(sent.id, texted.profileId);
    expect(row).toMatchObject({ status: "sent", messageId: sms?.id });
    expect(references).toEqual([`campaign.${row?.id}@civitas.test`]);
    expect(to(texted.email)).toHaveLength(0);
  });

  it("runs through the job queue: delivery asked for now, and a start at a scheduled time", async () => {
    const city = await t.createCity("jobton");
    const person = await volunteer(city, "queued@jobton.example");
    const jobs = createJobs({ url: t.database.url, work: true, logger: pino({ level: "silent" }), poolSize: 2 });
    const scheduler = defineCampaignJobs(jobs, deps());
    await jobs.start();
    try {
      const now = await campaign(city);
      await scheduler.deliverSoon(now.id);
      const [scheduled] = await t.database.db
        .insert(campaigns)
        .values({ cityId: city.id, name: "Later", audience: everyone, messages, status: "scheduled", scheduledFor: new Date(Date.now() + 1500) })
        .returning();
      await scheduler.startAt(scheduled?.id ?? "", new Date(Date.now() + 1500));
      const deadline = Date.now() + 30_000;
      for (;;) {
        const rows = await t.database.db.select({ id: campaigns.id, status: campaigns.status }).from(campaigns).where(eq(campaigns.cityId, city.id));
        if (rows.every((row) => row.status === "sent")) break;
        if (Date.now() > deadline) throw new Error(`campaigns not sent: ${JSON.stringify(rows)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(to(person.email)).toHaveLength(2);
    } finally {
      await jobs.stop();
    }
  });

  it("previews a campaign for staff in the language asked for", async () => {
    const city = await t.createCity("previewton");
    const admin = await t.personWithRoles(city, "admin@previewton.example", [{ role: "city_admin" }]);
    const [draft] = await t.database.db.insert(campaigns).values({ cityId: city.id, name: "Draft", audience: everyone, messages }).returning();
    const preview = await t.request({ method: "GET", url: `/api/v1/cities/previewton/campaigns/${draft?.id}/preview?language=es`, cookie: admin.cookie });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().subject).toBe("Se necesitan sacos de arena, Alex");
    expect(preview.json().text).toContain("Darse de baja");
    const volunteerCookie = (await t.personWithRoles(city, "vol@previewton.example", [{ role: "volunteer" }])).cookie;
    expect((await t.request({ method: "GET", url: `/api/v1/cities/previewton/campaigns/${draft?.id}/preview`, cookie: volunteerCookie })).statusCode).toBe(403);
    const missing = await t.request({ method: "GET", url: `/api/v1/cities/previewton/campaigns/${newId()}/preview`, cookie: admin.cookie });
    expect(missing.statusCode).toBe(404);
  });
});
