import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { AgencyImpactView } from "../../../contracts/impact.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { headlineYear, programsByYear, shareBasisPoints } from "./impact-figures.ts";
import { ChartWithTable, FigureTable, HeadlineFigures, PairChart, useImpactFormats, YearsTrend } from "./impact-parts.tsx";

/**
 * One agency's share of the city's impact, for anyone: its department's budget and federal funds
 * year by year against what the agency's own volunteers and work offset, and its programs each year.
 */
export default function AgencyImpactPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { agency: agencySlug = "" } = useParams();
  const city = useCity(slug);
  const impact = useQuery({
    queryKey: ["impact-agency", slug, agencySlug],
    queryFn: () => api.get<AgencyImpactView>(`${cityApi(slug)}/impact/agencies/${encodeURIComponent(agencySlug)}`),
    enabled: city.isSuccess,
    retry: false,
  });

  if (city.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;
  if (impact.error instanceof ApiProblem && impact.error.status === 404) {
    return (
      <>
        <PageHeading>{t("impact.agency.notFoundTitle")}</PageHeading>
        <p>{t("impact.agency.notFound")}</p>
        <p>
          <Link to={`/${slug}/impact`}>{t("impact.agency.back")}</Link>
        </p>
      </>
    );
  }
  if (!impact.data) {
    return (
      <>
        <PageHeading>{t("impact.title")}</PageHeading>
        <ProblemAlert error={impact.error} />
        {impact.error ? null : <Loading />}
      </>
    );
  }
  return <AgencyImpact data={impact.data} />;
}

function AgencyImpact({ data }: { data: AgencyImpactView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const format = useImpactFormats();
  const headline = headlineYear(data.years);
  const byYear = programsByYear(data.programs);
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const shown = byYear.find((year) => year.fiscalYear === chosenYear) ?? byYear[0];
  const columns = {
    program: t("impact.agency.program"),
    total: t("impact.columns.budget"),
    federal: t("impact.columns.federal"),
    share: t("impact.columns.federalShare"),
  };

  return (
    <>
      <nav className="usa-breadcrumb" aria-label={t("impact.agency.breadcrumb")}>
        <ol className="usa-breadcrumb__list">
          <li className="usa-breadcrumb__list-item">
            <Link className="usa-breadcrumb__link" to={`/${slug}/impact`}>
              <span>{t("impact.title")}</span>
            </Link>
          </li>
          <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
            <span>{data.agency.name}</span>
          </li>
        </ol>
      </nav>
      <PageHeading>{data.agency.name}</PageHeading>
      {data.agency.description ? <p className="usa-intro">{data.agency.description}</p> : null}
      <p>{t("impact.agency.intro", { agency: data.agency.name })}</p>

      <section aria-labelledby="agency-headline">
        <h2 id="agency-headline">{headline ? t("impact.headline.heading", { year: format.year(headline.fiscalYear) }) : t("impact.headline.headingNone")}</h2>
        {headline ? (
          <HeadlineFigures year={headline} currency={data.currency} hourValue={format.hourValue(data.settings)} />
        ) : (
          <p>{t("impact.agency.none", { agency: data.agency.name })}</p>
        )}
      </section>

      {data.years.length > 0 ? (
        <section aria-labelledby="agency-years" className="civitas-space-above">
          <h2 id="agency-years">{t("impact.agency.yearsHeading")}</h2>
          <YearsTrend years={data.years} currency={data.currency} caption={t("impact.agency.yearsCaption", { agency: data.agency.name })} />
        </section>
      ) : null}

      <section aria-labelledby="agency-programs" className="civitas-space-above">
        <h2 id="agency-programs">{t("impact.agency.programsHeading")}</h2>
        {shown ? (
          <>
            {byYear.length > 1 ? (
              <form className="usa-form" onSubmit={(event) => event.preventDefault()}>
                <SelectField
                  id="programs-year"
                  name="fiscalYear"
                  label={t("impact.scenario.year")}
                  value={String(shown.fiscalYear)}
                  onChange={(event) => setChosenYear(Number(event.target.value))}
                >
                  {byYear.map((year) => (
                    <option key={year.fiscalYear} value={year.fiscalYear}>
                      {format.year(year.fiscalYear)}
                    </option>
                  ))}
                </SelectField>
              </form>
            ) : null}
            <ChartWithTable
              chart={
                <PairChart
                  rows={shown.programs.map((program) => ({
                    key: program.program,
                    label: program.program,
                    first: program.totalMinor,
                    second: program.federalMinor,
                  }))}
                  firstLabel={columns.total}
                  secondLabel={columns.federal}
                  format={(value) => format.money(value, data.currency)}
                  tone="federal"
                />
              }
              table={
                <FigureTable
                  caption={t("impact.agency.programsCaption", { year: format.year(shown.fiscalYear) })}
                  rows={shown.programs}
                  rowKey={(program) => program.program}
                  columns={[
                    { label: columns.program, rowHeader: true, className: "civitas-impact-name", cell: (program) => program.program },
                    { label: columns.total, numeric: true, cell: (program) => format.money(program.totalMinor, data.currency) },
                    { label: columns.federal, numeric: true, cell: (program) => format.money(program.federalMinor, data.currency) },
                    { label: columns.share, numeric: true, cell: (program) => format.share(shareBasisPoints(program.federalMinor, program.totalMinor)) },
                  ]}
                />
              }
            />
          </>
        ) : (
          <p>{t("impact.agency.noPrograms", { agency: data.agency.name })}</p>
        )}
      </section>

      <p className="civitas-space-above">
        <Link to={`/${slug}/impact`}>{t("impact.agency.back")}</Link>
      </p>
    </>
  );
}
