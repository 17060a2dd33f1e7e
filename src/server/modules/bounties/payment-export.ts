import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { paymentItem, spendReport } from "../../../contracts/bounties.ts";
import type { Executor } from "../../db/connection.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { accountBalances } from "../ledger/index.ts";
import { toCsv } from "../opportunities/index.ts";
import { vendors } from "../vendors/index.ts";
import { bounties, submissions } from "./schema.ts";

export type PaymentItem = z.infer<typeof paymentItem>;
export type SpendReport = z.infer<typeof spendReport>;

/**
 * What the city owes and has paid for bounties, for its accounts-payable system: every accepted
 * delivery (payable) and every paid one, with the vendor's legal name and payment reference.
 */
export async function listPayments(db: Executor, cityId: string): Promise<PaymentItem[]> {
  const rows = await db
    .select({
      submissionId: submissions.id,
      bountyId: bounties.id,
      bountyTitle: bounties.title,
      vendorId: vendors.id,
      vendorLegalName: vendors.legalName,
      vendorPaymentReference: vendors.paymentReference,
      amountMinor: submissions.amountMinor,
      currency: submissions.currency,
      status: submissions.status,
      acceptedAt: submissions.acceptedAt,
      paidAt: submissions.paidAt,
    })
    .from(submissions)
    .innerJoin(bounties, eq(bounties.id, submissions.bountyId))
    .innerJoin(vendors, eq(vendors.id, submissions.vendorId))
    .where(and(eq(submissions.cityId, cityId), inArray(submissions.status, ["accepted", "paid"])))
    .orderBy(asc(submissions.acceptedAt), asc(submissions.id));
  return rows.map((row) => ({
    ...row,
    status: row.status === "paid" ? "paid" : "payable",
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    paidAt: row.paidAt?.toISOString() ?? null,
  }));
}

/** The same list as CSV; amounts in major units with the currency beside them, as ledgers expect. */
export function paymentsCsv(payments: PaymentItem[]): string {
  return toCsv(
    ["submission_id", "bounty_id", "bounty", "vendor_legal_name", "vendor_payment_reference", "amount", "currency", "status", "accepted_at", "paid_at"],
    payments.map((payment) => [
      payment.submissionId,
      payment.bountyId,
      payment.bountyTitle,
      payment.vendorLegalName,
      payment.vendorPaymentReference,
      (payment.amountMinor / 100).toFixed(2),
      payment.currency,
      payment.status,
      payment.acceptedAt,
      payment.paidAt,
    ]),
  );
}

/**
 * The public account of bounty spending: the total paid, derived from the ledger, and each paid
 * bounty with the legal name of the vendor paid. Nothing else about vendors is shown.
 */
export async function spendReportOf(db: Executor, city: City): Promise<SpendReport> {
  const balances = await accountBalances(db, city.id, city.currency);
  const rows = await db
    .select({
      bountyId: bounties.id,
      title: bounties.title,
      vendorLegalName: vendors.legalName,
      amountMinor: submissions.amountMinor,
      currency: submissions.currency,
      paidAt: submissions.paidAt,
    })
    .from(submissions)
    .innerJoin(bounties, eq(bounties.id, submissions.bountyId))
    .innerJoin(vendors, eq(vendors.id, submissions.vendorId))
    .where(and(eq(submissions.cityId, city.id), eq(submissions.status, "paid"), eq(submissions.currency, city.currency)))
    .orderBy(desc(submissions.paidAt), asc(submissions.id));
  return {
    currency: city.currency,
    totalPaidMinor: balances.paid,
    bounties: rows.map((row) => ({ ...row, paidAt: (row.paidAt ?? new Date(0)).toISOString() })),
  };
}
