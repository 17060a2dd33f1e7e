import type { ProcessContentView, ProcessStepView } from "../../../contracts/processes.ts";

/**
 * A process as BPMN 2.0 XML that modelling tools open: one pool, a lane per actor role (in the
 * order roles first act), a task per step (manual for paper, phone and counter; user tasks for
 * email and online), an exclusive gateway after each step with a decision, and a diagram (BPMN DI)
 * laid out left to right so the drawing matches the table.
 */

const namespaces = {
  bpmn: "http://www.omg.org/spec/BPMN/20100524/MODEL",
  bpmndi: "http://www.omg.org/spec/BPMN/20100524/DI",
  dc: "http://www.omg.org/spec/DD/20100524/DC",
  di: "http://www.omg.org/spec/DD/20100524/DI",
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[character] ?? character);
}

const manualChannels = new Set(["paper", "phone", "counter"]);
const taskId = (step: ProcessStepView) => `Task_${step.key}`;
const gatewayId = (step: ProcessStepView) => `Gateway_${step.key}`;

interface Node {
  id: string;
  lane: number;
  column: number;
  kind: "start" | "end" | "task" | "gateway";
}

interface Flow {
  id: string;
  source: string;
  target: string;
  name?: string;
}

const laneHeight = 140;
const laneLabelWidth = 30;
const columnWidth = 160;
const taskSize = { width: 110, height: 80 };
const eventSize = 36;
const gatewaySize = 50;

function describeStep(step: ProcessStepView): string {
  const lines = [`Channel: ${step.channel}`, `Handling: ${step.handlingMinutes} min`, `Waiting: ${step.waitingMinutes} min`];
  if (step.systemUsed) lines.push(`System: ${step.systemUsed}`);
  if (step.sharePercent !== 100) lines.push(`Share of transactions: ${step.sharePercent} %`);
  if (step.notes) lines.push(step.notes);
  return lines.join("\n");
}

export function exportBpmn(content: ProcessContentView, options: { id: string }): string {
  const roles: string[] = [];
  for (const step of content.steps) if (!roles.includes(step.actorRole)) roles.push(step.actorRole);
  if (roles.length === 0) roles.push(content.name);
  const laneOf = (step: ProcessStepView) => roles.indexOf(step.actorRole);

  const nodes: Node[] = [];
  const flows: Flow[] = [];
  let column = 0;
  const firstLane = content.steps[0] ? laneOf(content.steps[0]) : 0;
  nodes.push({ id: "StartEvent_1", lane: firstLane, column: column++, kind: "start" });
  for (const step of content.steps) {
    nodes.push({ id: taskId(step), lane: laneOf(step), column: column++, kind: "task" });
    if (step.decision) nodes.push({ id: gatewayId(step), lane: laneOf(step), column: column++, kind: "gateway" });
  }
  const lastStep = content.steps.at(-1);
  nodes.push({ id: "EndEvent_1", lane: lastStep ? laneOf(lastStep) : 0, column, kind: "end" });

  // The main path: start, each step (through its gateway when it has one), end.
  let previous = "StartEvent_1";
  const gatewayDefaults = new Map<string, string>();
  for (const step of content.steps) {
    flows.push({ id: `Flow_${flows.length + 1}`, source: previous, target: taskId(step) });
    previous = taskId(step);
    if (step.decision) {
      flows.push({ id: `Flow_${flows.length + 1}`, source: taskId(step), target: gatewayId(step) });
      const target = content.steps.find((candidate) => candidate.key === step.decision?.goToStepKey);
      if (target) flows.push({ id: `Flow_${flows.length + 1}`, source: gatewayId(step), target: taskId(target), name: step.decision.condition });
      previous = gatewayId(step);
      // The way on when the condition does not hold is the gateway's default flow.
      gatewayDefaults.set(gatewayId(step), `Flow_${flows.length + 1}`);
    }
  }
  flows.push({ id: `Flow_${flows.length + 1}`, source: previous, target: "EndEvent_1" });

  const nodeById = new Map(nodes.map((node) => [node.id, node]));
  const incoming = (id: string) => flows.filter((flow) => flow.target === id);
  const outgoing = (id: string) => flows.filter((flow) => flow.source === id);
  const flowRefs = (id: string) =>
    [
      ...incoming(id).map((flow) => `<bpmn:incoming>${flow.id}</bpmn:incoming>`),
      ...outgoing(id).map((flow) => `<bpmn:outgoing>${flow.id}</bpmn:outgoing>`),
    ].join("");

  const processId = "Process_1";
  const lanes = roles
    .map((role, index) => {
      const refs = nodes
        .filter((node) => node.lane === index)
        .map((node) => `<bpmn:flowNodeRef>${node.id}</bpmn:flowNodeRef>`)
        .join("");
      return `<bpmn:lane id="Lane_${index + 1}" name="${escapeXml(role)}">${refs}</bpmn:lane>`;
    })
    .join("\n      ");

  const elements: string[] = [`<bpmn:startEvent id="StartEvent_1">${flowRefs("StartEvent_1")}</bpmn:startEvent>`];
  for (const step of content.steps) {
    const element = manualChannels.has(step.channel) ? "bpmn:manualTask" : "bpmn:userTask";
    elements.push(
      `<${element} id="${taskId(step)}" name="${escapeXml(step.name)}"><bpmn:documentation>${escapeXml(describeStep(step))}</bpmn:documentation>${flowRefs(taskId(step))}</${element}>`,
    );
    if (step.decision) {
      const id = gatewayId(step);
      elements.push(
        `<bpmn:exclusiveGateway id="${id}" name="${escapeXml(step.decision.condition)}" default="${gatewayDefaults.get(id)}">${flowRefs(id)}</bpmn:exclusiveGateway>`,
      );
    }
  }
  elements.push(`<bpmn:endEvent id="EndEvent_1">${flowRefs("EndEvent_1")}</bpmn:endEvent>`);
  for (const flow of flows) {
    const name = flow.name ? ` name="${escapeXml(flow.name)}"` : "";
    elements.push(`<bpmn:sequenceFlow id="${flow.id}"${name} sourceRef="${flow.source}" targetRef="${flow.target}" />`);
  }

  // The diagram: lanes are horizontal bands; each node sits in its column, centred in its lane.
  const poolWidth = laneLabelWidth + (column + 1) * columnWidth;
  const size = (node: Node) =>
    node.kind === "task" ? taskSize : node.kind === "gateway" ? { width: gatewaySize, height: gatewaySize } : { width: eventSize, height: eventSize };
  const bounds = (node: Node) => {
    const { width, height } = size(node);
    const x = laneLabelWidth * 2 + node.column * columnWidth + (columnWidth - width) / 2;
    const y = node.lane * laneHeight + (laneHeight - height) / 2;
    return { x, y, width, height };
  };
  const shapes = [
    `<bpmndi:BPMNShape id="Participant_1_di" bpmnElement="Participant_1" isHorizontal="true"><dc:Bounds x="0" y="0" width="${poolWidth + laneLabelWidth}" height="${roles.length * laneHeight}" /></bpmndi:BPMNShape>`,
    ...roles.map(
      (_, index) =>
        `<bpmndi:BPMNShape id="Lane_${index + 1}_di" bpmnElement="Lane_${index + 1}" isHorizontal="true"><dc:Bounds x="${laneLabelWidth}" y="${index * laneHeight}" width="${poolWidth}" height="${laneHeight}" /></bpmndi:BPMNShape>`,
    ),
    ...nodes.map((node) => {
      const box = bounds(node);
      return `<bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"><dc:Bounds x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" /></bpmndi:BPMNShape>`;
    }),
  ];
  const edges = flows.map((flow) => {
    const source = nodeById.get(flow.source);
    const target = nodeById.get(flow.target);
    if (!source || !target) throw new Error(`flow ${flow.id} joins a node that does not exist`);
    const from = bounds(source);
    const to = bounds(target);
    const backwards = target.column < source.column;
    const start = { x: from.x + from.width, y: from.y + from.height / 2 };
    const end = backwards ? { x: to.x + to.width / 2, y: to.y + to.height } : { x: to.x, y: to.y + to.height / 2 };
    const points = backwards
      ? [
          { x: from.x + from.width / 2, y: from.y + from.height },
          { x: from.x + from.width / 2, y: Math.max(from.y + from.height, to.y + to.height) + 20 },
          { x: end.x, y: Math.max(from.y + from.height, to.y + to.height) + 20 },
          end,
        ]
      : start.y === end.y
        ? [start, end]
        : [start, { x: (start.x + end.x) / 2, y: start.y }, { x: (start.x + end.x) / 2, y: end.y }, end];
    const waypoints = points.map((point) => `<di:waypoint x="${point.x}" y="${point.y}" />`).join("");
    return `<bpmndi:BPMNEdge id="${flow.id}_di" bpmnElement="${flow.id}">${waypoints}</bpmndi:BPMNEdge>`;
  });

  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="${namespaces.bpmn}" xmlns:bpmndi="${namespaces.bpmndi}" xmlns:dc="${namespaces.dc}" xmlns:di="${namespaces.di}" id="Definitions_${escapeXml(options.id)}" targetNamespace="https://civitas.city/processes" exporter="Civitas" exporterVersion="1">
  <bpmn:collaboration id="Collaboration_1">
    <bpmn:participant id="Participant_1" name="${escapeXml(content.name)}" processRef="${processId}" />
  </bpmn:collaboration>
  <bpmn:process id="${processId}" name="${escapeXml(content.name)}" isExecutable="false">
    <bpmn:documentation>${escapeXml([content.purpose, content.serviceUsers ? `Service users: ${content.serviceUsers}` : "", `Transactions a year: ${content.annualVolume}`].filter(Boolean).join("\n"))}</bpmn:documentation>
    <bpmn:laneSet id="LaneSet_1">
      ${lanes}
    </bpmn:laneSet>
    ${elements.join("\n    ")}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">
      ${[...shapes, ...edges].join("\n      ")}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
