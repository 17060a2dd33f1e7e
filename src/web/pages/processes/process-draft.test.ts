import { describe, expect, it } from "vitest";
import { type ProcessContentView, processContent } from "../../../contracts/processes.ts";
import { contentOf, draftOf, moveStep, newStep, numberIn, previewOf, removeStep } from "./process-draft.ts";

const content: ProcessContentView = processContent.parse({
  name: "Picnic shelter permit",
  purpose: "Reserve a shelter",
  serviceUsers: "Residents",
  annualVolume: 4000,
  steps: [
    { key: "form", name: "Take the form", actorRole: "Permit clerk", channel: "counter", handlingMinutes: 8, waitingMinutes: 0 },
    {
      key: "check",
      name: "Check it",
      actorRole: "Permit clerk",
      channel: "paper",
      handlingMinutes: 5.5,
      waitingMinutes: 720,
      decision: { condition: "Incomplete", goToStepKey: "call" },
    },
    { key: "call", name: "Phone the applicant", actorRole: "Permit clerk", channel: "phone", handlingMinutes: 10, waitingMinutes: 30, sharePercent: 35 },
  ],
});

describe("the process editor's draft", () => {
  it("sends back exactly what it was made from", () => {
    expect(processContent.parse(contentOf(draftOf(content)))).toEqual(content);
  });

  it("sends numbers that cannot be read as null, so the server names the field", () => {
    const draft = draftOf(content);
    const edited = { ...draft, annualVolume: "", steps: draft.steps.map((step, index) => (index === 0 ? { ...step, handlingMinutes: "abc" } : step)) };
    const body = contentOf(edited);
    expect(body.annualVolume).toBeNull();
    expect(body.steps[0]?.handlingMinutes).toBeNull();
    expect(processContent.safeParse(body).success).toBe(false);
    expect(numberIn(" 2.5 ")).toBe(2.5);
  });

  it("sends a decision only when a step to go to is chosen", () => {
    const draft = draftOf(content);
    const withoutTarget = { ...draft, steps: draft.steps.map((step) => ({ ...step, goToStepKey: "" })) };
    expect(contentOf(withoutTarget).steps.every((step) => step.decision === null)).toBe(true);
  });

  it("previews what is half typed as nothing, and a decision to a step that is gone as none", () => {
    const draft = draftOf(content);
    const half = {
      ...draft,
      steps: [{ ...newStep("new1", draft.steps[0]), handlingMinutes: "", sharePercent: "0" }, draft.steps[1] ?? newStep("x", undefined)],
    };
    const preview = previewOf(half);
    expect(preview.steps[0]).toMatchObject({ key: "new1", actorRole: "Permit clerk", channel: "counter", handlingMinutes: 0, sharePercent: 100 });
    expect(preview.steps[1]?.decision).toBeNull();
  });

  it("moves a step up or down and stays put at either end", () => {
    const steps = draftOf(content).steps;
    expect(moveStep(steps, 2, -1).map((step) => step.key)).toEqual(["form", "call", "check"]);
    expect(moveStep(steps, 0, 1).map((step) => step.key)).toEqual(["check", "form", "call"]);
    expect(moveStep(steps, 0, -1).map((step) => step.key)).toEqual(["form", "check", "call"]);
    expect(moveStep(steps, 2, 1).map((step) => step.key)).toEqual(["form", "check", "call"]);
  });

  it("clears decisions that pointed at a removed step", () => {
    const steps = removeStep(draftOf(content).steps, 2);
    expect(steps.map((step) => step.key)).toEqual(["form", "check"]);
    expect(steps[1]?.goToStepKey).toBe("");
  });
});
