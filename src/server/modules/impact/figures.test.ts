import { describe, expect, it } from "vitest";
import { equalShares, yearsOf } from "./figures.ts";

describe("yearsOf", () => {
  it("puts each year's budget beside its offsets, oldest first, values the year's minutes once and says how much of the federal funds they cover", () => {
    const years = yearsOf(
      [
        { fiscalYear: 2026, agencyId: null, totalMinor: 1_000_000, federalMinor: 400_000 },
        { fiscalYear: 2026, agencyId: "a", totalMinor: 500_000, federalMinor: 100_000 },
        { fiscalYear: 2025, agencyId: null, totalMinor: 200_000, federalMinor: 0 },
      ],
      [
        { fiscalYear: 2026, agencyId: "a", figures: { volunteerMinutes: 1 } },
        { fiscalYear: 2026, agencyId: "b", figures: { volunteerMinutes: 1 } },
        { fiscalYear: 2026, agencyId: null, figures: { bountiesPaid: 1, bountySavingsMinor: 10_000 } },
        { fiscalYear: 2026, agencyId: "a", figures: { processes: 1, processSavingsMinor: 20_000 } },
        { fiscalYear: 2024, agencyId: null, figures: { catalogEntries: 1, reuseSavingsMinor: 5_000 } },
      ],
      3000,
    );
    expect(years.map((year) => year.fiscalYear)).toEqual([2024, 2025, 2026]);
    // Two single minutes at 30.00 an hour are one unit, not two roundings of 0.5.
    expect(years[2]).toEqual({
      fiscalYear: 2026,
      totalMinor: 1_500_000,
      federalMinor: 500_000,
      federalShareBasisPoints: 3333,
      offsets: {
        volunteerMinutes: 2,
        volunteerValueMinor: 100,
        bountiesPaid: 1,
        bountySavingsMinor: 10_000,
        processes: 1,
        processSavingsMinor: 20_000,
        catalogEntries: 0,
        reuseSavingsMinor: 0,
        totalMinor: 30_100,
      },
      coverBasisPoints: 602,
    });
    // A year with a budget and no federal funds covers nothing; a year of offsets without a budget has no share.
    expect(years[1]).toMatchObject({ totalMinor: 200_000, federalShareBasisPoints: 0, coverBasisPoints: null });
    expect(years[0]).toMatchObject({ totalMinor: 0, offsets: { reuseSavingsMinor: 5_000, totalMinor: 5_000 }, coverBasisPoints: null });
  });

  it("counts a negative bounty saving (paid above the estimate) against the total", () => {
    const [year] = yearsOf([], [{ fiscalYear: 2026, agencyId: null, figures: { bountiesPaid: 1, bountySavingsMinor: -2_500 } }], 3479);
    expect(year?.offsets.totalMinor).toBe(-2_500);
  });
});

describe("equalShares", () => {
  it("splits an amount into whole shares that add up to it", () => {
    expect(equalShares(1_000, 3)).toEqual([334, 333, 333]);
    expect(equalShares(10, 1)).toEqual([10]);
    expect(equalShares(7, 0)).toEqual([]);
    const shares = equalShares(1_850_000, 7);
    expect(shares.reduce((sum, share) => sum + share, 0)).toBe(1_850_000);
  });
});
