import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import { users } from "../../platform/auth/schema.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { opportunities, shifts, signups } from "../opportunities/schema.ts";
import { ensureVolunteerProfile } from "../volunteers/index.ts";
import { volunteerProfiles } from "../volunteers/schema.ts";
import { campaignRecipients, campaigns } from "./schema.ts";
import { startCampaignSending } from "./send-campaign.ts";

/**
 * Campaigns through the API: drafts written, changed and removed (audited), sending now or later,
 * cancelling, refusals that change nothing, who may do it, the funnel with attributed sign-ups and
 * attendance, the CSV files, and the person's own data.
 */

let t: TestApp;
let city: City;
let admin: string;
let dso: string;
let volunteerCookie: string;
let agencyStaff: string;
let otherAdmin: string;
let publishedOpportunity: string;
let draftOpportunity: string;
const profiles: Record<string, string> = {};
const scheduled: { kind: "deliverSoon" | "startAt"; campaignId: string; at?: Date }[] = [];

const base = "/api/v1/cities/campton/campaigns";
const english = { language: "en", subject: "Flu clinic greeters needed", body: "Can you help this week?" };
const spanish = { language: "es", subject: "Se necesitan voluntarios", body: "¿Puede ayudar esta semana?" };

async function reachableVolunteer(name: string): Promise<string> {
  const [user] = await t.database.db
    .insert(users)
    .values({ name, email: `${name.toLowerCase()}@campton.example`, emailVerified: true })
    .returning({ id: users.id });
  const [profile] = await t.database.db
    .insert(volunteerProfiles)
    .values({ cityId: city.id, userId: user?.id, calendarToken: randomBytes(16).toString("hex"), languages: ["en"], consentEmail: true })
    .returning({ id: volunteerProfiles.id });
  profiles[name] = profile?.id as string;
  return profile?.id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("campton");
  const other = await t.createCity("othertown");
  const agency = await t.createAgency(city, "health", "Health");
  admin = (await t.personWithRoles(city, "admin@campton.example", [{ role: "city_admin" }])).cookie;
  dso = (await t.personWithRoles(city, "dso@campton.example", [{ role: "dso_staff" }])).cookie;
  volunteerCookie = (await t.personWithRoles(city, "resident@campton.example", [{ role: "volunteer" }])).cookie;
  agencyStaff = (await t.personWithRoles(city, "nurse@campton.example", [{ role: "agency_staff", agencyId: agency.id }])).cookie;
  otherAdmin = (await t.personWithRoles(other, "admin@othertown.example", [{ role: "city_admin" }])).cookie;
  const opportunity = (status: "published" | "draft", title: string) =>
    t.database.db
      .insert(opportunities)
      .values({ cityId: city.id, agencyId: agency.id, title, summary: title, locationKind: "in_person", address: "City Hall", status })
      .returning({ id: opportunities.id });
  publishedOpportunity = (await opportunity("published", "Flu clinic greeters"))[0]?.id as string;
  draftOpportunity = (await opportunity("draft", "Not yet"))[0]?.id as string;
  for (const name of ["Ada", "Ben", "Cy", "Di"]) await reachableVolunteer(name);

  // Our own scheduler interface, recording what it is asked to do instead of queueing jobs.
  t.services.campaignJobs.deliverSoon = async (campaignId) => {
    scheduled.push({ kind: "deliverSoon", campaignId });
  };
  t.services.campaignJobs.startAt = async (campaignId, at) => {
    scheduled.push({ kind: "startAt", campaignId, at });
  };
});
afterAll(async () => t?.close());
beforeEach(() => {
  scheduled.length = 0;
});

async function draft(overrides: Record<string, unknown> = {}, cookie = dso) {
  const response = await t.request({
    method: "POST",
    url: base,
    cookie,
    body: { name: "Flu clinic greeters", audience: {}, messages: [english, spanish], opportunityId: publishedOpportunity, ...overrides },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function campaignRow(id: string) {
  const [row] = await t.database.db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

describe("campaign drafts", () => {
  it("are written, listed, changed and removed by DSO staff, each step audited with before and after", async () => {
    const created = await draft({
      audience: { languages: ["es"], availability: ["sat-morning", "mon-evening"], neighbourhoods: ["Downtown"] },
    });
    expect(created).toMatchObject({
      name: "Flu clinic greeters",
      channel: "email",
      status: "draft",
      recipientCount: 0,
      scheduledFor: null,
      opportunity: { id: publishedOpportunity, title: "Flu clinic greeters" },
      messages: [english, spanish],
      funnel: { queued: 0, sent: 0, failed: 0, clicked: 0, signedUp: 0, attended: 0, unsubscribed: 0 },
    });
    expect(created.audience).toEqual({
      skillIds: [],
      languages: ["es"],
      neighbourhoods: ["Downtown"],
      near: null,
      availability: ["mon-evening", "sat-morning"],
      credentialTypeIds: [],
      attendedWithinDays: null,
      groupIds: [],
    });
    const newer = await draft({ name: "A newer one" });

    const listed = await t.request({ method: "GET", url: base, cookie: admin });
    expect(listed.statusCode).toBe(200);
    const names = listed.json().campaigns.map((item: { id: string }) => item.id);
    expect(names.indexOf(newer.id)).toBeLessThan(names.indexOf(created.id));

    const changed = await t.request({ method: "PATCH", url: `${base}/${created.id}`, cookie: admin, body: { name: "Flu clinic: greeters wanted" } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: "Flu clinic: greeters wanted", messages: [english, spanish], audience: { languages: ["es"] } });
    expect((await t.request({ method: "GET", url: `${base}/${created.id}`, cookie: dso })).json().name).toBe("Flu clinic: greeters wanted");

    const removed = await t.request({ method: "DELETE", url: `${base}/${created.id}`, cookie: dso });
    expect(removed.statusCode).toBe(204);
    expect((await t.request({ method: "GET", url: `${base}/${created.id}`, cookie: dso })).statusCode).toBe(404);

    const trail = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.cityId, city.id), eq(auditEvents.targetId, created.id)))
      .orderBy(auditEvents.createdAt);
    expect(trail.map((event) => event.action)).toEqual(["campaign.created", "campaign.updated", "campaign.deleted"]);
    expect(trail[0]?.actorLabel).toBe("dso@campton.example");
    expect(trail[1]?.before).toMatchObject({ name: "Flu clinic greeters" });
    expect(trail[1]?.after).toMatchObject({ name: "Flu clinic: greeters wanted" });
    expect(trail[2]?.before).toMatchObject({ name: "Flu clinic: greeters wanted" });
  });

  it("refuse bad input with a 400 naming each field, and nothing is written", async () => {
    const before = await t.database.db.select().from(campaigns).where(eq(campaigns.cityId, city.id));
    const malformed = await t.request({
      method: "POST",
      url: base,
      cookie: dso,
      body: { name: "", channel: "fax", audience: { near: { latitude: 10, longitude: 10, radiusKm: -1 } }, messages: [] },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers["content-type"]).toContain("application/problem+json");
    expect(malformed.json().errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(["name", "channel", "audience.near.radiusKm", "messages"]),
    );

    const twice = await t.request({ method: "POST", url: base, cookie: dso, body: { name: "Twice", audience: {}, messages: [english, english] } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors).toEqual([{ field: "messages.1.language", message: "There is already a message in this language (en)." }]);

    const unknown = await t.request({
      method: "POST",
      url: base,
      cookie: dso,
      body: {
        name: "Unknown things",
        audience: { skillIds: ["01900000-0000-7000-8000-000000000001"], groupIds: ["01900000-0000-7000-8000-000000000002"] },
        messages: [english],
        opportunityId: "01900000-0000-7000-8000-000000000003",
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors.map((error: { field: string }) => error.field)).toEqual(["audience.skillIds", "audience.groupIds", "opportunityId"]);
    expect(await t.database.db.select().from(campaigns).where(eq(campaigns.cityId, city.id))).toEqual(before);
  });

  it("answer in Spanish when asked", async () => {
    const response = await t.request({
      method: "POST",
      url: base,
      cookie: dso,
      body: { name: "Dos veces", audience: {}, messages: [spanish, spanish] },
      headers: { "accept-language": "es" },
    });
    expect(response.json().errors).toEqual([{ field: "messages.1.language", message: "Ya hay un mensaje en este idioma (es)." }]);
  });
});

describe("who may run campaigns", () => {
  it("is city admins and DSO staff: volunteers and agency staff get 403, and nothing changes", async () => {
    const campaign = await draft();
    for (const cookie of [volunteerCookie, agencyStaff]) {
      for (const attempt of [
        { method: "GET" as const, url: base },
        { method: "POST" as const, url: base, body: { name: "Mine", audience: {}, messages: [english] } },
        { method: "POST" as const, url: `${base}/audience-count`, body: { audience: {} } },
        { method: "GET" as const, url: `${base}/${campaign.id}` },
        { method: "PATCH" as const, url: `${base}/${campaign.id}`, body: { name: "Taken over" } },
        { method: "POST" as const, url: `${base}/${campaign.id}/send`, body: {} },
        { method: "GET" as const, url: `${base}/${campaign.id}/recipients.csv` },
      ]) {
        const response = await t.request({ ...attempt, cookie });
        expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
      }
    }
    expect(await campaignRow(campaign.id)).toMatchObject({ name: "Flu clinic greeters", status: "draft" });
    expect(scheduled).toEqual([]);
  });

  it("stays within the city: another city's staff can neither read nor change a campaign", async () => {
    const campaign = await draft();
    for (const attempt of [
      { method: "GET" as const, url: `${base}/${campaign.id}` },
      { method: "PATCH" as const, url: `${base}/${campaign.id}`, body: { name: "Taken over" } },
      { method: "POST" as const, url: `${base}/${campaign.id}/send`, body: {} },
      { method: "DELETE" as const, url: `${base}/${campaign.id}` },
      { method: "GET" as const, url: `${base}/${campaign.id}/funnel.csv` },
    ]) {
      expect((await t.request({ ...attempt, cookie: otherAdmin })).statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
      // The campaign named under the other city's address is not found there either.
      const underOther = { ...attempt, url: attempt.url.replace("/campton/", "/othertown/") };
      expect((await t.request({ ...underOther, cookie: otherAdmin })).statusCode, `${underOther.method} ${underOther.url}`).toBe(404);
    }
    expect((await t.request({ method: "GET", url: "/api/v1/cities/othertown/campaigns", cookie: otherAdmin })).json().campaigns).toEqual([]);
    expect(await campaignRow(campaign.id)).toMatchObject({ name: "Flu clinic greeters", status: "draft" });
    expect(scheduled).toEqual([]);
  });
});

describe("sending", () => {
  it("refuses a campaign that is not ready, naming the field, and leaves it a draft", async () => {
    const cases: { overrides: Record<string, unknown>; sendAt?: string; field: string }[] = [
      { overrides: { messages: [spanish] }, field: "messages" },
      { overrides: { messages: [english, { ...spanish, subject: "" }] }, field: "messages.1.subject" },
      { overrides: { opportunityId: draftOpportunity }, field: "opportunityId" },
      { overrides: {}, sendAt: new Date(Date.now() - 60_000).toISOString(), field: "sendAt" },
    ];
    for (const { overrides, sendAt, field } of cases) {
      const campaign = await draft(overrides);
      const response = await t.request({ method: "POST", url: `${base}/${campaign.id}/send`, cookie: dso, body: { sendAt: sendAt ?? null } });
      expect(response.statusCode, field).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual([field]);
      expect(await campaignRow(campaign.id)).toMatchObject({ status: "draft", recipientCount: 0 });
    }
    // An SMS has no subject, so none is asked for.
    const sms = await draft({ channel: "sms", messages: [{ ...english, subject: "" }], audience: { languages: ["ko"] } });
    const empty = await t.request({ method: "POST", url: `${base}/${sms.id}/send`, cookie: dso, body: {} });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().detail).toContain("Nobody in this audience can be reached");
    expect(
      await t.database.db
        .select()
        .from(campaignRecipients)
        .where(inArray(campaignRecipients.campaignId, [sms.id])),
    ).toEqual([]);
    expect(scheduled).toEqual([]);
  });

  it("now: queues the counted audience, asks for delivery once, and refuses a second send or any change", async () => {
    const campaign = await draft();
    const count = (await t.request({ method: "POST", url: `${base}/audience-count`, cookie: dso, body: { audience: {} } })).json();
    expect(count.reachable).toBeGreaterThanOrEqual(4);
    const sent = await t.request({ method: "POST", url: `${base}/${campaign.id}/send`, cookie: dso, body: {} });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ status: "sending", recipientCount: count.reachable, funnel: { queued: count.reachable } });
    expect(sent.json().queuedAt).not.toBeNull();
    expect(scheduled).toEqual([{ kind: "deliverSoon", campaignId: campaign.id }]);

    const again = await t.request({ method: "POST", url: `${base}/${campaign.id}/send`, cookie: dso, body: {} });
    expect(again.statusCode).toBe(409);
    expect((await t.request({ method: "PATCH", url: `${base}/${campaign.id}`, cookie: dso, body: { name: "Changed" } })).statusCode).toBe(409);
    expect((await t.request({ method: "DELETE", url: `${base}/${campaign.id}`, cookie: dso })).statusCode).toBe(409);
    expect(scheduled).toHaveLength(1);
    expect(await t.database.db.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaign.id))).toHaveLength(count.reachable);
    const actions = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, campaign.id))
      .orderBy(asc(auditEvents.createdAt));
    expect(actions.map((row) => row.action)).toEqual(["campaign.created", "campaign.queued"]);
  });

  it("later: schedules, stays scheduled when changed, and once cancelled never starts", async () => {
    const campaign = await draft();
    const at = new Date(Date.now() + 86_400_000);
    const response = await t.request({ method: "POST", url: `${base}/${campaign.id}/send`, cookie: dso, body: { sendAt: at.toISOString() } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "scheduled", scheduledFor: at.toISOString(), recipientCount: 0 });
    expect(scheduled).toEqual([{ kind: "startAt", campaignId: campaign.id, at }]);
    // Its time has not come: a start asked for now does nothing.
    expect(await startCampaignSending(t.database.db, campaign.id)).toBeNull();

    const renamed = await t.request({ method: "PATCH", url: `${base}/${campaign.id}`, cookie: dso, body: { name: "Flu clinic, Saturday" } });
    expect(renamed.json()).toMatchObject({ status: "scheduled", name: "Flu clinic, Saturday" });
    // A scheduled campaign must stay ready to send.
    const broken = await t.request({ method: "PATCH", url: `${base}/${campaign.id}`, cookie: dso, body: { messages: [spanish] } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors.map((error: { field: string }) => error.field)).toEqual(["messages"]);
    expect((await campaignRow(campaign.id))?.messages).toHaveProperty("en");
    // A scheduled campaign is cancelled, not deleted.
    expect((await t.request({ method: "DELETE", url: `${base}/${campaign.id}`, cookie: dso })).statusCode).toBe(409);

    const cancelled = await t.request({ method: "POST", url: `${base}/${campaign.id}/cancel`, cookie: dso });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe("cancelled");
    expect(cancelled.json().cancelledAt).not.toBeNull();
    // When its time comes the start finds it cancelled and queues nobody.
    await t.database.db.update(campaigns).set({ scheduledFor: new Date() }).where(eq(campaigns.id, campaign.id));
    expect(await startCampaignSending(t.database.db, campaign.id)).toBeNull();
    expect(await t.database.db.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaign.id))).toEqual([]);
    expect((await t.request({ method: "POST", url: `${base}/${campaign.id}/cancel`, cookie: dso })).statusCode).toBe(409);
    expect((await t.request({ method: "POST", url: `${base}/${campaign.id}/send`, cookie: dso, body: {} })).statusCode).toBe(409);
    const actions = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, campaign.id))
      .orderBy(asc(auditEvents.createdAt));
    expect(actions.map((row) => row.action)).toEqual(["campaign.created", "campaign.scheduled", "campaign.updated", "campaign.cancelled"]);
  });

  it("can be stopped while sending: who was not yet written to is skipped, who was stays sent", async () => {
    const campaign = await draft();
    await t.request({ method: "POST", url: `${base}/${campaign.id}/send`, cookie: dso, body: {} });
    await t.database.db
      .update(campaignRecipients)
      .set({ status: "sent", sentAt: new Date() })
      .where(and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.volunteerId, profiles.Ada as string)));
    const stopped = await t.request({ method: "POST", url: `${base}/${campaign.id}/cancel`, cookie: admin });
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toMatchObject({ status: "cancelled", funnel: { sent: 1 } });
    const rows = await t.database.db.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaign.id));
    expect(rows.filter((row) => row.status === "sent").map((row) => row.volunteerId)).toEqual([profiles.Ada]);
    expect(rows.filter((row) => row.status !== "sent").every((row) => row.status === "skipped")).toBe(true);
  });
});

describe("the funnel", () => {
  it("counts sent, failed, clicked, unsubscribed, and sign-ups for the opportunity after the message, with attendance", async () => {
    const campaign = await draft({ name: '=HYPERLINK("http://evil.example") flu', audience: {} });
    await t.request({ method: "POST", url: `${base}/${campaign.id}/send`, cookie: dso, body: {} });
    const sentAt = new Date(Date.now() - 3 * 86_400_000);
    const set = (name: string, values: Partial<typeof campaignRecipients.$inferInsert>) =>
      t.database.db
        .update(campaignRecipients)
        .set(values)
        .where(and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.volunteerId, profiles[name] as string)));
    // Everyone else in the city was sent it too and did nothing.
    await t.database.db.update(campaignRecipients).set({ status: "sent", sentAt }).where(eq(campaignRecipients.campaignId, campaign.id));
    await set("Ada", { firstClickedAt: new Date(sentAt.getTime() + 60_000), clickCount: 2 });
    await set("Cy", { status: "failed", sentAt: null, failedAt: sentAt, lastError: "550 no such mailbox" });
    await set("Di", { unsubscribedAt: new Date(sentAt.getTime() + 120_000) });

    const shift = async (opportunityId: string, daysAgo: number) =>
      (
        await t.database.db
          .insert(shifts)
          .values({
            cityId: city.id,
            opportunityId,
            startsAt: new Date(Date.now() - daysAgo * 86_400_000),
            endsAt: new Date(Date.now() - daysAgo * 86_400_000 + 3_600_000),
            capacity: 10,
            confirmedCount: 2,
          })
          .returning()
      )[0];
    const clinic = await shift(publishedOpportunity, 1);
    const elsewhere = await shift(draftOpportunity, 2);
    const signup = (name: string, onShift: typeof clinic, createdAt: Date, checkedIn: boolean, status: "confirmed" | "cancelled" = "confirmed") =>
      t.database.db.insert(signups).values({
        cityId: city.id,
        shiftId: onShift?.id as string,
        volunteerId: profiles[name] as string,
        status,
        startsAt: onShift?.startsAt as Date,
        endsAt: onShift?.endsAt as Date,
        confirmedAt: createdAt,
        checkedInAt: checkedIn ? onShift?.startsAt : null,
        createdAt,
      });
    // Ada signed up after the message and came; Ben signed up before it was sent (not the campaign's
    // doing); Di signed up after it, then cancelled (still a sign-up the campaign brought, no attendance);
    // and Ben's later sign-up for another opportunity does not count.
    await signup("Ada", clinic, new Date(sentAt.getTime() + 3_600_000), true);
    await signup("Ben", clinic, new Date(sentAt.getTime() - 3_600_000), true);
    await signup("Di", clinic, new Date(sentAt.getTime() + 7_200_000), false, "cancelled");
    await signup("Ben", elsewhere, new Date(sentAt.getTime() + 3_600_000), true);

    const detail = (await t.request({ method: "GET", url: `${base}/${campaign.id}`, cookie: dso })).json();
    const total = detail.recipientCount;
    expect(detail.funnel).toEqual({ queued: total, sent: total - 1, failed: 1, clicked: 1, signedUp: 2, attended: 1, unsubscribed: 1 });

    const funnel = await t.request({ method: "GET", url: `${base}/${campaign.id}/funnel.csv`, cookie: dso });
    expect(funnel.statusCode).toBe(200);
    expect(funnel.headers["content-type"]).toContain("text/csv");
    expect(funnel.headers["content-disposition"]).toContain("attachment");
    const funnelLines = funnel.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(funnelLines[0]).toBe("campaign,stage,volunteers");
    // A name that a spreadsheet would run as a formula is written as text.
    expect(funnelLines[1]).toBe(`"'=HYPERLINK(""http://evil.example"") flu",queued,${total}`);
    expect(funnelLines.slice(1).map((line) => line.split(",").slice(-2).join(","))).toEqual([
      `queued,${total}`,
      `sent,${total - 1}`,
      "failed,1",
      "clicked,1",
      "signed_up,2",
      "attended,1",
      "unsubscribed,1",
    ]);

    const recipients = await t.request({ method: "GET", url: `${base}/${campaign.id}/recipients.csv`, cookie: admin });
    expect(recipients.statusCode).toBe(200);
    const lines = recipients.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("volunteer_id,language,status,sent_at,clicked_at,signed_up,attended,unsubscribed_at");
    expect(lines).toHaveLength(total + 1);
    const byVolunteer = new Map(lines.slice(1).map((line) => [line.split(",")[0], line.split(",")]));
    expect(byVolunteer.get(profiles.Ada)?.slice(1)).toEqual([
      "en",
      "sent",
      sentAt.toISOString(),
      new Date(sentAt.getTime() + 60_000).toISOString(),
      "yes",
      "yes",
      "",
    ]);
    expect(byVolunteer.get(profiles.Ben)?.slice(5, 7)).toEqual(["no", "no"]);
    expect(byVolunteer.get(profiles.Cy)?.slice(2, 4)).toEqual(["failed", ""]);
    expect(byVolunteer.get(profiles.Di)?.slice(5, 8)).toEqual(["yes", "no", new Date(sentAt.getTime() + 120_000).toISOString()]);
    expect(recipients.body).not.toContain("@");
  });
});

describe("a volunteer's own data", () => {
  it("lists the campaigns they were sent, and keeps nothing personal in campaign tables once the account is deleted", async () => {
    const person = await t.personWithRoles(city, "eve@campton.example", [{ role: "volunteer" }]);
    const profile = await ensureVolunteerProfile(t.database.db, city.id, person.userId);
    await t.database.db.update(volunteerProfiles).set({ consentEmail: true }).where(eq(volunteerProfiles.id, profile.id));
    const campaign = await draft({ name: "Snow shovelling" });
    await t.request({ method: "POST", url: `${base}/${campaign.id}/send`, cookie: dso, body: {} });
    const sentAt = new Date(Date.now() - 60_000);
    const mine = and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.volunteerId, profile.id));
    await t.database.db
      .update(campaignRecipients)
      .set({ status: "sent", sentAt, messageId: "<abc@mail.campton.example>", lastError: "421 eve@campton.example try later", firstClickedAt: sentAt })
      .where(mine);

    const data = (await t.request({ method: "GET", url: "/api/v1/me/data", cookie: person.cookie })).json();
    expect(data.campaignsReceived).toEqual([
      {
        city: "campton",
        campaign: "Snow shovelling",
        channel: "email",
        language: "en",
        status: "sent",
        sentAt: sentAt.toISOString(),
        clickedAt: sentAt.toISOString(),
        unsubscribedAt: null,
      },
    ]);

    expect((await t.request({ method: "DELETE", url: "/api/v1/me", cookie: person.cookie, body: { confirm: true } })).statusCode).toBe(204);
    const [kept] = await t.database.db.select().from(campaignRecipients).where(mine);
    // The row stays for the campaign's counts, naming only the now anonymous profile.
    expect(kept).toMatchObject({ volunteerId: profile.id, status: "sent", messageId: null, lastError: null });
    const [anonymous] = await t.database.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.id, profile.id));
    expect(anonymous?.userId).toBeNull();
  });
});
