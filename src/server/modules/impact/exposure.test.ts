import { describe, expect, it } from "vitest";
import { exposureOf, isCutPercent } from "./exposure.ts";

const budget = [
  { department: "Parks", program: "Trail upkeep", totalMinor: 45_000_000, federalMinor: 0 },
  { department: "Health", program: "Clinics", totalMinor: 9_000_000, federalMinor: 9_000_000 },
  { department: "Parks", program: "Summer youth jobs", totalMinor: 300_000_000, federalMinor: 120_000_000 },
  { department: "Health", program: "Lead abatement", totalMinor: 85_000_000, federalMinor: 50_000_000 },
];

describe("federal-funding exposure", () => {
  it("gives the federal share overall, per department and per program, most at risk first", () => {
    const exposure = exposureOf(budget, 25);
    expect(exposure.overall).toEqual({ totalMinor: 439_000_000, federalMinor: 179_000_000, federalShareBasisPoints: 4077, atRiskMinor: 44_750_000 });
    expect(exposure.departments.map((department) => [department.department, department.federalShareBasisPoints, department.atRiskMinor])).toEqual([
      ["Parks", 3478, 30_000_000],
      ["Health", 6277, 14_750_000],
    ]);
    expect(exposure.departments[1]?.programs).toEqual([
      { program: "Lead abatement", totalMinor: 85_000_000, federalMinor: 50_000_000, federalShareBasisPoints: 5882, atRiskMinor: 12_500_000 },
      { program: "Clinics", totalMinor: 9_000_000, federalMinor: 9_000_000, federalShareBasisPoints: 10_000, atRiskMinor: 2_250_000 },
    ]);
  });

  it("puts nothing at risk with no cut and all federal money with a full cut", () => {
    expect(exposureOf(budget, 0).overall.atRiskMinor).toBe(0);
    expect(exposureOf(budget, 100).overall.atRiskMinor).toBe(179_000_000);
    expect(exposureOf([], 50).overall).toEqual({ totalMinor: 0, federalMinor: 0, federalShareBasisPoints: 0, atRiskMinor: 0 });
  });

  it("takes a cut only as a whole percentage from 0 to 100", () => {
    expect([0, 1, 50, 100].every(isCutPercent)).toBe(true);
    expect([-1, 101, 12.5, Number.NaN, "20"].some(isCutPercent)).toBe(false);
    expect(() => exposureOf(budget, 150)).toThrow(RangeError);
  });
});
