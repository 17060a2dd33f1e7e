import "./problems.css";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { AgencyView } from "../../../contracts/agencies.ts";
import type { ProblemBoard, ProblemView } from "../../../contracts/problems.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { formatDate } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { formatMoney } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Button } from "../../components/uswds.tsx";
import { isStaffIn, useMe } from "../../session.ts";
import { useLocale } from "../opportunities/parts.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { ProblemStatusTag, problemStatuses, problemsApi } from "./parts.tsx";

/**
 * The public problem board: what agencies and residents find wrong with how the city works and where
 * each problem stands. No sign-in needed. The search and filters live in the address, so a search can
 * be shared and the back button undoes it.
 */

const filterNames = ["q", "status", "agencyId"] as const;
type FilterName = (typeof filterNames)[number];
type Filters = Record<FilterName, string>;

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? ""])) as Filters;
}

/** The filters and page as the API takes them, leaving out what is empty. */
function queryOf(params: URLSearchParams): string {
  const query = new URLSearchParams();
  for (const name of [...filterNames, "page"]) {
    const value = params.get(name)?.trim();
    if (value) query.set(name, value);
  }
  return query.toString();
}

export default function ProblemsPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const me = useMe();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const applied = filtersOf(params);
  const [draft, setDraft] = useState<Filters>(applied);
  // The back button changes the address: the form follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the applied filters are derived from `query`
  useEffect(() => setDraft(filtersOf(params)), [query]);
  const agencies = useQuery({
    queryKey: ["agencies", slug],
    queryFn: () => api.get<{ agencies: AgencyView[] }>(`${cityApi(slug)}/agencies`),
    enabled: city.isSuccess,
    staleTime: 300_000,
  });
  const board = useQuery({
    queryKey: ["problemBoard", slug, query],
    queryFn: () => api.get<ProblemBoard>(`${problemsApi(slug)}${query ? `?${query}` : ""}`),
    enabled: city.isSuccess,
    placeholderData: keepPreviousData,
  });

  if (city.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;

  const anyFilter = filterNames.some((name) => applied[name]);
  const page = board.data?.page ?? 1;
  const pages = board.data ? Math.max(1, Math.ceil(board.data.total / board.data.pageSize)) : 1;
  const pageLink = (target: number) => {
    const next = new URLSearchParams(query);
    if (target > 1) next.set("page", String(target));
    else next.delete("page");
    const search = next.toString();
    return `/${slug}/problems${search ? `?${search}` : ""}`;
  };
  const set = (name: FilterName) => (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value });
  const staff = isStaffIn(me.data, slug);

  return (
    <>
      <PageHeading>{t("problems.title")}</PageHeading>
      <p className="civitas-lead">{t("problems.intro", { city: city.data.name })}</p>
      <p>
        <Link className="usa-button" to={`/${slug}/problems/new`}>
          {staff ? t("problems.board.report") : t("problems.board.propose")}
        </Link>
      </p>

      <form
        className="usa-form civitas-listing-filters"
        aria-label={t("problems.board.filtersLabel")}
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams();
          for (const name of filterNames) if (draft[name].trim()) next.set(name, draft[name].trim());
          setParams(next);
        }}
      >
        <div className="civitas-filter-grid">
          <TextField id="problems-q" name="q" type="search" label={t("problems.board.q")} value={draft.q} onChange={set("q")} maxLength={200} />
          <SelectField id="problems-status" name="status" label={t("problems.board.status")} value={draft.status} onChange={set("status")}>
            <option value="">{t("problems.board.anyStatus")}</option>
            {problemStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`problems.status.${status}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="problems-agency" name="agencyId" label={t("fields.agency")} value={draft.agencyId} onChange={set("agencyId")}>
            <option value="">{t("problems.board.anyAgency")}</option>
            {agencies.data?.agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="civitas-filter-actions">
          <Button type="submit">{t("problems.board.search")}</Button>
        </div>
        {anyFilter ? (
          <p>
            <Link to={`/${slug}/problems`}>{t("problems.board.clear")}</Link>
          </p>
        ) : null}
      </form>

      <ProblemAlert error={board.error} />
      {board.isPending ? <Loading /> : null}
      <p role="status" className="civitas-result-count">
        {board.data ? t("problems.board.count", { count: board.data.total }) : ""}
      </p>
      {board.data && board.data.problems.length === 0 ? (
        <div className="civitas-empty">
          <h2>{anyFilter ? t("problems.board.emptyFilteredHeading") : t("problems.board.emptyHeading")}</h2>
          <p>{anyFilter ? t("problems.board.emptyFiltered") : t("problems.board.empty")}</p>
        </div>
      ) : null}
      {board.data && board.data.problems.length > 0 ? (
        <ul className="usa-list usa-list--unstyled civitas-problem-list">
          {board.data.problems.map((item) => (
            <ProblemCard key={item.id} item={item} slug={slug} locale={locale} timeZone={city.data.timeZone} />
          ))}
        </ul>
      ) : null}
      {board.data && pages > 1 ? (
        <nav className="civitas-pagination" aria-label={t("problems.board.pagination")}>
          {page > 1 ? (
            <Link className="usa-button usa-button--outline" to={pageLink(page - 1)} rel="prev">
              {t("problems.board.previousPage")}
            </Link>
          ) : null}
          <span>{t("problems.board.pageOf", { page, pages })}</span>
          {page < pages ? (
            <Link className="usa-button usa-button--outline" to={pageLink(page + 1)} rel="next">
              {t("problems.board.nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

function ProblemCard({ item, slug, locale, timeZone }: { item: ProblemView; slug: string; locale: string; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <li className="civitas-problem-card" aria-labelledby={`problem-${item.id}`}>
      <h2 className="civitas-problem-card__title" id={`problem-${item.id}`}>
        <Link to={`/${slug}/problems/${item.id}`}>{item.title}</Link>
      </h2>
      <p className="civitas-problem-card__meta">
        <ProblemStatusTag status={item.status} />
        <span>{item.agency ? item.agency.name : t("problems.residentProposal")}</span>
        <span>{t("problems.supporters", { count: item.supportCount })}</span>
      </p>
      <p className="civitas-problem-card__description">{item.description}</p>
      <p className="civitas-problem-card__when">
        {t("problems.board.reportedOn", { date: formatDate(item.createdAt, locale, timeZone) })}
        {item.costEstimate
          ? ` · ${t("problems.board.costPerYear", { amount: formatMoney(item.costEstimate.amountMinor, item.costEstimate.currency, locale) })}`
          : ""}
      </p>
    </li>
  );
}
