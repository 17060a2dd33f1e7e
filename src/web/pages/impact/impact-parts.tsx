import "./impact.css";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ImpactSettingsView, YearImpactView } from "../../../contracts/impact.ts";
import { type Figure, Figures } from "../../components/Figures.tsx";
import { formatMoney } from "../../components/money.ts";
import { Table } from "../../components/uswds.tsx";
import { barPercent, fractionOf, hoursOf, offsetShares, offsetSources } from "./impact-figures.ts";

/** What the impact pages share: number formats, the headline figures, the bar charts and the tables beside them. */

/** One column of a figures table: its heading, and what each row shows in it. */
export interface FigureColumn<Row> {
  label: string;
  /** Figures are right-aligned. */
  numeric?: boolean;
  /** The cell that names the row (a year, a department), read out before the row's other cells. */
  rowHeader?: boolean;
  className?: string;
  cell: (row: Row) => ReactNode;
}

/** A table of figures that stacks into labelled cards on a phone; every chart on these pages has one beside it. */
export function FigureTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  footer,
}: {
  caption: ReactNode;
  columns: FigureColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  /** A last row of totals. */
  footer?: Row;
}) {
  const cells = (row: Row) =>
    columns.map((column) => {
      const className = [column.numeric ? "civitas-number" : "", column.className ?? ""].join(" ").trim() || undefined;
      return column.rowHeader ? (
        <th key={column.label} scope="row" data-label={column.label} className={className}>
          {column.cell(row)}
        </th>
      ) : (
        <td key={column.label} data-label={column.label} className={className}>
          {column.cell(row)}
        </td>
      );
    });
  return (
    <Table stacked caption={caption}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.numeric ? "civitas-number" : undefined}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>{cells(row)}</tr>
        ))}
      </tbody>
      {footer ? (
        <tfoot>
          <tr>{cells(footer)}</tr>
        </tfoot>
      ) : null}
    </Table>
  );
}

export function useImpactFormats() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language || "en";
  const whole = new Intl.NumberFormat(locale);
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  return {
    locale,
    money: (amountMinor: number, currency: string) => formatMoney(amountMinor, currency, locale),
    whole: (value: number) => whole.format(value),
    hours: (minutes: number) => hours.format(hoursOf(minutes)),
    /** A share in basis points; "—" where there is none (no federal funds to cover). */
    share: (basisPoints: number | null) => {
      const fraction = fractionOf(basisPoints);
      return fraction === null ? "—" : percent.format(fraction);
    },
    year: (fiscalYear: number) => t("impact.fiscalYearShort", { year: fiscalYear }),
    /** "$34.79 an hour, Independent Sector, 2024". */
    hourValue: (settings: Pick<ImpactSettingsView, "currency" | "hourValueMinor" | "hourValueSource" | "hourValueYear">) =>
      t("impact.hourValue", {
        value: formatMoney(settings.hourValueMinor, settings.currency, locale),
        source: settings.hourValueSource,
        year: settings.hourValueYear,
      }),
  };
}

/** The four figures of a budget year: federal funds, their share of the budget, the offsets, and how much of the federal funds those cover. */
export function HeadlineFigures({ year, currency, hourValue }: { year: YearImpactView; currency: string; hourValue: string }) {
  const { t } = useTranslation();
  const format = useImpactFormats();
  const figures: Figure[] = [
    {
      key: "federal",
      label: t("impact.headline.federal"),
      value: format.money(year.federalMinor, currency),
      detail: t("impact.headline.federalDetail", { total: format.money(year.totalMinor, currency) }),
    },
    {
      key: "share",
      label: t("impact.headline.share"),
      value: format.share(year.federalShareBasisPoints),
      detail: t("impact.headline.shareDetail"),
    },
    {
      key: "offsets",
      label: t("impact.headline.offsets"),
      value: format.money(year.offsets.totalMinor, currency),
      detail: t("impact.headline.offsetsDetail", { hours: format.hours(year.offsets.volunteerMinutes), hourValue }),
    },
    {
      key: "cover",
      label: t("impact.headline.cover"),
      value: format.share(year.coverBasisPoints),
      detail: year.coverBasisPoints === null ? t("impact.headline.noFederal") : t("impact.headline.coverDetail"),
    },
  ];
  return <Figures figures={figures} />;
}

export interface ChartRow {
  key: string;
  label: string;
  first: number;
  second: number;
}

/**
 * Two bars per row on one scale, for the eye only: the table beside it holds the same figures for
 * screen readers and for anyone who wants the numbers.
 */
export function PairChart({
  rows,
  firstLabel,
  secondLabel,
  format,
  tone = "offsets",
}: {
  rows: ChartRow[];
  firstLabel: string;
  secondLabel: string;
  format: (value: number) => string;
  /** The second bar's colour: offsets (green) or money at risk (red). */
  tone?: "offsets" | "risk" | "federal";
}) {
  const largest = Math.max(0, ...rows.flatMap((row) => [row.first, row.second]));
  return (
    <figure className="civitas-impact-chart" aria-hidden="true">
      <p className="civitas-impact-chart__legend">
        <span className="civitas-impact-chart__key">
          <span className="civitas-impact-chart__swatch civitas-impact-chart__bar--first" />
          {firstLabel}
        </span>
        <span className="civitas-impact-chart__key">
          <span className={`civitas-impact-chart__swatch civitas-impact-chart__bar--${tone}`} />
          {secondLabel}
        </span>
      </p>
      {rows.map((row) => (
        <div key={row.key} className="civitas-impact-chart__group">
          <span className="civitas-impact-chart__label">{row.label}</span>
          <Bar percent={barPercent(row.first, largest)} value={format(row.first)} className="civitas-impact-chart__bar--first" />
          <Bar percent={barPercent(row.second, largest)} value={format(row.second)} className={`civitas-impact-chart__bar--${tone}`} />
        </div>
      ))}
    </figure>
  );
}

function Bar({ percent, value, className }: { percent: number; value: string; className: string }) {
  return (
    <span className="civitas-impact-chart__row">
      <span className="civitas-impact-chart__track">
        {percent > 0 ? <span className={`civitas-impact-chart__bar ${className}`} style={{ width: `${percent}%` }} /> : null}
      </span>
      <span className="civitas-impact-chart__value">{value}</span>
    </span>
  );
}

/**
 * A chart and its table: side by side on a wide screen when the table is narrow enough, otherwise
 * (and always on a phone) the chart above its table.
 */
export function ChartWithTable({ chart, table, layout = "side" }: { chart: ReactNode; table: ReactNode; layout?: "side" | "stacked" }) {
  return (
    <div className={`civitas-impact-pair civitas-impact-pair--${layout}`}>
      {chart}
      <div className="civitas-impact-pair__table">{table}</div>
    </div>
  );
}

/** Budget, federal funds, offsets and cover year by year: the chart of federal funds against offsets, and its table. */
export function YearsTrend({ years, currency, caption }: { years: YearImpactView[]; currency: string; caption: string }) {
  const { t } = useTranslation();
  const format = useImpactFormats();
  const columns = {
    year: t("impact.columns.fiscalYear"),
    total: t("impact.columns.budget"),
    federal: t("impact.columns.federal"),
    share: t("impact.columns.federalShare"),
    offsets: t("impact.columns.offsets"),
    cover: t("impact.columns.cover"),
  };
  return (
    <ChartWithTable
      chart={
        <PairChart
          rows={years.map((year) => ({
            key: String(year.fiscalYear),
            label: format.year(year.fiscalYear),
            first: year.federalMinor,
            second: year.offsets.totalMinor,
          }))}
          firstLabel={columns.federal}
          secondLabel={columns.offsets}
          format={(value) => format.money(value, currency)}
        />
      }
      layout="stacked"
      table={
        <FigureTable
          caption={caption}
          rows={years}
          rowKey={(year) => year.fiscalYear}
          columns={[
            { label: columns.year, rowHeader: true, cell: (year) => format.year(year.fiscalYear) },
            {
              label: columns.total,
              numeric: true,
              cell: (year) => (year.totalMinor === 0 ? t("impact.noBudget") : format.money(year.totalMinor, currency)),
            },
            { label: columns.federal, numeric: true, cell: (year) => format.money(year.federalMinor, currency) },
            { label: columns.share, numeric: true, cell: (year) => (year.totalMinor === 0 ? "—" : format.share(year.federalShareBasisPoints)) },
            { label: columns.offsets, numeric: true, cell: (year) => format.money(year.offsets.totalMinor, currency) },
            { label: columns.cover, numeric: true, cell: (year) => format.share(year.coverBasisPoints) },
          ]}
        />
      }
    />
  );
}

/** Each year's offsets by where they come from: a stacked bar per year for the eye, and the table with hours and counts. */
export function OffsetsBreakdown({ years, currency, caption }: { years: YearImpactView[]; currency: string; caption: string }) {
  const { t } = useTranslation();
  const format = useImpactFormats();
  const largest = Math.max(0, ...years.map((year) => year.offsets.totalMinor));
  const columns = {
    year: t("impact.columns.fiscalYear"),
    volunteer: t("impact.offsets.sources.volunteer"),
    bounty: t("impact.offsets.sources.bounty"),
    process: t("impact.offsets.sources.process"),
    reuse: t("impact.offsets.sources.reuse"),
    total: t("impact.columns.offsets"),
  };
  /** An offset's amount, with what it counts (hours, bounties, processes, entries) under it. */
  const amountWithCount = (amountMinor: number, count: string) => (
    <>
      {format.money(amountMinor, currency)}
      <span className="civitas-impact-count">{count}</span>
    </>
  );
  return (
    <ChartWithTable
      chart={
        <figure className="civitas-impact-chart" aria-hidden="true">
          <p className="civitas-impact-chart__legend">
            {offsetSources.map((source) => (
              <span key={source} className="civitas-impact-chart__key">
                <span className={`civitas-impact-chart__swatch civitas-impact-chart__source--${source}`} />
                {columns[source]}
              </span>
            ))}
          </p>
          {years.map((year) => (
            <div key={year.fiscalYear} className="civitas-impact-chart__group">
              <span className="civitas-impact-chart__label">{format.year(year.fiscalYear)}</span>
              <span className="civitas-impact-chart__row">
                <span className="civitas-impact-chart__track">
                  <span className="civitas-impact-chart__stack" style={{ width: `${barPercent(year.offsets.totalMinor, largest)}%` }}>
                    {offsetShares(year.offsets).map((part) => (
                      <span key={part.source} className={`civitas-impact-chart__source--${part.source}`} style={{ width: `${part.percent}%` }} />
                    ))}
                  </span>
                </span>
                <span className="civitas-impact-chart__value">{format.money(year.offsets.totalMinor, currency)}</span>
              </span>
            </div>
          ))}
        </figure>
      }
      layout="stacked"
      table={
        <FigureTable
          caption={caption}
          rows={years}
          rowKey={(year) => year.fiscalYear}
          columns={[
            { label: columns.year, rowHeader: true, cell: (year) => format.year(year.fiscalYear) },
            {
              label: columns.volunteer,
              numeric: true,
              cell: ({ offsets }) => amountWithCount(offsets.volunteerValueMinor, t("impact.offsets.hours", { hours: format.hours(offsets.volunteerMinutes) })),
            },
            {
              label: columns.bounty,
              numeric: true,
              cell: ({ offsets }) =>
                amountWithCount(
                  offsets.bountySavingsMinor,
                  t("impact.offsets.bounties", { count: offsets.bountiesPaid, number: format.whole(offsets.bountiesPaid) }),
                ),
            },
            {
              label: columns.process,
              numeric: true,
              cell: ({ offsets }) =>
                amountWithCount(
                  offsets.processSavingsMinor,
                  t("impact.offsets.processes", { count: offsets.processes, number: format.whole(offsets.processes) }),
                ),
            },
            {
              label: columns.reuse,
              numeric: true,
              cell: ({ offsets }) =>
                amountWithCount(
                  offsets.reuseSavingsMinor,
                  t("impact.offsets.entries", { count: offsets.catalogEntries, number: format.whole(offsets.catalogEntries) }),
                ),
            },
            { label: columns.total, numeric: true, cell: ({ offsets }) => <strong>{format.money(offsets.totalMinor, currency)}</strong> },
          ]}
        />
      }
    />
  );
}
