import { describe, expect, it } from "vitest";
import { cityDateOf, instantOfWallClock, NonexistentLocalTimeError, offsetMinutesAt, parseCityDateTime } from "./time.ts";

describe("city time", () => {
  it("reads a wall-clock time in the city's zone, summer and winter", () => {
    expect(parseCityDateTime("2026-12-05T09:00", "America/Chicago").toISOString()).toBe("2026-12-05T15:00:00.000Z");
    expect(parseCityDateTime("2026-07-05T09:00", "America/Chicago").toISOString()).toBe("2026-07-05T14:00:00.000Z");
    expect(parseCityDateTime("2026-07-05T09:00", "Europe/Madrid").toISOString()).toBe("2026-07-05T07:00:00.000Z");
    expect(parseCityDateTime("2026-07-05T09:00", "Asia/Kolkata").toISOString()).toBe("2026-07-05T03:30:00.000Z");
  });

  it("keeps an explicit offset as the instant it names", () => {
    expect(parseCityDateTime("2026-12-05T09:00:00-05:00", "America/Chicago").toISOString()).toBe("2026-12-05T14:00:00.000Z");
    expect(parseCityDateTime("2026-12-05T09:00:00Z", "America/Chicago").toISOString()).toBe("2026-12-05T09:00:00.000Z");
  });

  it("refuses a time the clocks skip in spring, and takes the first of a repeated hour in autumn", () => {
    expect(() => instantOfWallClock({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 }, "America/Chicago")).toThrow(NonexistentLocalTimeError);
    expect(instantOfWallClock({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 }, "America/Chicago").toISOString()).toBe(
      "2026-11-01T06:30:00.000Z",
    );
  });

  it("knows the offset and the local date of an instant", () => {
    expect(offsetMinutesAt(new Date("2026-01-15T12:00:00Z"), "America/Chicago")).toBe(-360);
    expect(offsetMinutesAt(new Date("2026-07-15T12:00:00Z"), "America/Chicago")).toBe(-300);
    expect(cityDateOf(new Date("2026-12-06T03:00:00Z"), "America/Chicago")).toBe("2026-12-05");
    expect(cityDateOf(new Date("2026-12-06T03:00:00Z"), "Europe/Madrid")).toBe("2026-12-06");
  });

  it("refuses what is not a date-time", () => {
    expect(() => parseCityDateTime("next tuesday", "America/Chicago")).toThrow(RangeError);
  });
});
