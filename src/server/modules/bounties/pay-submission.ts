import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/index.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import type { OperationContext } from "../../platform/operation.ts";
import { postEntries } from "../ledger/index.ts";
import { findVendor } from "../vendors/index.ts";
import { writeBountyNotice } from "./notifications.ts";
import type { Submission } from "./open-submission.ts";
import { submissionPostingKey } from "./review-submission.ts";
import { submissions } from "./schema.ts";

/**
 * DSO staff or a city admin record that the city paid an accepted delivery, with the payment's
 * reference in the accounts-payable system; the amount moves from payable to paid.
 *
 * Exactly once, however many requests race: the UPDATE … WHERE status = 'accepted' takes the row
 * lock, so the first request to reach it turns the submission paid and every other one, once that
 * commits, finds no accepted row and is refused with nothing written. The posting's idempotency key
 * (one per submission) is the second guard: should the row ever be accepted again, the money still
 * would not move twice, and the transaction rolls back.
 */
export async function paySubmission(ctx: OperationContext, submissionId: string, input: { paymentReference: string }): Promise<Submission> {
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ vendorId: submissions.vendorId, status: submissions.status })
      .from(submissions)
      .where(and(eq(submissions.cityId, ctx.city.id), eq(submissions.id, submissionId)))
      .limit(1);
    if (!current) throw new NotFoundError("errors.delivery.notFound");
    const vendor = await findVendor(tx, ctx.city.id, current.vendorId);
    if (vendor?.status !== "verified") throw new ConflictError("errors.payments.vendorNotVerified");

    const [paid] = await tx
      .update(submissions)
      .set({ status: "paid", paidAt: new Date() })
      .where(and(eq(submissions.cityId, ctx.city.id), eq(submissions.id, submissionId), eq(submissions.status, "accepted")))
      .returning();
    if (!paid) {
      const [after] = await tx.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, submissionId)).limit(1);
      if (after?.status === "paid") throw new ConflictError("errors.payments.alreadyPaid");
      throw new ConflictError("errors.payments.notAccepted", { status: after?.status ?? current.status });
    }
    const posting = await postEntries(tx, {
      cityId: ctx.city.id,
      currency: paid.currency,
      idempotencyKey: submissionPostingKey(paid, "pay"),
      description: `Paid to ${vendor.legalName}, reference ${input.paymentReference}`,
      createdBy: ctx.actor?.userId ?? null,
      lines: [
        { account: "payable", amountMinor: -paid.amountMinor },
        { account: "paid", amountMinor: paid.amountMinor },
      ],
    });
    if (!posting.posted) throw new ConflictError("errors.payments.alreadyPaid");
    await writeBountyNotice(tx, {
      cityId: ctx.city.id,
      kind: "paid",
      vendorId: paid.vendorId,
      bountyId: paid.bountyId,
      submissionId: paid.id,
      dedupeKey: `paid:${paid.id}`,
      details: { amountMinor: paid.amountMinor, currency: paid.currency, paymentReference: input.paymentReference },
    });
    await recordAudit(tx, {
      cityId: ctx.city.id,
      actor: ctx.actor,
      action: "submission.paid",
      targetType: "submission",
      targetId: submissionId,
      before: { status: "accepted" },
      after: { status: "paid", amountMinor: paid.amountMinor, currency: paid.currency, paymentReference: input.paymentReference, postingId: posting.postingId },
      requestId: ctx.requestId,
    });
    return paid;
  });
}
