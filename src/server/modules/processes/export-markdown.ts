import type { ProcessFigures } from "../../../contracts/process-cost.ts";
import type { ProcessContentView } from "../../../contracts/processes.ts";

/** Labels of the Markdown export, in the reader's language (the caller translates them). */
export interface MarkdownLabels {
  purpose: string;
  serviceUsers: string;
  annualVolume: string;
  figures: string;
  costPerTransaction: string;
  annualCost: string;
  annualStaffHours: string;
  cycleTime: string;
  digitalTakeUp: string;
  steps: string;
  columns: { number: string; step: string; actor: string; channel: string; system: string; handling: string; waiting: string; share: string; notes: string };
  channel: Record<ProcessContentView["steps"][number]["channel"], string>;
  decision: (condition: string, target: string) => string;
}

export interface MarkdownFormat {
  money: (minor: number) => string;
  number: (value: number) => string;
  percent: (share: number) => string;
  minutes: (minutes: number) => string;
}

/** A table cell: pipes and line breaks would break the table. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** A process as Markdown a person can read in any repository or wiki: what it is, its figures, its steps as a table. */
export function exportMarkdown(content: ProcessContentView, figures: ProcessFigures, labels: MarkdownLabels, format: MarkdownFormat): string {
  const lines = [`# ${content.name}`, ""];
  if (content.purpose) lines.push(`**${labels.purpose}:** ${content.purpose}`, "");
  if (content.serviceUsers) lines.push(`**${labels.serviceUsers}:** ${content.serviceUsers}`, "");
  lines.push(`**${labels.annualVolume}:** ${format.number(content.annualVolume)}`, "");
  lines.push(`## ${labels.figures}`, "");
  lines.push(`- ${labels.costPerTransaction}: ${format.money(figures.costPerTransactionMinor)}`);
  lines.push(`- ${labels.annualCost}: ${format.money(figures.annualCostMinor)}`);
  lines.push(`- ${labels.annualStaffHours}: ${format.number(figures.annualStaffHours)}`);
  lines.push(`- ${labels.cycleTime}: ${format.minutes(figures.cycleTimeMinutes)}`);
  lines.push(`- ${labels.digitalTakeUp}: ${format.percent(figures.digitalVolumeShare)}`, "");
  lines.push(`## ${labels.steps}`, "");
  const c = labels.columns;
  lines.push(`| ${c.number} | ${c.step} | ${c.actor} | ${c.channel} | ${c.system} | ${c.handling} | ${c.waiting} | ${c.share} | ${c.notes} |`);
  lines.push("|---:|---|---|---|---|---:|---:|---:|---|");
  const positionByKey = new Map(content.steps.map((step, index) => [step.key, index + 1]));
  content.steps.forEach((step, index) => {
    const notes = [step.notes];
    if (step.decision) notes.push(labels.decision(step.decision.condition, String(positionByKey.get(step.decision.goToStepKey) ?? "?")));
    lines.push(
      `| ${index + 1} | ${cell(step.name)} | ${cell(step.actorRole)} | ${labels.channel[step.channel]} | ${cell(step.systemUsed)} | ${format.minutes(step.handlingMinutes)} | ${format.minutes(step.waitingMinutes)} | ${format.percent(step.sharePercent / 100)} | ${cell(notes.filter(Boolean).join(" — "))} |`,
    );
  });
  lines.push("");
  return lines.join("\n");
}
