// Federation: each city's Digital Service as an ActivityPub actor (Fedify) that shares its catalog,
// processes, open bounties and calls for volunteers, follows other cities and keeps what they share.

export { registerFederationBridge } from "./bridge.ts";
export { CityFederation, type FederationSettings, incomingOf } from "./city-federation.ts";
export { registerFederationRoutes } from "./routes.ts";
export { federationFollowers, federationFollowing, federationKeys, federationKv, federationPublished } from "./schema.ts";
