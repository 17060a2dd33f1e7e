import { exportJwk, generateCryptoKeyPair, importJwk } from "@fedify/fedify";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { federationKeys } from "./schema.ts";

const algorithms = ["RSASSA-PKCS1-v1_5", "Ed25519"] as const;

/**
 * A city's key pairs, made the first time they are needed and kept: RSA for HTTP Signatures (what
 * Mastodon checks) and Ed25519 for object integrity proofs. Two processes making them at once keep
 * whichever was written first.
 */
export async function keyPairsOf(db: Database, cityId: string): Promise<CryptoKeyPair[]> {
  let rows = await db.select().from(federationKeys).where(eq(federationKeys.cityId, cityId));
  if (rows.length < algorithms.length) {
    for (const algorithm of algorithms) {
      if (rows.some((row) => row.algorithm === algorithm)) continue;
      const pair = await generateCryptoKeyPair(algorithm);
      await db
        .insert(federationKeys)
        .values({ cityId, algorithm, privateKey: await exportJwk(pair.privateKey), publicKey: await exportJwk(pair.publicKey) })
        .onConflictDoNothing();
    }
    rows = await db.select().from(federationKeys).where(eq(federationKeys.cityId, cityId));
  }
  const ordered = algorithms.flatMap((algorithm) => rows.filter((row) => row.algorithm === algorithm));
  return Promise.all(
    ordered.map(async (row) => ({ privateKey: await importJwk(row.privateKey, "private"), publicKey: await importJwk(row.publicKey, "public") })),
  );
}
