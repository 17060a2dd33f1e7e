import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/connection.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import type { Actor } from "../../platform/auth/index.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import { releaseReservation } from "../ledger/index.ts";
import type { Bounty } from "./find-bounties.ts";
import { openSubmission } from "./open-submission.ts";
import { databaseNow } from "./place-bid.ts";
import { bids, bounties } from "./schema.ts";

export interface CloseAuctionInput {
  cityId: string;
  bountyId: string;
  /** Null when the every-minute job closes it. */
  actor: Actor | null;
  requestId?: string | null;
}

export interface ClosedAuction {
  bounty: Bounty;
  winningBid: typeof bids.$inferSelect | null;
}

/**
 * Closes an auction whose end time has passed. The lowest bid wins, and between equal bids the
 * earliest: the auction is awarded to its vendor, the money reserved above the winning amount goes
 * back to the fund, and the winner's delivery opens, all in one transaction. With no bids the
 * auction is closed and its whole reservation released. The ledger postings carry idempotency keys
 * named after the auction, so a second close (the job and a person at the same minute) posts nothing;
 * the row lock makes it wait for the first and then find the auction no longer published.
 */
export async function closeAuction(db: Database, input: CloseAuctionInput): Promise<ClosedAuction> {
  return db.transaction(async (tx) => {
    // The same lock bids take (place-bid.ts): once it is held, no bid can arrive, and a bid that
    // was waiting for it finds the auction closed.
    const [before] = await tx
      .select()
      .from(bounties)
      .where(and(eq(bounties.cityId, input.cityId), eq(bounties.id, input.bountyId)))
      .for("update");
    if (!before || before.status === "draft") throw new NotFoundError("errors.bounties.notFound");
    if (before.kind !== "auction") throw new ConflictError("errors.auctions.notAnAuction");
    if (before.status !== "published") throw new ConflictError("errors.auctions.notOpenToClose", { status: before.status });
    const now = await databaseNow(tx);
    if (before.endsAt && now < before.endsAt) throw new ConflictError("errors.auctions.notEnded");

    const [winner] = await tx
      .select()
      .from(bids)
      .where(and(eq(bids.cityId, input.cityId), eq(bids.bountyId, before.id)))
      .orderBy(asc(bids.amountMinor), asc(bids.createdAt), asc(bids.id))
      .limit(1);

    const createdBy = input.actor?.userId ?? null;
    if (!winner) {
      // The same key as a cancellation's release: a bounty's reservation is given back once.
      await releaseReservation(tx, {
        cityId: input.cityId,
        currency: before.currency,
        amountMinor: before.amountMinor,
        idempotencyKey: `bounty:${before.id}:release`,
        description: `Released from “${before.title}”, closed with no bids`,
        createdBy,
      });
    } else if (winner.amountMinor < before.amountMinor) {
      await releaseReservation(tx, {
        cityId: input.cityId,
        currency: before.currency,
        amountMinor: before.amountMinor - winner.amountMinor,
        idempotencyKey: `bounty:${before.id}:award-release`,
        description: `Released from “${before.title}”, won below its start price`,
        createdBy,
      });
    }

    const [after] = await tx
      .update(bounties)
      .set(winner ? { status: "awarded", assignedVendorId: winner.vendorId } : { status: "closed" })
      .where(eq(bounties.id, before.id))
      .returning();
    if (!after) throw new Error("update returned no row");
    if (winner) {
      await openSubmission(tx, {
        cityId: input.cityId,
        bountyId: before.id,
        vendorId: winner.vendorId,
        bidId: winner.id,
        amountMinor: winner.amountMinor,
        currency: winner.currency,
        awardedAt: now,
      });
    }
    await recordAudit(tx, {
      cityId: input.cityId,
      actor: input.actor,
      action: winner ? "auction.awarded" : "auction.closed",
      targetType: "bounty",
      targetId: before.id,
      before: { status: before.status, amountMinor: before.amountMinor },
      after: winner
        ? { status: after.status, winningBidId: winner.id, vendorId: winner.vendorId, amountMinor: winner.amountMinor, currency: winner.currency }
        : { status: after.status },
      requestId: input.requestId ?? null,
    });
    return { bounty: after, winningBid: winner ?? null };
  });
}

/**
 * Closes every published auction of every city whose end time has passed; the every-minute job runs
 * it. Each auction closes in a transaction of its own, so one that fails does not hold back the rest.
 */
export async function closeEndedAuctions(db: Database): Promise<{ closed: number; failed: unknown[] }> {
  const due = await db
    .select({ id: bounties.id, cityId: bounties.cityId })
    .from(bounties)
    .where(and(eq(bounties.kind, "auction"), eq(bounties.status, "published"), lte(bounties.endsAt, sql`clock_timestamp()`)))
    .orderBy(asc(bounties.endsAt))
    .limit(500);
  let closed = 0;
  const failed: unknown[] = [];
  for (const auction of due) {
    try {
      await closeAuction(db, { cityId: auction.cityId, bountyId: auction.id, actor: null });
      closed += 1;
    } catch (error) {
      // Closed meanwhile by a person: nothing left to do.
      if (error instanceof ConflictError && error.messageKey === "errors.auctions.notOpenToClose") continue;
      failed.push(error);
    }
  }
  return { closed, failed };
}
