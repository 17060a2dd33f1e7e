import { and, eq, gte, lte } from "drizzle-orm";
import type { SubmissionView } from "../../../contracts/bounties.ts";
import type { Executor } from "../../db/connection.ts";
import { ConflictError, NotFoundError } from "../../platform/errors/index.ts";
import { isUniqueViolation } from "../../platform/operation.ts";
import { cities } from "../../platform/tenancy/schema.ts";
import { cityDateOf } from "../../platform/time.ts";
import { deliveryDueAt } from "./business-days.ts";
import { writeBountyNotice } from "./notifications.ts";
import { bounties, cityHolidays, submissions } from "./schema.ts";

/** Business days a vendor has to deliver when the bounty does not say. */
export const defaultDeliveryBusinessDays = 10;

export interface OpenSubmissionInput {
  cityId: string;
  bountyId: string;
  vendorId: string;
  amountMinor: number;
  currency: string;
  awardedAt: Date;
  /** The winning bid, for an auction. */
  bidId?: string | null;
}

export type Submission = typeof submissions.$inferSelect;

/**
 * Opens the delivery of an awarded bounty, in the caller's transaction: pending delivery, due the
 * bounty's number of business days after the award, counted in the city's zone around weekends and
 * the city's holidays. A bounty has one delivery under way at most; a second one is a conflict.
 */
export async function openSubmission(tx: Executor, input: OpenSubmissionInput): Promise<Submission> {
  const [bounty] = await tx
    .select({ deliveryBusinessDays: bounties.deliveryBusinessDays, timeZone: cities.timeZone })
    .from(bounties)
    .innerJoin(cities, eq(cities.id, bounties.cityId))
    .where(and(eq(bounties.cityId, input.cityId), eq(bounties.id, input.bountyId)))
    .limit(1);
  if (!bounty) throw new NotFoundError("errors.bounties.notFound");
  const count = bounty.deliveryBusinessDays ?? defaultDeliveryBusinessDays;
  const from = cityDateOf(input.awardedAt, bounty.timeZone);
  // Enough calendar days to hold `count` business days around any realistic run of holidays.
  const until = new Date(`${from}T00:00:00Z`);
  until.setUTCDate(until.getUTCDate() + count * 2 + 60);
  const holidays = await tx
    .select({ day: cityHolidays.day })
    .from(cityHolidays)
    .where(and(eq(cityHolidays.cityId, input.cityId), gte(cityHolidays.day, from), lte(cityHolidays.day, until.toISOString().slice(0, 10))));
  const { dueAt } = deliveryDueAt(input.awardedAt, count, new Set(holidays.map((holiday) => holiday.day)), bounty.timeZone);
  try {
    const [opened] = await tx
      .insert(submissions)
      .values({
        cityId: input.cityId,
        bountyId: input.bountyId,
        vendorId: input.vendorId,
        bidId: input.bidId ?? null,
        amountMinor: input.amountMinor,
        currency: input.currency,
        status: "pending_delivery",
        dueAt,
        awardedAt: input.awardedAt,
      })
      .returning();
    if (!opened) throw new Error("insert returned no row");
    await writeBountyNotice(tx, {
      cityId: input.cityId,
      kind: "awarded",
      vendorId: opened.vendorId,
      bountyId: opened.bountyId,
      submissionId: opened.id,
      dedupeKey: `awarded:${opened.id}`,
      details: { amountMinor: opened.amountMinor, currency: opened.currency, dueAt: opened.dueAt.toISOString() },
    });
    return opened;
  } catch (error) {
    if (isUniqueViolation(error, "submissions_one_open_per_bounty")) throw new ConflictError("errors.delivery.alreadyUnderWay");
    throw error;
  }
}

export function presentSubmission(submission: Submission): SubmissionView {
  return {
    id: submission.id,
    bountyId: submission.bountyId,
    vendorId: submission.vendorId,
    bidId: submission.bidId,
    amountMinor: submission.amountMinor,
    currency: submission.currency,
    status: submission.status,
    dueAt: submission.dueAt.toISOString(),
    pullRequestUrl: submission.pullRequestUrl,
    rejectionReasons: submission.rejectionReasons,
    awardedAt: submission.awardedAt.toISOString(),
    acceptedAt: submission.acceptedAt?.toISOString() ?? null,
    paidAt: submission.paidAt?.toISOString() ?? null,
    updatedAt: submission.updatedAt.toISOString(),
  };
}

/** The submission in this city, locked until the transaction ends; another city's does not exist. */
export async function lockSubmission(tx: Executor, cityId: string, submissionId: string): Promise<Submission> {
  const [found] = await tx
    .select()
    .from(submissions)
    .where(and(eq(submissions.cityId, cityId), eq(submissions.id, submissionId)))
    .for("update");
  if (!found) throw new NotFoundError("errors.delivery.notFound");
  return found;
}

export async function findSubmission(db: Executor, cityId: string, submissionId: string): Promise<Submission | null> {
  const [found] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.cityId, cityId), eq(submissions.id, submissionId)))
    .limit(1);
  return found ?? null;
}
