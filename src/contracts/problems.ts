import { z } from "zod";
import { isoDateTime } from "./platform.ts";

/** Problems: what agencies and residents report, the DSO's triage, and the public board. */

export const problemStatus = z.enum(["new", "accepted", "declined", "in_progress", "solved"]);
export type ProblemStatus = z.infer<typeof problemStatus>;

/** A plain web address (http or https). */
const webAddress = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, error: "errors.field.url" }));

export const problemPath = z.object({ city: z.string(), problemId: z.uuid() });

export const createProblemRequest = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(10_000),
  affected: z.string().trim().max(2000).default(""),
  frequency: z.string().trim().max(200).default(""),
  /** What the problem costs the city today, per year, in minor units of the city's currency. */
  costEstimateMinor: z.number().int().min(0).max(1_000_000_000_000).nullable().optional(),
  processLink: webAddress.nullable().optional(),
  /** The agency reporting it; only its staff (or the DSO and city admins) may name one. Without it, a resident's proposal. */
  agencyId: z.uuid().nullable().optional(),
});
export type CreateProblemRequest = z.input<typeof createProblemRequest>;

export const triageProblemRequest = z.object({
  status: z.enum(["accepted", "declined", "in_progress", "solved"]),
  /** Required when declining: the reporter and the public read it. */
  reason: z.string().trim().max(2000).optional(),
});

export const problemBoardQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: problemStatus.optional(),
  agencyId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A problem as anyone may see it: never who reported it. */
export const problem = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    affected: z.string(),
    frequency: z.string(),
    costEstimate: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
    processLink: z.string().nullable(),
    origin: z.enum(["agency", "resident"]),
    agency: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    status: problemStatus,
    declineReason: z.string().nullable(),
    supportCount: z.number().int(),
    /** Whether the signed-in reader supports it; false for anonymous readers. */
    supportedByMe: z.boolean(),
    createdAt: isoDateTime,
    triagedAt: isoDateTime.nullable(),
  })
  .meta({ id: "Problem" });
export type ProblemView = z.infer<typeof problem>;

export const problemBoard = z.object({
  problems: z.array(problem),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type ProblemBoard = z.infer<typeof problemBoard>;

export const problemSupportResponse = z.object({ supportCount: z.number().int(), supportedByMe: z.boolean() });
