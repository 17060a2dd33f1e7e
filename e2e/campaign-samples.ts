import { type APIRequestContext, expect } from "@playwright/test";
import { apiAs, newResident, originOf } from "./opportunity-samples.ts";
import { demoAccounts, demoCampaignNames, demoCity } from "./pages.ts";

/**
 * Campaigns the browser tests need: the demo city's sent campaign and draft (from the seed, found by
 * name), and a real unsubscribe link, made by sending a campaign to one new volunteer and reading
 * the message in the outbox. Also the helpers the campaign journey uses.
 */

const cityApi = `/api/v1/cities/${demoCity}`;

export async function campaignIdByName(staff: APIRequestContext, name: string): Promise<string> {
  const response = await staff.get(`${cityApi}/campaigns`);
  expect(response.status(), await response.text()).toBe(200);
  const { campaigns } = (await response.json()) as { campaigns: { id: string; name: string }[] };
  const found = campaigns.find((campaign) => campaign.name === name);
  if (!found) throw new Error(`The demo city has no campaign named ${name}`);
  return found.id;
}

/**
 * A new resident with a volunteer profile that agrees to email, in a neighbourhood of their own so
 * that a campaign can reach exactly them.
 */
export async function newCampaignVolunteer(
  baseURL: string,
  input: { name: string; email: string; neighbourhood: string; languages?: string[] },
): Promise<APIRequestContext> {
  const resident = await newResident(baseURL, input.name, input.email);
  const saved = await resident.put(`${cityApi}/me/volunteer-profile`, {
    headers: originOf(baseURL),
    data: { neighbourhood: input.neighbourhood, languages: input.languages ?? ["en"], consent: { email: true, sms: false } },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  return resident;
}

interface OutboxMessage {
  kind: string;
  recipient: string;
  subject: string;
  textBody: string;
  headers: Record<string, string>;
}

/** The newest campaign message to `recipient`, read through the outbox API by a city admin; waits for the sending job. */
export async function campaignMailTo(admin: APIRequestContext, recipient: string): Promise<OutboxMessage> {
  let found: OutboxMessage | undefined;
  await expect
    .poll(
      async () => {
        const response = await admin.get(`${cityApi}/outbox?kind=campaign&recipient=${encodeURIComponent(recipient)}`);
        expect(response.status()).toBe(200);
        found = ((await response.json()) as { messages: OutboxMessage[] }).messages[0];
        return !!found;
      },
      { message: `a campaign message to ${recipient} in the outbox`, timeout: 30_000 },
    )
    .toBe(true);
  if (!found) throw new Error("unreachable");
  return found;
}

/** The token of the unsubscribe link in a campaign message. */
export function unsubscribeTokenIn(textBody: string): string {
  const token = textBody.match(new RegExp(`/${demoCity}/unsubscribe/([A-Za-z0-9_-]+)`))?.[1];
  if (!token) throw new Error(`No unsubscribe link in:\n${textBody}`);
  return token;
}

/** Sends a campaign through the API, as DSO staff, to the volunteers of one neighbourhood; returns its id. */
export async function sendCampaignToNeighbourhood(baseURL: string, input: { name: string; neighbourhood: string }): Promise<string> {
  const staff = await apiAs(baseURL, demoAccounts.dso);
  try {
    const created = await staff.post(`${cityApi}/campaigns`, {
      headers: originOf(baseURL),
      data: {
        name: input.name,
        audience: { neighbourhoods: [input.neighbourhood] },
        messages: [{ language: "en", subject: input.name, body: "Hello {{name}},\n\nA note from the city." }],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const sent = await staff.post(`${cityApi}/campaigns/${id}/send`, { headers: originOf(baseURL), data: { sendAt: null } });
    expect(sent.status(), await sent.text()).toBe(200);
    return id;
  } finally {
    await staff.dispose();
  }
}

export type CampaignSampleParameter = "campaignId" | "draftCampaignId" | "unsubscribeToken";

/** The value of one of the sample addresses' campaign parameters; see e2e/pages.ts. */
export async function campaignSampleValue(name: CampaignSampleParameter, baseURL: string): Promise<string> {
  if (name === "campaignId" || name === "draftCampaignId") {
    const staff = await apiAs(baseURL, demoAccounts.dso);
    try {
      return await campaignIdByName(staff, name === "campaignId" ? demoCampaignNames.sent : demoCampaignNames.draft);
    } finally {
      await staff.dispose();
    }
  }
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `sample-unsubscribe-${suffix}@example.com`;
  const neighbourhood = `Sample Hollow ${suffix}`;
  const resident = await newCampaignVolunteer(baseURL, { name: "Sam Sample", email, neighbourhood });
  await resident.dispose();
  await sendCampaignToNeighbourhood(baseURL, { name: `Sample: a note to ${neighbourhood}`, neighbourhood });
  const admin = await apiAs(baseURL, demoAccounts.admin);
  try {
    return unsubscribeTokenIn((await campaignMailTo(admin, email)).textBody);
  } finally {
    await admin.dispose();
  }
}
