import { type APIRequestContext, type BrowserContext, expect } from "@playwright/test";
import { apiAs } from "./opportunity-samples.ts";
import { demoAccounts, demoCity, demoProblemTitles, sampleBountyText } from "./pages.ts";
import { originOf, uniqueEmail } from "./support.ts";

/**
 * Bounties the bounty administration pages are checked with, made through the API by the demo DSO
 * staff member from the demo city's accepted problem: a draft, a fixed-price bounty the demo vendor
 * has delivered, waiting for review, and one whose delivery the DSO rejected. Also the functions the
 * bounty journeys share.
 */

const cityApi = `/api/v1/cities/${demoCity}`;

export async function acceptedProblemId(api: APIRequestContext): Promise<string> {
  const response = await api.get(`${cityApi}/problems?status=accepted&pageSize=100`);
  expect(response.status(), await response.text()).toBe(200);
  const { problems } = (await response.json()) as { problems: { id: string; title: string }[] };
  const found = problems.find((problem) => problem.title === demoProblemTitles.accepted);
  if (!found) throw new Error("The demo city has no accepted problem");
  return found.id;
}

export async function postOk<T>(api: APIRequestContext, baseURL: string, path: string, data: unknown, status = 200): Promise<T> {
  const response = await api.post(`${cityApi}${path}`, { data, headers: originOf(baseURL) });
  expect(response.status(), `POST ${path}: ${await response.text()}`).toBe(status);
  return (await response.json()) as T;
}

/** A fixed-price bounty drafted by the DSO from the accepted problem. */
export async function draftFixedBounty(dso: APIRequestContext, baseURL: string, title: string, amountMinor: number): Promise<string> {
  const created = await postOk<{ id: string }>(
    dso,
    baseURL,
    "/bounties",
    {
      problemId: await acceptedProblemId(dso),
      title,
      description: "",
      acceptanceCriteria: [...sampleBountyText.criteria],
      requiredLicence: "MIT",
      deadlineAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      deliveryBusinessDays: 5,
      amountMinor,
    },
    201,
  );
  return created.id;
}

export async function bountyAdminSampleValue(name: "adminDraftBountyId" | "adminReviewBountyId" | "adminRejectedBountyId", baseURL: string): Promise<string> {
  const dso = await apiAs(baseURL, demoAccounts.dso);
  try {
    if (name === "adminDraftBountyId") return await draftFixedBounty(dso, baseURL, sampleBountyText.draft, 4_000);
    const rejected = name === "adminRejectedBountyId";
    const bountyId = await draftFixedBounty(dso, baseURL, rejected ? sampleBountyText.rejected : sampleBountyText.review, 3_000);
    await postOk(dso, baseURL, `/bounties/${bountyId}/publish`, {});
    const vendor = await apiAs(baseURL, demoAccounts.vendor);
    try {
      const me = await vendor.get(`${cityApi}/vendors/me`);
      expect(me.status(), await me.text()).toBe(200);
      const { id: vendorId } = (await me.json()) as { id: string };
      const submission = await postOk<{ id: string }>(dso, baseURL, `/bounties/${bountyId}/assign`, { vendorId }, 201);
      await postOk(vendor, baseURL, `/submissions/${submission.id}/submit`, { pullRequestUrl: "https://github.com/springfield/permits/pull/41" });
      if (rejected) {
        await postOk(dso, baseURL, `/submissions/${submission.id}/review`, {
          decision: "rejected",
          reasons: [{ criterion: sampleBountyText.criteria[1], reason: sampleBountyText.rejectionReason }],
        });
      }
    } finally {
      await vendor.dispose();
    }
    return bountyId;
  } finally {
    await dso.dispose();
  }
}

/** A new person who registers as a vendor and whom the DSO verifies, signed in within `context` (pages share its cookies). */
export async function newVerifiedVendor(
  context: BrowserContext,
  dso: APIRequestContext,
  baseURL: string,
  legalName: string,
): Promise<{ id: string; email: string }> {
  const email = uniqueEmail("vendor");
  const signedUp = await context.request.post("/api/auth/sign-up/email", {
    data: { name: legalName, email, password: "a long vendor passphrase" },
    headers: originOf(baseURL),
  });
  expect(signedUp.status(), await signedUp.text()).toBe(200);
  const vendor = await postOk<{ id: string }>(
    context.request,
    baseURL,
    "/vendors",
    { legalName, smallBusiness: true, taxFormOnFile: true, paymentReference: `AP-${email.slice(7, 15)}` },
    201,
  );
  await postOk(dso, baseURL, `/vendors/${vendor.id}/review`, { decision: "verified" });
  return { id: vendor.id, email };
}

/**
 * A multi-bid auction from the accepted problem, drafted through the API with bidding that opens in
 * a few seconds and stays open for `openForMs`: long enough for the test's bids, short enough to wait for.
 */
export async function shortAuction(
  dso: APIRequestContext,
  baseURL: string,
  input: { title: string; startPriceMinor: number; criteria: string[]; openForMs: number },
): Promise<{ id: string; startsAt: Date; endsAt: Date }> {
  const startsAt = new Date(Date.now() + 5_000);
  const endsAt = new Date(startsAt.getTime() + input.openForMs);
  const created = await postOk<{ id: string }>(
    dso,
    baseURL,
    "/bounties/auctions",
    {
      problemId: await acceptedProblemId(dso),
      title: input.title,
      description: "",
      acceptanceCriteria: input.criteria,
      requiredLicence: "MIT",
      deliveryBusinessDays: 5,
      amountMinor: input.startPriceMinor,
      auctionType: "multi",
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    },
    201,
  );
  return { id: created.id, startsAt, endsAt };
}

export async function waitUntil(moment: Date): Promise<void> {
  const wait = moment.getTime() - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** The vendor's delivery of a bounty, from their own list of awarded work. */
export async function deliveryOf(vendor: APIRequestContext, bountyId: string): Promise<{ id: string; status: string; dueAt: string }> {
  const mine = await vendor.get(`${cityApi}/vendors/me/submissions`);
  expect(mine.status(), await mine.text()).toBe(200);
  const body = (await mine.json()) as { submissions: { id: string; bountyId: string; status: string; dueAt: string }[] };
  const found = body.submissions.find((submission) => submission.bountyId === bountyId);
  if (!found) throw new Error(`No delivery of bounty ${bountyId} for this vendor`);
  return found;
}
