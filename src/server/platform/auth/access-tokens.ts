import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { AccessTokenView, CreatedAccessTokenView } from "../../../contracts/access-tokens.ts";
import { newId } from "../../db/columns.ts";
import type { Database } from "../../db/connection.ts";
import { recordAudit } from "../audit/index.ts";
import { NotFoundError } from "../errors/index.ts";
import { cities } from "../tenancy/schema.ts";
import type { Actor } from "./index.ts";
import { personalAccessTokens } from "./schema.ts";

/**
 * Personal access tokens: `civ_pat_<id>_<secret>`, where the secret is 32 random bytes (base64url).
 * Only the SHA-256 of the secret is stored; a token is looked up by its id and its secret compared
 * in constant time, so neither a lost database nor timing tells anyone a working token.
 */

export const accessTokenPrefix = "civ_pat_";
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type AccessTokenRow = typeof personalAccessTokens.$inferSelect;

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The id and secret of a token in our format, or null for anything else. */
export function parseAccessToken(token: string): { id: string; secret: string } | null {
  if (!token.startsWith(accessTokenPrefix)) return null;
  const rest = token.slice(accessTokenPrefix.length);
  const id = rest.slice(0, 36);
  if (!uuidPattern.test(id) || rest[36] !== "_") return null;
  const secret = rest.slice(37);
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return { id, secret };
}

/** Whether the secret matches the stored hash, compared in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export function statusOf(row: Pick<AccessTokenRow, "revokedAt" | "expiresAt">, now = new Date()): AccessTokenView["status"] {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

function present(row: AccessTokenRow, city: { slug: string; name: string } | null): AccessTokenView {
  return {
    id: row.id,
    name: row.name,
    city,
    scopes: row.scopes,
    status: statusOf(row),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** What the audit trail keeps of a token: never its hash. */
function auditView(row: AccessTokenRow) {
  return { name: row.name, cityId: row.cityId, scopes: row.scopes, expiresAt: row.expiresAt, revokedAt: row.revokedAt };
}

export interface CreateAccessTokenInput {
  name: string;
  city: { id: string; slug: string; name: string } | null;
  scopes: string[];
  expiresInDays: number;
}

/** Makes a token for the person; the answer is the only place its secret ever appears. */
export async function createAccessToken(db: Database, actor: Actor, input: CreateAccessTokenInput, requestId: string | null): Promise<CreatedAccessTokenView> {
  const id = newId();
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(personalAccessTokens)
      .values({
        id,
        userId: actor.userId,
        cityId: input.city?.id ?? null,
        name: input.name,
        tokenHash: hashSecret(secret),
        scopes: [...new Set(input.scopes)],
        expiresAt,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, {
      cityId: created.cityId,
      actor,
      action: "access-token.created",
      targetType: "access_token",
      targetId: created.id,
      after: auditView(created),
      requestId,
    });
    return created;
  });
  const city = input.city ? { slug: input.city.slug, name: input.city.name } : null;
  return { ...present(row, city), token: `${accessTokenPrefix}${id}_${secret}` };
}

/** The person's tokens, newest first, without their secrets. */
export async function listAccessTokens(db: Database, userId: string): Promise<AccessTokenView[]> {
  const rows = await db
    .select({ token: personalAccessTokens, citySlug: cities.slug, cityName: cities.name })
    .from(personalAccessTokens)
    .leftJoin(cities, eq(cities.id, personalAccessTokens.cityId))
    .where(eq(personalAccessTokens.userId, userId))
    .orderBy(desc(personalAccessTokens.createdAt), desc(personalAccessTokens.id));
  return rows.map((row) => present(row.token, row.citySlug && row.cityName ? { slug: row.citySlug, name: row.cityName } : null));
}

/** Revokes one of the person's tokens; revoking it again changes nothing. Someone else's token is not found. */
export async function revokeAccessToken(db: Database, actor: Actor, tokenId: string, requestId: string | null): Promise<AccessTokenView> {
  const row = await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(personalAccessTokens)
      .where(and(eq(personalAccessTokens.id, tokenId), eq(personalAccessTokens.userId, actor.userId)))
      .for("update");
    if (!before) throw new NotFoundError("errors.accessTokens.notFound");
    if (before.revokedAt) return before;
    const [after] = await tx
      .update(personalAccessTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(personalAccessTokens.id, tokenId), isNull(personalAccessTokens.revokedAt)))
      .returning();
    if (!after) throw new Error("update returned no row");
    await recordAudit(tx, {
      cityId: after.cityId,
      actor,
      action: "access-token.revoked",
      targetType: "access_token",
      targetId: after.id,
      before: auditView(before),
      after: auditView(after),
      requestId,
    });
    return after;
  });
  const [city] = row.cityId ? await db.select({ slug: cities.slug, name: cities.name }).from(cities).where(eq(cities.id, row.cityId)) : [];
  return present(row, city ?? null);
}
