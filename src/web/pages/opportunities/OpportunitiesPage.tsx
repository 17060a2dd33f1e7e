import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { ListingItem, ListingResponse } from "../../../contracts/opportunities.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { formatShiftRange } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Button } from "../../components/uswds.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { indentedSkillName, languageCodes, PlacesTag, useLanguageName, useLocale, useTaxonomy } from "./parts.tsx";

/**
 * The public listing residents land on from a call for volunteers, usually on a phone. The filters
 * live in the address, so a filtered list can be shared and the back button undoes a filter.
 */

const filterNames = ["q", "from", "to", "kind", "cause", "skill", "language", "neighbourhood"] as const;
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

export default function OpportunitiesPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const applied = filtersOf(params);
  const [draft, setDraft] = useState<Filters>(applied);
  // The back button changes the address: the form follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the applied filters are derived from `query`
  useEffect(() => setDraft(filtersOf(params)), [query]);
  const taxonomy = useTaxonomy(slug);
  const languageName = useLanguageName();
  const listing = useQuery({
    queryKey: ["listing", slug, locale, query],
    queryFn: () => api.get<ListingResponse>(`${cityApi(slug)}/opportunities${query ? `?${query}` : ""}`),
    enabled: city.isSuccess,
    placeholderData: keepPreviousData,
  });

  if (city.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;

  const moreFilters = filterNames.filter((name) => name !== "q" && applied[name]).length;
  const anyFilter = filterNames.some((name) => applied[name]);
  const page = listing.data?.page ?? 1;
  const pages = listing.data ? Math.max(1, Math.ceil(listing.data.total / listing.data.pageSize)) : 1;
  const pageLink = (target: number) => {
    const next = new URLSearchParams(query);
    if (target > 1) next.set("page", String(target));
    else next.delete("page");
    const search = next.toString();
    return `/${slug}/opportunities${search ? `?${search}` : ""}`;
  };
  const apply = (filters: Filters) => {
    const next = new URLSearchParams();
    for (const name of filterNames) if (filters[name].trim()) next.set(name, filters[name].trim());
    setParams(next);
  };
  const set = (name: FilterName) => (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value });
  const neighbourhoods = listing.data?.neighbourhoods ?? [];

  return (
    <>
      <PageHeading>{t("opportunities.title")}</PageHeading>
      <p className="civitas-lead">{t("opportunities.intro", { city: city.data.name })}</p>

      <form
        className="usa-form civitas-listing-filters"
        aria-label={t("opportunities.filters.label")}
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        <div className="civitas-listing-search">
          <TextField id="listing-q" name="q" type="search" label={t("opportunities.filters.q")} value={draft.q} onChange={set("q")} maxLength={100} />
          <Button type="submit">{t("opportunities.filters.search")}</Button>
        </div>
        <details className="civitas-disclosure" open={moreFilters > 0 || undefined}>
          <summary>{moreFilters > 0 ? t("opportunities.filters.moreActive", { count: moreFilters }) : t("opportunities.filters.more")}</summary>
          <div className="civitas-filter-grid">
            <TextField id="listing-from" name="from" type="date" label={t("opportunities.filters.from")} value={draft.from} onChange={set("from")} />
            <TextField
              id="listing-to"
              name="to"
              type="date"
              label={t("opportunities.filters.to")}
              value={draft.to}
              onChange={set("to")}
              min={draft.from || undefined}
            />
            <SelectField id="listing-kind" name="kind" label={t("opportunities.filters.kind")} value={draft.kind} onChange={set("kind")}>
              <option value="">{t("opportunities.filters.anyKind")}</option>
              <option value="in_person">{t("opportunities.kind.in_person")}</option>
              <option value="remote">{t("opportunities.kind.remote")}</option>
            </SelectField>
            <SelectField
              id="listing-neighbourhood"
              name="neighbourhood"
              label={t("opportunities.filters.area")}
              value={draft.neighbourhood}
              onChange={set("neighbourhood")}
            >
              <option value="">{t("opportunities.filters.anyArea")}</option>
              {[...new Set([...neighbourhoods, ...(draft.neighbourhood ? [draft.neighbourhood] : [])])].map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </SelectField>
            {taxonomy.causes && taxonomy.causes.length > 0 ? (
              <SelectField id="listing-cause" name="cause" label={t("opportunities.filters.cause")} value={draft.cause} onChange={set("cause")}>
                <option value="">{t("opportunities.filters.anyCause")}</option>
                {taxonomy.causes.map((cause) => (
                  <option key={cause.id} value={cause.id}>
                    {cause.name}
                  </option>
                ))}
              </SelectField>
            ) : null}
            {taxonomy.skills && taxonomy.skills.length > 0 ? (
              <SelectField id="listing-skill" name="skill" label={t("opportunities.filters.skill")} value={draft.skill} onChange={set("skill")}>
                <option value="">{t("opportunities.filters.anySkill")}</option>
                {taxonomy.skills.map((skill) => (
                  <option key={skill.id} value={skill.id}>
                    {indentedSkillName(skill)}
                  </option>
                ))}
              </SelectField>
            ) : null}
            <SelectField id="listing-language" name="language" label={t("opportunities.filters.language")} value={draft.language} onChange={set("language")}>
              <option value="">{t("opportunities.filters.anyLanguage")}</option>
              {languageCodes
                .map((code) => ({ code, name: languageName(code) }))
                .sort((a, b) => a.name.localeCompare(b.name, locale))
                .map(({ code, name }) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
            </SelectField>
          </div>
          <div className="civitas-filter-actions">
            <Button type="submit">{t("opportunities.filters.apply")}</Button>
          </div>
        </details>
        {anyFilter ? (
          <p>
            <Link to={`/${slug}/opportunities`}>{t("opportunities.filters.clear")}</Link>
          </p>
        ) : null}
      </form>

      <ProblemAlert error={listing.error} />
      {listing.isPending ? <Loading /> : null}
      <p role="status" className="civitas-result-count">
        {listing.data ? t("opportunities.count", { count: listing.data.total }) : ""}
      </p>
      {listing.data && listing.data.opportunities.length === 0 ? (
        <div className="civitas-empty">
          <h2>{anyFilter ? t("opportunities.emptyFilteredHeading") : t("opportunities.emptyHeading")}</h2>
          <p>{anyFilter ? t("opportunities.emptyFiltered") : t("opportunities.empty")}</p>
          {anyFilter ? (
            <Link className="usa-button usa-button--outline" to={`/${slug}/opportunities`}>
              {t("opportunities.filters.clear")}
            </Link>
          ) : null}
        </div>
      ) : null}
      {listing.data && listing.data.opportunities.length > 0 ? (
        <ul className="usa-card-group civitas-opportunity-cards">
          {listing.data.opportunities.map((item) => (
            <OpportunityCard key={item.id} item={item} slug={slug} timeZone={city.data.timeZone} />
          ))}
        </ul>
      ) : null}
      {listing.data && pages > 1 ? (
        <nav className="civitas-pagination" aria-label={t("opportunities.pagination")}>
          {page > 1 ? (
            <Link className="usa-button usa-button--outline" to={pageLink(page - 1)} rel="prev">
              {t("opportunities.previousPage")}
            </Link>
          ) : null}
          <span>{t("opportunities.pageOf", { page, pages })}</span>
          {page < pages ? (
            <Link className="usa-button usa-button--outline" to={pageLink(page + 1)} rel="next">
              {t("opportunities.nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

function OpportunityCard({ item, slug, timeZone }: { item: ListingItem; slug: string; timeZone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const languageName = useLanguageName();
  const more = item.nextShift ? item.upcomingShifts - 1 : 0;
  return (
    <li className="usa-card tablet:grid-col-6 desktop:grid-col-4">
      <div className="usa-card__container">
        <div className="usa-card__header">
          <h2 className="usa-card__heading">
            <Link to={`/${slug}/opportunities/${item.id}`}>{item.title}</Link>
          </h2>
          <p className="civitas-card-agency">{item.group ? <Link to={`/${slug}/groups/${item.group.slug}`}>{item.group.name}</Link> : item.agency?.name}</p>
        </div>
        <div className="usa-card__body">
          <p>{item.summary}</p>
          <dl className="civitas-facts">
            <dt>{t("opportunities.card.when")}</dt>
            <dd>
              {item.nextShift ? (
                <>
                  {formatShiftRange(item.nextShift.startsAt, item.nextShift.endsAt, locale, timeZone)}
                  {more > 0 ? <span className="civitas-block-note">{t("opportunities.card.moreShifts", { count: more })}</span> : null}
                </>
              ) : (
                t("opportunities.card.anyTime")
              )}
            </dd>
            <dt>{t("opportunities.card.where")}</dt>
            <dd>{item.locationKind === "remote" ? t("opportunities.kind.remote") : (item.neighbourhood ?? t("opportunities.kind.in_person"))}</dd>
            {item.requiredLanguages.length > 0 ? (
              <>
                <dt>{t("opportunities.card.languages")}</dt>
                <dd>{new Intl.ListFormat(locale, { type: "conjunction" }).format(item.requiredLanguages.map(languageName))}</dd>
              </>
            ) : null}
          </dl>
          {item.nextShift ? <PlacesTag placesLeft={item.nextShift.placesLeft} waitlistOpen={item.nextShift.waitlistOpen} /> : null}
        </div>
      </div>
    </li>
  );
}
