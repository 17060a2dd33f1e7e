import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, createServer as createTcpServer } from "node:net";
import { signRequest } from "@fedify/fedify";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { City } from "../../platform/tenancy/index.ts";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { catalogRemoteEntries } from "../catalog/index.ts";
import { keyPairsOf } from "./keys.ts";
import { federationQueueName } from "./message-queue.ts";
import { federationFollowers } from "./schema.ts";

/**
 * Two real Civitas instances, each on its own port and database, federating over HTTP with signed
 * requests: Shelbyville follows Springfield, Springfield shares software, Shelbyville forks it and
 * sees Springfield's later changes. Deliveries to a peer that is down are tried again later while
 * everyone else gets theirs at once.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createTcpServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Instance {
  t: TestApp;
  base: string;
  city: City;
  cookie: string;
}

async function startInstance(slug: string, name: string): Promise<Instance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await startTestApp({
    PUBLIC_URL: base,
    FEDERATION_ALLOW_PRIVATE_ADDRESSES: "true",
    FEDERATION_RETRY_SECONDS: "1",
    FEDERATION_CIRCUIT_BREAKER: "false",
  });
  await t.app.listen({ host: "127.0.0.1", port });
  const city = await t.createCity(slug, name);
  const { cookie } = await t.personWithRoles(city, `dso@${slug}.example`, [{ role: "dso_staff" }]);
  return { t, base, city, cookie };
}

// Deliveries go through the job queue, which a shared two-core machine under a full test run can
// take a while to drain; a minute is far beyond what a quiet machine needs.
async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, seconds = 60): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function publiccode(name: string, extra: { version?: string; feature?: string } = {}): string {
  return `publiccodeYmlVersion: "0.4"
name: ${name}
url: "https://git.example.org/springfield/${name.toLowerCase().replaceAll(" ", "-")}.git"
softwareVersion: "${extra.version ?? "1.0.0"}"
platforms:
  - web
categories:
  - it-service-management
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: ${name} tracks residents' requests for city services from report to resolution.
    longDescription: >
      ${name} lets residents report a problem they see in the street or a missed collection
      from a phone, and lets the city's departments take each request through triage, work and
      resolution, with a public map and status page so that nobody has to phone to ask.
    features:
      - Report from a phone
      - ${extra.feature ?? "Public status page"}
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: internal
  contacts:
    - name: Springfield Digital Service
localisation:
  localisationReady: true
  availableLanguages:
    - en
`;
}

describe("federation between two Civitas instances", () => {
  let springfield: Instance;
  let shelbyville: Instance;
  const springfieldActor = () => `${springfield.base}/ap/cities/springfield`;

  beforeAll(async () => {
    [springfield, shelbyville] = await Promise.all([startInstance("springfield", "Springfield"), startInstance("shelbyville", "Shelbyville")]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([springfield?.t.close(), shelbyville?.t.close()]);
  });

  const catalogOf = async (instance: Instance, query: string) => {
    const response = await instance.t.request({ method: "GET", url: `/api/v1/cities/${instance.city.slug}/catalog?${query}` });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: { id: string; name: string; source: string; city: { name: string; actorUrl: string | null }; updatedAt: string }[] };
  };

  it("answers WebFinger for the city's handle with its actor, which carries its inbox and public keys", async () => {
    const host = new URL(springfield.base).host;
    const finger = await fetch(`${springfield.base}/.well-known/webfinger?resource=${encodeURIComponent(`acct:springfield@${host}`)}`);
    expect(finger.status).toBe(200);
    const links = ((await finger.json()) as { links: { rel: string; href?: string }[] }).links;
    expect(links.find((link) => link.rel === "self")?.href).toBe(springfieldActor());
    // On a deployment with one city, dso@host names it.
    const dso = await fetch(`${springfield.base}/.well-known/webfinger?resource=${encodeURIComponent(`acct:dso@${host}`)}`);
    expect(dso.status).toBe(200);

    const actor = await fetch(springfieldActor(), { headers: { accept: "application/activity+json" } });
    expect(actor.status).toBe(200);
    const body = (await actor.json()) as Record<string, unknown>;
    expect(body.type).toBe("Organization");
    expect(body.preferredUsername).toBe("springfield");
    expect(String(body.inbox)).toBe(`${springfieldActor()}/inbox`);
    expect(JSON.stringify(body.publicKey)).toContain("BEGIN PUBLIC KEY");
    // A browser asking for the actor is sent to the city's catalog page.
    const browser = await fetch(springfieldActor(), { headers: { accept: "text/html" }, redirect: "manual" });
    expect(browser.status).toBe(302);
    expect(browser.headers.get("location")).toBe("/springfield/catalog");
  });

  it("follows, receives, forks, sees the origin's update and takes it; a deletion at the origin leaves the fork", async () => {
    // Springfield shares one solution before anyone follows: it arrives through the outbox after the Accept.
    const before = await springfield.t.request({
      method: "POST",
      url: "/api/v1/cities/springfield/catalog",
      cookie: springfield.cookie,
      body: { publiccode: publiccode("Streetlight Reports") },
    });
    expect(before.statusCode).toBe(201);

    const follow = await shelbyville.t.request({
      method: "POST",
      url: "/api/v1/cities/shelbyville/federation/following",
      cookie: shelbyville.cookie,
      body: { account: springfieldActor() },
    });
    expect(follow.statusCode).toBe(201);
    expect(follow.json()).toMatchObject({ actorUrl: springfieldActor(), status: "pending", name: "Springfield" });
    const again = await shelbyville.t.request({
      method: "POST",
      url: "/api/v1/cities/shelbyville/federation/following",
      cookie: shelbyville.cookie,
      body: { account: springfieldActor() },
    });
    expect(again.statusCode).toBe(409);

    await eventually("the follow to be accepted", async () => {
      const overview = await shelbyville.t.request({ method: "GET", url: "/api/v1/cities/shelbyville/federation", cookie: shelbyville.cookie });
      return (overview.json() as { following: { status: string }[] }).following[0]?.status === "accepted";
    });
    const followers = await springfield.t.request({ method: "GET", url: "/api/v1/cities/springfield/federation", cookie: springfield.cookie });
    expect((followers.json() as { followers: { actorUrl: string }[] }).followers.map((row) => row.actorUrl)).toEqual([
      `${shelbyville.base}/ap/cities/shelbyville`,
    ]);

    await eventually("the earlier solution to come through the outbox", async () => {
      const found = (await catalogOf(shelbyville, "q=streetlight")).items;
      return found.some((item) => item.source === "federated" && item.name === "Streetlight Reports");
    });

    // Springfield publishes a new solution: Shelbyville's catalog shows it, with where it came from.
    const created = await springfield.t.request({
      method: "POST",
      url: "/api/v1/cities/springfield/catalog",
      cookie: springfield.cookie,
      body: { publiccode: publiccode("Pothole Tracker") },
    });
    expect(created.statusCode).toBe(201);
    const remote = await eventually("the new solution at Shelbyville", async () =>
      (await catalogOf(shelbyville, "q=pothole")).items.find((item) => item.source === "federated"),
    );
    expect(remote).toMatchObject({ name: "Pothole Tracker", city: { name: "Springfield", actorUrl: springfieldActor() } });
    const detail = await shelbyville.t.request({ method: "GET", url: `/api/v1/cities/shelbyville/catalog/remote/${remote.id}`, cookie: shelbyville.cookie });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      kind: "software",
      origin: { name: "Springfield" },
      pageUrl: `${springfield.base}/springfield/catalog/${created.json().id}`,
      publiccode: { name: "Pothole Tracker", softwareVersion: "1.0.0" },
      canFork: true,
    });
    // The federated entry is read-only here: there is no way to change it but to fork it.
    const put = await shelbyville.t.request({
      method: "PUT",
      url: `/api/v1/cities/shelbyville/catalog/${remote.id}`,
      cookie: shelbyville.cookie,
      body: { publiccode: publiccode("Pothole Tracker") },
    });
    expect(put.statusCode).toBe(404);

    // Shelbyville forks it.
    const fork = await shelbyville.t.request({
      method: "POST",
      url: `/api/v1/cities/shelbyville/catalog/remote/${remote.id}/fork`,
      cookie: shelbyville.cookie,
    });
    expect(fork.statusCode).toBe(201);
    const forkId = fork.json().id as string;
    expect(fork.json()).toMatchObject({ source: "fork", name: "Pothole Tracker", fork: { origin: { name: "Springfield" }, originChanges: [] } });

    // Springfield releases a new version; the fork shows what changed at the origin.
    const updated = await springfield.t.request({
      method: "PUT",
      url: `/api/v1/cities/springfield/catalog/${created.json().id}`,
      cookie: springfield.cookie,
      body: { publiccode: publiccode("Pothole Tracker", { version: "1.1.0", feature: "Photos with each report" }) },
    });
    expect(updated.statusCode).toBe(200);
    const changed = await eventually("the origin's update on the fork", async () => {
      const response = await shelbyville.t.request({ method: "GET", url: `/api/v1/cities/shelbyville/catalog/${forkId}`, cookie: shelbyville.cookie });
      const body = response.json() as { fork: { originChanges: { field: string; after: unknown }[] } };
      return body.fork.originChanges.length > 0 ? body : null;
    });
    expect(changed.fork.originChanges.map((change) => change.field).sort()).toEqual(["description.en", "softwareVersion"]);
    expect(changed.fork.originChanges.find((change) => change.field === "softwareVersion")?.after).toBe("1.1.0");
    const remoteAfter = await shelbyville.t.request({ method: "GET", url: `/api/v1/cities/shelbyville/catalog/remote/${remote.id}` });
    expect(remoteAfter.json()).toMatchObject({ publiccode: { softwareVersion: "1.1.0" }, forks: [{ id: forkId }] });

    const taken = await shelbyville.t.request({
      method: "POST",
      url: `/api/v1/cities/shelbyville/catalog/${forkId}/take-origin-changes`,
      cookie: shelbyville.cookie,
    });
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ publiccode: { softwareVersion: "1.1.0" }, fork: { originChanges: [] } });

    // Springfield removes the solution: it leaves Shelbyville's catalog, the fork stays.
    const removed = await springfield.t.request({
      method: "DELETE",
      url: `/api/v1/cities/springfield/catalog/${created.json().id}`,
      cookie: springfield.cookie,
    });
    expect(removed.statusCode).toBe(204);
    await eventually("the deletion at Shelbyville", async () => !(await catalogOf(shelbyville, "q=pothole")).items.some((item) => item.source === "federated"));
    const kept = (await catalogOf(shelbyville, "q=pothole")).items;
    expect(kept.map((item) => [item.source, item.id])).toEqual([["fork", forkId]]);
  }, 240_000);

  it("refuses activities whose signature is missing, forged or does not match the body, and keeps nothing of them", async () => {
    const inbox = `${shelbyville.base}/ap/inbox`;
    const objectId = `${springfield.base}/ap/cities/springfield/objects/0190f0f0-0000-7000-8000-000000000bad`;
    const activity = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${objectId}#create-1`,
      type: "Create",
      actor: springfieldActor(),
      object: {
        id: objectId,
        type: "Article",
        attributedTo: springfieldActor(),
        name: "Forged Solution",
        source: {
          content: JSON.stringify({ format: "civitas-shared", version: 1, kind: "software", publiccode: { name: "Forged Solution" } }),
          mediaType: "application/vnd.civitas.shared+json",
        },
      },
    };
    const body = JSON.stringify(activity);

    const unsigned = await fetch(inbox, { method: "POST", headers: { "content-type": "application/activity+json" }, body });
    expect(unsigned.status).toBe(401);

    const forged = await fetch(inbox, {
      method: "POST",
      headers: {
        "content-type": "application/activity+json",
        date: new Date().toUTCString(),
        signature: `keyId="${springfieldActor()}#main-key",algorithm="rsa-sha256",headers="(request-target) host date",signature="${Buffer.from("not a signature").toString("base64")}"`,
      },
      body,
    });
    expect(forged.status).toBe(401);

    // Signed with Springfield's real key, then the body is changed on the way.
    const [rsa] = await keyPairsOf(springfield.t.database.db, springfield.city.id);
    if (!rsa) throw new Error("Springfield has no key");
    const signed = await signRequest(
      new Request(inbox, { method: "POST", headers: { "content-type": "application/activity+json" }, body }),
      rsa.privateKey,
      new URL(`${springfieldActor()}#main-key`),
    );
    const tamperedBody = body.replace("Forged Solution", "Tampered Solution");
    const tampered = await fetch(inbox, { method: "POST", headers: signed.headers, body: tamperedBody });
    expect(tampered.status).toBe(401);

    const stored = await shelbyville.t.database.db
      .select()
      .from(catalogRemoteEntries)
      .where(and(eq(catalogRemoteEntries.cityId, shelbyville.city.id), eq(catalogRemoteEntries.objectUrl, objectId)));
    expect(stored).toEqual([]);
  });

  it("delivers to reachable followers at once and tries an unreachable one again later", async () => {
    // A follower whose server is down when Springfield publishes.
    const downPort = await freePort();
    const downInbox = `http://127.0.0.1:${downPort}/inbox`;
    await springfield.t.database.db.insert(federationFollowers).values({
      cityId: springfield.city.id,
      actorUrl: `http://127.0.0.1:${downPort}/actor`,
      inboxUrl: downInbox,
      sharedInboxUrl: null,
      handle: null,
      name: "A city that is down",
    });

    const created = await springfield.t.request({
      method: "POST",
      url: "/api/v1/cities/springfield/catalog",
      cookie: springfield.cookie,
      body: { publiccode: publiccode("Snow Plough Map") },
    });
    expect(created.statusCode).toBe(201);
    // Shelbyville is not held up by the follower that is down.
    await eventually("the solution at Shelbyville", async () => (await catalogOf(shelbyville, "q=plough")).items.length === 1, 20);
    // The delivery to the follower that is down failed and waits in the queue for a later attempt.
    await eventually("a delivery put off for a later attempt", async () => {
      const waiting = await springfield.t.database.pool.query(
        "select count(*)::int as count from pgboss.job where name = $1 and state in ('created', 'retry') and start_after > now() and data::text like $2",
        [federationQueueName, `%${downPort}%`],
      );
      return waiting.rows[0].count > 0;
    });

    // The city's federation page counts it as waiting; the other city has nothing waiting.
    const overview = async (instance: Instance) =>
      (await instance.t.request({ method: "GET", url: `/api/v1/cities/${instance.city.slug}/federation`, cookie: instance.cookie })).json() as {
        pendingDeliveries: number;
      };
    expect((await overview(springfield)).pendingDeliveries).toBeGreaterThanOrEqual(1);
    expect((await overview(shelbyville)).pendingDeliveries).toBe(0);

    // The follower comes back; the delivery that failed arrives on a later attempt, still signed.
    const received: { body: string; signed: boolean }[] = [];
    const server: Server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({ body: Buffer.concat(chunks).toString("utf8"), signed: Boolean(request.headers.signature ?? request.headers["signature-input"]) });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(downPort, "127.0.0.1", resolve));
    try {
      const delivery = await eventually("the retried delivery", async () => received.find((each) => each.body.includes("Snow Plough Map")), 60);
      expect(delivery.signed).toBe(true);
      expect(JSON.parse(delivery.body)).toMatchObject({ type: "Create", actor: springfieldActor() });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 90_000);
});
