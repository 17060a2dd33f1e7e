import { z } from "zod";
import { isoDateTime } from "./platform.ts";

/** Documented business processes: their steps, revisions, cost figures and exports. */

export const processChannel = z.enum(["paper", "phone", "email", "counter", "online"]);
export type ProcessChannel = z.infer<typeof processChannel>;

/** Minutes in a year: no step of a city process takes longer. */
const maxMinutes = 525_600;
const minutes = z.number().min(0).max(maxMinutes).multipleOf(0.01, { error: "errors.processes.minutesPrecision" });

/** A step's key: stable across revisions, so that decisions and diffs can point at it. */
export const stepKey = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { error: "errors.processes.stepKey" });

export const processStep = z.object({
  key: stepKey,
  name: z.string().trim().min(1).max(200),
  /** Who does the work, as named in the city's rate table ("Permit clerk"). */
  actorRole: z.string().trim().min(1).max(100),
  channel: processChannel,
  systemUsed: z.string().trim().max(200).default(""),
  handlingMinutes: minutes,
  waitingMinutes: minutes,
  /** Percentage of transactions that pass through this step (a rework step might be 30). */
  sharePercent: z.number().gt(0).max(100).default(100),
  notes: z.string().trim().max(5000).default(""),
  /** "If incomplete, return to step 2": the condition, and the step it sends the transaction to. */
  decision: z
    .object({
      condition: z.string().trim().min(1).max(500),
      goToStepKey: stepKey,
    })
    .nullable()
    .default(null),
});
export type ProcessStepInput = z.input<typeof processStep>;
export type ProcessStepView = z.output<typeof processStep>;

/** What one revision of a process says: everything that is versioned. */
export const processContent = z
  .object({
    name: z.string().trim().min(1).max(200),
    purpose: z.string().trim().max(5000).default(""),
    /** The people the process serves ("residents applying for a building permit"). */
    serviceUsers: z.string().trim().max(2000).default(""),
    annualVolume: z.number().int().min(0).max(1_000_000_000),
    steps: z.array(processStep).max(200),
  })
  .superRefine((content, context) => {
    const keys = new Set<string>();
    content.steps.forEach((step, index) => {
      if (keys.has(step.key))
        context.addIssue({ code: "custom", path: ["steps", index, "key"], message: "errors.processes.duplicateStepKey", params: { key: step.key } });
      keys.add(step.key);
    });
    content.steps.forEach((step, index) => {
      if (!step.decision) return;
      if (step.decision.goToStepKey === step.key || !keys.has(step.decision.goToStepKey)) {
        context.addIssue({
          code: "custom",
          path: ["steps", index, "decision", "goToStepKey"],
          message: "errors.processes.decisionTarget",
          params: { key: step.decision.goToStepKey },
        });
      }
    });
  });
export type ProcessContentInput = z.input<typeof processContent>;
export type ProcessContentView = z.output<typeof processContent>;

export const processPath = z.object({ city: z.string(), processId: z.uuid() });
export const revisionPath = processPath.extend({ revision: z.coerce.number().int().min(1).max(1_000_000) });

/** The city's rate table: an hourly cost per role, in minor units of the city's currency. */
export const processRate = z.object({
  role: z.string().trim().min(1).max(100),
  hourlyRateMinor: z.number().int().min(0).max(100_000_000),
});
export const processRates = z.object({ currency: z.string(), rates: z.array(processRate) });
export type ProcessRatesView = z.infer<typeof processRates>;
export const putProcessRatesRequest = z.object({
  rates: z
    .array(processRate)
    .max(200)
    .superRefine((rates, context) => {
      const seen = new Set<string>();
      rates.forEach((rate, index) => {
        const key = rate.role.toLocaleLowerCase();
        if (seen.has(key)) context.addIssue({ code: "custom", path: [index, "role"], message: "errors.processes.duplicateRole", params: { role: rate.role } });
        seen.add(key);
      });
    }),
});

export const processFigures = z.object({
  costPerTransactionMinor: z.number().int(),
  annualCostMinor: z.number().int(),
  annualStaffHours: z.number(),
  cycleTimeMinutes: z.number(),
  handlingMinutesPerTransaction: z.number(),
  digitalStepShare: z.number(),
  digitalVolumeShare: z.number(),
  /** Roles in the steps with no rate in the city's table: their time is costed at zero. */
  unratedRoles: z.array(z.string()),
});
export type ProcessFiguresView = z.infer<typeof processFigures>;

export const processSaving = z.object({
  annualCostSavedMinor: z.number().int(),
  annualHoursSaved: z.number(),
  costPerTransactionSavedMinor: z.number().int(),
  cycleTimeSavedMinutes: z.number(),
});

/** The as-is and to-be revisions side by side, and what the change saves a year. */
export const processComparison = z.object({
  asIsRevision: z.number().int(),
  toBeRevision: z.number().int(),
  asIs: processFigures,
  toBe: processFigures,
  saving: processSaving,
});
export type ProcessComparisonView = z.infer<typeof processComparison>;

export const createProcessRequest = z.object({
  agencyId: z.uuid(),
  content: processContent,
  message: z.string().trim().min(1).max(500).default("First version"),
});
export type CreateProcessRequest = z.input<typeof createProcessRequest>;

/** A save: the revision it was edited from, so that two people saving at once cannot overwrite each other. */
export const saveRevisionRequest = z.object({
  baseRevision: z.number().int().min(1),
  content: processContent,
  message: z.string().trim().min(1).max(500),
});
export type SaveRevisionRequest = z.input<typeof saveRevisionRequest>;

export const markRevisionsRequest = z.object({
  asIsRevision: z.number().int().min(1).nullable(),
  toBeRevision: z.number().int().min(1).nullable(),
});

export const publishProcessRequest = z.object({ published: z.boolean() });

export const processSummary = z
  .object({
    id: z.uuid(),
    agencyId: z.uuid(),
    agencyName: z.string(),
    name: z.string(),
    currentRevision: z.number().int(),
    published: z.boolean(),
    annualVolume: z.number().int(),
    stepCount: z.number().int(),
    figures: processFigures,
    /** What the to-be saves against the as-is a year, once both are marked. */
    annualCostSavedMinor: z.number().int().nullable(),
    updatedAt: isoDateTime,
  })
  .meta({ id: "ProcessSummary" });
export type ProcessSummaryView = z.infer<typeof processSummary>;
export const processList = z.object({ currency: z.string(), processes: z.array(processSummary) });

export const processListQuery = z.object({
  agencyId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
});

/** A process as its staff see it (the public reads the same, from published processes). */
export const processDetail = z
  .object({
    id: z.uuid(),
    agencyId: z.uuid(),
    agencyName: z.string(),
    currentRevision: z.number().int(),
    asIsRevision: z.number().int().nullable(),
    toBeRevision: z.number().int().nullable(),
    published: z.boolean(),
    publishedAt: isoDateTime.nullable(),
    currency: z.string(),
    content: processContent,
    figures: processFigures,
    comparison: processComparison.nullable(),
    /** Whether the reader may edit it. */
    canEdit: z.boolean(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: "Process" });
export type ProcessView = z.infer<typeof processDetail>;

export const revisionSummary = z.object({
  number: z.number().int(),
  message: z.string(),
  /** The staff member who saved it; never shown outside the city's staff. */
  authorName: z.string().nullable(),
  createdAt: isoDateTime,
});
export const revisionList = z.object({ revisions: z.array(revisionSummary) });
export type RevisionSummaryView = z.infer<typeof revisionSummary>;

export const revision = revisionSummary.extend({ content: processContent, figures: processFigures });
export type RevisionView = z.infer<typeof revision>;

const fieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const revisionDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  fields: z.array(fieldChange),
  steps: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      change: z.enum(["added", "removed", "moved", "changed"]),
      positionBefore: z.number().int().nullable(),
      positionAfter: z.number().int().nullable(),
      fields: z.array(fieldChange),
    }),
  ),
});
export type RevisionDiffView = z.infer<typeof revisionDiff>;
export const revisionDiffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });

export const processExportQuery = z.object({ revision: z.coerce.number().int().min(1).optional() });

/** Our own JSON export; importing it makes a new process with exactly this content. */
export const processDocument = z.object({
  format: z.literal("civitas-process", { error: "errors.processes.notOurFormat" }),
  version: z.literal(1, { error: "errors.processes.unknownVersion" }),
  process: processContent,
});
export type ProcessDocument = z.input<typeof processDocument>;
export const importProcessRequest = z.object({ agencyId: z.uuid(), document: processDocument, message: z.string().trim().min(1).max(500).default("Imported") });
