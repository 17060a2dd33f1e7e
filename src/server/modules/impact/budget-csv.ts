import type { RowProblem } from "../../platform/errors/domain-errors.ts";
import { parseAmount } from "../bounties/parse-amount.ts";
import { CsvSyntaxError, isBlankRecord, parseCsv } from "../volunteers/parse-csv.ts";

/**
 * Reads a city budget from CSV, in either of the two shapes budget offices export:
 *
 * - one row per program: `department, program, fiscal_year, total_amount, federal_amount`;
 * - one row per funding source: `department, program, fiscal_year, amount, source_type`, where the
 *   rows of a program add up to its total and those whose source type is "federal" to its federal share.
 *
 * Column names are matched without regard to case, spaces or underscores ("Fiscal Year" is
 * fiscal_year). Every problem is reported with its line, and a file with any problem yields no lines:
 * the caller saves all of a file or none of it.
 */

export interface BudgetLine {
  fiscalYear: number;
  department: string;
  program: string;
  totalMinor: number;
  federalMinor: number;
  /** The first line of the file the program was read from. */
  line: number;
}

export type BudgetReading = { ok: true; shape: "perProgram" | "perSource"; lines: BudgetLine[]; fiscalYears: number[] } | { ok: false; issues: RowProblem[] };

const perProgramColumns = ["department", "program", "fiscal_year", "total_amount", "federal_amount"] as const;
const perSourceColumns = ["department", "program", "fiscal_year", "amount", "source_type"] as const;
type Column = (typeof perProgramColumns)[number] | (typeof perSourceColumns)[number];

const aliases: Record<string, Column> = {
  department: "department",
  dept: "department",
  program: "program",
  programme: "program",
  fiscal_year: "fiscal_year",
  fy: "fiscal_year",
  year: "fiscal_year",
  total_amount: "total_amount",
  total: "total_amount",
  federal_amount: "federal_amount",
  federal: "federal_amount",
  amount: "amount",
  source_type: "source_type",
  source: "source_type",
  funding_source: "source_type",
};

export const budgetMaxRows = 20_000;
const maxNameLength = 200;
export const earliestFiscalYear = 1990;
export const latestFiscalYear = 2100;

function columnKey(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** "2026", "FY2026", "FY 2026" or "FY26" → 2026. */
export function parseFiscalYear(text: string): number | null {
  const match = /^(?:fy\s?)?(\d{2}|\d{4})$/i.exec(text.trim());
  if (!match?.[1]) return null;
  const year = match[1].length === 2 ? 2000 + Number(match[1]) : Number(match[1]);
  return year >= earliestFiscalYear && year <= latestFiscalYear ? year : null;
}

/** An amount that may be zero (a program with no federal money), in minor units. */
function parseBudgetAmount(
  text: string,
  currency: string,
): { ok: true; amountMinor: number } | { ok: false; messageKey: string; params?: Record<string, unknown> } {
  if (/^\$?\s*0+(?:\.0{1,2})?$/.test(text.trim())) return { ok: true, amountMinor: 0 };
  const parsed = parseAmount(text, currency);
  if (parsed.ok) return parsed;
  return parsed.params ? { ok: false, messageKey: parsed.messageKey, params: parsed.params } : { ok: false, messageKey: parsed.messageKey };
}

export function readBudgetCsv(text: string, currency = "USD"): BudgetReading {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text).filter((record) => !isBlankRecord(record));
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { ok: false, issues: [{ row: error.line, field: "file", messageKey: `errors.volunteers.import.${error.reason}` }] };
    throw error;
  }
  const [header, ...data] = records;
  if (!header || data.length === 0) return { ok: false, issues: [{ row: header?.line ?? 1, field: "file", messageKey: "errors.impact.budget.noRows" }] };
  if (data.length > budgetMaxRows)
    return {
      ok: false,
      issues: [{ row: 1, field: "file", messageKey: "errors.impact.budget.tooManyRows", params: { count: data.length, max: budgetMaxRows } }],
    };

  const issues: RowProblem[] = [];
  const columnAt = new Map<Column, number>();
  header.cells.forEach((cell, index) => {
    const key = aliases[columnKey(cell)];
    if (!key) {
      if (cell.trim() === "") return;
      issues.push({ row: header.line, field: cell.trim(), messageKey: "errors.impact.budget.unknownColumn", params: { column: cell.trim() } });
    } else if (columnAt.has(key)) {
      issues.push({ row: header.line, field: key, messageKey: "errors.volunteers.import.duplicateColumn", params: { column: cell.trim() } });
    } else {
      columnAt.set(key, index);
    }
  });
  const shape = columnAt.has("source_type") || columnAt.has("amount") ? "perSource" : "perProgram";
  const required = shape === "perSource" ? perSourceColumns : perProgramColumns;
  for (const column of required) {
    if (!columnAt.has(column)) issues.push({ row: header.line, field: column, messageKey: "errors.volunteers.import.missingColumn", params: { column } });
  }
  if (issues.length > 0) return { ok: false, issues };

  const byProgram = new Map<string, BudgetLine>();
  for (const record of data) {
    const cell = (column: Column) => {
      const index = columnAt.get(column);
      return index === undefined ? "" : (record.cells[index] ?? "").trim();
    };
    const problem = (field: string, messageKey: string, params?: Record<string, unknown>) =>
      issues.push(params ? { row: record.line, field, messageKey, params } : { row: record.line, field, messageKey });
    const before = issues.length;

    const department = cell("department");
    const program = cell("program");
    for (const [field, value] of [
      ["department", department],
      ["program", program],
    ] as const) {
      if (value === "") problem(field, "errors.impact.budget.required");
      else if (value.length > maxNameLength) problem(field, "errors.impact.budget.tooLong", { max: maxNameLength });
    }
    const fiscalYear = parseFiscalYear(cell("fiscal_year"));
    if (fiscalYear === null) problem("fiscal_year", "errors.impact.budget.fiscalYear", { earliest: earliestFiscalYear, latest: latestFiscalYear });

    const amountOf = (column: Column) => {
      const written = cell(column);
      if (written === "") {
        problem(column, "errors.impact.budget.required");
        return null;
      }
      const parsed = parseBudgetAmount(written, currency);
      if (!parsed.ok) {
        problem(column, parsed.messageKey, parsed.params);
        return null;
      }
      return parsed.amountMinor;
    };
    let totalMinor: number | null;
    let federalMinor: number | null;
    if (shape === "perProgram") {
      totalMinor = amountOf("total_amount");
      federalMinor = amountOf("federal_amount");
      if (totalMinor !== null && federalMinor !== null && federalMinor > totalMinor) problem("federal_amount", "errors.impact.budget.federalAboveTotal");
    } else {
      const amount = amountOf("amount");
      const source = cell("source_type");
      if (source === "") problem("source_type", "errors.impact.budget.required");
      totalMinor = amount;
      federalMinor = amount === null ? null : source.toLowerCase() === "federal" ? amount : 0;
    }
    if (issues.length > before || fiscalYear === null || totalMinor === null || federalMinor === null) continue;

    const key = JSON.stringify([fiscalYear, department.toLowerCase(), program.toLowerCase()]);
    const existing = byProgram.get(key);
    if (existing && shape === "perProgram") {
      problem("program", "errors.impact.budget.duplicateProgram", { line: existing.line });
    } else if (existing) {
      existing.totalMinor += totalMinor;
      existing.federalMinor += federalMinor;
    } else {
      byProgram.set(key, { fiscalYear, department, program, totalMinor, federalMinor, line: record.line });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const lines = [...byProgram.values()];
  const fiscalYears = [...new Set(lines.map((line) => line.fiscalYear))].sort((a, b) => a - b);
  return { ok: true, shape, lines, fiscalYears };
}
