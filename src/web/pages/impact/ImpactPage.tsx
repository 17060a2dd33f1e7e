import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { ExposureView, ImpactOverviewView } from "../../../contracts/impact.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { cutOf, headlineYear, shareBasisPoints } from "./impact-figures.ts";
import { ChartWithTable, FigureTable, HeadlineFigures, OffsetsBreakdown, PairChart, useImpactFormats, YearsTrend } from "./impact-parts.tsx";

/**
 * The public account of what the city depends on and what its own people and work make up for:
 * the latest budget year's headline figures, a "federal funds cut by X %" scenario with the money
 * at risk per department, federal funds against offsets over the years, the offsets by source, the
 * agencies' own pages and the open data. The scenario lives in the address, so it can be shared.
 */

/** How long the slider rests before the scenario is asked for again. */
const settleMilliseconds = 250;

export default function ImpactPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const overview = useQuery({
    queryKey: ["impact", slug],
    queryFn: () => api.get<ImpactOverviewView>(`${cityApi(slug)}/impact`),
    enabled: city.isSuccess,
  });

  if (city.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;

  return (
    <>
      <PageHeading>{t("impact.title")}</PageHeading>
      <p className="usa-intro">{t("impact.intro", { city: city.data.name })}</p>
      <ProblemAlert error={overview.error} />
      {overview.isPending && !overview.error ? <Loading /> : null}
      {overview.data ? <Impact overview={overview.data} /> : null}
    </>
  );
}

function Impact({ overview }: { overview: ImpactOverviewView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const format = useImpactFormats();
  const headline = headlineYear(overview.years);
  const hourValue = format.hourValue(overview.settings);
  const hasBudget = overview.years.some((year) => year.totalMinor > 0);

  return (
    <>
      <section aria-labelledby="impact-headline">
        <h2 id="impact-headline">{headline ? t("impact.headline.heading", { year: format.year(headline.fiscalYear) }) : t("impact.headline.headingNone")}</h2>
        {headline ? <HeadlineFigures year={headline} currency={overview.currency} hourValue={hourValue} /> : <p>{t("impact.none")}</p>}
        {headline && !hasBudget ? <p className="civitas-space-above">{t("impact.noBudgetYet")}</p> : null}
      </section>

      {hasBudget ? <Scenario currency={overview.currency} /> : null}

      {overview.years.length > 0 ? (
        <>
          <section aria-labelledby="impact-trend" className="civitas-space-above">
            <h2 id="impact-trend">{t("impact.trend.heading")}</h2>
            <p>{t("impact.trend.intro")}</p>
            <YearsTrend years={overview.years} currency={overview.currency} caption={t("impact.trend.caption")} />
          </section>

          <section aria-labelledby="impact-offsets" className="civitas-space-above">
            <h2 id="impact-offsets">{t("impact.offsets.heading")}</h2>
            <p>{t("impact.offsets.intro")}</p>
            <p className="civitas-impact-hour-value">{t("impact.offsets.hourValueNote", { hourValue })}</p>
            <OffsetsBreakdown years={overview.years} currency={overview.currency} caption={t("impact.offsets.caption")} />
          </section>
        </>
      ) : null}

      {overview.agencies.length > 0 ? (
        <section aria-labelledby="impact-agencies" className="civitas-space-above">
          <h2 id="impact-agencies">{t("impact.agencies.heading")}</h2>
          <p>{t("impact.agencies.intro")}</p>
          <ul className="usa-list civitas-impact-agencies">
            {overview.agencies.map((agency) => (
              <li key={agency.slug}>
                <Link to={`/${slug}/impact/agencies/${agency.slug}`}>{agency.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="impact-open-data" className="civitas-space-above">
        <h2 id="impact-open-data">{t("impact.openDataLink.heading")}</h2>
        <p>{t("impact.openDataLink.text")}</p>
        <p>
          <Link to={`/${slug}/open-data`}>{t("impact.openDataLink.link")}</Link>
        </p>
      </section>
    </>
  );
}

/** The "federal funds cut by X %" scenario: a year and a percentage, and what each department stands to lose. */
function Scenario({ currency }: { currency: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const format = useImpactFormats();
  const [params, setParams] = useSearchParams();
  const appliedCut = cutOf(params.get("cut"), 0);
  const appliedYear = params.get("year") ?? "";
  const [cut, setCut] = useState(appliedCut);

  // The back button changes the address: the slider follows it.
  useEffect(() => setCut(appliedCut), [appliedCut]);

  // The slider's value goes into the address once it rests, so dragging does not ask for every step.
  useEffect(() => {
    if (cut === appliedCut) return;
    const timer = window.setTimeout(() => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set("cut", String(cut));
          return next;
        },
        { replace: true },
      );
    }, settleMilliseconds);
    return () => window.clearTimeout(timer);
  }, [cut, appliedCut, setParams]);

  const query = new URLSearchParams({ cut: String(appliedCut) });
  if (/^\d{4}$/.test(appliedYear)) query.set("fiscalYear", appliedYear);
  const exposure = useQuery({
    queryKey: ["impact-exposure", slug, query.toString()],
    queryFn: () => api.get<ExposureView>(`${cityApi(slug)}/impact/exposure?${query.toString()}`),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const data = exposure.data;
  const percent = new Intl.NumberFormat(format.locale, { style: "percent", maximumFractionDigits: 0 });
  const columns = {
    department: t("impact.scenario.department"),
    total: t("impact.columns.budget"),
    federal: t("impact.columns.federal"),
    share: t("impact.columns.federalShare"),
    atRisk: t("impact.scenario.atRisk"),
  };

  return (
    <section aria-labelledby="impact-scenario" className="civitas-space-above">
      <h2 id="impact-scenario">{t("impact.scenario.heading")}</h2>
      <p>{t("impact.scenario.intro")}</p>
      <form className="usa-form civitas-impact-scenario" aria-labelledby="impact-scenario" onSubmit={(event) => event.preventDefault()}>
        {data && data.fiscalYears.length > 0 ? (
          <SelectField
            id="scenario-year"
            name="fiscalYear"
            label={t("impact.scenario.year")}
            value={String(data.fiscalYear ?? "")}
            onChange={(event) =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  next.set("year", event.target.value);
                  return next;
                },
                { replace: true },
              )
            }
          >
            {[...data.fiscalYears].reverse().map((year) => (
              <option key={year} value={year}>
                {format.year(year)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div className="usa-form-group civitas-impact-cut">
          <label className="usa-label" htmlFor="scenario-cut">
            {t("impact.scenario.cut")}
          </label>
          <span className="usa-hint" id="scenario-cut-hint">
            {t("impact.scenario.cutHint")}
          </span>
          <div className="civitas-impact-cut__control">
            <input
              id="scenario-cut"
              name="cut"
              className="usa-range"
              type="range"
              min={0}
              max={100}
              step={1}
              value={cut}
              aria-describedby="scenario-cut-hint"
              aria-valuetext={percent.format(cut / 100)}
              onChange={(event) => setCut(cutOf(event.target.value, cut))}
            />
            <output htmlFor="scenario-cut" className="civitas-impact-cut__value">
              {percent.format(cut / 100)}
            </output>
          </div>
        </div>
      </form>

      <ProblemAlert error={exposure.error} />
      {exposure.isPending && !exposure.error ? <Loading /> : null}
      {data && data.fiscalYear !== null ? (
        <>
          <p role="status" className="civitas-impact-at-risk">
            {t("impact.scenario.summary", {
              cut: percent.format(data.cutPercent / 100),
              year: format.year(data.fiscalYear),
              amount: format.money(data.overall.atRiskMinor, currency),
              share: format.share(shareBasisPoints(data.overall.atRiskMinor, data.overall.totalMinor)),
            })}
          </p>
          <ChartWithTable
            chart={
              <PairChart
                rows={data.departments.map((department) => ({
                  key: department.department,
                  label: department.department,
                  first: department.federalMinor,
                  second: department.atRiskMinor,
                }))}
                firstLabel={columns.federal}
                secondLabel={columns.atRisk}
                format={(value) => format.money(value, currency)}
                tone="risk"
              />
            }
            table={
              <FigureTable
                caption={t("impact.scenario.caption", { cut: percent.format(data.cutPercent / 100), year: format.year(data.fiscalYear) })}
                rows={data.departments}
                rowKey={(department) => department.department}
                footer={{ department: t("impact.scenario.overall"), ...data.overall, programs: [] }}
                columns={[
                  { label: columns.department, rowHeader: true, className: "civitas-impact-name", cell: (department) => department.department },
                  { label: columns.total, numeric: true, cell: (department) => format.money(department.totalMinor, currency) },
                  { label: columns.federal, numeric: true, cell: (department) => format.money(department.federalMinor, currency) },
                  { label: columns.share, numeric: true, cell: (department) => format.share(department.federalShareBasisPoints) },
                  { label: columns.atRisk, numeric: true, cell: (department) => format.money(department.atRiskMinor, currency) },
                ]}
              />
            }
          />
        </>
      ) : null}
    </section>
  );
}
