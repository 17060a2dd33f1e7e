import { describe, expect, it } from "vitest";
import type { OffsetFiguresView, YearImpactView } from "../../../contracts/impact.ts";
import {
  barPercent,
  budgetYearsOf,
  cutOf,
  fiscalYearOf,
  fractionOf,
  headlineYear,
  hoursOf,
  offsetShares,
  programsByYear,
  shareBasisPoints,
} from "./impact-figures.ts";

const noOffsets: OffsetFiguresView = {
  volunteerMinutes: 0,
  volunteerValueMinor: 0,
  bountiesPaid: 0,
  bountySavingsMinor: 0,
  processes: 0,
  processSavingsMinor: 0,
  catalogEntries: 0,
  reuseSavingsMinor: 0,
  totalMinor: 0,
};

function year(fiscalYear: number, totalMinor: number, federalMinor = 0): YearImpactView {
  return {
    fiscalYear,
    totalMinor,
    federalMinor,
    federalShareBasisPoints: totalMinor === 0 ? 0 : Math.round((federalMinor * 10_000) / totalMinor),
    offsets: noOffsets,
    coverBasisPoints: null,
  };
}

describe("fractionOf", () => {
  it("turns basis points into a fraction", () => {
    expect(fractionOf(2_550)).toBe(0.255);
    expect(fractionOf(0)).toBe(0);
    expect(fractionOf(10_000)).toBe(1);
    expect(fractionOf(null)).toBeNull();
  });
});

describe("headlineYear and budgetYearsOf", () => {
  it("takes the latest year with a budget, not a later year of offsets only", () => {
    const years = [year(2024, 100), year(2025, 200), year(2026, 0)];
    expect(headlineYear(years)?.fiscalYear).toBe(2025);
    expect(budgetYearsOf(years)).toEqual([2025, 2024]);
  });

  it("falls back to the latest year when no budget was imported, and to nothing without years", () => {
    expect(headlineYear([year(2025, 0), year(2026, 0)])?.fiscalYear).toBe(2026);
    expect(headlineYear([])).toBeUndefined();
    expect(budgetYearsOf([year(2026, 0)])).toEqual([]);
  });
});

describe("barPercent", () => {
  it("scales to the largest value", () => {
    expect(barPercent(50, 200)).toBe(25);
    expect(barPercent(200, 200)).toBe(100);
  });

  it("keeps a small value visible and draws nothing for zero or less", () => {
    expect(barPercent(1, 1_000_000)).toBe(0.5);
    expect(barPercent(1, 1_000_000, 2)).toBe(2);
    expect(barPercent(0, 100)).toBe(0);
    expect(barPercent(-5, 100)).toBe(0);
    expect(barPercent(5, 0)).toBe(0);
  });
});

describe("offsetShares", () => {
  it("gives each source with an amount its share of the bar", () => {
    const shares = offsetShares({ ...noOffsets, volunteerValueMinor: 300, bountySavingsMinor: 100, reuseSavingsMinor: 600, totalMinor: 1_000 });
    expect(shares).toEqual([
      { source: "volunteer", percent: 30 },
      { source: "bounty", percent: 10 },
      { source: "reuse", percent: 60 },
    ]);
  });

  it("leaves out negative savings and gives nothing for a year without offsets", () => {
    expect(offsetShares({ ...noOffsets, bountySavingsMinor: -500, processSavingsMinor: 200, totalMinor: -300 })).toEqual([{ source: "process", percent: 100 }]);
    expect(offsetShares(noOffsets)).toEqual([]);
  });
});

describe("hoursOf", () => {
  it("gives hours with one decimal", () => {
    expect(hoursOf(90)).toBe(1.5);
    expect(hoursOf(100)).toBe(1.7);
    expect(hoursOf(0)).toBe(0);
  });
});

describe("cutOf", () => {
  it("reads a whole percentage from 0 to 100", () => {
    expect(cutOf("50")).toBe(50);
    expect(cutOf("0")).toBe(0);
    expect(cutOf("100")).toBe(100);
    expect(cutOf("12.6")).toBe(13);
  });

  it("keeps within 0–100 and falls back on anything else", () => {
    expect(cutOf("150")).toBe(100);
    expect(cutOf("-3")).toBe(0);
    expect(cutOf("half", 25)).toBe(25);
    expect(cutOf("", 10)).toBe(10);
    expect(cutOf(null)).toBe(0);
  });
});

describe("fiscalYearOf", () => {
  it("accepts only a year in the list", () => {
    expect(fiscalYearOf("2025", [2024, 2025])).toBe(2025);
    expect(fiscalYearOf("2023", [2024, 2025])).toBeNull();
    expect(fiscalYearOf("FY25", [2025])).toBeNull();
    expect(fiscalYearOf(null, [2025])).toBeNull();
  });
});

describe("programsByYear", () => {
  it("groups programs by year, newest first, most federal money first", () => {
    const grouped = programsByYear([
      { fiscalYear: 2025, program: "Trails", totalMinor: 100, federalMinor: 10 },
      { fiscalYear: 2026, program: "Pools", totalMinor: 300, federalMinor: 0 },
      { fiscalYear: 2026, program: "Trees", totalMinor: 200, federalMinor: 50 },
      { fiscalYear: 2026, program: "Camps", totalMinor: 400, federalMinor: 50 },
    ]);
    expect(grouped.map((item) => [item.fiscalYear, item.programs.map((program) => program.program)])).toEqual([
      [2026, ["Camps", "Trees", "Pools"]],
      [2025, ["Trails"]],
    ]);
  });
});

describe("shareBasisPoints", () => {
  it("gives a part of a whole in basis points, 0 of nothing", () => {
    expect(shareBasisPoints(1, 3)).toBe(3_333);
    expect(shareBasisPoints(1, 8)).toBe(1_250);
    expect(shareBasisPoints(5, 0)).toBe(0);
  });
});
