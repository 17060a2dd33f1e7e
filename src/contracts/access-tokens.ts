import { z } from "zod";
import { isoDateTime } from "./platform.ts";

/** Personal access tokens: programs (a vendor's bidding bot) acting for a signed-in person. */

/** What a token may be used for; each route that accepts tokens names the scope it needs. */
export const accessTokenScopes = ["bids"] as const;
export const accessTokenScope = z.enum(accessTokenScopes);
export type AccessTokenScope = z.infer<typeof accessTokenScope>;

/** How long a new token lives, in days; a token always expires. */
export const accessTokenLifetimes = [7, 30, 90, 365] as const;

export const accessTokenPath = z.object({ tokenId: z.uuid() });

export const createAccessTokenRequest = z.object({
  name: z.string().trim().min(1).max(100),
  /** The city the token works in (its slug); left out, the token works in every city. */
  city: z.string().trim().min(1).max(60).nullable().optional(),
  scopes: z.array(accessTokenScope).min(1).max(accessTokenScopes.length).default(["bids"]),
  expiresInDays: z.number().int().min(1).max(366).default(90),
});
export type CreateAccessTokenRequest = z.input<typeof createAccessTokenRequest>;

export const accessTokenStatus = z.enum(["active", "expired", "revoked"]);

export const accessToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    city: z.object({ slug: z.string(), name: z.string() }).nullable(),
    scopes: z.array(z.string()),
    status: accessTokenStatus,
    createdAt: isoDateTime,
    lastUsedAt: isoDateTime.nullable(),
    expiresAt: isoDateTime.nullable(),
    revokedAt: isoDateTime.nullable(),
  })
  .meta({ id: "AccessToken", description: "A personal access token, without its secret" });
export type AccessTokenView = z.infer<typeof accessToken>;

export const createdAccessToken = accessToken.extend({
  /** The token to send as `Authorization: Bearer <token>`; shown this once and never again. */
  token: z.string(),
});
export type CreatedAccessTokenView = z.infer<typeof createdAccessToken>;

export const accessTokenList = z.object({ tokens: z.array(accessToken) });
