import "./processes.css";
import { useTranslation } from "react-i18next";
import type { ProcessContentView, ProcessFiguresView } from "../../../contracts/processes.ts";
import { useMoneyFormat } from "../../components/money.ts";
import { Table } from "../../components/uswds.tsx";
import { positionsByKey, useProcessFormats } from "./parts.tsx";

/**
 * The steps of a process as a table, in order: the accessible version of the diagram. On a phone
 * each step becomes a labelled card. The caption sums up an average transaction from `figures`.
 */
export function StepsTable({ content, figures, currency }: { content: ProcessContentView; figures: ProcessFiguresView; currency: string }) {
  const { t } = useTranslation();
  const format = useProcessFormats();
  const money = useMoneyFormat();
  const positions = positionsByKey(content.steps);
  if (content.steps.length === 0) return <p>{t("processes.diagram.empty")}</p>;
  const columns = {
    number: t("processes.diagram.columns.number"),
    name: t("processes.step.name"),
    actor: t("processes.step.actorRole"),
    channel: t("processes.step.channel"),
    system: t("processes.step.systemUsed"),
    handling: t("processes.step.handlingMinutes"),
    waiting: t("processes.step.waitingMinutes"),
    share: t("processes.step.sharePercent"),
    notes: t("processes.diagram.columns.notes"),
  };
  return (
    <Table
      stacked
      className="civitas-steps-table"
      caption={t("processes.diagram.tableCaption", {
        count: content.steps.length,
        handling: format.duration(figures.handlingMinutesPerTransaction),
        cycle: format.duration(figures.cycleTimeMinutes),
        cost: money(figures.costPerTransactionMinor, currency),
      })}
    >
      <thead>
        <tr>
          <th scope="col">{columns.number}</th>
          <th scope="col">{columns.name}</th>
          <th scope="col">{columns.actor}</th>
          <th scope="col">{columns.channel}</th>
          <th scope="col">{columns.system}</th>
          <th scope="col">{columns.handling}</th>
          <th scope="col">{columns.waiting}</th>
          <th scope="col">{columns.share}</th>
          <th scope="col">{columns.notes}</th>
        </tr>
      </thead>
      <tbody>
        {content.steps.map((step, index) => {
          const target = step.decision ? positions.get(step.decision.goToStepKey) : undefined;
          return (
            <tr key={step.key}>
              <td data-label={columns.number}>{format.number(index + 1)}</td>
              <th scope="row" data-label={columns.name}>
                {step.name}
              </th>
              <td data-label={columns.actor}>{step.actorRole}</td>
              <td data-label={columns.channel}>{t(`processes.channel.${step.channel}`)}</td>
              <td data-label={columns.system} className="civitas-break">
                {step.systemUsed || "—"}
              </td>
              <td data-label={columns.handling}>{format.number(step.handlingMinutes)}</td>
              <td data-label={columns.waiting}>{format.number(step.waitingMinutes)}</td>
              <td data-label={columns.share}>{format.share(step.sharePercent / 100)}</td>
              <td data-label={columns.notes} className="civitas-break">
                {step.notes ? <span className="civitas-steps-table__notes">{step.notes}</span> : null}
                {step.decision && target !== undefined ? (
                  <span className="civitas-steps-table__decision">
                    {t("processes.diagram.decision", { condition: step.decision.condition, number: format.number(target) })}
                  </span>
                ) : null}
                {!step.notes && !(step.decision && target !== undefined) ? "—" : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
