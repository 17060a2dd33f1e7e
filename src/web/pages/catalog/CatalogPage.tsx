import "./catalog.css";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import type { z } from "zod";
import type { CatalogListItemView, catalogList } from "../../../contracts/catalog.ts";
import { api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Tagged } from "../../components/tagged.tsx";
import { Alert, Button } from "../../components/uswds.tsx";
import { hasRoleIn, useMe } from "../../session.ts";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { catalogApi, catalogEditorRoles, itemPath, KindTag, Provenance, StatusText, statusLabel } from "./parts.tsx";

/**
 * The solutions catalog, for anyone: the software the city built or reuses, its published processes
 * and what the cities it follows share. The search and filters live in the address, so a search can
 * be shared and the back button undoes it.
 */

type CatalogList = z.infer<typeof catalogList>;

const filterNames = ["q", "kind", "category", "license", "status", "city"] as const;
type FilterName = (typeof filterNames)[number];
type Filters = Record<FilterName, string>;

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(filterNames.map((name) => [name, params.get(name)?.trim() ?? ""])) as Filters;
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

export default function CatalogPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const me = useMe();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const applied = filtersOf(params);
  const [draft, setDraft] = useState<Filters>(applied);
  // The back button changes the address: the form follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the applied filters are derived from `query`
  useEffect(() => setDraft(filtersOf(params)), [query]);
  const list = useQuery({
    queryKey: ["catalog", slug, query],
    queryFn: () => api.get<CatalogList>(`${catalogApi(slug)}${query ? `?${query}` : ""}`),
    enabled: city.isSuccess,
    placeholderData: keepPreviousData,
  });

  if (city.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;

  const editor = hasRoleIn(me.data, slug, catalogEditorRoles);
  const anyFilter = filterNames.some((name) => applied[name]);
  const facets = list.data?.facets;
  const page = list.data?.page ?? 1;
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / Math.max(1, list.data.pageSize))) : 1;
  const pageLink = (target: number) => {
    const next = new URLSearchParams(query);
    if (target > 1) next.set("page", String(target));
    else next.delete("page");
    const search = next.toString();
    return `/${slug}/catalog${search ? `?${search}` : ""}`;
  };
  const set = (name: FilterName) => (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value });
  // A value in the address that the facets no longer hold still shows as chosen.
  const withApplied = (values: string[] | undefined, name: FilterName) =>
    applied[name] && !(values ?? []).includes(applied[name]) ? [...(values ?? []), applied[name]] : (values ?? []);

  return (
    <>
      <PageHeading>{t("catalog.list.title")}</PageHeading>
      {(location.state as { deleted?: string } | null)?.deleted ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t("catalog.list.deleted")}
        </Alert>
      ) : null}
      <p className="usa-intro">
        <Tagged text={t("catalog.list.intro", { city: city.data.name })} tag="city" element={<span translate="no" />} />
      </p>
      {editor ? (
        <ul className="usa-button-group civitas-catalog-staff-links">
          <li className="usa-button-group__item">
            <Link className="usa-button" to={`/${slug}/admin/catalog/new`}>
              {t("catalog.list.import")}
            </Link>
          </li>
          <li className="usa-button-group__item">
            <Link className="usa-button usa-button--outline" to={`/${slug}/admin/federation`}>
              {t("catalog.list.federation")}
            </Link>
          </li>
        </ul>
      ) : null}

      <form
        className="usa-form civitas-listing-filters"
        aria-label={t("catalog.list.filtersLabel")}
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams();
          for (const name of filterNames) if (draft[name].trim()) next.set(name, draft[name].trim());
          setParams(next);
        }}
      >
        <div className="civitas-listing-search">
          <TextField
            id="catalog-q"
            name="q"
            type="search"
            label={t("catalog.list.q")}
            hint={t("catalog.list.qHint")}
            value={draft.q}
            onChange={set("q")}
            maxLength={200}
          />
        </div>
        <div className="civitas-filter-grid">
          <SelectField id="catalog-kind" name="kind" label={t("catalog.list.kind")} value={draft.kind} onChange={set("kind")}>
            <option value="">{t("catalog.list.anyKind")}</option>
            <option value="software">{t("catalog.kind.software")}</option>
            <option value="process">{t("catalog.kind.process")}</option>
          </SelectField>
          <SelectField id="catalog-category" name="category" label={t("catalog.list.category")} value={draft.category} onChange={set("category")}>
            <option value="">{t("catalog.list.anyCategory")}</option>
            {withApplied(facets?.categories, "category").map((category) => (
              <option key={category} value={category} translate="no">
                {category}
              </option>
            ))}
          </SelectField>
          <SelectField id="catalog-license" name="license" label={t("catalog.list.license")} value={draft.license} onChange={set("license")}>
            <option value="">{t("catalog.list.anyLicense")}</option>
            {withApplied(facets?.licenses, "license").map((license) => (
              <option key={license} value={license} translate="no">
                {license}
              </option>
            ))}
          </SelectField>
          <SelectField id="catalog-status" name="status" label={t("catalog.list.status")} value={draft.status} onChange={set("status")}>
            <option value="">{t("catalog.list.anyStatus")}</option>
            {withApplied(facets?.statuses, "status").map((status) => (
              <option key={status} value={status}>
                {statusLabel(t, status)}
              </option>
            ))}
          </SelectField>
          <SelectField id="catalog-city" name="city" label={t("catalog.list.city")} value={draft.city} onChange={set("city")}>
            <option value="">{t("catalog.list.anyCity")}</option>
            <option value="local">{t("catalog.provenance.thisCity")}</option>
            {(facets?.cities ?? [])
              .filter((option) => option.value !== "local")
              .map((option) => (
                <option key={option.value} value={option.value} translate="no">
                  {option.name}
                </option>
              ))}
          </SelectField>
        </div>
        <div className="civitas-filter-actions">
          <Button type="submit">{t("catalog.list.search")}</Button>
        </div>
        {anyFilter ? (
          <p>
            <Link to={`/${slug}/catalog`}>{t("catalog.list.clear")}</Link>
          </p>
        ) : null}
      </form>

      <ProblemAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      <p role="status" className="civitas-result-count">
        {list.data ? t("catalog.list.count", { count: list.data.total }) : ""}
      </p>
      {list.data && list.data.items.length === 0 ? (
        <div className="civitas-empty">
          <h2>{anyFilter ? t("catalog.list.emptyFilteredHeading") : t("catalog.list.emptyHeading")}</h2>
          <p>{anyFilter ? t("catalog.list.emptyFiltered") : t("catalog.list.empty")}</p>
        </div>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <ul className="usa-list usa-list--unstyled civitas-catalog-list">
          {list.data.items.map((item) => (
            <CatalogCard key={`${item.source}:${item.id}`} item={item} slug={slug} />
          ))}
        </ul>
      ) : null}
      {list.data && pages > 1 ? (
        <nav className="civitas-pagination" aria-label={t("catalog.list.pagination")}>
          {page > 1 ? (
            <Link className="usa-button usa-button--outline" to={pageLink(page - 1)} rel="prev">
              {t("catalog.list.previousPage")}
            </Link>
          ) : null}
          <span>{t("catalog.list.pageOf", { page, pages })}</span>
          {page < pages ? (
            <Link className="usa-button usa-button--outline" to={pageLink(page + 1)} rel="next">
              {t("catalog.list.nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

function CatalogCard({ item, slug }: { item: CatalogListItemView; slug: string }) {
  const { t } = useTranslation();
  const headingId = `catalog-item-${item.source}-${item.id}`;
  return (
    <li className="civitas-catalog-card" aria-labelledby={headingId}>
      <h2 className="civitas-catalog-card__title" id={headingId}>
        <Link to={itemPath(slug, item)} translate="no">
          {item.name}
        </Link>
      </h2>
      <p className="civitas-catalog-card__meta">
        <KindTag kind={item.kind} />
        {item.source === "fork" ? <span>{t("catalog.list.fork")}</span> : null}
        {item.developmentStatus ? (
          <span>
            <StatusText status={item.developmentStatus} />
          </span>
        ) : null}
        {item.license ? <span translate="no">{item.license}</span> : null}
      </p>
      {item.summary ? (
        <p className="civitas-catalog-card__summary" translate="no">
          {item.summary}
        </p>
      ) : null}
      {item.categories.length > 0 ? (
        <p className="civitas-catalog-card__categories">
          <span className="usa-sr-only">{t("catalog.details.categories")}: </span>
          {item.categories.map((category) => (
            <span key={category} className="civitas-catalog-chip" translate="no">
              {category}
            </span>
          ))}
        </p>
      ) : null}
      <p className="civitas-catalog-card__provenance">
        <Provenance source={item.source} cityName={item.city.name} updatedAt={item.updatedAt} />
      </p>
    </li>
  );
}
