import "./insights.css";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { BountyInsightsView, ClosedAuctionInsightView } from "../../../contracts/bounties.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { type Figure, Figures } from "../../components/Figures.tsx";
import { formatCalendarDate, formatDate } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { useMoneyFormat } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Button, Table } from "../../components/uswds.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";

/**
 * The public account of the city's bounties and auctions: headline figures, the winning price of
 * each closed auction against its start price (bars for the eye, the same figures in a table beside
 * them), and every closed auction in a table. The period lives in the address, so it can be shared.
 */

/** The chart shows the most recent auctions; the table below it has all of them. */
const chartedAuctions = 12;

interface Period {
  from: string;
  to: string;
}

function periodOf(params: URLSearchParams): Period {
  return { from: params.get("from") ?? "", to: params.get("to") ?? "" };
}

function queryOf(period: Period): string {
  const query = new URLSearchParams();
  if (period.from) query.set("from", period.from);
  if (period.to) query.set("to", period.to);
  return query.toString();
}

function useFormats() {
  const { i18n } = useTranslation();
  const locale = i18n.language || "en";
  const money = useMoneyFormat();
  const whole = new Intl.NumberFormat(locale);
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  return {
    locale,
    money,
    whole: (value: number) => whole.format(value),
    decimal: (value: number | null) => (value === null ? "—" : decimal.format(value)),
    percent: (value: number | null) => (value === null ? "—" : percent.format(value)),
  };
}

export default function InsightsPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const [params, setParams] = useSearchParams();
  const applied = periodOf(params);
  const query = queryOf(applied);
  const [draft, setDraft] = useState<Period>(applied);
  // The back button changes the address: the form follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the applied period is derived from `query`
  useEffect(() => setDraft(periodOf(params)), [query]);
  const insights = useQuery({
    queryKey: ["bounty-insights", slug, query],
    queryFn: () => api.get<BountyInsightsView>(`${cityApi(slug)}/bounties/insights${query ? `?${query}` : ""}`),
    enabled: city.isSuccess,
    placeholderData: keepPreviousData,
    retry: false,
  });

  if (city.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(new URLSearchParams(queryOf({ from: draft.from.trim(), to: draft.to.trim() })));
  };
  const fieldLabels = { "query.from": t("insights.period.from"), "query.to": t("insights.period.to") };

  return (
    <>
      <PageHeading>{t("insights.title")}</PageHeading>
      <p className="civitas-lead">{t("insights.intro", { city: city.data.name })}</p>

      <form className="usa-form civitas-insights-period" aria-label={t("insights.period.label")} onSubmit={submit}>
        <TextField
          id="insights-from"
          name="from"
          field="query.from"
          type="date"
          label={t("insights.period.from")}
          value={draft.from}
          error={insights.error}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        />
        <TextField
          id="insights-to"
          name="to"
          field="query.to"
          type="date"
          label={t("insights.period.to")}
          value={draft.to}
          min={draft.from || undefined}
          error={insights.error}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        />
        <Button type="submit">{t("insights.period.apply")}</Button>
      </form>
      {applied.from || applied.to ? (
        <p>
          <Link to={`/${slug}/insights`}>{t("insights.period.clear")}</Link>
        </p>
      ) : null}

      <ProblemAlert error={insights.error} fieldLabels={fieldLabels} />
      {insights.isPending && !insights.error ? <Loading /> : null}
      {insights.data && !insights.error ? <Insights data={insights.data} timeZone={city.data.timeZone} /> : null}
    </>
  );
}

function PeriodNote({ period }: { period: BountyInsightsView["period"] }) {
  const { t } = useTranslation();
  const { locale } = useFormats();
  const day = (date: string) => formatCalendarDate(date, locale);
  let text = t("insights.period.allTime");
  if (period.from && period.to) text = t("insights.period.between", { from: day(period.from), to: day(period.to) });
  else if (period.from) text = t("insights.period.since", { from: day(period.from) });
  else if (period.to) text = t("insights.period.until", { to: day(period.to) });
  return (
    <p role="status" className="civitas-insights-showing">
      {text}
    </p>
  );
}

function Insights({ data, timeZone }: { data: BountyInsightsView; timeZone: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const format = useFormats();
  const { bounties, auctions, deliveries, payments } = data;
  const figures: Figure[] = [
    {
      key: "run",
      label: t("insights.headline.run"),
      value: format.whole(bounties.fixed.total + bounties.auction.total),
      detail: t("insights.headline.runDetail", { fixed: format.whole(bounties.fixed.total), auctions: format.whole(bounties.auction.total) }),
    },
    {
      key: "closed",
      label: t("insights.headline.closed"),
      value: format.whole(auctions.closed),
      detail: t("insights.headline.closedDetail", { count: auctions.won, won: format.whole(auctions.won) }),
    },
    {
      key: "bidders",
      label: t("insights.headline.bidders"),
      value: format.decimal(auctions.averageBidders),
      detail:
        auctions.averageBids === null ? t("insights.auctions.none") : t("insights.headline.biddersDetail", { bids: format.decimal(auctions.averageBids) }),
    },
    {
      key: "ratio",
      label: t("insights.headline.ratio"),
      value: format.percent(auctions.averageWinningRatio),
      detail: auctions.averageWinningRatio === null ? t("insights.headline.noWinner") : t("insights.headline.ratioDetail"),
    },
    {
      key: "onTime",
      label: t("insights.headline.onTime"),
      value: format.percent(deliveries.onTimeShare),
      detail:
        deliveries.accepted === 0
          ? t("insights.headline.noAccepted")
          : t("insights.headline.onTimeDetail", {
              count: deliveries.accepted,
              onTime: format.whole(deliveries.onTime),
              accepted: format.whole(deliveries.accepted),
            }),
    },
    {
      key: "days",
      label: t("insights.headline.days"),
      value: format.decimal(deliveries.averageDaysToDeliver),
      detail: t("insights.headline.daysDetail", { count: deliveries.missed, missed: format.whole(deliveries.missed) }),
    },
    {
      key: "paid",
      label: t("insights.headline.paid"),
      value: format.money(payments.totalPaidMinor, data.currency),
      detail: t("insights.headline.paidDetail", { count: payments.paidCount, paid: format.whole(payments.paidCount) }),
    },
    {
      key: "savings",
      label: t("insights.headline.savings"),
      value: format.money(payments.estimatedSavingsMinor, data.currency),
      detail:
        payments.estimatedCount === 0
          ? t("insights.headline.noEstimate")
          : t("insights.headline.savingsDetail", {
              count: payments.estimatedCount,
              estimated: format.whole(payments.estimatedCount),
              estimate: format.money(payments.marketEstimateMinor, data.currency),
              paid: format.money(payments.paidAgainstEstimateMinor, data.currency),
            }),
    },
  ];

  return (
    <>
      <PeriodNote period={data.period} />
      <section aria-labelledby="insights-headline">
        <h2 id="insights-headline">{t("insights.headline.heading")}</h2>
        <Figures figures={figures} />
        <p>
          <Link to={`/${slug}/spend`}>{t("insights.headline.spendLink")}</Link>
        </p>
      </section>

      <section aria-labelledby="insights-statuses" className="civitas-space-above">
        <h2 id="insights-statuses">{t("insights.statuses.heading")}</h2>
        <Table stacked caption={t("insights.statuses.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("insights.statuses.kind")}</th>
              {(["total", "published", "closed", "awarded", "cancelled"] as const).map((status) => (
                <th key={status} scope="col" className="civitas-number">
                  {t(`insights.statuses.${status}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(["fixed", "auction"] as const).map((kind) => (
              <tr key={kind}>
                <th scope="row" data-label={t("insights.statuses.kind")}>
                  {t(`insights.statuses.kinds.${kind}`)}
                </th>
                {(["total", "published", "closed", "awarded", "cancelled"] as const).map((status) => (
                  <td key={status} data-label={t(`insights.statuses.${status}`)} className="civitas-number">
                    {format.whole(bounties[kind][status])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </section>

      <section aria-labelledby="insights-auctions" className="civitas-space-above">
        <h2 id="insights-auctions">{t("insights.auctions.heading")}</h2>
        {auctions.recent.length === 0 ? (
          <p>{t("insights.auctions.none")}</p>
        ) : (
          <>
            <PriceChart auctions={auctions.recent.slice(0, chartedAuctions)} />
            <AuctionTable auctions={auctions.recent} timeZone={timeZone} />
          </>
        )}
      </section>
    </>
  );
}

/** Winning against start price per auction: bars on one scale for the eye, the same figures in the table beside them. */
function PriceChart({ auctions }: { auctions: ClosedAuctionInsightView[] }) {
  const { t } = useTranslation();
  const format = useFormats();
  const largest = Math.max(1, ...auctions.map((auction) => auction.startPriceMinor));
  const width = (amountMinor: number) => `${Math.max(0.5, (amountMinor / largest) * 100)}%`;
  return (
    <div className="civitas-price-comparison">
      {/* The table beside it has the same figures for screen readers; the bars are for the eye. */}
      <figure className="civitas-price-chart" aria-hidden="true">
        <p className="civitas-price-chart__legend">
          <span className="civitas-price-chart__key">
            <span className="civitas-price-chart__swatch civitas-price-chart__swatch--start" />
            {t("insights.chart.start")}
          </span>
          <span className="civitas-price-chart__key">
            <span className="civitas-price-chart__swatch civitas-price-chart__swatch--winning" />
            {t("insights.chart.winning")}
          </span>
        </p>
        {auctions.map((auction) => (
          <div key={auction.bountyId} className="civitas-price-chart__auction">
            <span className="civitas-price-chart__title">{auction.title}</span>
            <span className="civitas-price-chart__row">
              <span className="civitas-price-chart__track">
                <span className="civitas-price-chart__bar civitas-price-chart__bar--start" style={{ width: width(auction.startPriceMinor) }} />
              </span>
              <span className="civitas-price-chart__value">{format.money(auction.startPriceMinor, auction.currency)}</span>
            </span>
            <span className="civitas-price-chart__row">
              <span className="civitas-price-chart__track">
                {auction.winningPriceMinor === null ? null : (
                  <span className="civitas-price-chart__bar civitas-price-chart__bar--winning" style={{ width: width(auction.winningPriceMinor) }} />
                )}
              </span>
              <span className="civitas-price-chart__value">
                {auction.winningPriceMinor === null ? t("insights.auctions.noBids") : format.money(auction.winningPriceMinor, auction.currency)}
              </span>
            </span>
          </div>
        ))}
      </figure>
      <div className="civitas-price-comparison__table">
        <Table stacked caption={t("insights.chart.caption", { count: auctions.length })}>
          <thead>
            <tr>
              <th scope="col">{t("insights.auctions.auction")}</th>
              <th scope="col" className="civitas-number">
                {t("insights.chart.start")}
              </th>
              <th scope="col" className="civitas-number">
                {t("insights.chart.winning")}
              </th>
            </tr>
          </thead>
          <tbody>
            {auctions.map((auction) => (
              <tr key={auction.bountyId}>
                <th scope="row" data-label={t("insights.auctions.auction")} className="civitas-insights-title">
                  {auction.title}
                </th>
                <td data-label={t("insights.chart.start")} className="civitas-number">
                  {format.money(auction.startPriceMinor, auction.currency)}
                </td>
                <td data-label={t("insights.chart.winning")} className="civitas-number">
                  {auction.winningPriceMinor === null ? t("insights.auctions.noBids") : format.money(auction.winningPriceMinor, auction.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </div>
  );
}

function AuctionTable({ auctions, timeZone }: { auctions: ClosedAuctionInsightView[]; timeZone: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const format = useFormats();
  const columns = {
    auction: t("insights.auctions.auction"),
    type: t("insights.auctions.type"),
    ended: t("insights.auctions.ended"),
    bids: t("insights.auctions.bids"),
    bidders: t("insights.auctions.bidders"),
    start: t("insights.chart.start"),
    winning: t("insights.chart.winning"),
    ratio: t("insights.auctions.ratio"),
  };
  return (
    <Table stacked caption={t("insights.auctions.caption", { count: auctions.length })}>
      <thead>
        <tr>
          <th scope="col">{columns.auction}</th>
          <th scope="col">{columns.type}</th>
          <th scope="col">{columns.ended}</th>
          <th scope="col" className="civitas-number">
            {columns.bids}
          </th>
          <th scope="col" className="civitas-number">
            {columns.bidders}
          </th>
          <th scope="col" className="civitas-number">
            {columns.start}
          </th>
          <th scope="col" className="civitas-number">
            {columns.winning}
          </th>
          <th scope="col" className="civitas-number">
            {columns.ratio}
          </th>
        </tr>
      </thead>
      <tbody>
        {auctions.map((auction) => (
          <tr key={auction.bountyId}>
            <th scope="row" data-label={columns.auction} className="civitas-insights-title">
              <Link to={`/${slug}/bounties/${auction.bountyId}`}>{auction.title}</Link>
            </th>
            <td data-label={columns.type}>{t(`insights.auctions.types.${auction.auctionType}`)}</td>
            <td data-label={columns.ended}>{formatDate(auction.endedAt, format.locale, timeZone)}</td>
            <td data-label={columns.bids} className="civitas-number">
              {format.whole(auction.bidCount)}
            </td>
            <td data-label={columns.bidders} className="civitas-number">
              {format.whole(auction.bidderCount)}
            </td>
            <td data-label={columns.start} className="civitas-number">
              {format.money(auction.startPriceMinor, auction.currency)}
            </td>
            <td data-label={columns.winning} className="civitas-number">
              {auction.winningPriceMinor === null ? t("insights.auctions.noBids") : format.money(auction.winningPriceMinor, auction.currency)}
            </td>
            <td data-label={columns.ratio} className="civitas-number">
              {format.percent(auction.winningRatio)}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
