import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { can, type Membership } from "../../platform/policy/index.ts";
import { formatMinor, reserveFromFund } from "../ledger/index.ts";
import { bountyRulesOf } from "./bounty-settings.ts";
import { smallBusinessBandProblem } from "./create-auction.ts";
import { bounties } from "./schema.ts";

/**
 * Publishes a draft bounty and reserves its most the city will pay (the fixed price, or an auction's
 * start price) from the fund, in one transaction: a bounty is never published without its money, and
 * money is never reserved for a bounty left in draft. Above the city's micro-purchase threshold only
 * a contracting officer may publish; the licence and an auction's small-business band are checked
 * again against the city's rules as they are now.
 */
export async function publishBounty(ctx: OperationContext, membership: Membership, bountyId: string) {
  const rules = await bountyRulesOf(ctx.db, ctx.city.id);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(bounties)
      .where(and(eq(bounties.cityId, ctx.city.id), eq(bounties.id, bountyId)))
      .for("update");
    if (!before) throw new NotFoundError("errors.bounties.notFound");
    if (before.status !== "draft") throw new ConflictError("errors.bounties.notDraft", { status: before.status });
    if (before.amountMinor > rules.microPurchaseThresholdMinor && !can(membership, "bounties.above-threshold")) {
      throw new ForbiddenError("errors.bounties.aboveThreshold", { threshold: formatMinor(rules.microPurchaseThresholdMinor, before.currency) });
    }
    // The city's rules may have changed since the draft was written; it is published under today's.
    if (!rules.acceptedLicences.includes(before.requiredLicence)) {
      const params = { licences: rules.acceptedLicences.join(", ") };
      throw new ConflictError("errors.bounties.licenceNotAccepted", params, [
        { field: "requiredLicence", messageKey: "errors.bounties.licenceNotAccepted", params },
      ]);
    }
    if (before.kind === "auction" && before.smallBusinessOnly) {
      const outside = smallBusinessBandProblem(rules, before.amountMinor, before.currency);
      if (outside) throw new ConflictError(outside.messageKey, outside.params, [outside]);
    }
    const now = new Date();
    if (before.endsAt && before.endsAt <= now) throw new ConflictError("errors.bounties.alreadyEnded");
    if (before.deadlineAt && before.deadlineAt <= now) throw new ConflictError("errors.bounties.deadlinePassed");
    await reserveFromFund(tx, {
      cityId: ctx.city.id,
      currency: before.currency,
      amountMinor: before.amountMinor,
      idempotencyKey: `bounty:${bountyId}:reserve`,
      description: `Reserved for “${before.title}”`,
      createdBy: ctx.actor?.userId ?? null,
    });
    const [after] = await tx
      .update(bounties)
      .set({ status: "published", publishedAt: now, publishedBy: ctx.actor?.userId ?? null })
      .where(eq(bounties.id, bountyId))
      .returning();
    if (!after) throw new Error("update returned no row");
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "bounty.published",
      targetType: "bounty",
      targetId: bountyId,
      before: { status: before.status },
      after: { status: after.status, amountMinor: after.amountMinor, currency: after.currency },
      requestId: ctx.requestId,
    });
    return after;
  });
}
