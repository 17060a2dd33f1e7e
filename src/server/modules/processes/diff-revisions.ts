import type { ProcessContentView, ProcessStepView } from "../../../contracts/processes.ts";

/** One value that differs between two revisions. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface StepChange {
  key: string;
  /** The step's name in the later revision, or in the earlier one when it was removed. */
  name: string;
  change: "added" | "removed" | "moved" | "changed";
  /** 1-based positions; null where the step does not exist. */
  positionBefore: number | null;
  positionAfter: number | null;
  /** What changed inside the step (for "changed", and for "moved" steps that also changed). */
  fields: FieldChange[];
}

export interface RevisionDiff {
  fields: FieldChange[];
  steps: StepChange[];
}

const processFields = ["name", "purpose", "serviceUsers", "annualVolume"] as const;
const stepFields = ["name", "actorRole", "channel", "systemUsed", "handlingMinutes", "waitingMinutes", "sharePercent", "notes", "decision"] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The keys of the longest common subsequence of two key lists: the steps that kept their order. */
function keptInOrder(before: string[], after: string[]): Set<string> {
  const width = after.length + 1;
  // lengths[i * width + j]: the longest common subsequence of before[i..] and after[j..].
  const lengths = new Array<number>((before.length + 1) * width).fill(0);
  const at = (i: number, j: number) => lengths[i * width + j] ?? 0;
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] = before[i] === after[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    const key = before[i];
    if (key !== undefined && key === after[j]) {
      kept.add(key);
      i += 1;
      j += 1;
    } else if (at(i + 1, j) >= at(i, j + 1)) i += 1;
    else j += 1;
  }
  return kept;
}

function stepFieldChanges(before: ProcessStepView, after: ProcessStepView): FieldChange[] {
  return stepFields.filter((field) => !same(before[field], after[field])).map((field) => ({ field, before: before[field], after: after[field] }));
}

/**
 * What changed from one revision to another, as a reader would describe it: process fields that
 * differ, and steps added, removed, moved (out of the order the other steps kept) or changed.
 * Steps are matched by their key, so renaming a step is a change, not a removal and an addition.
 */
export function diffRevisions(before: ProcessContentView, after: ProcessContentView): RevisionDiff {
  const fields = processFields.filter((field) => !same(before[field], after[field])).map((field) => ({ field, before: before[field], after: after[field] }));
  const beforeByKey = new Map(before.steps.map((step, index) => [step.key, { step, position: index + 1 }]));
  const afterByKey = new Map(after.steps.map((step, index) => [step.key, { step, position: index + 1 }]));
  const common = (steps: ProcessStepView[], other: Map<string, unknown>) => steps.map((step) => step.key).filter((key) => other.has(key));
  const kept = keptInOrder(common(before.steps, afterByKey), common(after.steps, beforeByKey));

  const steps: StepChange[] = [];
  for (const [key, { step, position }] of afterByKey) {
    const earlier = beforeByKey.get(key);
    if (!earlier) {
      steps.push({ key, name: step.name, change: "added", positionBefore: null, positionAfter: position, fields: [] });
      continue;
    }
    const changes = stepFieldChanges(earlier.step, step);
    if (!kept.has(key)) steps.push({ key, name: step.name, change: "moved", positionBefore: earlier.position, positionAfter: position, fields: changes });
    else if (changes.length > 0)
      steps.push({ key, name: step.name, change: "changed", positionBefore: earlier.position, positionAfter: position, fields: changes });
  }
  for (const [key, { step, position }] of beforeByKey) {
    if (!afterByKey.has(key)) steps.push({ key, name: step.name, change: "removed", positionBefore: position, positionAfter: null, fields: [] });
  }
  steps.sort((a, b) => (a.positionAfter ?? a.positionBefore ?? 0) - (b.positionAfter ?? b.positionBefore ?? 0));
  return { fields, steps };
}
