import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/connection.ts";
import { bounties } from "./schema.ts";

/** An open bounty as the city shares it with other cities and the fediverse: what anyone may read on its page. */
export interface SharedBounty {
  id: string;
  title: string;
  description: string;
  kind: "fixed" | "auction";
  auctionType: string | null;
  amountMinor: number;
  currency: string;
  requiredLicence: string;
  endsAt: Date | null;
  deadlineAt: Date | null;
  publishedAt: Date;
  updatedAt: Date;
}

/** The city's bounties open for work or bids. */
export async function openBountiesToShare(db: Executor, cityId: string): Promise<SharedBounty[]> {
  const rows = await db
    .select()
    .from(bounties)
    .where(and(eq(bounties.cityId, cityId), eq(bounties.status, "published")))
    .orderBy(asc(bounties.publishedAt), asc(bounties.id))
    .limit(500);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    kind: row.kind,
    auctionType: row.auctionType,
    amountMinor: row.amountMinor,
    currency: row.currency,
    requiredLicence: row.requiredLicence,
    endsAt: row.endsAt,
    deadlineAt: row.deadlineAt,
    publishedAt: row.publishedAt ?? row.createdAt,
    updatedAt: row.updatedAt,
  }));
}
