/**
 * The figures a documented process is judged by, computed in one place: the Standard Cost Model
 * (cost = price × quantity, price = tariff × time) and the GOV.UK service-manual measures (cost per
 * transaction, cycle time, digital take-up). Pure: the caller reads the steps, volume and rate table.
 * Shared by the server and the web app, so the totals the editor shows while someone types are the
 * figures the server reports.
 *
 * Money stays in integer minor units: figures are worked out exactly in fractions of a minor unit
 * and rounded once, at the end, so an annual figure is not a rounded per-transaction figure times
 * the volume.
 */

export const channels = ["paper", "phone", "email", "counter", "online"] as const;
export type Channel = (typeof channels)[number];

export interface CostedStep {
  actorRole: string;
  channel: Channel;
  /** Minutes someone works on one transaction at this step. */
  handlingMinutes: number;
  /** Minutes the transaction waits at this step (in a queue, in the post) with nobody working on it. */
  waitingMinutes: number;
  /**
   * Percentage of transactions that pass through this step: 100 for a step every transaction takes,
   * 30 for the "return to the applicant" step that 30 % of applications need. Defaults to 100.
   */
  sharePercent?: number;
}

export interface ProcessFigures {
  /** Staff cost of one transaction, in minor units (rounded). */
  costPerTransactionMinor: number;
  /** Staff cost of a year's transactions, in minor units (rounded). */
  annualCostMinor: number;
  /** Staff hours a year's transactions take, to one hundredth of an hour. */
  annualStaffHours: number;
  /** Minutes from the first step to the last for an average transaction: handling plus waiting. */
  cycleTimeMinutes: number;
  /** Minutes of work on an average transaction. */
  handlingMinutesPerTransaction: number;
  /** Share of the steps that are online, 0 to 1. */
  digitalStepShare: number;
  /** Share of the step-visits of a year's transactions that happen online, 0 to 1. */
  digitalVolumeShare: number;
  /** Roles that appear in the steps but have no rate in the table: their time is costed at zero. */
  unratedRoles: string[];
}

function shareOf(step: CostedStep): number {
  return (step.sharePercent ?? 100) / 100;
}

function roundTo(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/**
 * The figures of a process with `annualVolume` transactions a year, each step's time costed at the
 * hourly rate (minor units) of its actor's role.
 */
export function processFigures(steps: readonly CostedStep[], annualVolume: number, hourlyRateMinorByRole: ReadonlyMap<string, number>): ProcessFigures {
  let costPerTransaction = 0;
  let handlingMinutes = 0;
  let cycleMinutes = 0;
  let visits = 0;
  let onlineVisits = 0;
  const unrated = new Set<string>();
  for (const step of steps) {
    const share = shareOf(step);
    const rate = hourlyRateMinorByRole.get(step.actorRole);
    if (rate === undefined && step.handlingMinutes > 0) unrated.add(step.actorRole);
    // Standard Cost Model: price = tariff (hourly rate) × time, weighted by how many transactions take the step.
    costPerTransaction += ((rate ?? 0) * step.handlingMinutes * share) / 60;
    handlingMinutes += step.handlingMinutes * share;
    cycleMinutes += (step.handlingMinutes + step.waitingMinutes) * share;
    visits += share;
    if (step.channel === "online") onlineVisits += share;
  }
  const onlineSteps = steps.filter((step) => step.channel === "online").length;
  return {
    costPerTransactionMinor: Math.round(costPerTransaction),
    annualCostMinor: Math.round(costPerTransaction * annualVolume),
    annualStaffHours: roundTo((handlingMinutes * annualVolume) / 60, 2),
    cycleTimeMinutes: roundTo(cycleMinutes, 2),
    handlingMinutesPerTransaction: roundTo(handlingMinutes, 2),
    digitalStepShare: steps.length === 0 ? 0 : onlineSteps / steps.length,
    digitalVolumeShare: visits === 0 ? 0 : onlineVisits / visits,
    unratedRoles: [...unrated].sort(),
  };
}

export interface ProcessSaving {
  annualCostSavedMinor: number;
  annualHoursSaved: number;
  costPerTransactionSavedMinor: number;
  cycleTimeSavedMinutes: number;
}

/** What moving from the as-is figures to the to-be figures saves a year; negative when the to-be costs more. */
export function processSaving(asIs: ProcessFigures, toBe: ProcessFigures): ProcessSaving {
  return {
    annualCostSavedMinor: asIs.annualCostMinor - toBe.annualCostMinor,
    annualHoursSaved: roundTo(asIs.annualStaffHours - toBe.annualStaffHours, 2),
    costPerTransactionSavedMinor: asIs.costPerTransactionMinor - toBe.costPerTransactionMinor,
    cycleTimeSavedMinutes: roundTo(asIs.cycleTimeMinutes - toBe.cycleTimeMinutes, 2),
  };
}
