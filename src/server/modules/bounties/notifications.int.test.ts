import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../platform/auth/schema.ts";
import { outboxMessages } from "../../platform/mail/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp, testPublicUrl } from "../../testing/test-app.ts";
import { closeEndedAuctions } from "./close-auction.ts";
import { queueDueSoonNotices } from "./notifications.ts";
import { bounties, bountyNotices, submissions } from "./schema.ts";
import { sendPendingBountyNotices } from "./send-bounty-notices.ts";

/** Vendors hear by email when they are outbid, win, are due soon, accepted, rejected and paid. */

let t: TestApp;
let city: City;
let dso: string;
const base = "/api/v1/cities/riverside";

interface TestVendor {
  id: string;
  cookie: string;
  email: string;
  legalName: string;
}

async function vendor(email: string, legalName: string, locale: string | null): Promise<TestVendor> {
  const cookie = await t.signIn(email);
  if (locale) await t.database.db.update(users).set({ locale }).where(eq(users.email, email));
  const registered = await t.request({
    method: "POST",
    url: `${base}/vendors`,
    cookie,
    body: { legalName, smallBusiness: false, taxFormOnFile: true, paymentReference: `AP-${legalName.length}` },
  });
  expect(registered.statusCode).toBe(201);
  const id = registered.json().id as string;
  expect((await t.request({ method: "POST", url: `${base}/vendors/${id}/review`, cookie: dso, body: { decision: "verified" } })).statusCode).toBe(200);
  return { id, cookie, email, legalName };
}

async function insertBounty(values: Partial<typeof bounties.$inferInsert> & { kind: "fixed" | "auction"; title: string; amountMinor: number }) {
  const [created] = await t.database.db
    .insert(bounties)
    .values({ cityId: city.id, acceptanceCriteria: ["Passes axe", "Works at 360 px"], requiredLicence: "MIT", currency: "USD", ...values })
    .returning();
  if (!created) throw new Error("no bounty");
  expect((await t.request({ method: "POST", url: `${base}/bounties/${created.id}/publish`, cookie: dso })).statusCode).toBe(200);
  return created;
}

function bid(bountyId: string, who: TestVendor, amount: string) {
  return t.request({ method: "POST", url: `${base}/bounties/${bountyId}/bids`, cookie: who.cookie, body: { amount } });
}

function send() {
  return sendPendingBountyNotices(t.database.db, t.services.mailer, testPublicUrl);
}

async function mailTo(who: TestVendor, kind: string) {
  return t.database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.recipient, who.email), eq(outboxMessages.kind, `bounty-${kind}`)))
    .orderBy(outboxMessages.createdAt);
}

async function noticeCount() {
  const [row] = await t.database.db.select({ count: sql<number>`count(*)::int` }).from(bountyNotices);
  return row?.count ?? 0;
}

async function outboxCount() {
  const [row] = await t.database.db.select({ count: sql<number>`count(*)::int` }).from(outboxMessages).where(sql`${outboxMessages.kind} like 'bounty-%'`);
  return row?.count ?? 0;
}

/** Sends what is pending, then proves a second run sends nothing new. */
async function sendOnce() {
  await send();
  const after = await outboxCount();
  expect(await send()).toEqual({ sent: 0, failed: 0 });
  expect(await outboxCount()).toBe(after);
}

let ana: TestVendor;
let ben: TestVendor;

beforeAll(async () => {
  // No job worker: the tests run the sender themselves and count what it sends.
  t = await startTestApp({ PROCESS_ROLE: "web" });
  city = await t.createCity("riverside");
  dso = (await t.personWithRoles(city, "dso@riverside.example", [{ role: "dso_staff" }])).cookie;
  ana = await vendor("ana@dev.example", "Ana Devs LLC", "en");
  ben = await vendor("ben@dev.example", "Benito Código SA", "es");
  expect((await t.request({ method: "POST", url: `${base}/fund/additions`, cookie: dso, body: { amountMinor: 5_000_000 } })).statusCode).toBe(201);
});
afterAll(async () => t?.close());

describe("notices to vendors", () => {
  it("tells the outbid vendor the new lowest amount only, in their language; a refused bid writes nothing", async () => {
    const auction = await insertBounty({
      kind: "auction",
      auctionType: "multi",
      title: "Accessible permit form",
      amountMinor: 300_000,
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 3_600_000),
    });
    expect((await bid(auction.id, ana, "2,500")).statusCode).toBe(201);
    expect(await noticeCount()).toBe(0);
    expect((await bid(auction.id, ben, "2000")).statusCode).toBe(201);
    const [outbid] = await t.database.db.select().from(bountyNotices).where(eq(bountyNotices.bountyId, auction.id));
    expect(outbid).toMatchObject({ kind: "outbid", vendorId: ana.id, sentAt: null });

    // Refused bids (the lowest bidder again; not low enough) roll back with no notice.
    expect((await bid(auction.id, ben, "1000")).statusCode).toBe(409);
    expect((await bid(auction.id, ana, "1999.50")).statusCode).toBe(409);
    expect(await noticeCount()).toBe(1);

    await sendOnce();
    const [toAna] = await mailTo(ana, "outbid");
    expect(toAna?.subject).toBe("You were outbid on “Accessible permit form”");
    expect(toAna?.textBody).toContain("$2,000.00");
    expect(toAna?.textBody).toContain(`${testPublicUrl}/riverside/bounties/${auction.id}`);
    for (const body of [toAna?.textBody, toAna?.htmlBody, toAna?.subject]) {
      expect(body).not.toContain("Benito");
      expect(body).not.toContain(ben.email);
      expect(body).not.toContain(ben.id);
    }
    expect(await mailTo(ben, "outbid")).toHaveLength(0);

    // Ana bids lower: now Ben hears, in Spanish.
    expect((await bid(auction.id, ana, "1500")).statusCode).toBe(201);
    await sendOnce();
    const [toBen] = await mailTo(ben, "outbid");
    expect(toBen?.subject).toBe("Superaron su oferta en «Accessible permit form»");
    expect(toBen?.textBody).toContain("1500,00");
    expect(toBen?.textBody).not.toContain("Ana Devs");
    expect(toBen?.textBody).not.toContain(ana.email);
    expect(toBen?.htmlBody).toContain('lang="es"');
    expect(await mailTo(ana, "outbid")).toHaveLength(1);

    // Closing awards Ana; a rejected delivery goes to Ben, who delivers, is accepted and paid.
    await t.database.db
      .update(bounties)
      .set({ startsAt: sql`now() - interval '2 minutes'`, endsAt: sql`now() - interval '1 second'` })
      .where(eq(bounties.id, auction.id));
    await closeEndedAuctions(t.database.db);
    await sendOnce();
    const [won] = await mailTo(ana, "awarded");
    expect(won?.subject).toBe("Awarded to you: “Accessible permit form”");
    expect(won?.textBody).toContain("$1,500.00");

    const [first] = await t.database.db.select().from(submissions).where(eq(submissions.bountyId, auction.id));
    if (!first) throw new Error("no submission");
    const pullRequestUrl = "https://github.com/riverside/permits/pull/7";
    expect((await t.request({ method: "POST", url: `${base}/submissions/${first.id}/submit`, cookie: ana.cookie, body: { pullRequestUrl } })).statusCode).toBe(
      200,
    );
    const rejected = await t.request({
      method: "POST",
      url: `${base}/submissions/${first.id}/review`,
      cookie: dso,
      body: { decision: "rejected", reasons: [{ criterion: "Works at 360 px", reason: "The table scrolls sideways." }] },
    });
    expect(rejected.statusCode).toBe(200);
    await sendOnce();
    const [toldRejected] = await mailTo(ana, "rejected");
    expect(toldRejected?.subject).toBe("Delivery not accepted: “Accessible permit form”");
    expect(toldRejected?.textBody).toContain("Works at 360 px: The table scrolls sideways.");

    const next = await t.request({ method: "POST", url: `${base}/bounties/${auction.id}/award-next`, cookie: dso, body: {} });
    expect(next.statusCode).toBe(201);
    const secondId = next.json().id as string;
    await sendOnce();
    const [benWon] = await mailTo(ben, "awarded");
    expect(benWon?.subject).toBe("Adjudicado a usted: «Accessible permit form»");

    expect((await t.request({ method: "POST", url: `${base}/submissions/${secondId}/submit`, cookie: ben.cookie, body: { pullRequestUrl } })).statusCode).toBe(
      200,
    );
    expect((await t.request({ method: "POST", url: `${base}/submissions/${secondId}/review`, cookie: dso, body: { decision: "accepted" } })).statusCode).toBe(
      200,
    );
    await sendOnce();
    const [accepted] = await mailTo(ben, "accepted");
    expect(accepted?.subject).toBe("Entrega aceptada: «Accessible permit form»");

    expect(
      (await t.request({ method: "POST", url: `${base}/submissions/${secondId}/pay`, cookie: dso, body: { paymentReference: "CHK-4411" } })).statusCode,
    ).toBe(200);
    // Paying again is refused and tells nobody twice.
    expect(
      (await t.request({ method: "POST", url: `${base}/submissions/${secondId}/pay`, cookie: dso, body: { paymentReference: "CHK-4412" } })).statusCode,
    ).toBe(409);
    await sendOnce();
    const paid = await mailTo(ben, "paid");
    expect(paid).toHaveLength(1);
    expect(paid[0]?.subject).toBe("Pago enviado por «Accessible permit form»");
    expect(paid[0]?.textBody).toContain("CHK-4411");
    expect(paid[0]?.textBody).toContain("2000,00");

    // Every notice was sent, each once.
    const unsent = await t.database.db.select().from(bountyNotices).where(sql`${bountyNotices.sentAt} is null`);
    expect(unsent).toEqual([]);
  });

  it("reminds a vendor once when a delivery is due within 48 hours and not handed in", async () => {
    const bounty = await insertBounty({ kind: "fixed", title: "Open data export", amountMinor: 80_000, deliveryBusinessDays: 5 });
    const assigned = await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/assign`, cookie: dso, body: { vendorId: ana.id } });
    expect(assigned.statusCode).toBe(201);
    const submissionId = assigned.json().id as string;
    await sendOnce();
    expect((await mailTo(ana, "awarded")).some((mail) => mail.subject === "Awarded to you: “Open data export”")).toBe(true);

    // Not due soon yet: nothing queued.
    expect(await queueDueSoonNotices(t.database.db)).toBe(0);
    await t.database.db.update(submissions).set({ dueAt: sql`now() + interval '30 hours'` }).where(eq(submissions.id, submissionId));
    expect(await queueDueSoonNotices(t.database.db)).toBe(1);
    expect(await queueDueSoonNotices(t.database.db)).toBe(0);
    await sendOnce();
    const reminders = await mailTo(ana, "due-soon");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.subject).toBe("Delivery due soon: “Open data export”");
    expect(reminders[0]?.textBody).toContain(`${testPublicUrl}/riverside/bounties/${bounty.id}`);
    expect(await queueDueSoonNotices(t.database.db)).toBe(0);
  });
});
