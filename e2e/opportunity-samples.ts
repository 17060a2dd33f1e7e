import { type APIRequestContext, expect, request } from "@playwright/test";
import { demoAccounts, demoCity, demoPassword, sampleOpportunityTitles } from "./pages.ts";

/**
 * Opportunities and shifts the browser tests need, made through the API as the DSO staff member:
 * the page samples' opportunity (Parks, two shifts, Dana holding a place on the first) and a shift
 * that starts in a few minutes, for the check-in page. Each is found by its title before it is made,
 * so a test run makes it once (the database is fresh for every run). The journeys make their own.
 */

const sampleTitles = sampleOpportunityTitles;

const cityApi = `/api/v1/cities/${demoCity}`;
const minute = 60_000;

export function originOf(baseURL: string): Record<string, string> {
  return { origin: new URL(baseURL).origin };
}

/** An API context signed in with email and password. */
export async function apiAs(baseURL: string, email: string, password = demoPassword): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const response = await api.post("/api/auth/sign-in/email", { data: { email, password }, headers: originOf(baseURL) });
  expect(response.status(), `signing in ${email}: ${await response.text()}`).toBe(200);
  return api;
}

/** A new resident with a password account, signed in: journeys use fresh people so their shifts never clash. */
export async function newResident(baseURL: string, name: string, email: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const response = await api.post("/api/auth/sign-up/email", {
    data: { name, email, password: "a long resident passphrase" },
    headers: originOf(baseURL),
  });
  expect(response.status(), `signing up ${email}: ${await response.text()}`).toBe(200);
  return api;
}

export async function agencyIdOf(api: APIRequestContext, slug: string): Promise<string> {
  const response = await api.get(`${cityApi}/agencies`);
  expect(response.status()).toBe(200);
  const { agencies } = (await response.json()) as { agencies: { id: string; slug: string }[] };
  const found = agencies.find((agency) => agency.slug === slug);
  if (!found) throw new Error(`The demo city has no agency ${slug}`);
  return found.id;
}

interface OpportunityView {
  id: string;
  title: string;
  status: string;
  shifts: { id: string; startsAt: string; endsAt: string; status: string }[];
}

/** An instant on the hour, `days` from now: shifts made through the API may be given as instants. */
function hoursFromNow(hours: number): string {
  const at = new Date(Date.now() + hours * 3_600_000);
  at.setUTCMinutes(0, 0, 0);
  return at.toISOString();
}

/**
 * Creates and publishes an in-person Parks opportunity with the given shifts (instants), as a member
 * of staff; returns it with its shifts.
 */
export async function publishOpportunity(
  staff: APIRequestContext,
  baseURL: string,
  input: {
    title: string;
    summary?: string;
    /** Asks for English and a minimum age of 14, which the page shows; a new resident's empty profile does not meet them. */
    withRequirements?: boolean;
    shifts: { startsAt: string; endsAt: string; capacity: number; waitlistEnabled?: boolean }[];
  },
): Promise<OpportunityView> {
  const headers = originOf(baseURL);
  const created = await staff.post(`${cityApi}/opportunities`, {
    headers,
    data: {
      agencyId: await agencyIdOf(staff, "parks"),
      title: input.title,
      summary: input.summary ?? "Weed the raised beds and mulch the paths of the community garden by the lake.",
      description: "Gloves and tools are provided. Wear closed shoes.\nMeet at the shed by the north gate.",
      locationKind: "in_person",
      address: "Lakeside community garden, 400 Lake Shore Dr",
      neighbourhood: "Lakeside",
      ...(input.withRequirements && { requiredLanguages: ["en"], minimumAge: 14 }),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const opportunity = (await created.json()) as OpportunityView;
  for (const shift of input.shifts) {
    const added = await staff.post(`${cityApi}/opportunities/${opportunity.id}/shifts`, {
      headers,
      data: { waitlistEnabled: true, note: "", ...shift },
    });
    expect(added.status(), await added.text()).toBe(201);
  }
  const published = await staff.post(`${cityApi}/opportunities/${opportunity.id}/publish`, { headers });
  expect(published.status(), await published.text()).toBe(200);
  return (await published.json()) as OpportunityView;
}

async function findByTitle(staff: APIRequestContext, title: string): Promise<OpportunityView | null> {
  const list = await staff.get(`${cityApi}/admin/opportunities`);
  expect(list.status()).toBe(200);
  const { opportunities } = (await list.json()) as { opportunities: { id: string; title: string }[] };
  const found = opportunities.find((item) => item.title === title);
  if (!found) return null;
  const detail = await staff.get(`${cityApi}/opportunities/${found.id}`);
  expect(detail.status()).toBe(200);
  return (await detail.json()) as OpportunityView;
}

/** The check-in token of a shift, from the link in its check-in code. */
export async function checkInTokenOf(staff: APIRequestContext, shiftId: string): Promise<string> {
  const code = await staff.get(`${cityApi}/shifts/${shiftId}/check-in-code`);
  expect(code.status(), await code.text()).toBe(200);
  const { url } = (await code.json()) as { url: string };
  const token = new URL(url).searchParams.get("token");
  if (!token) throw new Error(`No token in the check-in link ${url}`);
  return token;
}

export type OpportunitySampleParameter = "opportunityId" | "shiftId" | "checkInShiftId" | "checkInToken";

/** The value of one of the sample addresses' parameters; see e2e/pages.ts. */
export async function opportunitySampleValue(name: OpportunitySampleParameter, baseURL: string): Promise<string> {
  const staff = await apiAs(baseURL, demoAccounts.dso);
  try {
    if (name === "opportunityId" || name === "shiftId") {
      let opportunity = await findByTitle(staff, sampleTitles.main);
      if (!opportunity) {
        opportunity = await publishOpportunity(staff, baseURL, {
          title: sampleTitles.main,
          withRequirements: true,
          shifts: [
            { startsAt: hoursFromNow(50), endsAt: hoursFromNow(52), capacity: 8 },
            { startsAt: hoursFromNow(218), endsAt: hoursFromNow(221), capacity: 1, waitlistEnabled: false },
          ],
        });
        // Dana holds a place on the first shift: her pages show a place, the roster shows a person.
        const first = opportunity.shifts[0];
        if (first) {
          const dana = await apiAs(baseURL, demoAccounts.dana);
          const signup = await dana.post(`${cityApi}/shifts/${first.id}/signups`, { headers: originOf(baseURL), data: {} });
          // 409: another worker's copy of this sample already holds her at that time; the page is the same.
          expect([200, 201, 409], await signup.text()).toContain(signup.status());
          await dana.dispose();
        }
      }
      const shift = opportunity.shifts[0];
      if (!shift) throw new Error("The sample opportunity has no shift");
      return name === "opportunityId" ? opportunity.id : shift.id;
    }
    let opportunity = await findByTitle(staff, sampleTitles.checkIn);
    if (!opportunity) {
      const startsAt = new Date(Date.now() + 10 * minute).toISOString();
      const endsAt = new Date(Date.now() + 70 * minute).toISOString();
      opportunity = await publishOpportunity(staff, baseURL, { title: sampleTitles.checkIn, shifts: [{ startsAt, endsAt, capacity: 5 }] });
    }
    const shift = opportunity.shifts[0];
    if (!shift) throw new Error("The check-in sample has no shift");
    return name === "checkInShiftId" ? shift.id : await checkInTokenOf(staff, shift.id);
  } finally {
    await staff.dispose();
  }
}
