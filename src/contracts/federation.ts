import { z } from "zod";
import { cityPath, isoDateTime } from "./platform.ts";

/** Federation: the city's DSO as an ActivityPub actor, the cities it follows and who follows it. */

export const followingStatus = z.enum(["pending", "accepted", "rejected"]);
export type FollowingStatus = z.infer<typeof followingStatus>;

export const following = z.object({
  id: z.uuid(),
  actorUrl: z.string(),
  /** user@host, when the actor has one. */
  handle: z.string().nullable(),
  name: z.string(),
  status: followingStatus,
  requestedAt: isoDateTime,
  acceptedAt: isoDateTime.nullable(),
  /** When something last came from this city. */
  lastReceivedAt: isoDateTime.nullable(),
  /** How many of its entries this city holds. */
  entries: z.number().int(),
});
export type FollowingView = z.infer<typeof following>;

export const follower = z.object({ actorUrl: z.string(), handle: z.string().nullable(), name: z.string(), followedAt: isoDateTime });

export const federationOverview = z.object({
  /** The city's handle for fediverse accounts: slug@host. */
  handle: z.string(),
  actorUrl: z.string(),
  following: z.array(following),
  followers: z.array(follower),
  /** Activities written but not yet delivered to every follower (deliveries retried later). */
  pendingDeliveries: z.number().int(),
  lastPublishedAt: isoDateTime.nullable(),
});

export const followRequest = z.object({
  /** A handle (springfield@civitas.example, with or without a leading @) or an actor's URL. */
  account: z.string().trim().min(3).max(500),
});

export const followingPath = cityPath.extend({ followingId: z.uuid({ error: "errors.federation.notFound" }) });
