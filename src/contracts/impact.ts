import { z } from "zod";

/** The city's budget and its exposure to cuts in federal funds. Money in minor units of `currency`. */

export const fiscalYearTotals = z
  .object({ fiscalYear: z.number().int(), programs: z.number().int(), totalMinor: z.number().int(), federalMinor: z.number().int() })
  .meta({ id: "FiscalYearTotals" });

export const importBudgetRequest = z.object({ csv: z.string().min(1).max(5_000_000) });

export const budgetImportResult = z
  .object({ shape: z.enum(["perProgram", "perSource"]), currency: z.string(), fiscalYears: z.array(fiscalYearTotals) })
  .meta({ id: "BudgetImportResult" });

export const budgetYears = z.object({ currency: z.string(), fiscalYears: z.array(fiscalYearTotals) }).meta({ id: "BudgetYears" });

export const exposureQuery = z.object({
  fiscalYear: z.coerce.number().int().min(1990).max(2100).optional(),
  cut: z.coerce.number().int().min(0).max(100).default(0),
});

const exposureFigure = {
  totalMinor: z.number().int(),
  federalMinor: z.number().int(),
  federalShareBasisPoints: z.number().int(),
  atRiskMinor: z.number().int(),
};

export const exposureView = z
  .object({
    currency: z.string(),
    fiscalYear: z.number().int().nullable(),
    fiscalYears: z.array(z.number().int()),
    cutPercent: z.number().int(),
    overall: z.object(exposureFigure),
    departments: z.array(z.object({ department: z.string(), ...exposureFigure, programs: z.array(z.object({ program: z.string(), ...exposureFigure })) })),
  })
  .meta({ id: "Exposure" });
export type ExposureView = z.infer<typeof exposureView>;

/** How the city values what it offsets: a volunteer hour (with where the figure comes from) and when its fiscal year starts. */
export const impactSettingsView = z
  .object({
    currency: z.string(),
    hourValueMinor: z.number().int(),
    hourValueYear: z.number().int(),
    hourValueSource: z.string(),
    /** True while the city uses the national figure Civitas starts with. */
    hourValueIsDefault: z.boolean(),
    /** The month (1–12) the fiscal year starts in; a fiscal year is named by the calendar year it ends in. */
    fiscalYearStartMonth: z.number().int(),
  })
  .meta({ id: "ImpactSettings" });
export type ImpactSettingsView = z.infer<typeof impactSettingsView>;

export const putImpactSettingsRequest = z.object({
  /** In minor units: at most 1,000.00 an hour. */
  hourValueMinor: z.number().int().min(0).max(100_000),
  hourValueYear: z.number().int().min(1990).max(2100),
  hourValueSource: z.string().trim().min(2).max(200),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
});

/** What the city's own records offset in a fiscal year, each counted from another module's records. */
export const offsetFigures = z
  .object({
    /** Approved volunteer time worked in the year. */
    volunteerMinutes: z.number().int(),
    volunteerValueMinor: z.number().int(),
    /** Bounties paid in the year, and the staff's market estimates minus what was paid (those with an estimate). */
    bountiesPaid: z.number().int(),
    bountySavingsMinor: z.number().int(),
    /** Processes whose to-be design was marked by the end of the year, and the annual staff cost they save. */
    processes: z.number().int(),
    processSavingsMinor: z.number().int(),
    /** Catalog entries added in the year, and the reuse savings recorded on them. */
    catalogEntries: z.number().int(),
    reuseSavingsMinor: z.number().int(),
    totalMinor: z.number().int(),
  })
  .meta({ id: "OffsetFigures" });
export type OffsetFiguresView = z.infer<typeof offsetFigures>;

export const yearImpact = z
  .object({
    fiscalYear: z.number().int(),
    /** The budget of the year (0 when no budget was imported for it). */
    totalMinor: z.number().int(),
    federalMinor: z.number().int(),
    federalShareBasisPoints: z.number().int(),
    offsets: offsetFigures,
    /** Offsets as a share of the federal funds, in basis points; null without federal funds. */
    coverBasisPoints: z.number().int().nullable(),
  })
  .meta({ id: "YearImpact" });
export type YearImpactView = z.infer<typeof yearImpact>;

export const agencyImpactSummary = z.object({ slug: z.string(), name: z.string(), years: z.array(yearImpact) }).meta({ id: "AgencyImpactSummary" });

export const impactOverview = z
  .object({
    currency: z.string(),
    settings: impactSettingsView,
    /** The fiscal year today falls in. */
    currentFiscalYear: z.number().int(),
    /** Every year with a budget or an offset, oldest first. */
    years: z.array(yearImpact),
    /** Each agency's share: its budget is the department of the same name. */
    agencies: z.array(agencyImpactSummary),
  })
  .meta({ id: "ImpactOverview" });
export type ImpactOverviewView = z.infer<typeof impactOverview>;

export const agencyImpactView = z
  .object({
    currency: z.string(),
    settings: impactSettingsView,
    currentFiscalYear: z.number().int(),
    agency: z.object({ slug: z.string(), name: z.string(), description: z.string() }),
    years: z.array(yearImpact),
    /** The department's programs, each year. */
    programs: z.array(z.object({ fiscalYear: z.number().int(), program: z.string(), totalMinor: z.number().int(), federalMinor: z.number().int() })),
  })
  .meta({ id: "AgencyImpact" });
export type AgencyImpactView = z.infer<typeof agencyImpactView>;

export const agencyImpactPath = z.object({ city: z.string(), agency: z.string().min(1).max(100) });

export const privateImpactQuery = z.object({ fiscalYear: z.coerce.number().int().min(1990).max(2100).optional() });

/** The figures only the city's staff see: hours per volunteer stay private. */
export const privateImpactView = z
  .object({
    currency: z.string(),
    fiscalYear: z.number().int(),
    hourValueMinor: z.number().int(),
    pendingEntries: z.number().int(),
    pendingMinutes: z.number().int(),
    rejectedEntries: z.number().int(),
    volunteers: z.array(
      z.object({ volunteerId: z.string(), name: z.string(), approvedMinutes: z.number().int(), valueMinor: z.number().int(), entries: z.number().int() }),
    ),
    opportunities: z.array(
      z.object({
        opportunityId: z.string(),
        title: z.string(),
        agencyName: z.string().nullable(),
        approvedMinutes: z.number().int(),
        volunteers: z.number().int(),
      }),
    ),
  })
  .meta({ id: "PrivateImpact" });
export type PrivateImpactView = z.infer<typeof privateImpactView>;

/** A dataset of the open data: its fields, documented, and where to download it. */
export const openDataField = z.object({ name: z.string(), type: z.enum(["integer", "decimal", "string"]), description: z.string() });
export const openDataDataset = z
  .object({ id: z.string(), title: z.string(), description: z.string(), fields: z.array(openDataField), csv: z.string(), json: z.string() })
  .meta({ id: "OpenDataDataset" });
export const openDataIndex = z
  .object({ city: z.string(), license: z.string(), currency: z.string(), datasets: z.array(openDataDataset) })
  .meta({ id: "OpenDataIndex" });
export type OpenDataIndexView = z.infer<typeof openDataIndex>;
export const openDataFilePath = z.object({ city: z.string(), file: z.string().max(80) });
