import type { ProcessChannel, ProcessContentView } from "../../../contracts/processes.ts";

/**
 * A process as the editor holds it while someone types: numbers stay the text of their fields
 * until they are sent, so that a half-typed "2." is not thrown away, and a decision is its
 * condition and target step as two fields.
 */

export interface StepDraft {
  key: string;
  name: string;
  actorRole: string;
  channel: ProcessChannel;
  systemUsed: string;
  handlingMinutes: string;
  waitingMinutes: string;
  sharePercent: string;
  notes: string;
  condition: string;
  /** The key of the step the decision sends the transaction to; "" for no decision. */
  goToStepKey: string;
}

export interface ProcessDraft {
  name: string;
  purpose: string;
  serviceUsers: string;
  annualVolume: string;
  steps: StepDraft[];
}

export const emptyDraft: ProcessDraft = { name: "", purpose: "", serviceUsers: "", annualVolume: "", steps: [] };

export function draftOf(content: ProcessContentView): ProcessDraft {
  return {
    name: content.name,
    purpose: content.purpose,
    serviceUsers: content.serviceUsers,
    annualVolume: String(content.annualVolume),
    steps: content.steps.map((step) => ({
      key: step.key,
      name: step.name,
      actorRole: step.actorRole,
      channel: step.channel,
      systemUsed: step.systemUsed,
      handlingMinutes: String(step.handlingMinutes),
      waitingMinutes: String(step.waitingMinutes),
      sharePercent: String(step.sharePercent),
      notes: step.notes,
      condition: step.decision?.condition ?? "",
      goToStepKey: step.decision?.goToStepKey ?? "",
    })),
  };
}

/** A new step, done by whoever did the step before it, in the same way. */
export function newStep(key: string, previous: StepDraft | undefined): StepDraft {
  return {
    key,
    name: "",
    actorRole: previous?.actorRole ?? "",
    channel: previous?.channel ?? "paper",
    systemUsed: "",
    handlingMinutes: "0",
    waitingMinutes: "0",
    sharePercent: "100",
    notes: "",
    condition: "",
    goToStepKey: "",
  };
}

/** What a number field holds as a number: null when empty or unreadable, so that the server names the field. */
export function numberIn(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** The body the server checks: numbers as typed (null where unreadable), a decision only where a target step is chosen. */
export function contentOf(draft: ProcessDraft) {
  return {
    name: draft.name,
    purpose: draft.purpose,
    serviceUsers: draft.serviceUsers,
    annualVolume: numberIn(draft.annualVolume),
    steps: draft.steps.map((step) => ({
      key: step.key,
      name: step.name,
      actorRole: step.actorRole,
      channel: step.channel,
      systemUsed: step.systemUsed,
      handlingMinutes: numberIn(step.handlingMinutes),
      waitingMinutes: numberIn(step.waitingMinutes),
      sharePercent: numberIn(step.sharePercent),
      notes: step.notes,
      decision: step.goToStepKey ? { condition: step.condition, goToStepKey: step.goToStepKey } : null,
    })),
  };
}

/** The draft as the diagram, the table and the live totals read it: what cannot be read yet counts as nothing. */
export function previewOf(draft: ProcessDraft): ProcessContentView {
  const keys = new Set(draft.steps.map((step) => step.key));
  const orZero = (text: string) => Math.max(0, numberIn(text) ?? 0);
  return {
    name: draft.name.trim(),
    purpose: draft.purpose.trim(),
    serviceUsers: draft.serviceUsers.trim(),
    annualVolume: Math.round(orZero(draft.annualVolume)),
    steps: draft.steps.map((step) => {
      const share = numberIn(step.sharePercent);
      return {
        key: step.key,
        name: step.name.trim(),
        actorRole: step.actorRole.trim(),
        channel: step.channel,
        systemUsed: step.systemUsed.trim(),
        handlingMinutes: orZero(step.handlingMinutes),
        waitingMinutes: orZero(step.waitingMinutes),
        sharePercent: share !== null && share > 0 && share <= 100 ? share : 100,
        notes: step.notes.trim(),
        decision:
          step.goToStepKey && keys.has(step.goToStepKey) && step.goToStepKey !== step.key
            ? { condition: step.condition.trim(), goToStepKey: step.goToStepKey }
            : null,
      };
    }),
  };
}

/** The steps with the one at `index` moved `by` places (−1 up, +1 down); unchanged when that leaves the list. */
export function moveStep(steps: readonly StepDraft[], index: number, by: -1 | 1): StepDraft[] {
  const target = index + by;
  if (index < 0 || index >= steps.length || target < 0 || target >= steps.length) return [...steps];
  const moved = [...steps];
  const [step] = moved.splice(index, 1);
  if (step) moved.splice(target, 0, step);
  return moved;
}

/** The steps without the one at `index`; decisions that sent transactions to it are cleared. */
export function removeStep(steps: readonly StepDraft[], index: number): StepDraft[] {
  const removed = steps[index];
  return steps
    .filter((_, at) => at !== index)
    .map((step) => (removed && step.goToStepKey === removed.key ? { ...step, goToStepKey: "", condition: step.condition } : step));
}
