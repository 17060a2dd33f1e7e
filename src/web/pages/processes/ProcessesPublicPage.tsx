import "./processes-public.css";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { ProcessSummaryView } from "../../../contracts/processes.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { formatMoney } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Button, Table } from "../../components/uswds.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";

/**
 * The city's published processes, for anyone: how each one works, what a transaction costs the city
 * and, where the city has designed a better way, what that saves a year. The search lives in the
 * address, so a search can be shared and the back button undoes it.
 */
export default function ProcessesPublicPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language || "en";
  const slug = useCitySlug();
  const city = useCity(slug);
  const [params, setParams] = useSearchParams();
  const applied = params.get("q")?.trim() ?? "";
  const [draft, setDraft] = useState(applied);
  // The back button changes the address: the search box follows it.
  useEffect(() => setDraft(applied), [applied]);
  const list = useQuery({
    queryKey: ["public-processes", slug, applied],
    queryFn: () =>
      api.get<{ currency: string; processes: ProcessSummaryView[] }>(
        `${cityApi(slug)}/processes${applied ? `?${new URLSearchParams({ q: applied }).toString()}` : ""}`,
      ),
    enabled: city.isSuccess,
    placeholderData: keepPreviousData,
  });

  if (city.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;

  // Staff read drafts through the same address; this page shows what the public sees.
  const published = list.data?.processes.filter((item) => item.published) ?? [];
  const currency = list.data?.currency ?? city.data.currency;
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });

  return (
    <>
      <PageHeading>{t("processes.public.title")}</PageHeading>
      <p className="usa-intro">{t("processes.public.intro", { city: city.data.name })}</p>

      <form
        className="usa-form civitas-listing-filters"
        aria-label={t("processes.public.searchLabel")}
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams();
          if (draft.trim()) next.set("q", draft.trim());
          setParams(next);
        }}
      >
        <div className="civitas-listing-search">
          <TextField
            id="processes-q"
            name="q"
            type="search"
            label={t("processes.public.search")}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            maxLength={200}
          />
          <Button type="submit">{t("processes.public.searchButton")}</Button>
        </div>
        {applied ? (
          <p>
            <Link to={`/${slug}/processes`}>{t("processes.public.clear")}</Link>
          </p>
        ) : null}
      </form>

      <ProblemAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      <p role="status" className="civitas-result-count">
        {list.data ? t("processes.public.count", { count: published.length }) : ""}
      </p>
      {list.data && published.length === 0 ? <p className="civitas-empty">{applied ? t("processes.public.noneFound") : t("processes.public.none")}</p> : null}
      {published.length > 0 ? (
        <Table stacked caption={t("processes.public.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("processes.public.name")}</th>
              <th scope="col">{t("processes.public.agency")}</th>
              <th scope="col">{t("processes.export.annualVolume")}</th>
              <th scope="col">{t("processes.figures.costPerTransaction")}</th>
              <th scope="col">{t("processes.figures.digitalTakeUp")}</th>
              <th scope="col">{t("processes.public.savingPerYear")}</th>
            </tr>
          </thead>
          <tbody>
            {published.map((item) => (
              <tr key={item.id}>
                <th scope="row" data-label={t("processes.public.name")} className="civitas-break">
                  <Link to={`/${slug}/processes/${item.id}`}>{item.name}</Link>
                </th>
                <td data-label={t("processes.public.agency")} className="civitas-break">
                  {item.agencyName}
                </td>
                <td data-label={t("processes.export.annualVolume")}>{number.format(item.annualVolume)}</td>
                <td data-label={t("processes.figures.costPerTransaction")}>{formatMoney(item.figures.costPerTransactionMinor, currency, locale)}</td>
                <td data-label={t("processes.figures.digitalTakeUp")}>{percent.format(item.figures.digitalVolumeShare)}</td>
                <td data-label={t("processes.public.savingPerYear")}>
                  {item.annualCostSavedMinor === null ? (
                    <span className="civitas-muted">{t("processes.public.noComparison")}</span>
                  ) : (
                    formatMoney(item.annualCostSavedMinor, currency, locale)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}
