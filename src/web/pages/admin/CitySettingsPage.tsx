import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CityView } from "../../../contracts/cities.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";
import { availableLanguages, languageName } from "../../i18n/index.ts";
import { ReminderSettings } from "../opportunities/ReminderSettings.tsx";
import { AdminBreadcrumb } from "./AdminBreadcrumb.tsx";

/** The city's name, time zone and default language. */
export default function CitySettingsPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: "", timeZone: "", defaultLocale: "en" });
  useEffect(() => {
    if (city.data) setForm({ name: city.data.name, timeZone: city.data.timeZone, defaultLocale: city.data.defaultLocale });
  }, [city.data]);
  const timeZones = useMemo(() => Intl.supportedValuesOf("timeZone"), []);
  const save = useMutation({
    mutationFn: () => api.patch<CityView>(cityApi(slug), form),
    onSuccess: (updated) => queryClient.setQueryData(["city", slug], updated),
  });
  return (
    <RequireAccess roles={["city_admin"]}>
      <AdminBreadcrumb current={t("citySettings.title")} />
      <PageHeading>{t("citySettings.title")}</PageHeading>
      {city.isPending ? <Loading /> : null}
      {save.isSuccess ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t("common.savedChanges")}
        </Alert>
      ) : null}
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <ProblemAlert error={save.error} />
        <TextField
          id="city-name"
          name="name"
          label={t("fields.name")}
          value={form.name}
          onChange={(event) => setForm({ ...form, name: event.target.value })}
          error={save.error}
          required
        />
        <SelectField
          id="city-time-zone"
          name="timeZone"
          label={t("citySettings.timeZone")}
          hint={t("citySettings.timeZoneHint")}
          value={form.timeZone}
          onChange={(event) => setForm({ ...form, timeZone: event.target.value })}
          error={save.error}
        >
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="city-locale"
          name="defaultLocale"
          label={t("citySettings.defaultLanguage")}
          value={form.defaultLocale}
          onChange={(event) => setForm({ ...form, defaultLocale: event.target.value })}
          error={save.error}
        >
          {availableLanguages.map((code) => (
            <option key={code} value={code} lang={code}>
              {languageName(code)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={save.isPending}>
          {t("common.save")}
        </Button>
      </Form>
      <ReminderSettings />
    </RequireAccess>
  );
}
