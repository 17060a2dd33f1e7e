import "./processes-public.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProcessRatesView } from "../../../contracts/processes.ts";
import { api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { formatMoney, moneyExample, parseMoney } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form, Table } from "../../components/uswds.tsx";
import { hasRoleIn, type RoleName, useMe } from "../../session.ts";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";

/**
 * The city's rate table: what an hour of each role costs, which the cost model multiplies by the
 * minutes each step takes. Every staff member may read it; DSO staff and city admins change it, the
 * whole table at once, so the server can check it as one (no role twice).
 */

const readerRoles: RoleName[] = ["city_admin", "dso_staff", "agency_staff"];
const editorRoles: RoleName[] = ["city_admin", "dso_staff"];

export default function ProcessRatesPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={readerRoles}>
      <AdminBreadcrumb current={t("processes.rates.title")} />
      <PageHeading>{t("processes.rates.title")}</PageHeading>
      <p className="usa-intro">{t("processes.rates.intro")}</p>
      <Rates />
    </RequireAccess>
  );
}

function Rates() {
  const { i18n } = useTranslation();
  const slug = useCitySlug();
  const me = useMe();
  const locale = i18n.language || "en";
  const rates = useQuery({
    queryKey: ["process-rates", slug],
    queryFn: () => api.get<ProcessRatesView>(`${cityApi(slug)}/process-rates`),
  });
  if (rates.isPending) return <Loading />;
  if (!rates.data) return <ProblemAlert error={rates.error} />;
  return hasRoleIn(me.data, slug, editorRoles) ? <RatesForm saved={rates.data} locale={locale} /> : <RatesTable rates={rates.data} locale={locale} />;
}

/** The table as agency staff see it: they cost their processes with it but do not set it. */
function RatesTable({ rates, locale }: { rates: ProcessRatesView; locale: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert type="info" headingLevel="h2" slim>
        {t("processes.rates.readOnly")}
      </Alert>
      {rates.rates.length === 0 ? (
        <p className="civitas-space-above">{t("processes.rates.none")}</p>
      ) : (
        <Table stacked caption={t("processes.rates.caption", { count: rates.rates.length, currency: rates.currency })}>
          <thead>
            <tr>
              <th scope="col">{t("processes.rates.role")}</th>
              <th scope="col">{t("processes.rates.hourlyRate")}</th>
            </tr>
          </thead>
          <tbody>
            {rates.rates.map((rate) => (
              <tr key={rate.role}>
                <th scope="row" data-label={t("processes.rates.role")} className="civitas-break">
                  {rate.role}
                </th>
                <td data-label={t("processes.rates.hourlyRate")}>{formatMoney(rate.hourlyRateMinor, rates.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

interface DraftRow {
  /** Stays with the row while rows above it are removed, so React keeps each input's focus and text. */
  key: number;
  role: string;
  rate: string;
}

function RatesForm({ saved, locale }: { saved: ProcessRatesView; locale: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const currency = saved.currency;
  const nextKey = useRef(0);
  const rowsOf = (view: ProcessRatesView): DraftRow[] =>
    view.rates.map((rate) => ({ key: nextKey.current++, role: rate.role, rate: moneyExample(rate.hourlyRateMinor, view.currency, locale) }));
  const [rows, setRows] = useState<DraftRow[]>(() => rowsOf(saved));
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // A new row's role field takes focus, so a keyboard user types straight into it.
  useEffect(() => {
    if (focusKey === null) return;
    document.getElementById(`rate-role-${focusKey}`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const save = useMutation({
    mutationFn: (draft: DraftRow[]) => {
      // Unreadable amounts go as typed, so the server's message names the field.
      const amount = (text: string) => {
        const minor = parseMoney(text, currency, locale);
        return minor === undefined ? text : minor;
      };
      return api.put<ProcessRatesView>(`${cityApi(slug)}/process-rates`, {
        rates: draft.map((row) => ({ role: row.role, hourlyRateMinor: amount(row.rate) })),
      });
    },
    onSuccess: (view) => {
      queryClient.setQueryData(["process-rates", slug], view);
      setRows(rowsOf(view));
      setRemoved(null);
    },
  });

  const change = (key: number, part: Partial<DraftRow>) => setRows(rows.map((row) => (row.key === key ? { ...row, ...part } : row)));
  const add = () => {
    const key = nextKey.current++;
    setRows([...rows, { key, role: "", rate: "" }]);
    setRemoved(null);
    setFocusKey(key);
  };
  const remove = (row: DraftRow, index: number) => {
    setRows(rows.filter((other) => other.key !== row.key));
    setRemoved(row.role.trim() || t("processes.rates.rowNumber", { row: index + 1 }));
    addButton.current?.focus();
  };

  const fieldLabels: Record<string, string> = {};
  rows.forEach((_row, index) => {
    fieldLabels[`rates.${index}.role`] = t("processes.rates.roleInRow", { row: index + 1 });
    fieldLabels[`rates.${index}.hourlyRateMinor`] = t("processes.rates.rateInRow", { row: index + 1 });
  });

  return (
    <Form
      large
      className="civitas-rate-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(rows);
      }}
    >
      {save.isSuccess ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t("processes.rates.saved")}
        </Alert>
      ) : null}
      <ProblemAlert error={save.error} fieldLabels={fieldLabels} />
      <p className="usa-hint">{t("processes.rates.amountHint", { currency, example: moneyExample(3_450, currency, locale) })}</p>
      {rows.length === 0 ? (
        <p>{t("processes.rates.none")}</p>
      ) : (
        <Table stacked className="civitas-rate-table" caption={t("processes.rates.caption", { count: rows.length, currency })}>
          <thead>
            <tr>
              <th scope="col">{t("processes.rates.role")}</th>
              <th scope="col">{t("processes.rates.hourlyRate")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.key}>
                <td data-label={t("processes.rates.role")}>
                  <TextField
                    id={`rate-role-${row.key}`}
                    name="role"
                    field={`rates.${index}.role`}
                    label={t("processes.rates.roleInRow", { row: index + 1 })}
                    value={row.role}
                    onChange={(event) => change(row.key, { role: event.target.value })}
                    error={save.error}
                    maxLength={100}
                    autoComplete="off"
                    required
                  />
                </td>
                <td data-label={t("processes.rates.hourlyRate")}>
                  <TextField
                    id={`rate-amount-${row.key}`}
                    name="hourlyRate"
                    field={`rates.${index}.hourlyRateMinor`}
                    inputMode="decimal"
                    label={t("processes.rates.rateInRow", { row: index + 1 })}
                    value={row.rate}
                    onChange={(event) => change(row.key, { rate: event.target.value })}
                    error={save.error}
                    autoComplete="off"
                    required
                  />
                </td>
                <td data-label={t("common.actions")}>
                  <Button type="button" unstyled className="civitas-rate-remove" onClick={() => remove(row, index)}>
                    {t("processes.rates.remove")}
                    <span className="usa-sr-only"> – {row.role.trim() || t("processes.rates.rowNumber", { row: index + 1 })}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <p role="status" className="civitas-rate-status">
        {removed ? t("processes.rates.removed", { role: removed }) : ""}
      </p>
      <div className="civitas-rate-actions">
        <Button type="button" outline ref={addButton} onClick={add}>
          {t("processes.rates.add")}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {t("processes.rates.save")}
        </Button>
      </div>
    </Form>
  );
}
