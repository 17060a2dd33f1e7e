import { asc, desc, eq, max } from "drizzle-orm";
import type { FollowingView } from "../../../contracts/federation.ts";
import type { Executor } from "../../db/connection.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { remoteEntryCounts } from "../catalog/index.ts";
import type { CityFederation } from "./city-federation.ts";
import { federationFollowers, federationFollowing, federationPublished } from "./schema.ts";

export function presentFollowing(row: typeof federationFollowing.$inferSelect, counts: ReadonlyMap<string, number>): FollowingView {
  return {
    id: row.id,
    actorUrl: row.actorUrl,
    handle: row.handle,
    name: row.name,
    status: row.status,
    requestedAt: row.requestedAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    lastReceivedAt: row.lastReceivedAt?.toISOString() ?? null,
    entries: counts.get(row.actorUrl) ?? 0,
  };
}

export async function federationOverviewOf(db: Executor, federation: CityFederation, city: City) {
  const [following, followers, counts, [published], pendingDeliveries] = await Promise.all([
    db.select().from(federationFollowing).where(eq(federationFollowing.cityId, city.id)).orderBy(asc(federationFollowing.name), asc(federationFollowing.id)),
    db.select().from(federationFollowers).where(eq(federationFollowers.cityId, city.id)).orderBy(desc(federationFollowers.followedAt)),
    remoteEntryCounts(db, city.id),
    db
      .select({ at: max(federationPublished.lastPublishedAt) })
      .from(federationPublished)
      .where(eq(federationPublished.cityId, city.id)),
    federation.pendingDeliveries(city),
  ]);
  return {
    handle: federation.handleOf(city),
    actorUrl: federation.actorUrlOf(city),
    following: following.map((row) => presentFollowing(row, counts)),
    followers: followers.map((row) => ({ actorUrl: row.actorUrl, handle: row.handle, name: row.name, followedAt: row.followedAt.toISOString() })),
    pendingDeliveries,
    lastPublishedAt: published?.at?.toISOString() ?? null,
  };
}
