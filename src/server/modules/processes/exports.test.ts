import { BpmnModdle } from "bpmn-moddle";
import { describe, expect, it } from "vitest";
import { processFigures } from "../../../contracts/process-cost.ts";
import { type ProcessContentInput, processContent } from "../../../contracts/processes.ts";
import { diffRevisions } from "./diff-revisions.ts";
import { exportBpmn } from "./export-bpmn.ts";
import { exportMarkdown, type MarkdownLabels } from "./export-markdown.ts";

const permit: ProcessContentInput = {
  name: "Building permit <residential> & garages",
  purpose: "Check that new homes are safe before work starts.",
  serviceUsers: "Home owners and builders",
  annualVolume: 1200,
  steps: [
    { key: "receive", name: "Receive the application", actorRole: "Permit clerk", channel: "counter", handlingMinutes: 15, waitingMinutes: 0 },
    {
      key: "check",
      name: "Check it is complete",
      actorRole: "Permit clerk",
      channel: "paper",
      handlingMinutes: 10,
      waitingMinutes: 2880,
      systemUsed: "Spreadsheet",
    },
    {
      key: "inspect",
      name: "Review the plans",
      actorRole: "Building inspector",
      channel: "paper",
      handlingMinutes: 45,
      waitingMinutes: 4320,
      decision: { condition: "Plans incomplete?", goToStepKey: "check" },
    },
    {
      key: "sign",
      name: "Sign | issue the permit",
      actorRole: "Supervisor",
      channel: "email",
      handlingMinutes: 5,
      waitingMinutes: 1440,
      notes: "Two lines\nof notes",
    },
  ],
};
const content = processContent.parse(permit);

describe("exportBpmn", () => {
  it("writes BPMN 2.0 that bpmn-moddle reads back without a warning: lanes per actor, tasks per step, a gateway per decision", async () => {
    const xml = exportBpmn(content, { id: "permit" });
    const moddle = new BpmnModdle();
    const { rootElement: definitions, warnings } = await moddle.fromXML(xml);
    expect(warnings).toEqual([]);
    const rootElements = definitions.get("rootElements") as Array<{ $type: string; [key: string]: unknown }>;
    const bpmnProcess = rootElements.find((element) => element.$type === "bpmn:Process") as unknown as {
      name: string;
      laneSets: Array<{ lanes: Array<{ name: string; flowNodeRef: Array<{ id: string }> }> }>;
      flowElements: Array<{ $type: string; id: string; name?: string; default?: { id: string }; sourceRef?: { id: string }; targetRef?: { id: string } }>;
    };
    expect(bpmnProcess.name).toBe("Building permit <residential> & garages");
    const lanes = bpmnProcess.laneSets[0]?.lanes ?? [];
    expect(lanes.map((lane) => lane.name)).toEqual(["Permit clerk", "Building inspector", "Supervisor"]);
    expect(lanes[0]?.flowNodeRef.map((node) => node.id)).toEqual(["StartEvent_1", "Task_receive", "Task_check"]);
    const byType = (type: string) => bpmnProcess.flowElements.filter((element) => element.$type === type);
    expect(byType("bpmn:ManualTask").map((task) => task.name)).toEqual(["Receive the application", "Check it is complete", "Review the plans"]);
    expect(byType("bpmn:UserTask").map((task) => task.name)).toEqual(["Sign | issue the permit"]);
    const [gateway] = byType("bpmn:ExclusiveGateway");
    expect(gateway?.name).toBe("Plans incomplete?");
    const flows = byType("bpmn:SequenceFlow");
    const back = flows.find((flow) => flow.sourceRef?.id === "Gateway_inspect" && flow.targetRef?.id === "Task_check");
    expect(back?.name).toBe("Plans incomplete?");
    // When plans are complete the gateway's default flow goes on to the next step.
    const onward = flows.find((flow) => flow.id === gateway?.default?.id);
    expect(onward?.targetRef?.id).toBe("Task_sign");
    expect(flows.find((flow) => flow.targetRef?.id === "EndEvent_1")?.sourceRef?.id).toBe("Task_sign");
    // Every flow element is drawn.
    const diagrams = definitions.get("diagrams") as Array<{ plane: { planeElement: Array<{ bpmnElement: { id: string } }> } }>;
    const drawn = new Set(diagrams[0]?.plane.planeElement.map((element) => element.bpmnElement.id));
    for (const element of bpmnProcess.flowElements) expect(drawn.has(element.id)).toBe(true);
  });

  it("writes a process with no steps as a start and an end", async () => {
    const xml = exportBpmn(processContent.parse({ name: "Empty", annualVolume: 0, steps: [] }), { id: "empty" });
    const { warnings } = await new BpmnModdle().fromXML(xml);
    expect(warnings).toEqual([]);
    expect(xml).toContain('sourceRef="StartEvent_1" targetRef="EndEvent_1"');
  });
});

describe("exportMarkdown", () => {
  const labels: MarkdownLabels = {
    purpose: "Purpose",
    serviceUsers: "Service users",
    annualVolume: "Transactions a year",
    figures: "Figures",
    costPerTransaction: "Cost per transaction",
    annualCost: "Staff cost a year",
    annualStaffHours: "Staff hours a year",
    cycleTime: "Cycle time",
    digitalTakeUp: "Digital take-up",
    steps: "Steps",
    columns: {
      number: "#",
      step: "Step",
      actor: "Who",
      channel: "Channel",
      system: "System",
      handling: "Handling",
      waiting: "Waiting",
      share: "Share",
      notes: "Notes",
    },
    channel: { paper: "Paper", phone: "Phone", email: "Email", counter: "Counter", online: "Online" },
    decision: (condition, target) => `${condition} → step ${target}`,
  };
  const format = {
    money: (minor: number) => `$${(minor / 100).toFixed(2)}`,
    number: (value: number) => String(value),
    percent: (share: number) => `${Math.round(share * 100)} %`,
    minutes: (minutes: number) => `${minutes} min`,
  };

  it("writes the figures and one table row per step, keeping pipes and line breaks inside their cells", () => {
    const rates = new Map([
      ["Permit clerk", 3000],
      ["Building inspector", 4800],
      ["Supervisor", 6000],
    ]);
    const markdown = exportMarkdown(content, processFigures(content.steps, content.annualVolume, rates), labels, format);
    expect(markdown).toContain("# Building permit <residential> & garages");
    expect(markdown).toContain("- Cost per transaction: $53.50");
    expect(markdown).toContain("- Staff cost a year: $64200.00");
    expect(markdown).toContain("| 3 | Review the plans | Building inspector | Paper |  | 45 min | 4320 min | 100 % | Plans incomplete? → step 2 |");
    expect(markdown).toContain("| 4 | Sign \\| issue the permit | Supervisor | Email |  | 5 min | 1440 min | 100 % | Two lines<br>of notes |");
    const rows = markdown.split("\n").filter((line) => /^\| \d+ \|/.test(line));
    expect(rows).toHaveLength(4);
  });
});

describe("diffRevisions", () => {
  it("names process fields that changed and steps added, removed, moved and changed, matched by key", () => {
    const [receive, check, inspect, sign] = content.steps;
    if (!receive || !check || !inspect || !sign) throw new Error("four steps");
    const after = processContent.parse({
      ...permit,
      annualVolume: 1500,
      steps: [
        { ...inspect, decision: null },
        { ...receive, channel: "online", name: "Apply online" },
        { ...check },
        { key: "notify", name: "Tell the applicant", actorRole: "Permit clerk", channel: "email", handlingMinutes: 2, waitingMinutes: 0 },
      ],
    });
    const diff = diffRevisions(content, after);
    expect(diff.fields).toEqual([{ field: "annualVolume", before: 1200, after: 1500 }]);
    expect(diff.steps).toEqual([
      {
        key: "inspect",
        name: "Review the plans",
        change: "moved",
        positionBefore: 3,
        positionAfter: 1,
        fields: [{ field: "decision", before: { condition: "Plans incomplete?", goToStepKey: "check" }, after: null }],
      },
      {
        key: "receive",
        name: "Apply online",
        change: "changed",
        positionBefore: 1,
        positionAfter: 2,
        fields: [
          { field: "name", before: "Receive the application", after: "Apply online" },
          { field: "channel", before: "counter", after: "online" },
        ],
      },
      { key: "notify", name: "Tell the applicant", change: "added", positionBefore: null, positionAfter: 4, fields: [] },
      { key: "sign", name: "Sign | issue the permit", change: "removed", positionBefore: 4, positionAfter: null, fields: [] },
    ]);
  });

  it("finds nothing between a revision and itself", () => {
    expect(diffRevisions(content, content)).toEqual({ fields: [], steps: [] });
  });
});

describe("processContent", () => {
  it("refuses two steps with one key and a decision pointing nowhere, naming the step", () => {
    const result = processContent.safeParse({
      name: "Broken",
      annualVolume: 10,
      steps: [
        { key: "a", name: "One", actorRole: "Clerk", channel: "paper", handlingMinutes: 1, waitingMinutes: 0 },
        {
          key: "a",
          name: "Two",
          actorRole: "Clerk",
          channel: "paper",
          handlingMinutes: 1,
          waitingMinutes: 0,
          decision: { condition: "Again?", goToStepKey: "zzz" },
        },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["steps.1.key", "errors.processes.duplicateStepKey"],
      ["steps.1.decision.goToStepKey", "errors.processes.decisionTarget"],
    ]);
  });
});
