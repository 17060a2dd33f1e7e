import "./processes.css";
import { useTranslation } from "react-i18next";
import type { ProcessComparisonView, ProcessFiguresView } from "../../../contracts/processes.ts";
import { useMoneyFormat } from "../../components/money.ts";
import { Alert, Table } from "../../components/uswds.tsx";
import { useProcessFormats } from "./parts.tsx";

/**
 * What a process costs and how long it takes, in the measures it is judged by: cost per
 * transaction, staff cost and hours a year, cycle time and digital take-up.
 */
export function FiguresSummary({ figures, currency }: { figures: ProcessFiguresView; currency: string }) {
  const { t } = useTranslation();
  const format = useProcessFormats();
  const money = useMoneyFormat();
  const items = [
    { key: "costPerTransaction", label: t("processes.figures.costPerTransaction"), value: money(figures.costPerTransactionMinor, currency) },
    { key: "annualCost", label: t("processes.figures.annualCost"), value: money(figures.annualCostMinor, currency) },
    { key: "annualStaffHours", label: t("processes.figures.annualStaffHours"), value: format.hours(figures.annualStaffHours) },
    { key: "cycleTime", label: t("processes.figures.cycleTime"), value: format.duration(figures.cycleTimeMinutes) },
    { key: "digitalTakeUp", label: t("processes.figures.digitalTakeUp"), value: format.share(figures.digitalVolumeShare) },
  ];
  return (
    <div className="civitas-process-figures-block">
      <dl className="civitas-process-figures">
        {items.map((item) => (
          <div key={item.key} className="civitas-process-figures__item" data-figure={item.key}>
            <dt>{item.label}</dt>
            <dd>{item.value}</dd>
          </div>
        ))}
      </dl>
      {figures.unratedRoles.length > 0 ? (
        <Alert type="warning" headingLevel="h3" slim className="civitas-space-above">
          {t("processes.diagram.unratedRoles", { count: figures.unratedRoles.length, roles: figures.unratedRoles.join(", ") })}
        </Alert>
      ) : null}
    </div>
  );
}

/** The as-is and to-be figures side by side, and what the to-be saves a year. */
export function ComparisonSummary({ comparison, currency }: { comparison: ProcessComparisonView; currency: string }) {
  const { t } = useTranslation();
  const format = useProcessFormats();
  const money = useMoneyFormat();
  const { asIs, toBe, saving } = comparison;
  const revisions = { asIs: comparison.asIsRevision, toBe: comparison.toBeRevision };
  const headline =
    saving.annualCostSavedMinor > 0 || saving.annualHoursSaved > 0
      ? t("processes.diagram.comparison.saves", {
          ...revisions,
          money: money(saving.annualCostSavedMinor, currency),
          hours: format.hours(saving.annualHoursSaved),
        })
      : saving.annualCostSavedMinor < 0 || saving.annualHoursSaved < 0
        ? t("processes.diagram.comparison.costsMore", {
            ...revisions,
            money: money(-saving.annualCostSavedMinor, currency),
            hours: format.hours(-saving.annualHoursSaved),
          })
        : t("processes.diagram.comparison.same", revisions);
  const columns = {
    measure: t("processes.diagram.comparison.measure"),
    asIs: t("processes.diagram.comparison.asIs", { revision: revisions.asIs }),
    toBe: t("processes.diagram.comparison.toBe", { revision: revisions.toBe }),
    saved: t("processes.diagram.comparison.saved"),
  };
  const rows = [
    {
      key: "costPerTransaction",
      label: t("processes.figures.costPerTransaction"),
      asIs: money(asIs.costPerTransactionMinor, currency),
      toBe: money(toBe.costPerTransactionMinor, currency),
      saved: money(saving.costPerTransactionSavedMinor, currency),
    },
    {
      key: "annualCost",
      label: t("processes.figures.annualCost"),
      asIs: money(asIs.annualCostMinor, currency),
      toBe: money(toBe.annualCostMinor, currency),
      saved: money(saving.annualCostSavedMinor, currency),
    },
    {
      key: "annualStaffHours",
      label: t("processes.figures.annualStaffHours"),
      asIs: format.hours(asIs.annualStaffHours),
      toBe: format.hours(toBe.annualStaffHours),
      saved: format.hours(saving.annualHoursSaved),
    },
    {
      key: "cycleTime",
      label: t("processes.figures.cycleTime"),
      asIs: format.duration(asIs.cycleTimeMinutes),
      toBe: format.duration(toBe.cycleTimeMinutes),
      saved: format.duration(saving.cycleTimeSavedMinutes),
    },
    {
      key: "digitalTakeUp",
      label: t("processes.figures.digitalTakeUp"),
      asIs: format.share(asIs.digitalVolumeShare),
      toBe: format.share(toBe.digitalVolumeShare),
      saved: "—",
    },
  ];
  return (
    <div className="civitas-process-comparison">
      <p className="civitas-process-comparison__headline">{headline}</p>
      <Table stacked caption={t("processes.diagram.comparison.caption", revisions)}>
        <thead>
          <tr>
            <th scope="col">{columns.measure}</th>
            <th scope="col">{columns.asIs}</th>
            <th scope="col">{columns.toBe}</th>
            <th scope="col">{columns.saved}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-figure={row.key}>
              <th scope="row" data-label={columns.measure}>
                {row.label}
              </th>
              <td data-label={columns.asIs}>{row.asIs}</td>
              <td data-label={columns.toBe}>{row.toBe}</td>
              <td data-label={columns.saved}>{row.saved}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
