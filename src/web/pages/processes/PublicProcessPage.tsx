import "./processes-public.css";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { ProcessView } from "../../../contracts/processes.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { formatDate } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert } from "../../components/uswds.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { ComparisonSummary, FiguresSummary } from "./FiguresSummary.tsx";
import { ProcessDiagram } from "./ProcessDiagram.tsx";
import { StepsTable } from "./StepsTable.tsx";

/**
 * One published process, for anyone: what it is for, who it serves, what it costs, how the city
 * plans to change it, and every step, drawn and as a table, with the files to take it elsewhere.
 * Steps name roles, never the staff who documented them.
 */
export default function PublicProcessPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language || "en";
  const slug = useCitySlug();
  const { processId = "" } = useParams();
  const city = useCity(slug);
  const processUrl = `${cityApi(slug)}/processes/${encodeURIComponent(processId)}`;
  const process = useQuery({
    queryKey: ["public-process", slug, processId],
    queryFn: () => api.get<ProcessView>(processUrl),
    enabled: city.isSuccess,
    retry: false,
  });

  if (city.error) return <NotFoundPage />;
  if (city.isPending || process.isPending) return <Loading />;
  if (process.error instanceof ApiProblem && (process.error.status === 404 || process.error.status === 400)) {
    return (
      <>
        <PageHeading>{t("processes.public.notFoundTitle")}</PageHeading>
        <p>{t("processes.public.notFound")}</p>
        <Link className="usa-button" to={`/${slug}/processes`}>
          {t("processes.public.toList")}
        </Link>
      </>
    );
  }
  if (process.error || !process.data) {
    return (
      <>
        <PageHeading>{t("processes.public.unavailable")}</PageHeading>
        <ProblemAlert error={process.error} />
      </>
    );
  }

  const item = process.data;
  const content = item.content;
  const number = new Intl.NumberFormat(locale);
  const timeZone = city.data.timeZone;
  const downloads = [
    { format: "md", label: t("processes.public.downloadMarkdown") },
    { format: "json", label: t("processes.public.downloadJson") },
    { format: "bpmn", label: t("processes.public.downloadBpmn") },
  ];

  return (
    <>
      <p className="civitas-back-link">
        <Link to={`/${slug}/processes`}>{t("processes.public.backToList")}</Link>
      </p>
      <PageHeading>{content.name}</PageHeading>
      {item.publishedAt === null ? (
        <Alert type="warning" headingLevel="h2" slim>
          {t("processes.public.unpublished")}
        </Alert>
      ) : null}
      <p className="civitas-process-agency">{t("processes.public.byAgency", { agency: item.agencyName })}</p>
      {item.canEdit ? (
        <p>
          <Link to={`/${slug}/admin/processes/${item.id}`}>{t("processes.public.edit")}</Link>
        </p>
      ) : null}
      {content.purpose ? <p className="civitas-description">{content.purpose}</p> : null}

      <dl className="civitas-facts civitas-process-facts">
        <dt>{t("processes.export.serviceUsers")}</dt>
        <dd className="civitas-break">{content.serviceUsers || t("processes.public.notSaid")}</dd>
        <dt>{t("processes.export.annualVolume")}</dt>
        <dd>{number.format(content.annualVolume)}</dd>
        <dt>{t("processes.public.stepCount")}</dt>
        <dd>{number.format(content.steps.length)}</dd>
        {item.publishedAt ? (
          <>
            <dt>{t("processes.public.publishedOn")}</dt>
            <dd>{formatDate(item.publishedAt, locale, timeZone)}</dd>
          </>
        ) : null}
        <dt>{t("processes.public.updatedOn")}</dt>
        <dd>{formatDate(item.updatedAt, locale, timeZone)}</dd>
      </dl>

      <section className="civitas-process-section" aria-labelledby="process-figures">
        <h2 id="process-figures">{t("processes.export.figures")}</h2>
        <p>{t("processes.public.figuresIntro", { revision: item.currentRevision })}</p>
        <FiguresSummary figures={item.figures} currency={item.currency} />
      </section>

      {item.comparison ? (
        <section className="civitas-process-section" aria-labelledby="process-comparison">
          <h2 id="process-comparison">{t("processes.public.comparisonHeading")}</h2>
          <p>{t("processes.public.comparisonIntro")}</p>
          <ComparisonSummary comparison={item.comparison} currency={item.currency} />
        </section>
      ) : null}

      <section className="civitas-process-section" aria-labelledby="process-diagram">
        <h2 id="process-diagram">{t("processes.public.diagramHeading")}</h2>
        <ProcessDiagram content={content} />
      </section>

      <section className="civitas-process-section" aria-labelledby="process-steps">
        <h2 id="process-steps">{t("processes.export.steps")}</h2>
        <StepsTable content={content} figures={item.figures} currency={item.currency} />
      </section>

      <section className="civitas-process-section" aria-labelledby="process-downloads">
        <h2 id="process-downloads">{t("processes.public.downloadsHeading")}</h2>
        <p>{t("processes.public.downloadsIntro")}</p>
        <ul className="usa-list">
          {downloads.map((download) => (
            <li key={download.format}>
              <a href={`${processUrl}/export.${download.format}`} download>
                {download.label}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
