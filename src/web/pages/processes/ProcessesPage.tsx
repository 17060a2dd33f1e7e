import "./processes.css";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { AgencyView } from "../../../contracts/agencies.ts";
import type { ProcessSummaryView } from "../../../contracts/processes.ts";
import { api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { Loading } from "../../components/Loading.tsx";
import { useMoneyFormat } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Button, Form, Select, Table, TextInput } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { PublishedTag, processesApi, processRoles, useProcessFormats } from "./parts.tsx";

/** The city's documented processes, with what each costs a year and what its redesign saves. */
export default function ProcessesPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={processRoles}>
      <AdminBreadcrumb current={t("processes.list.title")} />
      <Processes />
    </RequireAccess>
  );
}

function Processes() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const money = useMoneyFormat();
  const format = useProcessFormats();
  const [params, setParams] = useSearchParams();
  const agencyId = params.get("agencyId") ?? "";
  const q = params.get("q") ?? "";
  const [search, setSearch] = useState(q);
  const agencies = useQuery({
    queryKey: ["agencies", slug],
    queryFn: () => api.get<{ agencies: AgencyView[] }>(`${cityApi(slug)}/agencies`),
    staleTime: 60_000,
  });
  const query = new URLSearchParams({ ...(agencyId && { agencyId }), ...(q && { q }) }).toString();
  const list = useQuery({
    queryKey: ["processes", slug, query],
    queryFn: () => api.get<{ currency: string; processes: ProcessSummaryView[] }>(`${processesApi(slug)}${query ? `?${query}` : ""}`),
  });
  const setFilter = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  const columns = {
    name: t("processes.editor.fields.name"),
    agency: t("fields.agency"),
    steps: t("processes.list.steps"),
    annualCost: t("processes.figures.annualCost"),
    saving: t("processes.list.saving"),
    status: t("processes.list.status"),
  };

  return (
    <>
      <PageHeading>{t("processes.list.title")}</PageHeading>
      <p className="usa-intro">{t("processes.list.intro")}</p>
      <ul className="usa-button-group">
        <li className="usa-button-group__item">
          <Link className="usa-button" to={`/${slug}/admin/processes/new`}>
            {t("processes.list.new")}
          </Link>
        </li>
        <li className="usa-button-group__item">
          <Link className="usa-button usa-button--outline" to={`/${slug}/admin/processes/new#process-import`}>
            {t("processes.list.import")}
          </Link>
        </li>
      </ul>
      <Form
        className="civitas-inline-form civitas-space-above"
        role="search"
        aria-label={t("processes.list.searchLabel")}
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({ q: search.trim() });
        }}
      >
        {agencies.data && agencies.data.agencies.length > 1 ? (
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="processes-agency">
              {t("fields.agency")}
            </label>
            <Select id="processes-agency" value={agencyId} onChange={(event) => setFilter({ agencyId: event.target.value })}>
              <option value="">{t("processes.list.anyAgency")}</option>
              {agencies.data.agencies.map((agency) => (
                <option key={agency.id} value={agency.id}>
                  {agency.name}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="processes-search">
            {t("processes.list.search")}
          </label>
          <TextInput id="processes-search" type="search" name="q" value={search} maxLength={200} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <Button type="submit">{t("common.filter")}</Button>
      </Form>
      <ProblemAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.processes.length === 0 ? (
        <p className="civitas-space-above">{q || agencyId ? t("processes.list.noMatch") : t("processes.list.none")}</p>
      ) : null}
      {list.data && list.data.processes.length > 0 ? (
        <Table stacked caption={t("processes.list.caption", { count: list.data.processes.length })}>
          <thead>
            <tr>
              <th scope="col">{columns.name}</th>
              <th scope="col">{columns.agency}</th>
              <th scope="col">{columns.steps}</th>
              <th scope="col">{columns.annualCost}</th>
              <th scope="col">{columns.saving}</th>
              <th scope="col">{columns.status}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.processes.map((item) => (
              <tr key={item.id}>
                <th scope="row" data-label={columns.name} className="civitas-break">
                  <Link to={`/${slug}/admin/processes/${item.id}`}>{item.name}</Link>
                </th>
                <td data-label={columns.agency}>{item.agencyName}</td>
                <td data-label={columns.steps}>{format.number(item.stepCount)}</td>
                <td data-label={columns.annualCost}>{money(item.figures.annualCostMinor, list.data.currency)}</td>
                <td data-label={columns.saving}>{item.annualCostSavedMinor === null ? "—" : money(item.annualCostSavedMinor, list.data.currency)}</td>
                <td data-label={columns.status}>
                  <PublishedTag published={item.published} />
                  <span className="civitas-block-note">{t("processes.list.revision", { revision: item.currentRevision })}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}
