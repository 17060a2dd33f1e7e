import { type Context, createExponentialBackoffPolicy, createFederation, type Federation, type InboxContext } from "@fedify/fedify";
import {
  Accept,
  type Activity,
  Article,
  Create,
  Delete,
  Document,
  Endpoints,
  Follow,
  Hashtag,
  isActor,
  Organization,
  PUBLIC_COLLECTION,
  type Recipient,
  Reject,
  Source,
  Tombstone,
  traverseCollection,
  Undo,
  Update,
} from "@fedify/vocab";
import { Temporal } from "@js-temporal/polyfill";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database } from "../../db/connection.ts";
import type { Jobs } from "../../platform/jobs/index.ts";
import { type City, type CityDirectory, cities, listCities } from "../../platform/tenancy/index.ts";
import { type IncomingEntry, markRemoteEntryDeleted, storeRemoteEntry } from "../catalog/index.ts";
import { keyPairsOf } from "./keys.ts";
import { PostgresKvStore } from "./kv-store.ts";
import { federationQueueName, PgBossMessageQueue } from "./message-queue.ts";
import { federationFollowers, federationFollowing, federationPublished, type PublishedKind } from "./schema.ts";
import { collectSharedObjects, contentHashOf, type SharedObject, sharedRecordFormat, sharedRecordMediaType, sharedRecordOf } from "./shared-objects.ts";

export interface FederationSettings {
  /** Lets this server fetch from and deliver to private addresses (two instances on one machine, in tests). */
  allowPrivateAddresses: boolean;
  /** The first wait before a failed delivery is tried again; it doubles each time. */
  retryInitialSeconds: number;
  /** Holds deliveries to a peer that keeps failing instead of trying it again and again. */
  circuitBreaker: boolean;
  /** Deliveries this process makes at once. */
  concurrency: number;
}

const publishQueue = "federation.publish";
const backfillQueue = "federation.backfill";

/** A stored shared object, as the outbox and dereferencing need it. */
type PublishedRow = typeof federationPublished.$inferSelect;

/** An instant as Fedify takes it: its vocabulary runs on the Temporal polyfill but is typed with the standard's types. */
function instant(iso: string): globalThis.Temporal.Instant {
  return Temporal.Instant.from(iso) as unknown as globalThis.Temporal.Instant;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * A city's Digital Service as an ActivityPub actor, with Fedify: WebFinger (`slug@host`, and `dso@host`
 * on a deployment with one city), the actor and its keys, an outbox of what it shares, followers, and
 * an inbox that accepts follows and keeps what followed cities share. Every request it sends is
 * signed; every activity it receives must carry a valid signature by its actor.
 */
export class CityFederation {
  readonly federation: Federation<void>;
  readonly #db: Database;
  readonly #jobs: Jobs;
  readonly #directory: CityDirectory;
  readonly #logger: Logger;
  readonly #origin: URL;
  readonly #queue: PgBossMessageQueue;
  readonly #kv: PostgresKvStore;
  #abort: AbortController | null = null;

  constructor(deps: { db: Database; jobs: Jobs; directory: CityDirectory; logger: Logger; publicUrl: string; settings: FederationSettings }) {
    this.#db = deps.db;
    this.#jobs = deps.jobs;
    this.#directory = deps.directory;
    this.#logger = deps.logger;
    this.#origin = new URL(new URL(deps.publicUrl).origin);
    this.#queue = new PgBossMessageQueue(deps.jobs, { concurrency: deps.settings.concurrency });
    this.#kv = new PostgresKvStore(deps.db);
    this.federation = createFederation<void>({
      kv: this.#kv,
      queue: this.#queue,
      manuallyStartQueue: true,
      origin: this.#origin.href,
      allowPrivateAddress: deps.settings.allowPrivateAddresses,
      outboxRetryPolicy: createExponentialBackoffPolicy({
        initialDelay: { seconds: deps.settings.retryInitialSeconds },
        maxDelay: { hours: 12 },
        maxAttempts: 10,
        jitter: false,
      }),
      ...(deps.settings.circuitBreaker ? {} : { circuitBreaker: false as const }),
      onOutboxError: (error, activity) => this.#logger.warn({ err: error, activity: activity?.id?.href }, "federation delivery failed; it will be tried again"),
    });
    this.#defineDispatchers();
    this.#defineInbox();
    deps.jobs.define<{ cityId: string }>({
      name: publishQueue,
      retryLimit: 5,
      retryDelaySeconds: 30,
      pollingIntervalSeconds: 1,
      handle: async ({ cityId }) => {
        await this.publishCity(cityId);
      },
    });
    deps.jobs.define<Record<string, never>>({
      name: "federation.publish-all",
      schedule: "*/5 * * * *",
      retryLimit: 1,
      handle: async () => {
        for (const city of await this.#cities()) await this.publishCity(city.id);
        await this.#kv.sweep();
      },
    });
    deps.jobs.define<{ followingId: string }>({
      name: backfillQueue,
      retryLimit: 5,
      retryDelaySeconds: 30,
      pollingIntervalSeconds: 1,
      handle: async ({ followingId }) => this.backfill(followingId),
    });
  }

  get origin(): URL {
    return this.#origin;
  }

  /** Starts taking deliveries from the queue; the app's job worker does the rest. */
  start(): void {
    if (this.#abort) return;
    this.#abort = new AbortController();
    void this.federation.startQueue(undefined, { signal: this.#abort.signal });
  }

  stop(): void {
    this.#abort?.abort();
    this.#abort = null;
  }

  context(): Context<void> {
    return this.federation.createContext(this.#origin, undefined);
  }

  handleOf(city: Pick<City, "slug">): string {
    return `${city.slug}@${this.#origin.host}`;
  }

  actorUrlOf(city: Pick<City, "slug">): string {
    return this.context().getActorUri(city.slug).href;
  }

  /** This city's activities waiting to go out, or to be tried again after a failure. */
  async pendingDeliveries(city: Pick<City, "slug">): Promise<number> {
    const result = await this.#db.execute<{ count: number }>(sql`
      select count(*)::int as count from pgboss.job
      where name = ${federationQueueName} and state in ('created', 'retry')
        and data->'message'->>'type' in ('outbox', 'fanout')
        and data->'message'->'activity'->>'actor' = ${this.actorUrlOf(city)}`);
    return Number(result.rows[0]?.count ?? 0);
  }

  async #cities(): Promise<City[]> {
    return listCities(this.#db);
  }

  #defineDispatchers(): void {
    const db = this.#db;
    this.federation
      .setActorDispatcher("/ap/cities/{identifier}", async (ctx, identifier) => {
        const city = await this.#directory.findBySlug(identifier);
        if (!city) return null;
        const keys = await ctx.getActorKeyPairs(identifier);
        return new Organization({
          id: ctx.getActorUri(identifier),
          preferredUsername: identifier,
          name: `${city.name} Digital Service`,
          summary: `What ${city.name}'s Digital Service builds and shares: software, documented processes, open bounties and calls for volunteers.`,
          url: new URL(`/${city.slug}/catalog`, this.#origin),
          inbox: ctx.getInboxUri(identifier),
          outbox: ctx.getOutboxUri(identifier),
          followers: ctx.getFollowersUri(identifier),
          endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
          publicKey: keys[0]?.cryptographicKey,
          assertionMethods: keys.map((pair) => pair.multikey),
          manuallyApprovesFollowers: false,
          discoverable: true,
        });
      })
      .setKeyPairsDispatcher(async (_ctx, identifier) => {
        const city = await this.#directory.findBySlug(identifier);
        return city ? keyPairsOf(db, city.id) : [];
      })
      .mapHandle(async (_ctx, username) => {
        if (await this.#directory.findBySlug(username)) return username;
        // `dso@host` names the city of a deployment that hosts one.
        if (username === "dso") {
          const cities = await this.#cities();
          if (cities.length === 1 && cities[0]) return cities[0].slug;
        }
        return null;
      });

    this.federation.setFollowersDispatcher("/ap/cities/{identifier}/followers", async (_ctx, identifier) => {
      const city = await this.#directory.findBySlug(identifier);
      if (!city) return null;
      const rows = await db.select().from(federationFollowers).where(eq(federationFollowers.cityId, city.id));
      const items: Recipient[] = rows.map((row) => ({
        id: new URL(row.actorUrl),
        inboxId: new URL(row.inboxUrl),
        endpoints: row.sharedInboxUrl ? { sharedInbox: new URL(row.sharedInboxUrl) } : null,
      }));
      return { items };
    });

    this.federation.setOutboxDispatcher("/ap/cities/{identifier}/outbox", async (ctx, identifier) => {
      const city = await this.#directory.findBySlug(identifier);
      if (!city) return null;
      const rows = await db
        .select()
        .from(federationPublished)
        .where(and(eq(federationPublished.cityId, city.id), isNull(federationPublished.deletedAt)))
        .orderBy(desc(federationPublished.lastPublishedAt))
        .limit(500);
      return { items: rows.map((row) => this.#activityOf(ctx, city.slug, row, row.version === 1 ? "create" : "update")) };
    });

    this.federation.setObjectDispatcher(Article, "/ap/cities/{identifier}/objects/{id}", async (ctx, values) => {
      const city = await this.#directory.findBySlug(values.identifier);
      if (!city || !/^[0-9a-f-]{36}$/.test(values.id)) return null;
      const [row] = await db
        .select()
        .from(federationPublished)
        .where(and(eq(federationPublished.cityId, city.id), eq(federationPublished.id, values.id), isNull(federationPublished.deletedAt)))
        .limit(1);
      return row ? this.#articleOf(ctx, city.slug, row) : null;
    });

    // A Follow this city sent must be fetchable by its id, so that the Accept naming it can be checked.
    this.federation.setObjectDispatcher(Follow, "/ap/cities/{identifier}/follows/{id}", async (ctx, values) => {
      const city = await this.#directory.findBySlug(values.identifier);
      if (!city || !/^[0-9a-f-]{36}$/.test(values.id)) return null;
      const [row] = await db
        .select()
        .from(federationFollowing)
        .where(and(eq(federationFollowing.cityId, city.id), eq(federationFollowing.id, values.id)))
        .limit(1);
      if (!row) return null;
      return new Follow({ id: ctx.getObjectUri(Follow, values), actor: ctx.getActorUri(city.slug), object: new URL(row.actorUrl) });
    });
  }

  #articleOf(ctx: Context<void>, slug: string, row: PublishedRow): Article {
    const shared = row.object as unknown as SharedObject & { updatedAt?: string };
    const id = ctx.getObjectUri(Article, { identifier: slug, id: row.id });
    const hashtags = shared.hashtags.map(
      (tag) => new Hashtag({ name: `#${tag}`, href: new URL(`/${slug}/catalog?q=${encodeURIComponent(tag)}`, this.#origin) }),
    );
    return new Article({
      id,
      attribution: ctx.getActorUri(slug),
      name: shared.name,
      summary: shared.summary,
      content: `<p>${escapeHtml(shared.summary)}</p><p><a href="${escapeHtml(shared.pageUrl)}">${escapeHtml(shared.pageUrl)}</a></p>`,
      url: new URL(shared.pageUrl),
      published: instant(shared.publishedAt),
      updated: instant(row.lastPublishedAt.toISOString()),
      to: PUBLIC_COLLECTION,
      cc: ctx.getFollowersUri(slug),
      tags: hashtags,
      source: new Source({ content: sharedRecordOf(shared), mediaType: sharedRecordMediaType }),
      attachments: shared.attachment
        ? [new Document({ url: new URL(shared.attachment.url), mediaType: shared.attachment.mediaType, name: shared.attachment.name })]
        : [],
    });
  }

  #activityOf(ctx: Context<void>, slug: string, row: PublishedRow, what: "create" | "update"): Activity {
    const object = this.#articleOf(ctx, slug, row);
    const id = new URL(`#${what}-${row.version}`, object.id ?? ctx.getActorUri(slug));
    const fields = { id, actor: ctx.getActorUri(slug), object, to: PUBLIC_COLLECTION, cc: ctx.getFollowersUri(slug), published: object.updated };
    return what === "create" ? new Create(fields) : new Update(fields);
  }

  /** Asks for the city's shared records to be compared with what followers have, soon and once. */
  publishSoon(cityId: string): void {
    void this.#jobs
      .send(publishQueue, { cityId }, { singletonKey: cityId, singletonSeconds: 1 })
      .catch((error: unknown) => this.#logger.warn({ err: error, cityId }, "could not queue federation publishing"));
  }

  /**
   * Compares what the city shares now with what it last sent, records the difference and hands a
   * Create, Update or Delete per changed record to the delivery queue. A record is marked sent only
   * after its activity is queued, so a crash in between sends it at the next run instead of never.
   */
  async publishCity(cityId: string): Promise<{ created: number; updated: number; deleted: number }> {
    const city = await this.#cityById(cityId);
    if (!city) return { created: 0, updated: 0, deleted: 0 };
    const objects = await collectSharedObjects(this.#db, city, this.#origin.origin);
    const counts = { created: 0, updated: 0, deleted: 0 };
    const toSend = await this.#db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('federation.publish'), hashtext(${cityId}))`);
      const existing = await tx.select().from(federationPublished).where(eq(federationPublished.cityId, cityId));
      const byKey = new Map(existing.map((row) => [`${row.kind}:${row.localId}`, row]));
      const seen = new Set<string>();
      for (const object of objects) {
        const key = `${object.kind}:${object.localId}`;
        seen.add(key);
        const hash = contentHashOf(object);
        const row = byKey.get(key);
        const snapshot = object as unknown as Record<string, unknown>;
        if (!row) {
          await tx.insert(federationPublished).values({ cityId, kind: object.kind, localId: object.localId, contentHash: hash, object: snapshot });
          counts.created++;
        } else if (row.contentHash !== hash || row.deletedAt !== null) {
          await tx
            .update(federationPublished)
            .set({ contentHash: hash, object: snapshot, version: row.version + 1, lastPublishedAt: new Date(), deletedAt: null })
            .where(eq(federationPublished.id, row.id));
          counts.updated++;
        }
      }
      for (const row of existing) {
        if (row.deletedAt === null && !seen.has(`${row.kind}:${row.localId}`)) {
          await tx
            .update(federationPublished)
            .set({ version: row.version + 1, lastPublishedAt: new Date(), deletedAt: new Date() })
            .where(eq(federationPublished.id, row.id));
          counts.deleted++;
        }
      }
      return tx
        .select()
        .from(federationPublished)
        .where(and(eq(federationPublished.cityId, cityId), sql`${federationPublished.sentVersion} < ${federationPublished.version}`));
    });
    const ctx = this.context();
    for (const row of toSend) {
      const activity =
        row.deletedAt !== null
          ? new Delete({
              id: new URL(`#delete-${row.version}`, ctx.getObjectUri(Article, { identifier: city.slug, id: row.id })),
              actor: ctx.getActorUri(city.slug),
              object: new Tombstone({ id: ctx.getObjectUri(Article, { identifier: city.slug, id: row.id }) }),
              to: PUBLIC_COLLECTION,
              cc: ctx.getFollowersUri(city.slug),
            })
          : this.#activityOf(ctx, city.slug, row, row.sentVersion === 0 ? "create" : "update");
      await ctx.sendActivity({ identifier: city.slug }, "followers", activity, { preferSharedInbox: true });
      await this.#db.update(federationPublished).set({ sentVersion: row.version }).where(eq(federationPublished.id, row.id));
    }
    return counts;
  }

  async #cityById(cityId: string): Promise<City | null> {
    const [city] = await this.#db.select().from(cities).where(eq(cities.id, cityId)).limit(1);
    return city ?? null;
  }

  #defineInbox(): void {
    const db = this.#db;
    this.federation
      .setInboxListeners("/ap/cities/{identifier}/inbox", "/ap/inbox")
      .on(Follow, async (ctx, follow) => {
        if (!follow.id || !follow.actorId || !follow.objectId) return;
        const target = ctx.parseUri(follow.objectId);
        if (target?.type !== "actor") return;
        const city = await this.#directory.findBySlug(target.identifier);
        if (!city) return;
        const follower = await follow.getActor(ctx);
        if (!follower?.id || !follower.inboxId) return;
        // Anyone may follow what a city shares in public; the follow is accepted at once.
        await db
          .insert(federationFollowers)
          .values({
            cityId: city.id,
            actorUrl: follower.id.href,
            inboxUrl: follower.inboxId.href,
            sharedInboxUrl: follower.endpoints?.sharedInbox?.href ?? null,
            handle: follower.preferredUsername ? `${follower.preferredUsername}@${follower.id.host}` : null,
            name: follower.name?.toString() ?? follower.preferredUsername?.toString() ?? follower.id.href,
            followActivityId: follow.id.href,
          })
          .onConflictDoUpdate({
            target: [federationFollowers.cityId, federationFollowers.actorUrl],
            set: { inboxUrl: follower.inboxId.href, sharedInboxUrl: follower.endpoints?.sharedInbox?.href ?? null, followActivityId: follow.id.href },
          });
        // The outbox the new follower reads after the Accept must hold everything the city shares now.
        await this.publishCity(city.id).catch((error: unknown) =>
          this.#logger.warn({ err: error, cityId: city.id }, "could not publish before accepting a follower"),
        );
        await ctx.sendActivity(
          { identifier: city.slug },
          follower,
          new Accept({ id: new URL(`#accept-${crypto.randomUUID()}`, ctx.getActorUri(city.slug)), actor: ctx.getActorUri(city.slug), object: follow }),
        );
      })
      .on(Undo, async (ctx, undo) => {
        const object = await undo.getObject(ctx);
        if (!(object instanceof Follow) || !undo.actorId || !object.objectId) return;
        if (object.actorId?.href !== undo.actorId.href) return;
        const target = ctx.parseUri(object.objectId);
        if (target?.type !== "actor") return;
        const city = await this.#directory.findBySlug(target.identifier);
        if (!city) return;
        await db.delete(federationFollowers).where(and(eq(federationFollowers.cityId, city.id), eq(federationFollowers.actorUrl, undo.actorId.href)));
      })
      .on(Accept, async (ctx, accept) => this.#answered(ctx, accept, "accepted"))
      .on(Reject, async (ctx, reject) => this.#answered(ctx, reject, "rejected"))
      .on(Create, async (ctx, create) => this.#received(ctx, create))
      .on(Update, async (ctx, update) => this.#received(ctx, update))
      .on(Delete, async (_ctx, deletion) => {
        if (!deletion.actorId || !deletion.objectId || deletion.objectId.origin !== deletion.actorId.origin) return;
        for (const following of await this.#followingOf(deletion.actorId.href)) {
          await markRemoteEntryDeleted(db, following.cityId, following.actorUrl, deletion.objectId.href);
        }
      })
      .onError((_ctx, error) => this.#logger.warn({ err: error }, "federation inbox could not handle an activity"));
  }

  /** The other side answered one of this city's Follows. */
  async #answered(ctx: InboxContext<void>, answer: Accept | Reject, status: "accepted" | "rejected"): Promise<void> {
    if (!answer.actorId) return;
    const follow = await answer.getObject(ctx);
    if (!(follow instanceof Follow) || !follow.id) return;
    const parsed = ctx.parseUri(follow.id);
    if (parsed?.type !== "object" || parsed.class !== Follow) return;
    const id = parsed.values.id ?? "";
    if (!/^[0-9a-f-]{36}$/.test(id)) return;
    const [updated] = await this.#db
      .update(federationFollowing)
      .set({ status, acceptedAt: status === "accepted" ? new Date() : null })
      .where(and(eq(federationFollowing.id, id), eq(federationFollowing.actorUrl, answer.actorId.href)))
      .returning();
    if (updated && status === "accepted") await this.#jobs.send(backfillQueue, { followingId: updated.id });
  }

  async #followingOf(actorUrl: string) {
    return this.#db
      .select()
      .from(federationFollowing)
      .where(and(eq(federationFollowing.actorUrl, actorUrl), eq(federationFollowing.status, "accepted")));
  }

  /** A Create or Update from an actor some city here follows: the shared record goes into those cities' catalogs. */
  async #received(ctx: Context<void>, activity: Create | Update, onlyFollowingId?: string): Promise<void> {
    if (!activity.actorId) return;
    const followings = (await this.#followingOf(activity.actorId.href)).filter((row) => !onlyFollowingId || row.id === onlyFollowingId);
    if (followings.length === 0) return;
    const object = await activity.getObject(ctx);
    if (!(object instanceof Article) || !object.id) return;
    // Only an actor's own objects: same origin, and attributed to it.
    if (object.id.origin !== activity.actorId.origin || object.attributionId?.href !== activity.actorId.href) return;
    const incoming = await incomingOf(object, activity.actorId.href);
    if (!incoming) return;
    for (const following of followings) {
      await storeRemoteEntry(this.#db, following.cityId, { ...incoming, cityName: following.name });
      await this.#db.update(federationFollowing).set({ lastReceivedAt: new Date() }).where(eq(federationFollowing.id, following.id));
    }
  }

  /**
   * After a follow is accepted: what the other city shared before is read from its outbox, so the
   * catalog holds all of it, not only what changes from now on.
   */
  async backfill(followingId: string): Promise<void> {
    const [following] = await this.#db.select().from(federationFollowing).where(eq(federationFollowing.id, followingId)).limit(1);
    if (following?.status !== "accepted") return;
    const ctx = this.context();
    const actor = await ctx.lookupObject(following.actorUrl);
    if (!isActor(actor)) return;
    const outbox = await actor.getOutbox(ctx);
    if (!outbox) return;
    let read = 0;
    for await (const item of traverseCollection(outbox, { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader })) {
      if (++read > 2000) break;
      if ((item instanceof Create || item instanceof Update) && item.actorId?.href === following.actorUrl) await this.#received(ctx, item, following.id);
    }
  }

  /** Sends a Follow to another city's actor (or any fediverse actor), found by handle or URL. */
  async follow(city: City, account: string): Promise<{ id: string } | "not-found" | "already"> {
    const ctx = this.context();
    const text = account.trim();
    const lookup = /^https?:\/\//i.test(text) ? text : `@${text.replace(/^@/, "")}`;
    let actor: unknown = null;
    try {
      actor = await ctx.lookupObject(lookup);
    } catch (error) {
      this.#logger.info({ err: error, account: text }, "could not look up an account to follow");
    }
    if (!isActor(actor) || !actor.id || !actor.inboxId) return "not-found";
    if (actor.id.href === ctx.getActorUri(city.slug).href) return "not-found";
    const name = actor.name?.toString() ?? actor.preferredUsername?.toString() ?? actor.id.host;
    const [row] = await this.#db
      .insert(federationFollowing)
      .values({
        cityId: city.id,
        actorUrl: actor.id.href,
        inboxUrl: actor.inboxId.href,
        handle: actor.preferredUsername ? `${actor.preferredUsername}@${actor.id.host}` : null,
        name: name.replace(/ Digital Service$/, ""),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return "already";
    await ctx.sendActivity(
      { identifier: city.slug },
      actor,
      new Follow({ id: ctx.getObjectUri(Follow, { identifier: city.slug, id: row.id }), actor: ctx.getActorUri(city.slug), object: actor.id }),
    );
    return { id: row.id };
  }

  /** Stops following: an Undo goes to the other side; what it shared leaves the catalog (forks stay). */
  async unfollow(city: City, followingId: string): Promise<typeof federationFollowing.$inferSelect | null> {
    const [row] = await this.#db
      .delete(federationFollowing)
      .where(and(eq(federationFollowing.cityId, city.id), eq(federationFollowing.id, followingId)))
      .returning();
    if (!row) return null;
    const ctx = this.context();
    const follow = new Follow({
      id: ctx.getObjectUri(Follow, { identifier: city.slug, id: row.id }),
      actor: ctx.getActorUri(city.slug),
      object: new URL(row.actorUrl),
    });
    await ctx.sendActivity(
      { identifier: city.slug },
      { id: new URL(row.actorUrl), inboxId: new URL(row.inboxUrl), endpoints: null },
      new Undo({ id: new URL(`#undo-${row.id}`, ctx.getActorUri(city.slug)), actor: ctx.getActorUri(city.slug), object: follow }),
    );
    return row;
  }
}

/** What a shared Article says, as a catalog entry; null for anything that is not a Civitas record. */
export async function incomingOf(object: Article, actorUrl: string): Promise<Omit<IncomingEntry, "cityName"> | null> {
  const source = object.source;
  if (!source || source.mediaType !== sharedRecordMediaType || typeof source.content !== "string") return null;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(source.content) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (record.format !== sharedRecordFormat || record.version !== 1) return null;
  const kinds: PublishedKind[] = ["software", "process", "bounty", "call"];
  const kind = kinds.find((candidate) => candidate === record.kind);
  if (!kind || !object.id) return null;
  const { format: _format, version: _version, kind: _kind, ...data } = record;
  const url = object.url;
  const pageUrl = url instanceof URL ? url.href : (url?.href?.href ?? null);
  return {
    kind,
    objectUrl: object.id.href,
    pageUrl,
    actorUrl,
    name: object.name?.toString() ?? "",
    summary: object.summary?.toString() ?? "",
    data,
    publishedAt: object.published ? new Date(object.published.epochMilliseconds) : null,
    updatedAt: object.updated ? new Date(object.updated.epochMilliseconds) : object.published ? new Date(object.published.epochMilliseconds) : null,
  };
}
