import { describe, expect, it } from "vitest";
import { instantOf, wallClockOf } from "./formatting.ts";

describe("instantOf", () => {
  it("reads a wall-clock time in the city's zone", () => {
    expect(instantOf("2026-12-05", "09:00", "America/Chicago")).toBe("2026-12-05T15:00:00.000Z");
    expect(instantOf("2026-07-05", "09:00", "America/Chicago")).toBe("2026-07-05T14:00:00.000Z");
    expect(instantOf("2026-07-05", "09:30", "Asia/Kolkata")).toBe("2026-07-05T04:00:00.000Z");
  });

  it("gives back what wallClockOf shows, on both sides of a daylight-saving change", () => {
    for (const [date, time] of [
      ["2026-03-08", "01:30"],
      ["2026-03-08", "03:30"],
      ["2026-11-01", "00:30"],
      ["2026-11-01", "02:30"],
    ] as const) {
      expect(wallClockOf(instantOf(date, time, "America/Chicago"), "America/Chicago")).toEqual({ date, time });
    }
  });
});
