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
