import { describe, expect, it } from "vitest";
import { type CostedStep, processFigures, processSaving } from "./process-cost.ts";

// A building permit as a city might document it: 1,200 applications a year.
const rates = new Map([
  ["Permit clerk", 3_000], // 30.00 an hour
  ["Building inspector", 4_800], // 48.00 an hour
  ["Supervisor", 6_000], // 60.00 an hour
]);

const asIs: CostedStep[] = [
  { actorRole: "Permit clerk", channel: "counter", handlingMinutes: 15, waitingMinutes: 0 },
  { actorRole: "Permit clerk", channel: "paper", handlingMinutes: 10, waitingMinutes: 2_880 },
  // Three applications in ten come in incomplete and the clerk phones the applicant.
  { actorRole: "Permit clerk", channel: "phone", handlingMinutes: 12, waitingMinutes: 60, sharePercent: 30 },
  { actorRole: "Building inspector", channel: "paper", handlingMinutes: 45, waitingMinutes: 4_320 },
  { actorRole: "Supervisor", channel: "email", handlingMinutes: 5, waitingMinutes: 1_440 },
];

const toBe: CostedStep[] = [
  // The applicant fills in an online form: no staff time, so no rate needed.
  { actorRole: "Applicant", channel: "online", handlingMinutes: 0, waitingMinutes: 0 },
  // The form checks itself, so one in ten needs a message from the clerk.
  { actorRole: "Permit clerk", channel: "online", handlingMinutes: 5, waitingMinutes: 60, sharePercent: 10 },
  { actorRole: "Building inspector", channel: "paper", handlingMinutes: 45, waitingMinutes: 4_320 },
  { actorRole: "Supervisor", channel: "online", handlingMinutes: 5, waitingMinutes: 1_440 },
];

describe("processFigures", () => {
  it("works out the as-is building permit by the Standard Cost Model", () => {
    const figures = processFigures(asIs, 1_200, rates);
    // 30.00 × 15/60 = 7.50; 30.00 × 10/60 = 5.00; 30.00 × 12/60 × 0.3 = 1.80; 48.00 × 45/60 = 36.00; 60.00 × 5/60 = 5.00
    expect(figures.costPerTransactionMinor).toBe(5_530);
    expect(figures.annualCostMinor).toBe(6_636_000);
    // 15 + 10 + 12 × 0.3 + 45 + 5 = 78.6 minutes; × 1,200 / 60
    expect(figures.handlingMinutesPerTransaction).toBe(78.6);
    expect(figures.annualStaffHours).toBe(1_572);
    // 15 + 2,890 + 72 × 0.3 + 4,365 + 1,445
    expect(figures.cycleTimeMinutes).toBe(8_736.6);
    expect(figures.digitalStepShare).toBe(0);
    expect(figures.digitalVolumeShare).toBe(0);
    expect(figures.unratedRoles).toEqual([]);
  });

  it("works out the to-be version with three of four steps online", () => {
    const figures = processFigures(toBe, 1_200, rates);
    // 0 + 30.00 × 5/60 × 0.1 = 0.25 + 36.00 + 5.00
    expect(figures.costPerTransactionMinor).toBe(4_125);
    expect(figures.annualCostMinor).toBe(4_950_000);
    expect(figures.annualStaffHours).toBe(1_010);
    expect(figures.cycleTimeMinutes).toBe(0 + 6.5 + 4_365 + 1_445);
    expect(figures.digitalStepShare).toBe(0.75);
    // Step visits: 1 + 0.1 + 1 + 1 = 3.1, of which 2.1 online.
    expect(figures.digitalVolumeShare).toBeCloseTo(2.1 / 3.1, 10);
    expect(figures.unratedRoles).toEqual([]);
  });

  it("shows the saving from as-is to to-be", () => {
    const saving = processSaving(processFigures(asIs, 1_200, rates), processFigures(toBe, 1_200, rates));
    expect(saving).toEqual({
      annualCostSavedMinor: 1_686_000,
      annualHoursSaved: 562,
      costPerTransactionSavedMinor: 1_405,
      cycleTimeSavedMinutes: 2_920.1,
    });
  });

  it("rounds money once, at the end, not per transaction", () => {
    // 33.33 an hour for 7 minutes is 3.8885 a transaction: shown as 3.89, but a thousand of them cost 3,888.50.
    const figures = processFigures([{ actorRole: "Clerk", channel: "paper", handlingMinutes: 7, waitingMinutes: 0 }], 1_000, new Map([["Clerk", 3_333]]));
    expect(figures.costPerTransactionMinor).toBe(389);
    expect(figures.annualCostMinor).toBe(388_850);
  });

  it("costs a role missing from the rate table at zero and names it", () => {
    const figures = processFigures(
      [
        { actorRole: "Clerk", channel: "paper", handlingMinutes: 6, waitingMinutes: 0 },
        { actorRole: "Cashier", channel: "counter", handlingMinutes: 4, waitingMinutes: 10 },
      ],
      100,
      new Map([["Clerk", 6_000]]),
    );
    expect(figures.costPerTransactionMinor).toBe(600);
    expect(figures.unratedRoles).toEqual(["Cashier"]);
    expect(figures.annualStaffHours).toBeCloseTo(16.67, 2);
  });

  it("gives zeros, not NaN, for a process with no steps or no volume", () => {
    const empty = processFigures([], 500, rates);
    expect(empty).toMatchObject({ costPerTransactionMinor: 0, annualCostMinor: 0, cycleTimeMinutes: 0, digitalStepShare: 0, digitalVolumeShare: 0 });
    expect(processFigures(asIs, 0, rates)).toMatchObject({ costPerTransactionMinor: 5_530, annualCostMinor: 0, annualStaffHours: 0 });
  });
});
