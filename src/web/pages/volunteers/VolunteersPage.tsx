import "./volunteers.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { type ImportResultView, type SkillView, type VolunteerListView, volunteerLanguages } from "../../../contracts/volunteers.ts";
import { api, cityApi } from "../../api.ts";
import { CsvInput } from "../../components/CsvInput.tsx";
import { useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { RowProblemsReport } from "../../components/RowProblemsReport.tsx";
import { Alert, Button, ButtonGroup, Form, Table, Tag } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { useLanguageName } from "./volunteer-fields.tsx";

/** The city's volunteers for DSO staff and city admins: search, filters, and CSV import. */
export default function VolunteersPage() {
  return (
    <RequireAccess roles={["city_admin", "dso_staff"]}>
      <Volunteers />
    </RequireAccess>
  );
}

function Volunteers() {
  const { t } = useTranslation();
  return (
    <>
      <AdminBreadcrumb current={t("volunteers.list.title")} />
      <PageHeading>{t("volunteers.list.title")}</PageHeading>
      <VolunteerSearch />
      <ImportSection />
    </>
  );
}

const filterNames = ["q", "skill", "language", "neighbourhood"] as const;

function VolunteerSearch() {
  const { t, i18n } = useTranslation();
  const city = useCitySlug();
  const languageName = useLanguageName();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [draft, setDraft] = useState(
    () => Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? ""])) as Record<(typeof filterNames)[number], string>,
  );
  const query = new URLSearchParams();
  for (const name of filterNames) if (params.get(name)) query.set(name, params.get(name) ?? "");
  if (page > 1) query.set("page", String(page));
  const volunteers = useQuery({
    queryKey: ["volunteers", city, query.toString(), i18n.language],
    queryFn: () => api.get<VolunteerListView>(`${cityApi(city)}/volunteers?${query.toString()}`),
  });
  const skills = useQuery({ queryKey: ["skills", city, i18n.language], queryFn: () => api.get<{ skills: SkillView[] }>(`${cityApi(city)}/skills`) });
  const languages = [...volunteerLanguages].map((code) => ({ code, name: languageName(code) })).sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  const search = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of filterNames) if (draft[name].trim()) next.set(name, draft[name].trim());
    setParams(next);
  };
  const toPage = (target: number) => {
    const next = new URLSearchParams(params);
    if (target > 1) next.set("page", String(target));
    else next.delete("page");
    return `?${next.toString()}`;
  };
  const data = volunteers.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <section aria-labelledby="search-heading">
      <h2 id="search-heading">{t("volunteers.list.searchHeading")}</h2>
      <Form className="civitas-filters" onSubmit={search} role="search" aria-labelledby="search-heading">
        <TextField
          id="filter-q"
          name="q"
          type="search"
          label={t("volunteers.list.nameOrEmail")}
          value={draft.q}
          onChange={(event) => setDraft({ ...draft, q: event.target.value })}
          error={volunteers.error}
          field="query.q"
        />
        <SelectField
          id="filter-skill"
          name="skill"
          label={t("volunteers.fields.skill")}
          value={draft.skill}
          onChange={(event) => setDraft({ ...draft, skill: event.target.value })}
          error={volunteers.error}
          field="query.skill"
        >
          <option value="">{t("volunteers.list.anySkill")}</option>
          {skills.data?.skills.map((skill) => (
            <option key={skill.id} value={skill.id}>
              {`${"\u00a0\u00a0".repeat(skill.depth)}${skill.name}`}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="filter-language"
          name="language"
          label={t("volunteers.fields.language")}
          value={draft.language}
          onChange={(event) => setDraft({ ...draft, language: event.target.value })}
          error={volunteers.error}
          field="query.language"
        >
          <option value="">{t("volunteers.list.anyLanguage")}</option>
          {languages.map((item) => (
            <option key={item.code} value={item.code}>
              {item.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id="filter-neighbourhood"
          name="neighbourhood"
          label={t("volunteers.fields.neighbourhood")}
          value={draft.neighbourhood}
          onChange={(event) => setDraft({ ...draft, neighbourhood: event.target.value })}
          error={volunteers.error}
          field="query.neighbourhood"
        />
        <ButtonGroup>
          <Button type="submit">{t("volunteers.list.search")}</Button>
          <Button
            type="button"
            unstyled
            onClick={() => {
              setDraft({ q: "", skill: "", language: "", neighbourhood: "" });
              setParams(new URLSearchParams());
            }}
          >
            {t("volunteers.list.clear")}
          </Button>
        </ButtonGroup>
      </Form>

      {volunteers.isPending ? <Loading /> : null}
      <ProblemAlert error={volunteers.error} />
      {data ? (
        <>
          <p role="status" className="civitas-result-count">
            {t("volunteers.list.found", { count: data.total })}
          </p>
          {data.volunteers.length > 0 ? (
            <Table stacked caption={t("volunteers.list.caption", { page: data.page, pages })}>
              <thead>
                <tr>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("volunteers.list.contact")}</th>
                  <th scope="col">{t("volunteers.fields.languages")}</th>
                  <th scope="col">{t("volunteers.fields.skills")}</th>
                  <th scope="col">{t("volunteers.fields.neighbourhood")}</th>
                  <th scope="col">{t("volunteers.credentials.heading")}</th>
                </tr>
              </thead>
              <tbody>
                {data.volunteers.map((volunteer) => (
                  <tr key={volunteer.id}>
                    <th scope="row" data-label={t("fields.name")}>
                      <Link to={`/${city}/admin/volunteers/${volunteer.id}`}>{volunteer.name}</Link>
                    </th>
                    <td data-label={t("volunteers.list.contact")} className="civitas-break">
                      {volunteer.email}
                      {volunteer.phone ? (
                        <>
                          <br />
                          {volunteer.phone}
                        </>
                      ) : null}
                    </td>
                    <td data-label={t("volunteers.fields.languages")}>{volunteer.languages.map(languageName).join(", ") || "—"}</td>
                    <td data-label={t("volunteers.fields.skills")}>{volunteer.skills.map((skill) => skill.name).join(", ") || "—"}</td>
                    <td data-label={t("volunteers.fields.neighbourhood")}>{volunteer.neighbourhood ?? "—"}</td>
                    <td data-label={t("volunteers.credentials.heading")}>
                      {volunteer.credentials.length > 0 ? (
                        <ul className="usa-list usa-list--unstyled">
                          {volunteer.credentials.map((credential) => (
                            <li key={credential.credentialTypeId}>
                              {credential.name}{" "}
                              {credential.status === "expired" ? (
                                <Tag className="civitas-tag--expired">{t("volunteers.credentials.status.expired")}</Tag>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
          {pages > 1 ? (
            <nav aria-label={t("volunteers.list.pagination")} className="civitas-pagination">
              {page > 1 ? <Link to={toPage(page - 1)}>{t("volunteers.list.previous")}</Link> : null}
              <span>{t("volunteers.list.pageOf", { page, pages })}</span>
              {page < pages ? <Link to={toPage(page + 1)}>{t("volunteers.list.next")}</Link> : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function ImportSection() {
  const { t } = useTranslation();
  const city = useCitySlug();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState("");
  const run = useMutation({
    mutationFn: (dryRun: boolean) => api.post<ImportResultView>(`${cityApi(city)}/volunteers/import`, { csv, dryRun }),
    onSuccess: async (result) => {
      if (!result.dryRun) await queryClient.invalidateQueries({ queryKey: ["volunteers", city] });
    },
  });
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (run.isSuccess || run.isError) outcome.current?.focus();
  }, [run.isSuccess, run.isError]);

  return (
    <section aria-labelledby="import-heading" className="civitas-space-above">
      <h2 id="import-heading">{t("volunteers.import.heading")}</h2>
      <p>{t("volunteers.import.intro")}</p>
      <ul className="usa-list">
        <li>{t("volunteers.import.columnsRequired")}</li>
        <li>{t("volunteers.import.columnsOptional")}</li>
        <li>{t("volunteers.import.allOrNothing")}</li>
      </ul>
      <p>
        <a href={`${cityApi(city)}/volunteers/import/template`} download="volunteers-template.csv">
          {t("volunteers.import.template")}
        </a>
      </p>
      <Form
        large
        onSubmit={(event) => {
          event.preventDefault();
          run.mutate(false);
        }}
      >
        <CsvInput
          id="import"
          csv={csv}
          onChange={(text) => {
            setCsv(text);
            run.reset();
          }}
          error={run.error}
          labels={{
            file: t("volunteers.import.file"),
            fileHint: t("volunteers.import.fileHint"),
            fileLoaded: (name) => t("volunteers.import.fileLoaded", { name }),
            paste: t("volunteers.import.paste"),
            pasteHint: t("volunteers.import.pasteHint"),
          }}
        />
        <ButtonGroup>
          <Button type="button" outline disabled={!csv || run.isPending} onClick={() => run.mutate(true)}>
            {t("volunteers.import.check")}
          </Button>
          <Button type="submit" disabled={!csv || run.isPending}>
            {t("volunteers.import.submit")}
          </Button>
        </ButtonGroup>
      </Form>

      <div ref={outcome} tabIndex={-1} className="civitas-problem civitas-import-outcome">
        {run.isPending ? <Loading /> : null}
        {run.data?.dryRun ? (
          <Alert type="info" headingLevel="h3" heading={t("volunteers.import.readyHeading")} role="status">
            {t("volunteers.import.ready", { total: run.data.total, created: run.data.created, updated: run.data.updated })}
          </Alert>
        ) : null}
        {run.data && !run.data.dryRun ? (
          <Alert type="success" headingLevel="h3" heading={t("volunteers.import.doneHeading")} role="status">
            {t("volunteers.import.done", { total: run.data.total, created: run.data.created, updated: run.data.updated })}
          </Alert>
        ) : null}
        <RowProblemsReport error={run.error} heading={t("volunteers.import.rejectedHeading")} caption={t("volunteers.import.reportCaption")} />
      </div>
    </section>
  );
}
