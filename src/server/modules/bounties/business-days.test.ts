import { describe, expect, it } from "vitest";
import { addBusinessDays, deliveryDueAt, isBusinessDay } from "./business-days.ts";

const none = new Set<string>();

describe("business days", () => {
  it("skips the weekend: one business day after a Friday is the Monday", () => {
    expect(addBusinessDays("2026-11-27", 1, none)).toBe("2026-11-30");
    expect(addBusinessDays("2026-11-28", 1, none)).toBe("2026-11-30");
    expect(addBusinessDays("2026-11-23", 5, none)).toBe("2026-11-30");
  });

  it("skips the city's holidays", () => {
    const thanksgiving = new Set(["2026-11-26", "2026-11-27"]);
    expect(addBusinessDays("2026-11-25", 1, thanksgiving)).toBe("2026-11-30");
    expect(addBusinessDays("2026-11-24", 3, thanksgiving)).toBe("2026-12-01");
    expect(isBusinessDay("2026-11-26", thanksgiving)).toBe(false);
    expect(isBusinessDay("2026-11-25", thanksgiving)).toBe(true);
  });

  it("counts across the year end and its holidays", () => {
    const holidays = new Set(["2026-12-25", "2027-01-01"]);
    // Thu 24 Dec → Fri 25 (holiday), weekend, Mon 28 … Thu 31, Fri 1 Jan (holiday), weekend, Mon 4 Jan.
    expect(addBusinessDays("2026-12-24", 5, holidays)).toBe("2027-01-04");
    expect(addBusinessDays("2026-12-31", 1, holidays)).toBe("2027-01-04");
  });

  it("refuses a count that is not a positive whole number", () => {
    expect(() => addBusinessDays("2026-11-27", 0, none)).toThrow(RangeError);
    expect(() => addBusinessDays("2026-11-27", 1.5, none)).toThrow(RangeError);
  });

  it("is due at the end of the last business day in the city's zone, not the server's", () => {
    // 23:30 on Friday 27 November in New York is already Saturday in UTC; the award day is the Friday.
    const awardedAt = new Date("2026-11-28T04:30:00Z");
    const { dueOn, dueAt } = deliveryDueAt(awardedAt, 1, none, "America/New_York");
    expect(dueOn).toBe("2026-11-30");
    expect(dueAt.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    const inBerlin = deliveryDueAt(awardedAt, 1, none, "Europe/Berlin");
    expect(inBerlin.dueOn).toBe("2026-11-30");
    expect(inBerlin.dueAt.toISOString()).toBe("2026-11-30T23:00:00.000Z");
  });

  it("crosses a change of the clocks", () => {
    // Friday 6 March 2026 in New York (UTC−5); due Monday 9 March, which ends in summer time (UTC−4).
    const { dueOn, dueAt } = deliveryDueAt(new Date("2026-03-06T15:00:00Z"), 1, none, "America/New_York");
    expect(dueOn).toBe("2026-03-09");
    expect(dueAt.toISOString()).toBe("2026-03-10T04:00:00.000Z");
  });
});
