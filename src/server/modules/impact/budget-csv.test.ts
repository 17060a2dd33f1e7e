import { describe, expect, it } from "vitest";
import en from "../../../web/i18n/en.json" with { type: "json" };
import es from "../../../web/i18n/es.json" with { type: "json" };
import { parseFiscalYear, readBudgetCsv } from "./budget-csv.ts";

const lookup = (messages: unknown, key: string) =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

function issuesOf(text: string) {
  const reading = readBudgetCsv(text);
  if (reading.ok) throw new Error("expected the file to be refused");
  return reading.issues;
}

describe("reading a budget CSV", () => {
  it("reads one row per program, in any column order and case, amounts in minor units", () => {
    const reading = readBudgetCsv(
      [
        "Fiscal Year,Department,Program,Federal Amount,Total Amount",
        'FY2026,Parks,Summer youth jobs,"$1,200,000.50","3,000,000"',
        "2026,Parks,Trail upkeep,0,450000",
        "2025,Parks,Summer youth jobs,900000,2800000",
      ].join("\r\n"),
    );
    expect(reading).toEqual({
      ok: true,
      shape: "perProgram",
      fiscalYears: [2025, 2026],
      lines: [
        { fiscalYear: 2026, department: "Parks", program: "Summer youth jobs", totalMinor: 300_000_000, federalMinor: 120_000_050, line: 2 },
        { fiscalYear: 2026, department: "Parks", program: "Trail upkeep", totalMinor: 45_000_000, federalMinor: 0, line: 3 },
        { fiscalYear: 2025, department: "Parks", program: "Summer youth jobs", totalMinor: 280_000_000, federalMinor: 90_000_000, line: 4 },
      ],
    });
  });

  it("adds up one row per funding source into each program's total and federal share", () => {
    const reading = readBudgetCsv(
      [
        "department,program,fiscal_year,amount,source_type",
        "Health,Lead abatement,2026,500000,federal",
        "Health,Lead abatement,2026,250000,State",
        "Health,Lead abatement,2026,100000,local",
        "Health,Clinics,2026,90000,Federal",
      ].join("\n"),
    );
    expect(reading.ok && reading.shape).toBe("perSource");
    expect(reading.ok && reading.lines).toEqual([
      { fiscalYear: 2026, department: "Health", program: "Lead abatement", totalMinor: 85_000_000, federalMinor: 50_000_000, line: 2 },
      { fiscalYear: 2026, department: "Health", program: "Clinics", totalMinor: 9_000_000, federalMinor: 9_000_000, line: 5 },
    ]);
  });

  it("lists every problem of every row with its line and column, and gives no lines at all", () => {
    const issues = issuesOf(
      [
        "department,program,fiscal_year,total_amount,federal_amount",
        "Parks,Pools,2026,100000,200000",
        ",Pools,20266,1.000,abc",
        "Parks,Pools,2026,-5,0",
        "Parks,Pools,2026,100000,0",
        "Library,Books,2026,100,50",
      ].join("\n"),
    );
    expect(issues).toEqual([
      { row: 2, field: "federal_amount", messageKey: "errors.impact.budget.federalAboveTotal" },
      { row: 3, field: "department", messageKey: "errors.impact.budget.required" },
      { row: 3, field: "fiscal_year", messageKey: "errors.impact.budget.fiscalYear", params: { earliest: 1990, latest: 2100 } },
      { row: 3, field: "total_amount", messageKey: "errors.auctions.amount.ambiguousPeriod", params: { written: "1.000" } },
      { row: 3, field: "federal_amount", messageKey: "errors.auctions.amount.unreadable" },
      { row: 4, field: "total_amount", messageKey: "errors.auctions.amount.notPositive" },
      // Line 2 was refused, so line 5 is the first Pools row that could be saved; the file is still refused.
    ]);
    const duplicate = issuesOf(["department,program,fiscal_year,total_amount,federal_amount", "Parks,Pools,2026,100,0", "parks,POOLS,FY26,200,0"].join("\n"));
    expect(duplicate).toEqual([{ row: 3, field: "program", messageKey: "errors.impact.budget.duplicateProgram", params: { line: 2 } }]);
  });

  it("refuses a header it cannot use, and a file without rows, saying why", () => {
    expect(issuesOf("department,program,year,total,notes\nParks,Pools,2026,1,x")).toEqual([
      { row: 1, field: "notes", messageKey: "errors.impact.budget.unknownColumn", params: { column: "notes" } },
      { row: 1, field: "federal_amount", messageKey: "errors.volunteers.import.missingColumn", params: { column: "federal_amount" } },
    ]);
    expect(issuesOf("department,program,fiscal_year,amount\nParks,Pools,2026,5")).toEqual([
      { row: 1, field: "source_type", messageKey: "errors.volunteers.import.missingColumn", params: { column: "source_type" } },
    ]);
    expect(issuesOf("department,program,fiscal_year,total_amount,federal_amount\n\n")).toEqual([
      { row: 1, field: "file", messageKey: "errors.impact.budget.noRows" },
    ]);
    expect(issuesOf('department,program\n"Parks,Pools')).toEqual([{ row: 2, field: "file", messageKey: "errors.volunteers.import.unclosedQuote" }]);
  });

  it("reads fiscal years as budget offices write them", () => {
    expect(["2026", "FY2026", "fy 2026", "FY26"].map(parseFiscalYear)).toEqual([2026, 2026, 2026, 2026]);
    expect(["", "26.5", "1899", "2101", "next year"].map(parseFiscalYear)).toEqual([null, null, null, null, null]);
  });

  it("has every message it can give in English and Spanish", () => {
    const keys = ["noRows", "tooManyRows", "unknownColumn", "required", "tooLong", "fiscalYear", "federalAboveTotal", "duplicateProgram"].map(
      (key) => `errors.impact.budget.${key}`,
    );
    for (const key of keys) {
      expect(typeof lookup(en, key), key).toBe("string");
      expect(typeof lookup(es, key), key).toBe("string");
    }
  });
});
