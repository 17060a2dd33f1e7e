import { and, eq } from "drizzle-orm";
import type { BountyView } from "../../../contracts/bounties.ts";
import type { Executor } from "../../db/connection.ts";
import { bounties } from "./schema.ts";

export type Bounty = typeof bounties.$inferSelect;

export async function findBounty(db: Executor, cityId: string, bountyId: string): Promise<Bounty | null> {
  const [found] = await db
    .select()
    .from(bounties)
    .where(and(eq(bounties.cityId, cityId), eq(bounties.id, bountyId)))
    .limit(1);
  return found ?? null;
}

export function presentBounty(bounty: Bounty): BountyView {
  return {
    id: bounty.id,
    problemId: bounty.problemId,
    kind: bounty.kind,
    auctionType: bounty.auctionType,
    title: bounty.title,
    description: bounty.description,
    acceptanceCriteria: bounty.acceptanceCriteria,
    repositoryIssueUrl: bounty.repositoryIssueUrl,
    requiredLicence: bounty.requiredLicence,
    deadlineAt: bounty.deadlineAt?.toISOString() ?? null,
    deliveryBusinessDays: bounty.deliveryBusinessDays,
    amountMinor: bounty.amountMinor,
    currency: bounty.currency,
    marketEstimateMinor: bounty.marketEstimateMinor,
    smallBusinessOnly: bounty.smallBusinessOnly,
    startsAt: bounty.startsAt?.toISOString() ?? null,
    endsAt: bounty.endsAt?.toISOString() ?? null,
    status: bounty.status,
    publishedAt: bounty.publishedAt?.toISOString() ?? null,
    cancelledAt: bounty.cancelledAt?.toISOString() ?? null,
    cancelReason: bounty.cancelReason,
    createdAt: bounty.createdAt.toISOString(),
  };
}
