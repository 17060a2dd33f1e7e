import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import type { WebhookDefinition } from "@octokit/webhooks-examples";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../platform/audit/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { vendors } from "../vendors/schema.ts";
import { pullRequestClosedAction, pullRequestMergedAction } from "./github-webhook.ts";
import { openSubmission } from "./open-submission.ts";
import { bounties, submissions } from "./schema.ts";

/**
 * GitHub's webhook, driven with GitHub's own example payloads, signed here as GitHub signs them:
 * HMAC SHA-256 of the exact body with the shared secret.
 */

const secret = "riverside-webhook-secret-0123456789";
const base = "/api/v1/cities/riverside";
const hook = `${base}/webhooks/github`;

const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as WebhookDefinition[];

function examplesOf(name: string): Record<string, unknown>[] {
  const found = examples.find((definition) => definition.name === name);
  if (!found || found.examples.length === 0) throw new Error(`no ${name} example`);
  return found.examples as unknown as Record<string, unknown>[];
}

type PullRequestPayload = { action: string; pull_request: Record<string, unknown> & { html_url: string; merged: boolean | null } };

/** GitHub's example of a pull request closed without merging, pointed at the given pull request. */
function closedPayload(htmlUrl: string): PullRequestPayload {
  const example = examplesOf("pull_request").find((payload) => payload.action === "closed" && (payload.pull_request as { merged?: boolean }).merged === false);
  if (!example) throw new Error("no closed pull_request example");
  const payload = structuredClone(example) as PullRequestPayload;
  payload.pull_request.html_url = htmlUrl;
  return payload;
}

/**
 * The same example as GitHub sends it for a merge: the examples package has no merged one, so the
 * fields a merge sets (merged, merged_at, merged_by, merge_commit_sha) are filled in as GitHub does.
 */
function mergedPayload(htmlUrl: string): PullRequestPayload {
  const payload = closedPayload(htmlUrl);
  const closedAt = payload.pull_request.closed_at;
  Object.assign(payload.pull_request, {
    merged: true,
    merged_at: closedAt,
    merged_by: payload.pull_request.user,
    merge_commit_sha: "c4295bd74fb0f4fda03689c3df3f2803b658fd85",
  });
  return payload;
}

function signatureOf(body: string, key = secret): string {
  return `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
}

interface Delivery {
  event: string;
  body: string;
  deliveryId?: string;
  signature?: string | null;
  contentType?: string;
  url?: string;
  app?: TestApp;
}

async function deliver(delivery: Delivery) {
  const headers: Record<string, string> = {
    "content-type": delivery.contentType ?? "application/json",
    "user-agent": "GitHub-Hookshot/044aadd",
    "x-github-event": delivery.event,
    "x-github-delivery": delivery.deliveryId ?? randomUUID(),
    "x-github-hook-id": "292430182",
  };
  const signature = delivery.signature === undefined ? signatureOf(delivery.body) : delivery.signature;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  return (delivery.app ?? t).app.inject({ method: "POST", url: delivery.url ?? hook, headers, payload: delivery.body });
}

let t: TestApp;
let city: City;
let otherCity: City;
let dso: string;
let vendor: { cookie: string; id: string };
let pullRequestNumber = 100;

function nextPullRequestUrl(): string {
  pullRequestNumber += 1;
  return `https://github.com/riverside/permits/pull/${pullRequestNumber}`;
}

async function publishedFixed(title: string) {
  const [created] = await t.database.db
    .insert(bounties)
    .values({
      cityId: city.id,
      kind: "fixed",
      title,
      acceptanceCriteria: ["Passes axe with no violations"],
      requiredLicence: "MIT",
      amountMinor: 10_000,
      currency: "USD",
      deliveryBusinessDays: 5,
    })
    .returning();
  if (!created) throw new Error("no bounty");
  expect((await t.request({ method: "POST", url: `${base}/bounties/${created.id}/publish`, cookie: dso })).statusCode).toBe(200);
  return created;
}

/** A delivery assigned to the vendor and handed in by them with the pull request, waiting for acceptance. */
async function handedIn(pullRequestUrl: string): Promise<string> {
  const bounty = await publishedFixed(`Work for ${pullRequestUrl}`);
  const assigned = await t.request({ method: "POST", url: `${base}/bounties/${bounty.id}/assign`, cookie: dso, body: { vendorId: vendor.id } });
  expect(assigned.statusCode).toBe(201);
  const submissionId = assigned.json().id as string;
  const submitted = await t.request({ method: "POST", url: `${base}/submissions/${submissionId}/submit`, cookie: vendor.cookie, body: { pullRequestUrl } });
  expect(submitted.statusCode).toBe(200);
  expect(submitted.json().status).toBe("pending_acceptance");
  return submissionId;
}

async function submissionRow(id: string) {
  const [row] = await t.database.db.select().from(submissions).where(eq(submissions.id, id));
  if (!row) throw new Error("no submission");
  return row;
}

async function webhookAudit(submissionId: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, submissionId), inArray(auditEvents.action, [pullRequestMergedAction, pullRequestClosedAction])))
    .orderBy(auditEvents.createdAt, auditEvents.id);
}

function expectProblem(response: Awaited<ReturnType<typeof deliver>>, status: number) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers["content-type"])).toContain("application/problem+json");
  return response.json() as { code: string; detail: string };
}

beforeAll(async () => {
  t = await startTestApp({ GITHUB_WEBHOOK_SECRET: secret });
  city = await t.createCity("riverside");
  otherCity = await t.createCity("hillside");
  dso = (await t.personWithRoles(city, "dso@riverside.example", [{ role: "dso_staff" }])).cookie;
  const vendorCookie = await t.signIn("ana@dev.example");
  const registered = await t.request({
    method: "POST",
    url: `${base}/vendors`,
    cookie: vendorCookie,
    body: { legalName: "Ana Devs LLC", smallBusiness: true, taxFormOnFile: true, paymentReference: "AP-1001" },
  });
  expect(registered.statusCode).toBe(201);
  vendor = { cookie: vendorCookie, id: registered.json().id as string };
  expect((await t.request({ method: "POST", url: `${base}/vendors/${vendor.id}/review`, cookie: dso, body: { decision: "verified" } })).statusCode).toBe(200);
  expect((await t.request({ method: "POST", url: `${base}/fund/additions`, cookie: dso, body: { amountMinor: 1_000_000 } })).statusCode).toBe(201);
});
afterAll(async () => t?.close());

describe("GitHub webhook: pull requests move deliveries", () => {
  it("sends a delivery back to in progress when its pull request is closed unmerged, and hands it in again when it is merged", async () => {
    const pullRequestUrl = nextPullRequestUrl();
    const submissionId = await handedIn(pullRequestUrl);

    const closedDelivery = randomUUID();
    const closed = await deliver({ event: "pull_request", deliveryId: closedDelivery, body: JSON.stringify(closedPayload(pullRequestUrl)) });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toEqual({
      event: "pull_request",
      outcome: "recorded",
      submissions: [{ id: submissionId, before: "pending_acceptance", after: "in_progress", recorded: true }],
    });
    expect((await submissionRow(submissionId)).status).toBe("in_progress");
    const [closedEntry] = await webhookAudit(submissionId);
    expect(closedEntry).toMatchObject({
      cityId: city.id,
      action: "submission.pull-request-closed",
      actorLabel: "system",
      before: { status: "pending_acceptance" },
      after: { status: "in_progress", source: "github", deliveryId: closedDelivery, pullRequestUrl, closedAt: "2019-05-15T15:21:18Z" },
    });

    const mergedDelivery = randomUUID();
    const merged = await deliver({ event: "pull_request", deliveryId: mergedDelivery, body: JSON.stringify(mergedPayload(pullRequestUrl)) });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().submissions).toEqual([{ id: submissionId, before: "in_progress", after: "pending_acceptance", recorded: true }]);
    const row = await submissionRow(submissionId);
    // Handed in for acceptance, which stays the DSO's decision: nothing is accepted or paid by a merge.
    expect(row).toMatchObject({ status: "pending_acceptance", acceptedAt: null, paidAt: null, pullRequestUrl });
    const entries = await webhookAudit(submissionId);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      action: "submission.pull-request-merged",
      before: { status: "in_progress" },
      after: { status: "pending_acceptance", deliveryId: mergedDelivery, mergedAt: "2019-05-15T15:21:18Z", mergedBy: "Codertocat" },
    });

    // The DSO then accepts against the criteria as usual.
    const accepted = await t.request({ method: "POST", url: `${base}/submissions/${submissionId}/review`, cookie: dso, body: { decision: "accepted" } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe("accepted");
    // An accepted delivery no longer follows its pull request.
    const late = await deliver({ event: "pull_request", body: JSON.stringify(closedPayload(pullRequestUrl)) });
    expect(late.statusCode).toBe(200);
    expect(late.json().submissions).toEqual([]);
    expect((await submissionRow(submissionId)).status).toBe("accepted");
  });

  it("records a merge of a delivery already waiting for acceptance without moving it, matching the address however it was written", async () => {
    pullRequestNumber += 1;
    const submissionId = await handedIn(`https://github.com/Riverside/Permits/pull/${pullRequestNumber}/`);
    const merged = await deliver({
      event: "pull_request",
      body: JSON.stringify(mergedPayload(`https://github.com/riverside/permits/pull/${pullRequestNumber}`)),
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().submissions).toEqual([{ id: submissionId, before: "pending_acceptance", after: "pending_acceptance", recorded: true }]);
    expect((await submissionRow(submissionId)).status).toBe("pending_acceptance");
    const entries = await webhookAudit(submissionId);
    expect(entries.map((entry) => entry.action)).toEqual(["submission.pull-request-merged"]);
  });

  it("processes the same delivery once, even when GitHub sends it twice at the same time", async () => {
    const pullRequestUrl = nextPullRequestUrl();
    const submissionId = await handedIn(pullRequestUrl);
    const deliveryId = randomUUID();
    const body = JSON.stringify(closedPayload(pullRequestUrl));

    const first = await deliver({ event: "pull_request", deliveryId, body });
    expect(first.json().submissions).toEqual([{ id: submissionId, before: "pending_acceptance", after: "in_progress", recorded: true }]);
    const before = await submissionRow(submissionId);
    const again = await deliver({ event: "pull_request", deliveryId, body });
    expect(again.statusCode).toBe(200);
    expect(again.json().submissions).toEqual([{ id: submissionId, before: "in_progress", after: "in_progress", recorded: false }]);
    expect(await submissionRow(submissionId)).toEqual(before);
    expect(await webhookAudit(submissionId)).toHaveLength(1);

    // Two copies of a merge arriving together: one is recorded, the other changes nothing.
    const mergedId = randomUUID();
    const mergedBody = JSON.stringify(mergedPayload(pullRequestUrl));
    const both = await Promise.all([
      deliver({ event: "pull_request", deliveryId: mergedId, body: mergedBody }),
      deliver({ event: "pull_request", deliveryId: mergedId, body: mergedBody }),
    ]);
    expect(both.map((response) => response.statusCode)).toEqual([200, 200]);
    expect(both.map((response) => response.json().submissions[0].recorded).sort()).toEqual([false, true]);
    expect((await submissionRow(submissionId)).status).toBe("pending_acceptance");
    expect((await webhookAudit(submissionId)).map((entry) => entry.action)).toEqual(["submission.pull-request-closed", "submission.pull-request-merged"]);
  });

  it("leaves a delivery past due waiting for acceptance when its pull request is closed, for the DSO to decide", async () => {
    const pullRequestUrl = nextPullRequestUrl();
    const submissionId = await handedIn(pullRequestUrl);
    const dueAt = new Date(Date.now() - 3_600_000);
    await t.database.db.update(submissions).set({ dueAt }).where(eq(submissions.id, submissionId));

    const closed = await deliver({ event: "pull_request", body: JSON.stringify(closedPayload(pullRequestUrl)) });
    expect(closed.json().submissions).toEqual([{ id: submissionId, before: "pending_acceptance", after: "pending_acceptance", recorded: true }]);
    expect((await submissionRow(submissionId)).status).toBe("pending_acceptance");
    const [entry] = await webhookAudit(submissionId);
    expect(entry?.after).toMatchObject({ status: "pending_acceptance", pastDue: true, dueAt: dueAt.toISOString() });
  });

  it("accepts GitHub's form-encoded deliveries, signed over the form as sent", async () => {
    const pullRequestUrl = nextPullRequestUrl();
    const submissionId = await handedIn(pullRequestUrl);
    const body = new URLSearchParams({ payload: JSON.stringify(closedPayload(pullRequestUrl)) }).toString();
    const closed = await deliver({ event: "pull_request", body, contentType: "application/x-www-form-urlencoded" });
    expect(closed.statusCode).toBe(200);
    expect((await submissionRow(submissionId)).status).toBe("in_progress");
  });

  it("touches only the deliveries of the city whose address was called", async () => {
    const pullRequestUrl = nextPullRequestUrl();
    const [otherVendor] = await t.database.db
      .insert(vendors)
      .values({ cityId: otherCity.id, legalName: "Hill Code", status: "verified", taxFormOnFile: true })
      .returning();
    const [otherBounty] = await t.database.db
      .insert(bounties)
      .values({ cityId: otherCity.id, kind: "fixed", title: "Hillside work", requiredLicence: "MIT", amountMinor: 5_000, currency: "USD", status: "awarded" })
      .returning();
    if (!otherVendor || !otherBounty) throw new Error("no setup");
    const opened = await openSubmission(t.database.db, {
      cityId: otherCity.id,
      bountyId: otherBounty.id,
      vendorId: otherVendor.id,
      amountMinor: 5_000,
      currency: "USD",
      awardedAt: new Date(),
    });
    await t.database.db.update(submissions).set({ status: "pending_acceptance", pullRequestUrl }).where(eq(submissions.id, opened.id));

    const closed = await deliver({ event: "pull_request", body: JSON.stringify(closedPayload(pullRequestUrl)) });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().submissions).toEqual([]);
    expect((await submissionRow(opened.id)).status).toBe("pending_acceptance");

    const there = await deliver({ event: "pull_request", url: "/api/v1/cities/hillside/webhooks/github", body: JSON.stringify(closedPayload(pullRequestUrl)) });
    expect(there.json().submissions).toEqual([{ id: opened.id, before: "pending_acceptance", after: "in_progress", recorded: true }]);
    expect(expectProblem(await deliver({ event: "ping", url: "/api/v1/cities/nowhere/webhooks/github", body: "{}" }), 404).code).toBe("not-found");
  });
});

describe("GitHub webhook: what it refuses or ignores", () => {
  it("refuses a delivery whose signature is wrong, tampered with or missing, and changes nothing", async () => {
    const pullRequestUrl = nextPullRequestUrl();
    const submissionId = await handedIn(pullRequestUrl);
    const before = await submissionRow(submissionId);
    const body = JSON.stringify(mergedPayload(pullRequestUrl));
    const closedBody = JSON.stringify(closedPayload(pullRequestUrl));

    const attempts: Delivery[] = [
      { event: "pull_request", body: closedBody, signature: signatureOf(closedBody, "another-secret-entirely-000000") },
      { event: "pull_request", body: closedBody, signature: signatureOf(body) },
      { event: "pull_request", body: `${closedBody} `, signature: signatureOf(closedBody) },
      { event: "pull_request", body: closedBody.replace('"merged":false', '"merged":true'), signature: signatureOf(closedBody) },
      { event: "pull_request", body: closedBody, signature: null },
      { event: "pull_request", body: closedBody, signature: "" },
      { event: "pull_request", body: closedBody, signature: signatureOf(closedBody).replace("sha256=", "sha1=") },
      { event: "pull_request", body: closedBody, signature: "sha256=00" },
      { event: "pull_request", body: "", signature: signatureOf("") },
      { event: "ping", body: "{}", signature: signatureOf("{}", "another-secret-entirely-000000") },
    ];
    for (const attempt of attempts) {
      const problem = expectProblem(await deliver(attempt), 401);
      expect(problem.code).toBe("unauthenticated");
      expect(problem.detail).toBe("The X-Hub-Signature-256 signature is missing or does not match this request; nothing was changed.");
    }
    expect(await submissionRow(submissionId)).toEqual(before);
    expect(await webhookAudit(submissionId)).toEqual([]);
  });

  it("answers a ping, and ignores other events and other pull request actions", async () => {
    const ping = await deliver({ event: "ping", body: JSON.stringify(examplesOf("ping")[0]) });
    expect(ping.statusCode).toBe(200);
    expect(ping.json()).toEqual({ event: "ping", outcome: "pong", submissions: [] });

    const pullRequestUrl = nextPullRequestUrl();
    const submissionId = await handedIn(pullRequestUrl);
    const before = await submissionRow(submissionId);
    const issue = await deliver({ event: "issues", body: JSON.stringify(examplesOf("issues")[0]) });
    expect(issue.statusCode).toBe(202);
    expect(issue.json()).toEqual({ event: "issues", outcome: "ignored", submissions: [] });
    const reopened = structuredClone(examplesOf("pull_request").find((payload) => payload.action === "reopened")) as PullRequestPayload;
    reopened.pull_request.html_url = pullRequestUrl;
    const reopenedAnswer = await deliver({ event: "pull_request", body: JSON.stringify(reopened) });
    expect(reopenedAnswer.statusCode).toBe(202);
    expect(reopenedAnswer.json().outcome).toBe("ignored");
    // A review on the pull request carries it too, but is not a merge.
    const review = structuredClone(examplesOf("pull_request_review")[0]) as PullRequestPayload;
    review.pull_request.html_url = pullRequestUrl;
    expect((await deliver({ event: "pull_request_review", body: JSON.stringify(review) })).statusCode).toBe(202);
    expect(await submissionRow(submissionId)).toEqual(before);
    expect(await webhookAudit(submissionId)).toEqual([]);
  });

  it("answers 400 to a signed delivery it cannot read", async () => {
    expectProblem(await deliver({ event: "pull_request", body: "{not json" }), 400);
    expectProblem(await deliver({ event: "pull_request", body: JSON.stringify({ action: "closed", pull_request: {} }) }), 400);
    const noEvent = await t.app.inject({
      method: "POST",
      url: hook,
      headers: { "content-type": "application/json", "x-github-delivery": randomUUID(), "x-hub-signature-256": signatureOf("{}") },
      payload: "{}",
    });
    expect(expectProblem(noEvent, 400).detail).toBe("The X-GitHub-Event header is missing.");
  });

  it("needs neither a session nor an Origin header, and leaves JSON parsing of other routes alone", async () => {
    const withCookie = await t.app.inject({
      method: "POST",
      url: hook,
      headers: {
        "content-type": "application/json",
        cookie: dso,
        "x-github-event": "ping",
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": signatureOf("{}"),
      },
      payload: "{}",
    });
    expect(withCookie.statusCode).toBe(200);
    // Elsewhere a JSON body is still parsed as JSON.
    const fund = await t.request({ method: "POST", url: `${base}/fund/additions`, cookie: dso, body: { amountMinor: 1 } });
    expect(fund.statusCode).toBe(201);
  });

  it("answers 503 when the deployment has no webhook secret", async () => {
    const unconfigured = await startTestApp();
    try {
      await unconfigured.createCity("riverside");
      const body = JSON.stringify(examplesOf("ping")[0]);
      const problem = expectProblem(await deliver({ app: unconfigured, event: "ping", body }), 503);
      expect(problem.code).toBe("unavailable");
      expect(problem.detail).toBe("The GitHub webhook is not configured on this server: set GITHUB_WEBHOOK_SECRET.");
    } finally {
      await unconfigured.close();
    }
  });
});
