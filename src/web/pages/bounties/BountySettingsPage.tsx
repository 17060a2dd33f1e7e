import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BountySettingsView, CityHolidayView } from "../../../contracts/bounty-settings.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { messageWithin, TextField } from "../../components/Fields.tsx";
import { formatCalendarDate, todayIn } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { formatMoney, moneyExample, parseMoney } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form, Table } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { Checkbox, Fieldset } from "../opportunities/parts.tsx";

/** The city's bounty rules (micro-purchase threshold, small-business band, accepted licences) and its holiday calendar. */
export default function BountySettingsPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={["city_admin"]}>
      <AdminBreadcrumb current={t("bountySettings.title")} />
      <PageHeading>{t("bountySettings.title")}</PageHeading>
      <p className="usa-intro">{t("bountySettings.intro")}</p>
      <Rules />
      <Holidays />
    </RequireAccess>
  );
}

interface RulesDraft {
  threshold: string;
  bandMin: string;
  bandMax: string;
  licences: string[];
}

function Rules() {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const locale = i18n.language || "en";
  const settings = useQuery({
    queryKey: ["bounty-settings", slug],
    queryFn: () => api.get<BountySettingsView>(`${cityApi(slug)}/bounty-settings`),
  });
  const currency = settings.data?.currency ?? "USD";
  const [draft, setDraft] = useState<RulesDraft | null>(null);
  useEffect(() => {
    const data = settings.data;
    if (!data) return;
    const written = (amount: number | null) => (amount === null ? "" : moneyExample(amount, data.currency, locale));
    setDraft({
      threshold: written(data.microPurchaseThresholdMinor),
      bandMin: written(data.smallBusinessBandMinMinor),
      bandMax: written(data.smallBusinessBandMaxMinor),
      licences: data.acceptedLicences,
    });
  }, [settings.data, locale]);

  const save = useMutation({
    mutationFn: (value: RulesDraft) => {
      // Unreadable text goes as it is, so the server's message names the field.
      const money = (text: string) => {
        const amount = parseMoney(text, currency, locale);
        return amount === undefined ? text : amount;
      };
      return api.put<BountySettingsView>(`${cityApi(slug)}/bounty-settings`, {
        microPurchaseThresholdMinor: money(value.threshold) ?? undefined,
        smallBusinessBandMinMinor: money(value.bandMin),
        smallBusinessBandMaxMinor: money(value.bandMax),
        acceptedLicences: value.licences,
      });
    },
    onSuccess: (saved) => queryClient.setQueryData(["bounty-settings", slug], saved),
  });

  if (settings.isPending) return <Loading />;
  if (!settings.data || !draft) return <ProblemAlert error={settings.error} />;
  const known = settings.data.knownLicences;
  const example = moneyExample(1_000_000, currency, locale);
  const set = (change: Partial<RulesDraft>) => setDraft({ ...draft, ...change });
  const toggle = (licence: string, on: boolean) =>
    set({ licences: on ? known.filter((id) => id === licence || draft.licences.includes(id)) : draft.licences.filter((id) => id !== licence) });

  return (
    <section aria-labelledby="bounty-rules-heading">
      <h2 id="bounty-rules-heading">{t("bountySettings.rulesHeading")}</h2>
      {save.isSuccess ? (
        <Alert type="success" headingLevel="h3" slim role="status">
          {t("common.savedChanges")}
        </Alert>
      ) : null}
      <Form
        large
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(draft);
        }}
      >
        <ProblemAlert
          error={save.error}
          fieldLabels={{
            microPurchaseThresholdMinor: t("bountySettings.threshold"),
            smallBusinessBandMinMinor: t("bountySettings.bandMin"),
            smallBusinessBandMaxMinor: t("bountySettings.bandMax"),
          }}
        />
        <TextField
          id="bounty-threshold"
          name="threshold"
          field="microPurchaseThresholdMinor"
          inputMode="decimal"
          label={t("bountySettings.threshold")}
          hint={t("bountySettings.thresholdHint", { currency, example })}
          value={draft.threshold}
          onChange={(event) => set({ threshold: event.target.value })}
          error={save.error}
          autoComplete="off"
          required
        />
        <Fieldset id="bounty-band" legend={t("bountySettings.bandLegend")} hint={t("bountySettings.bandHint")}>
          <TextField
            id="bounty-band-min"
            name="bandMin"
            field="smallBusinessBandMinMinor"
            inputMode="decimal"
            label={t("bountySettings.bandMin")}
            hint={t("bountySettings.amountHint", { currency })}
            value={draft.bandMin}
            onChange={(event) => set({ bandMin: event.target.value })}
            error={save.error}
            autoComplete="off"
          />
          <TextField
            id="bounty-band-max"
            name="bandMax"
            field="smallBusinessBandMaxMinor"
            inputMode="decimal"
            label={t("bountySettings.bandMax")}
            hint={t("bountySettings.amountHint", { currency })}
            value={draft.bandMax}
            onChange={(event) => set({ bandMax: event.target.value })}
            error={save.error}
            autoComplete="off"
          />
        </Fieldset>
        <Fieldset
          id="bounty-licences"
          legend={t("bountySettings.licences")}
          hint={t("bountySettings.licencesHint")}
          message={messageWithin(save.error, "acceptedLicences")}
        >
          <div className="civitas-checkbox-columns">
            {known.map((licence) => (
              <Checkbox
                key={licence}
                id={`licence-${licence}`}
                label={<span lang="en">{licence}</span>}
                checked={draft.licences.includes(licence)}
                onChange={(on) => toggle(licence, on)}
              />
            ))}
          </div>
        </Fieldset>
        <Button type="submit" disabled={save.isPending}>
          {t("common.save")}
        </Button>
      </Form>
      <p className="civitas-space-above">
        {t("bountySettings.summary", {
          threshold: formatMoney(settings.data.microPurchaseThresholdMinor, currency, locale),
          count: settings.data.acceptedLicences.length,
        })}
      </p>
    </section>
  );
}

function Holidays() {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const queryClient = useQueryClient();
  const locale = i18n.language || "en";
  const [day, setDay] = useState("");
  const [name, setName] = useState("");
  const [removed, setRemoved] = useState<string | null>(null);
  const holidaysUrl = `${cityApi(slug)}/holidays`;
  const list = useQuery({ queryKey: ["holidays", slug], queryFn: () => api.get<{ holidays: CityHolidayView[] }>(holidaysUrl) });
  const add = useMutation({
    mutationFn: () => api.post<CityHolidayView>(holidaysUrl, { day, name }),
    onSuccess: async () => {
      setDay("");
      setName("");
      setRemoved(null);
      await queryClient.invalidateQueries({ queryKey: ["holidays", slug] });
    },
  });
  const remove = useMutation({
    mutationFn: (holiday: CityHolidayView) => api.delete(`${holidaysUrl}/${holiday.id}`),
    onSuccess: async (_result, holiday) => {
      setRemoved(holiday.name);
      await queryClient.invalidateQueries({ queryKey: ["holidays", slug] });
    },
  });
  const holidays = list.data?.holidays ?? [];

  return (
    <section aria-labelledby="holidays-heading" className="civitas-space-above">
      <h2 id="holidays-heading">{t("bountySettings.holidaysHeading")}</h2>
      <p>{t("bountySettings.holidaysIntro")}</p>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <ProblemAlert error={add.error} />
        <TextField
          id="holiday-day"
          name="day"
          type="date"
          label={t("bountySettings.holidayDay")}
          min={todayIn(city.data?.timeZone)}
          value={day}
          onChange={(event) => setDay(event.target.value)}
          error={add.error}
          required
        />
        <TextField
          id="holiday-name"
          name="name"
          label={t("bountySettings.holidayName")}
          hint={t("bountySettings.holidayNameHint")}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={add.error}
          maxLength={120}
          required
        />
        <Button type="submit" disabled={add.isPending}>
          {t("bountySettings.addHoliday")}
        </Button>
      </Form>
      <ProblemAlert error={list.error ?? remove.error} />
      {removed ? (
        <Alert type="success" headingLevel="h3" slim role="status" className="civitas-space-above">
          {t("bountySettings.holidayRemoved", { name: removed })}
        </Alert>
      ) : null}
      {list.isPending ? <Loading /> : null}
      {list.data && holidays.length === 0 ? <p className="civitas-space-above">{t("bountySettings.noHolidays")}</p> : null}
      {holidays.length > 0 ? (
        <Table stacked caption={t("bountySettings.holidaysCaption", { count: holidays.length })}>
          <thead>
            <tr>
              <th scope="col">{t("bountySettings.holidayDay")}</th>
              <th scope="col">{t("bountySettings.holidayName")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {holidays.map((holiday) => (
              <tr key={holiday.id}>
                <th scope="row" data-label={t("bountySettings.holidayDay")}>
                  {formatCalendarDate(holiday.day, locale)}
                </th>
                <td data-label={t("bountySettings.holidayName")} className="civitas-break">
                  {holiday.name}
                </td>
                <td data-label={t("common.actions")}>
                  <Button
                    type="button"
                    secondary
                    aria-label={t("bountySettings.removeHolidayNamed", { name: holiday.name, day: formatCalendarDate(holiday.day, locale) })}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(holiday)}
                  >
                    {t("bountySettings.removeHoliday")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
