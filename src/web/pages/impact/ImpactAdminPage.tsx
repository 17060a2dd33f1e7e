import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";
import type { budgetImportResult, budgetYears, ImpactOverviewView, ImpactSettingsView, PrivateImpactView } from "../../../contracts/impact.ts";
import { api, cityApi } from "../../api.ts";
import { CsvInput } from "../../components/CsvInput.tsx";
import { useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { Figures } from "../../components/Figures.tsx";
import { Loading } from "../../components/Loading.tsx";
import { moneyExample, parseMoney } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { RowProblemsReport } from "../../components/RowProblemsReport.tsx";
import { Alert, Button, ButtonGroup, Form } from "../../components/uswds.tsx";
import type { RoleName } from "../../session.ts";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { headlineYear } from "./impact-figures.ts";
import { FigureTable, HeadlineFigures, useImpactFormats } from "./impact-parts.tsx";

/**
 * Impact for the city's staff: the public headline, the figures that stay private (hours per
 * volunteer, entries waiting or refused), the budget import with its per-row report, and how the
 * city values a volunteer hour and counts its fiscal year.
 */

const staffRoles: RoleName[] = ["city_admin", "dso_staff"];

type BudgetImportResult = z.infer<typeof budgetImportResult>;
type BudgetYearsView = z.infer<typeof budgetYears>;
type FiscalYearTotals = BudgetYearsView["fiscalYears"][number];

/** The national figure Civitas starts with: Independent Sector's value of a volunteer hour in the United States. */
const independentSector = { amountMinor: 3_479, currency: "USD", year: 2024, source: "Independent Sector" } as const;

export default function ImpactAdminPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={staffRoles}>
      <AdminBreadcrumb current={t("impact.admin.title")} />
      <PageHeading>{t("impact.admin.title")}</PageHeading>
      <p className="usa-intro">{t("impact.admin.intro")}</p>
      <ImpactAdmin />
    </RequireAccess>
  );
}

function ImpactAdmin() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const format = useImpactFormats();
  const overview = useQuery({
    queryKey: ["impact", slug],
    queryFn: () => api.get<ImpactOverviewView>(`${cityApi(slug)}/impact`),
  });
  if (overview.isPending) return <Loading />;
  if (!overview.data) return <ProblemAlert error={overview.error} />;
  const data = overview.data;
  const headline = headlineYear(data.years);
  return (
    <>
      <p>
        <Link to={`/${slug}/impact`}>{t("impact.admin.publicLink")}</Link>
      </p>
      <section aria-labelledby="impact-admin-headline">
        <h2 id="impact-admin-headline">
          {headline ? t("impact.headline.heading", { year: format.year(headline.fiscalYear) }) : t("impact.headline.headingNone")}
        </h2>
        {headline ? <HeadlineFigures year={headline} currency={data.currency} hourValue={format.hourValue(data.settings)} /> : <p>{t("impact.none")}</p>}
      </section>
      <PrivateFigures overview={data} />
      <BudgetSection />
      <SettingsSection settings={data.settings} />
    </>
  );
}

/** The figures that name volunteers stay here, for the staff: hours per volunteer and per opportunity, and entries not yet counted. */
function PrivateFigures({ overview }: { overview: ImpactOverviewView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const format = useImpactFormats();
  const [fiscalYear, setFiscalYear] = useState(overview.currentFiscalYear);
  const years = [...new Set([overview.currentFiscalYear, ...overview.years.map((year) => year.fiscalYear)])].sort((a, b) => b - a);
  const figures = useQuery({
    queryKey: ["impact-private", slug, fiscalYear],
    queryFn: () => api.get<PrivateImpactView>(`${cityApi(slug)}/impact/private?fiscalYear=${fiscalYear}`),
  });
  const data = figures.data;
  const volunteerColumns = {
    name: t("impact.admin.private.volunteer"),
    hours: t("impact.admin.private.hours"),
    value: t("impact.admin.private.value"),
    entries: t("impact.admin.private.entries"),
  };
  const opportunityColumns = {
    title: t("impact.admin.private.opportunity"),
    agency: t("impact.admin.private.agency"),
    hours: t("impact.admin.private.hours"),
    volunteers: t("impact.admin.private.volunteers"),
  };

  return (
    <section aria-labelledby="impact-private" className="civitas-space-above">
      <h2 id="impact-private">{t("impact.admin.private.heading")}</h2>
      <p>{t("impact.admin.private.intro")}</p>
      <form className="usa-form" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="private-year"
          name="fiscalYear"
          label={t("impact.scenario.year")}
          value={String(fiscalYear)}
          onChange={(event) => setFiscalYear(Number(event.target.value))}
        >
          {years.map((year) => (
            <option key={year} value={year}>
              {format.year(year)}
            </option>
          ))}
        </SelectField>
      </form>
      <ProblemAlert error={figures.error} />
      {figures.isPending ? <Loading /> : null}
      {data ? (
        <>
          <Figures
            figures={[
              {
                key: "approved",
                label: t("impact.admin.private.approved"),
                value: format.hours(data.volunteers.reduce((sum, volunteer) => sum + volunteer.approvedMinutes, 0)),
                detail: t("impact.admin.private.approvedDetail", {
                  count: data.volunteers.length,
                  number: format.whole(data.volunteers.length),
                  value: format.money(
                    data.volunteers.reduce((sum, volunteer) => sum + volunteer.valueMinor, 0),
                    data.currency,
                  ),
                }),
              },
              {
                key: "pending",
                label: t("impact.admin.private.pending"),
                value: format.whole(data.pendingEntries),
                detail: t("impact.admin.private.pendingDetail", { hours: format.hours(data.pendingMinutes) }),
              },
              {
                key: "rejected",
                label: t("impact.admin.private.rejected"),
                value: format.whole(data.rejectedEntries),
                detail: t("impact.admin.private.rejectedDetail"),
              },
            ]}
          />
          <p className="civitas-space-above">
            <Link to={`/${slug}/admin/hours`}>{t("impact.admin.private.reviewLink")}</Link>
          </p>

          <h3>{t("impact.admin.private.volunteersHeading")}</h3>
          {data.volunteers.length === 0 ? (
            <p>{t("impact.admin.private.noVolunteers")}</p>
          ) : (
            <FigureTable
              caption={t("impact.admin.private.volunteersCaption", { year: format.year(data.fiscalYear) })}
              rows={data.volunteers}
              rowKey={(volunteer) => volunteer.volunteerId}
              columns={[
                {
                  label: volunteerColumns.name,
                  rowHeader: true,
                  className: "civitas-impact-name",
                  cell: (volunteer) => <Link to={`/${slug}/admin/volunteers/${volunteer.volunteerId}`}>{volunteer.name}</Link>,
                },
                { label: volunteerColumns.hours, numeric: true, cell: (volunteer) => format.hours(volunteer.approvedMinutes) },
                { label: volunteerColumns.value, numeric: true, cell: (volunteer) => format.money(volunteer.valueMinor, data.currency) },
                { label: volunteerColumns.entries, numeric: true, cell: (volunteer) => format.whole(volunteer.entries) },
              ]}
            />
          )}

          <h3>{t("impact.admin.private.opportunitiesHeading")}</h3>
          {data.opportunities.length === 0 ? (
            <p>{t("impact.admin.private.noOpportunities")}</p>
          ) : (
            <FigureTable
              caption={t("impact.admin.private.opportunitiesCaption", { year: format.year(data.fiscalYear) })}
              rows={data.opportunities}
              rowKey={(opportunity) => opportunity.opportunityId}
              columns={[
                {
                  label: opportunityColumns.title,
                  rowHeader: true,
                  className: "civitas-impact-name",
                  cell: (opportunity) => <Link to={`/${slug}/admin/opportunities/${opportunity.opportunityId}`}>{opportunity.title}</Link>,
                },
                { label: opportunityColumns.agency, cell: (opportunity) => opportunity.agencyName ?? t("impact.admin.private.noAgency") },
                { label: opportunityColumns.hours, numeric: true, cell: (opportunity) => format.hours(opportunity.approvedMinutes) },
                { label: opportunityColumns.volunteers, numeric: true, cell: (opportunity) => format.whole(opportunity.volunteers) },
              ]}
            />
          )}
        </>
      ) : null}
    </section>
  );
}

function YearTotalsTable({ years, currency, caption }: { years: FiscalYearTotals[]; currency: string; caption: string }) {
  const { t } = useTranslation();
  const format = useImpactFormats();
  const columns = {
    year: t("impact.columns.fiscalYear"),
    programs: t("impact.admin.budget.programs"),
    total: t("impact.columns.budget"),
    federal: t("impact.columns.federal"),
  };
  return (
    <FigureTable
      caption={caption}
      rows={years}
      rowKey={(year) => year.fiscalYear}
      columns={[
        { label: columns.year, rowHeader: true, cell: (year) => format.year(year.fiscalYear) },
        { label: columns.programs, numeric: true, cell: (year) => format.whole(year.programs) },
        { label: columns.total, numeric: true, cell: (year) => format.money(year.totalMinor, currency) },
        { label: columns.federal, numeric: true, cell: (year) => format.money(year.federalMinor, currency) },
      ]}
    />
  );
}

/** The budget on file, and the import that replaces the years a file holds: all of a file or none of it. */
function BudgetSection() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState("");
  const budget = useQuery({
    queryKey: ["impact-budget", slug],
    queryFn: () => api.get<BudgetYearsView>(`${cityApi(slug)}/impact/budget`),
  });
  const run = useMutation({
    mutationFn: () => api.post<BudgetImportResult>(`${cityApi(slug)}/impact/budget`, { csv }),
    onSuccess: async () => {
      await Promise.all(
        ["impact", "impact-budget", "impact-exposure", "impact-agency", "impact-private"].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key, slug] }),
        ),
      );
    },
  });
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (run.isSuccess || run.isError) outcome.current?.focus();
  }, [run.isSuccess, run.isError]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate();
  };

  return (
    <section aria-labelledby="impact-budget" className="civitas-space-above">
      <h2 id="impact-budget">{t("impact.admin.budget.heading")}</h2>
      <ProblemAlert error={budget.error} />
      {budget.isPending ? <Loading /> : null}
      {budget.data ? (
        budget.data.fiscalYears.length === 0 ? (
          <p>{t("impact.admin.budget.none")}</p>
        ) : (
          <YearTotalsTable years={budget.data.fiscalYears} currency={budget.data.currency} caption={t("impact.admin.budget.onFileCaption")} />
        )
      ) : null}

      <h3>{t("impact.admin.import.heading")}</h3>
      <p>{t("impact.admin.import.intro")}</p>
      <ul className="usa-list">
        <li>{t("impact.admin.import.perProgram")}</li>
        <li>{t("impact.admin.import.perSource")}</li>
        <li>{t("impact.admin.import.allOrNothing")}</li>
      </ul>
      <Form large onSubmit={submit}>
        <CsvInput
          id="budget"
          csv={csv}
          onChange={(text) => {
            setCsv(text);
            run.reset();
          }}
          error={run.error}
          labels={{
            file: t("impact.admin.import.file"),
            fileHint: t("impact.admin.import.fileHint"),
            fileLoaded: (name) => t("impact.admin.import.fileLoaded", { name }),
            paste: t("impact.admin.import.paste"),
            pasteHint: t("impact.admin.import.pasteHint"),
          }}
        />
        <Button type="submit" disabled={!csv.trim() || run.isPending}>
          {t("impact.admin.import.submit")}
        </Button>
      </Form>

      <div ref={outcome} tabIndex={-1} className="civitas-problem civitas-import-outcome">
        {run.isPending ? <Loading /> : null}
        {run.data ? (
          <>
            <Alert type="success" headingLevel="h3" heading={t("impact.admin.import.doneHeading")} role="status">
              {t("impact.admin.import.done", { count: run.data.fiscalYears.length, shape: t(`impact.admin.import.shapes.${run.data.shape}`) })}
            </Alert>
            <YearTotalsTable years={run.data.fiscalYears} currency={run.data.currency} caption={t("impact.admin.import.importedCaption")} />
          </>
        ) : null}
        <RowProblemsReport error={run.error} heading={t("impact.admin.import.rejectedHeading")} caption={t("impact.admin.import.reportCaption")} />
      </div>
    </section>
  );
}

interface SettingsDraft {
  hourValue: string;
  hourValueYear: string;
  hourValueSource: string;
  fiscalYearStartMonth: string;
}

/** How the city values a volunteer hour, and where its figure comes from; the month its fiscal year starts. */
function SettingsSection({ settings }: { settings: ImpactSettingsView }) {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const locale = i18n.language || "en";
  const queryClient = useQueryClient();
  const format = useImpactFormats();
  const currency = settings.currency;
  const draftOf = (view: Pick<ImpactSettingsView, "hourValueMinor" | "hourValueYear" | "hourValueSource" | "fiscalYearStartMonth">): SettingsDraft => ({
    hourValue: moneyExample(view.hourValueMinor, currency, locale),
    hourValueYear: String(view.hourValueYear),
    hourValueSource: view.hourValueSource,
    fiscalYearStartMonth: String(view.fiscalYearStartMonth),
  });
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(settings));
  const save = useMutation({
    mutationFn: (values: SettingsDraft) => {
      // What cannot be read goes as typed, so that the server's answer names the field.
      const hourValueMinor = parseMoney(values.hourValue, currency, locale);
      const year = values.hourValueYear.trim();
      return api.put<ImpactSettingsView>(`${cityApi(slug)}/impact/settings`, {
        hourValueMinor: hourValueMinor === undefined || hourValueMinor === null ? values.hourValue : hourValueMinor,
        hourValueYear: /^\d+$/.test(year) ? Number(year) : year,
        hourValueSource: values.hourValueSource,
        fiscalYearStartMonth: Number(values.fiscalYearStartMonth),
      });
    },
    onSuccess: async (saved) => {
      setDraft(draftOf(saved));
      await Promise.all(["impact", "impact-private", "impact-agency"].map((key) => queryClient.invalidateQueries({ queryKey: [key, slug] })));
    },
  });
  const change = (part: Partial<SettingsDraft>) => {
    setDraft({ ...draft, ...part });
    if (save.isSuccess) save.reset();
  };
  const monthName = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  const fieldLabels = {
    hourValueMinor: t("impact.admin.settings.hourValue"),
    hourValueYear: t("impact.admin.settings.hourValueYear"),
    hourValueSource: t("impact.admin.settings.hourValueSource"),
    fiscalYearStartMonth: t("impact.admin.settings.fiscalYearStartMonth"),
  };
  const isDefault = (save.data ?? settings).hourValueIsDefault;

  return (
    <section aria-labelledby="impact-settings" className="civitas-space-above">
      <h2 id="impact-settings">{t("impact.admin.settings.heading")}</h2>
      <p>{t("impact.admin.settings.intro")}</p>
      <p>
        {t("impact.admin.settings.default", {
          hourValue: format.hourValue({
            currency: independentSector.currency,
            hourValueMinor: independentSector.amountMinor,
            hourValueSource: independentSector.source,
            hourValueYear: independentSector.year,
          }),
        })}{" "}
        <strong>{isDefault ? t("impact.admin.settings.usesDefault") : t("impact.admin.settings.usesOwn")}</strong>
      </p>
      <Form
        large
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(draft);
        }}
      >
        {save.isSuccess ? (
          <Alert type="success" headingLevel="h3" slim role="status">
            {t("impact.admin.settings.saved")}
          </Alert>
        ) : null}
        <ProblemAlert error={save.error} fieldLabels={fieldLabels} />
        <TextField
          id="settings-hour-value"
          name="hourValue"
          field="hourValueMinor"
          inputMode="decimal"
          label={t("impact.admin.settings.hourValue")}
          hint={t("impact.admin.settings.hourValueHint", { currency, example: moneyExample(independentSector.amountMinor, currency, locale) })}
          value={draft.hourValue}
          onChange={(event) => change({ hourValue: event.target.value })}
          error={save.error}
          autoComplete="off"
          required
        />
        <TextField
          id="settings-hour-year"
          name="hourValueYear"
          inputMode="numeric"
          label={t("impact.admin.settings.hourValueYear")}
          hint={t("impact.admin.settings.hourValueYearHint")}
          value={draft.hourValueYear}
          onChange={(event) => change({ hourValueYear: event.target.value })}
          error={save.error}
          autoComplete="off"
          maxLength={4}
          required
        />
        <TextField
          id="settings-hour-source"
          name="hourValueSource"
          label={t("impact.admin.settings.hourValueSource")}
          hint={t("impact.admin.settings.hourValueSourceHint")}
          value={draft.hourValueSource}
          onChange={(event) => change({ hourValueSource: event.target.value })}
          error={save.error}
          maxLength={200}
          required
        />
        <SelectField
          id="settings-fiscal-month"
          name="fiscalYearStartMonth"
          label={t("impact.admin.settings.fiscalYearStartMonth")}
          hint={t("impact.admin.settings.fiscalYearStartMonthHint")}
          value={draft.fiscalYearStartMonth}
          onChange={(event) => change({ fiscalYearStartMonth: event.target.value })}
          error={save.error}
        >
          {Array.from({ length: 12 }, (_, index) => index + 1).map((month) => (
            <option key={month} value={month}>
              {monthName.format(new Date(Date.UTC(2024, month - 1, 1)))}
            </option>
          ))}
        </SelectField>
        <ButtonGroup>
          <Button type="submit" disabled={save.isPending}>
            {t("impact.admin.settings.save")}
          </Button>
          {currency === independentSector.currency ? (
            <Button
              type="button"
              outline
              onClick={() =>
                change({
                  hourValue: moneyExample(independentSector.amountMinor, currency, locale),
                  hourValueYear: String(independentSector.year),
                  hourValueSource: independentSector.source,
                })
              }
            >
              {t("impact.admin.settings.useDefault")}
            </Button>
          ) : null}
        </ButtonGroup>
      </Form>
    </section>
  );
}
