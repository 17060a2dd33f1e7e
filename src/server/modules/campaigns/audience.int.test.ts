import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignAudienceInput, CampaignChannel } from "../../../contracts/campaigns.ts";
import { slotsToAvailability } from "../../../contracts/volunteers.ts";
import { users } from "../../platform/auth/schema.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { groupMembers, groups } from "../groups/schema.ts";
import { opportunities, shifts, signups } from "../opportunities/schema.ts";
import { credentialTypes, skills, volunteerCredentials, volunteerProfiles } from "../volunteers/schema.ts";
import { audienceConditions, audienceSource, reachableCondition, storedAudience } from "./audience.ts";
import { campaignRecipients } from "./schema.ts";
import { startCampaignSending } from "./send-campaign.ts";

/**
 * The audience of a campaign: each filter alone and together, over real profiles; the live count
 * (through the API) and the recipients queued when sending are the same people.
 */

let t: TestApp;
let city: City;
let other: City;
let admin: string;
const ids: Record<string, string> = {};
const center = { latitude: 39.8, longitude: -89.65 };
const days = (count: number) => new Date(Date.now() + count * 86_400_000);
const dateIn = (count: number) => days(count).toISOString().slice(0, 10);

interface VolunteerSeed {
  name: string;
  email?: string | null;
  locale?: string | null;
  cityId?: string;
  skills?: string[];
  languages?: string[];
  neighbourhood?: string | null;
  at?: { latitude: number; longitude: number } | null;
  availability?: string[];
  consentEmail?: boolean;
  consentSms?: boolean;
  phone?: string | null;
  erased?: boolean;
  noAccount?: boolean;
}

async function volunteer(seed: VolunteerSeed): Promise<string> {
  const db = t.database.db;
  let userId: string | null = null;
  if (!seed.noAccount) {
    const [user] = await db
      .insert(users)
      .values({ name: seed.name, email: seed.email ?? `${seed.name.toLowerCase()}@audience.example`, locale: seed.locale ?? null, emailVerified: true })
      .returning({ id: users.id });
    userId = user?.id ?? null;
  }
  const [profile] = await db
    .insert(volunteerProfiles)
    .values({
      cityId: seed.cityId ?? city.id,
      userId,
      calendarToken: randomBytes(16).toString("hex"),
      skillIds: (seed.skills ?? []).map((slug) => ids[slug] as string),
      languages: seed.languages ?? ["en"],
      neighbourhood: seed.neighbourhood ?? null,
      latitude: seed.at?.latitude ?? null,
      longitude: seed.at?.longitude ?? null,
      availability: slotsToAvailability(seed.availability ?? []),
      consentEmail: seed.consentEmail ?? true,
      consentSms: seed.consentSms ?? false,
      phone: seed.phone ?? null,
      erasedAt: seed.erased ? new Date() : null,
    })
    .returning({ id: volunteerProfiles.id });
  if (!profile) throw new Error("no profile");
  ids[seed.name] = profile.id;
  if (userId) ids[`user:${seed.name}`] = userId;
  return profile.id;
}

async function credential(name: string, type: string, expiresOn: string | null) {
  await t.database.db
    .insert(volunteerCredentials)
    .values({ cityId: city.id, volunteerId: ids[name] as string, credentialTypeId: ids[type] as string, issuedOn: dateIn(-400), expiresOn });
}

async function attended(name: string, daysAgo: number) {
  const startsAt = days(-daysAgo);
  const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000);
  const [shift] = await t.database.db
    .insert(shifts)
    .values({ cityId: city.id, opportunityId: ids.opportunity as string, startsAt, endsAt, capacity: 10, confirmedCount: 1 })
    .returning({ id: shifts.id });
  await t.database.db.insert(signups).values({
    cityId: city.id,
    shiftId: shift?.id as string,
    volunteerId: ids[name] as string,
    status: "confirmed",
    startsAt,
    endsAt,
    confirmedAt: startsAt,
    checkedInAt: startsAt,
  });
}

async function member(name: string, group: string, status: "active" | "pending" = "active") {
  await t.database.db.insert(groupMembers).values({ cityId: city.id, groupId: ids[group] as string, userId: ids[`user:${name}`] as string, status });
}

beforeAll(async () => {
  t = await startTestApp();
  city = await t.createCity("audienceville");
  other = await t.createCity("elsewhere");
  admin = (await t.personWithRoles(city, "admin@audienceville.example", [{ role: "dso_staff" }])).cookie;
  const db = t.database.db;

  // Care › First aid › CPR, and Trades.
  const skill = async (slug: string, parent?: string) => {
    const [row] = await db
      .insert(skills)
      .values({ cityId: city.id, slug, names: { en: slug }, parentId: parent ? ids[parent] : null })
      .returning({ id: skills.id });
    ids[slug] = row?.id as string;
  };
  await skill("care");
  await skill("first-aid", "care");
  await skill("cpr", "first-aid");
  await skill("trades");
  for (const slug of ["background-check", "food-handler"]) {
    const [row] = await db
      .insert(credentialTypes)
      .values({ cityId: city.id, slug, names: { en: slug } })
      .returning({ id: credentialTypes.id });
    ids[slug] = row?.id as string;
  }
  for (const slug of ["brigade", "association"]) {
    const [row] = await db.insert(groups).values({ cityId: city.id, slug, name: slug }).returning({ id: groups.id });
    ids[slug] = row?.id as string;
  }
  const agency = await t.createAgency(city, "health");
  const [opportunity] = await db
    .insert(opportunities)
    .values({ cityId: city.id, agencyId: agency.id, title: "Clinic", summary: "Clinic", locationKind: "in_person", address: "Main St", status: "published" })
    .returning({ id: opportunities.id });
  ids.opportunity = opportunity?.id as string;

  // Ada matches nearly everything; Ben is Spanish-speaking, across town, with an expired check.
  await volunteer({
    name: "Ada",
    skills: ["cpr"],
    languages: ["en"],
    neighbourhood: "Enos Park",
    at: { latitude: 39.81, longitude: -89.64 },
    availability: ["mon-morning", "sat-morning"],
  });
  await volunteer({
    name: "Ben",
    skills: ["trades"],
    languages: ["es", "en"],
    neighbourhood: "Downtown",
    at: { latitude: 40.07, longitude: -89.65 },
    availability: ["sat-evening"],
  });
  // Cat has given no consent to email, but to SMS with a phone.
  await volunteer({
    name: "Cat",
    skills: ["first-aid"],
    consentEmail: false,
    consentSms: true,
    phone: "+1 217 555 0100",
    at: { latitude: 39.79, longitude: -89.66 },
  });
  // Ivy holds a valid background check only.
  await volunteer({ name: "Ivy", languages: ["fr"], availability: ["tue-evening"] });
  // People never to be counted: an erased profile, a profile without an account, a walk-in with no
  // address, someone who unsubscribed, and someone in another city; each otherwise matches like Ada.
  const likeAda = { skills: ["cpr"], languages: ["en"], neighbourhood: "Enos Park", at: { latitude: 39.81, longitude: -89.64 }, availability: ["mon-morning"] };
  await volunteer({ name: "Erased", erased: true, ...likeAda });
  await volunteer({ name: "Nobody", noAccount: true, ...likeAda });
  await volunteer({ name: "Walkin", email: "walk-in-1@walk-in.invalid", ...likeAda });
  await volunteer({ name: "Gone", consentEmail: false, ...likeAda });
  await volunteer({ name: "Stranger", cityId: other.id, ...likeAda, skills: [] });

  await credential("Ada", "background-check", dateIn(300));
  await credential("Ada", "food-handler", null);
  await credential("Ben", "background-check", dateIn(-2));
  await credential("Ben", "food-handler", dateIn(300));
  await credential("Ivy", "background-check", dateIn(0));
  await attended("Ada", 10);
  await attended("Ben", 100);
  await member("Ada", "brigade");
  await member("Ben", "brigade", "pending");
  await member("Ben", "association");
  await member("Cat", "association");
});
afterAll(async () => t?.close());

/** Names of who the audience reaches on the channel, straight from the shared conditions. */
async function reached(audience: CampaignAudienceInput, channel: CampaignChannel = "email"): Promise<string[]> {
  const parsed = storedAudience({
    skillIds: [],
    languages: [],
    neighbourhoods: [],
    near: null,
    availability: [],
    credentialTypeIds: [],
    attendedWithinDays: null,
    groupIds: [],
    ...audience,
  } as Parameters<typeof storedAudience>[0]);
  const result = await t.database.db.execute<{ name: string }>(
    sql`select u.name from ${audienceSource} where ${audienceConditions(city.id, parsed)} and ${reachableCondition(channel)} order by u.name`,
  );
  return result.rows.map((row) => row.name);
}

async function count(audience: CampaignAudienceInput, channel: CampaignChannel = "email") {
  const response = await t.request({
    method: "POST",
    url: "/api/v1/cities/audienceville/campaigns/audience-count",
    cookie: admin,
    body: { channel, audience },
  });
  expect(response.statusCode).toBe(200);
  return response.json() as { reachable: number; unreachable: number };
}

describe("the audience", () => {
  it("without filters is everyone in the city who can be reached, and counts the rest as unreachable", async () => {
    expect(await reached({})).toEqual(["Ada", "Ben", "Ivy"]);
    // Cat and Gone gave no consent to email, the walk-in has no address; erased, account-less and
    // other cities' profiles are not counted at all.
    expect(await count({})).toEqual({ reachable: 3, unreachable: 3 });
    expect(await reached({}, "sms")).toEqual(["Cat"]);
    expect(await count({}, "sms")).toEqual({ reachable: 1, unreachable: 5 });
  });

  it("by skill includes every skill below the one chosen in the tree", async () => {
    expect(await reached({ skillIds: [ids.care as string] })).toEqual(["Ada"]);
    expect(await count({ skillIds: [ids.care as string] })).toEqual({ reachable: 1, unreachable: 3 });
    expect(await reached({ skillIds: [ids["first-aid"] as string] }, "sms")).toEqual(["Cat"]);
    expect(await reached({ skillIds: [ids.cpr as string] })).toEqual(["Ada"]);
    expect(await reached({ skillIds: [ids.trades as string, ids.cpr as string] })).toEqual(["Ada", "Ben"]);
  });

  it("by language and by neighbourhood, whatever the case", async () => {
    expect(await reached({ languages: ["es"] })).toEqual(["Ben"]);
    expect(await reached({ languages: ["fr", "es"] })).toEqual(["Ben", "Ivy"]);
    expect(await reached({ neighbourhoods: ["downtown"] })).toEqual(["Ben"]);
    expect(await reached({ neighbourhoods: ["ENOS PARK", "Nowhere"] })).toEqual(["Ada"]);
  });

  it("by distance from a point", async () => {
    expect(await reached({ near: { ...center, radiusKm: 5 } })).toEqual(["Ada"]);
    expect(await reached({ near: { ...center, radiusKm: 5 } }, "sms")).toEqual(["Cat"]);
    // Ben is 30 km north.
    expect(await reached({ near: { ...center, radiusKm: 28 } })).toEqual(["Ada"]);
    expect(await reached({ near: { ...center, radiusKm: 32 } })).toEqual(["Ada", "Ben"]);
    expect(await reached({ near: { latitude: 40.07, longitude: -89.65, radiusKm: 1 } })).toEqual(["Ben"]);
  });

  it("by availability: free in any of the slots", async () => {
    expect(await reached({ availability: ["mon-morning"] })).toEqual(["Ada"]);
    expect(await reached({ availability: ["sat-evening", "tue-evening"] })).toEqual(["Ben", "Ivy"]);
    expect(await reached({ availability: ["sun-afternoon"] })).toEqual([]);
  });

  it("by credentials: every one held and unexpired", async () => {
    expect(await reached({ credentialTypeIds: [ids["background-check"] as string] })).toEqual(["Ada", "Ivy"]);
    expect(await reached({ credentialTypeIds: [ids["food-handler"] as string] })).toEqual(["Ada", "Ben"]);
    expect(await reached({ credentialTypeIds: [ids["background-check"] as string, ids["food-handler"] as string] })).toEqual(["Ada"]);
  });

  it("by attendance within the last days", async () => {
    expect(await reached({ attendedWithinDays: 30 })).toEqual(["Ada"]);
    expect(await reached({ attendedWithinDays: 365 })).toEqual(["Ada", "Ben"]);
    expect(await reached({ attendedWithinDays: 5 })).toEqual([]);
  });

  it("by group: active members only", async () => {
    expect(await reached({ groupIds: [ids.brigade as string] })).toEqual(["Ada"]);
    expect(await reached({ groupIds: [ids.association as string] })).toEqual(["Ben"]);
    expect(await count({ groupIds: [ids.association as string] })).toEqual({ reachable: 1, unreachable: 1 });
    expect(await reached({ groupIds: [ids.brigade as string, ids.association as string] })).toEqual(["Ada", "Ben"]);
  });

  it("narrows with every filter combined", async () => {
    const everything = {
      skillIds: [ids.care as string],
      languages: ["en"],
      neighbourhoods: ["enos park"],
      near: { ...center, radiusKm: 5 },
      availability: ["mon-morning"],
      credentialTypeIds: [ids["background-check"] as string],
      attendedWithinDays: 30,
      groupIds: [ids.brigade as string],
    };
    expect(await reached(everything)).toEqual(["Ada"]);
    expect(await count(everything)).toEqual({ reachable: 1, unreachable: 0 });
    expect(await reached({ ...everything, languages: ["es"] })).toEqual([]);
  });

  it("refuses a malformed audience with a 400 naming each field", async () => {
    const response = await t.request({
      method: "POST",
      url: "/api/v1/cities/audienceville/campaigns/audience-count",
      cookie: admin,
      body: { audience: { availability: ["someday"], near: { latitude: 95, longitude: 0, radiusKm: 1 } } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(["audience.availability.0", "audience.near.latitude"]),
    );
  });
});

describe("sending resolves the same audience", () => {
  async function campaignFor(audience: CampaignAudienceInput, messages = [{ language: "en", subject: "Help", body: "Please help" }]) {
    const response = await t.request({
      method: "POST",
      url: "/api/v1/cities/audienceville/campaigns",
      cookie: admin,
      body: { name: "Audience check", audience, messages },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  }

  it("queues exactly the counted volunteers, each once however many filters matched them, in their language", async () => {
    await t.database.db
      .update(users)
      .set({ locale: "fr" })
      .where(eq(users.id, ids["user:Ivy"] as string));
    const audience = { skillIds: [ids.care as string, ids["first-aid"] as string, ids.cpr as string, ids.trades as string], languages: [] };
    const counted = await count(audience);
    const campaignId = await campaignFor(audience, [
      { language: "en", subject: "Help", body: "Please help" },
      { language: "es", subject: "Ayuda", body: "Ayude por favor" },
    ]);
    const started = await startCampaignSending(t.database.db, campaignId);
    expect(started).toEqual({ recipients: counted.reachable });
    const rows = await t.database.db.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaignId));
    expect(rows.map((row) => row.volunteerId).sort()).toEqual([ids.Ada, ids.Ben].sort());
    expect(Object.fromEntries(rows.map((row) => [row.volunteerId, row.language]))).toEqual({ [ids.Ada as string]: "en", [ids.Ben as string]: "es" });
    expect(rows.every((row) => row.status === "queued" && /^[0-9a-f]{32}$/.test(row.token) && row.cityId === city.id)).toBe(true);
    expect(new Set(rows.map((row) => row.token)).size).toBe(rows.length);
    // Ids are UUIDv7, rising in the order the rows were written.
    expect(rows.every((row) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(row.id))).toBe(true);
    expect(Math.abs(Number.parseInt(rows[0]?.id.replace(/-/g, "").slice(0, 12) ?? "0", 16) - Date.now())).toBeLessThan(60_000);
    // A second start changes nothing: the campaign is no longer waiting.
    expect(await startCampaignSending(t.database.db, campaignId)).toBeNull();
    expect(await t.database.db.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaignId))).toHaveLength(2);
  });

  it("gives the account's language first, then the profile's languages, then the city's default", async () => {
    // Ivy reads French but the campaign has none: she gets English, the city's default.
    await t.database.db
      .update(users)
      .set({ locale: "es" })
      .where(eq(users.id, ids["user:Ada"] as string));
    const campaignId = await campaignFor({ availability: ["mon-morning", "tue-evening", "sat-evening"] }, [
      { language: "en", subject: "Help", body: "Please help" },
      { language: "es", subject: "Ayuda", body: "Ayude por favor" },
    ]);
    expect(await startCampaignSending(t.database.db, campaignId)).toEqual({ recipients: 3 });
    const rows = await t.database.db.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaignId));
    expect(Object.fromEntries(rows.map((row) => [row.volunteerId, row.language]))).toEqual({
      [ids.Ada as string]: "es",
      [ids.Ben as string]: "es",
      [ids.Ivy as string]: "en",
    });
  });

  it("keeps the same count and queue for every filter at once", async () => {
    const audience = {
      neighbourhoods: ["Enos Park", "downtown"],
      near: { ...center, radiusKm: 40 },
      credentialTypeIds: [ids["food-handler"] as string],
      attendedWithinDays: 365,
    };
    const counted = await count(audience);
    expect(counted.reachable).toBe(2);
    const campaignId = await campaignFor(audience);
    expect(await startCampaignSending(t.database.db, campaignId)).toEqual({ recipients: counted.reachable });
  });
});
