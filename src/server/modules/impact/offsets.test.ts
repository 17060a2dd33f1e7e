import { describe, expect, it } from "vitest";
import { fiscalYearDays, fiscalYearOf, independentSectorHourValue, volunteerTimeValueMinor } from "./offsets.ts";

describe("fiscal years", () => {
  it("names a fiscal year by the calendar year it ends in", () => {
    expect(fiscalYearOf("2025-06-30", 7)).toBe(2025);
    expect(fiscalYearOf("2025-07-01", 7)).toBe(2026);
    expect(fiscalYearOf("2026-06-30", 7)).toBe(2026);
    expect(fiscalYearOf("2025-09-30", 10)).toBe(2025);
    expect(fiscalYearOf("2025-10-01", 10)).toBe(2026);
    expect(fiscalYearOf("2026-01-01", 1)).toBe(2026);
    expect(fiscalYearOf("2026-12-31", 1)).toBe(2026);
  });

  it("gives a fiscal year's first and last days, leap years included", () => {
    expect(fiscalYearDays(2026, 7)).toEqual({ first: "2025-07-01", last: "2026-06-30" });
    expect(fiscalYearDays(2026, 1)).toEqual({ first: "2026-01-01", last: "2026-12-31" });
    expect(fiscalYearDays(2028, 3)).toEqual({ first: "2027-03-01", last: "2028-02-29" });
    for (const startMonth of [1, 7, 10]) {
      const { first, last } = fiscalYearDays(2026, startMonth);
      expect([fiscalYearOf(first, startMonth), fiscalYearOf(last, startMonth)]).toEqual([2026, 2026]);
    }
  });

  it("refuses a month that does not exist and a day that is not one", () => {
    expect(() => fiscalYearOf("2026-01-01", 13)).toThrow(RangeError);
    expect(() => fiscalYearOf("01/02/2026", 7)).toThrow(RangeError);
    expect(() => fiscalYearDays(2026, 0)).toThrow(RangeError);
  });
});

describe("the value of volunteer time", () => {
  it("counts approved minutes at the hour's value, to the nearest cent", () => {
    expect(volunteerTimeValueMinor(60, independentSectorHourValue.amountMinor)).toBe(3479);
    expect(volunteerTimeValueMinor(90, 3479)).toBe(5219);
    expect(volunteerTimeValueMinor(1, 3479)).toBe(58);
    expect(volunteerTimeValueMinor(0, 3479)).toBe(0);
    expect(() => volunteerTimeValueMinor(-30, 3479)).toThrow(RangeError);
    expect(() => volunteerTimeValueMinor(30, 34.79)).toThrow(RangeError);
  });
});
