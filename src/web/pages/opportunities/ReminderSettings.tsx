import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";

/** When volunteers are reminded of their shifts: a section of the city settings page (city admins). */

interface ShiftSettings {
  firstReminderHours: number;
  secondReminderHours: number;
}

export function ReminderSettings() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ["shiftSettings", slug], queryFn: () => api.get<ShiftSettings>(`${cityApi(slug)}/shift-settings`) });
  const [form, setForm] = useState({ firstReminderHours: "", secondReminderHours: "" });
  useEffect(() => {
    if (settings.data)
      setForm({ firstReminderHours: String(settings.data.firstReminderHours), secondReminderHours: String(settings.data.secondReminderHours) });
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      api.put<ShiftSettings>(`${cityApi(slug)}/shift-settings`, {
        firstReminderHours: Number(form.firstReminderHours),
        secondReminderHours: Number(form.secondReminderHours),
      }),
    onSuccess: (saved) => queryClient.setQueryData(["shiftSettings", slug], saved),
  });
  return (
    <section aria-labelledby="reminder-settings" className="civitas-space-above">
      <h2 id="reminder-settings">{t("shifts.reminders.heading")}</h2>
      <p>{t("shifts.reminders.intro")}</p>
      {settings.isPending ? <Loading /> : null}
      <ProblemAlert error={settings.error} />
      {save.isSuccess ? (
        <Alert type="success" headingLevel="h3" slim role="status">
          {t("shifts.reminders.saved")}
        </Alert>
      ) : null}
      {settings.data ? (
        <Form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
        >
          <ProblemAlert
            error={save.error}
            fieldLabels={{ firstReminderHours: t("shifts.reminders.first"), secondReminderHours: t("shifts.reminders.second") }}
          />
          <TextField
            id="first-reminder"
            name="firstReminderHours"
            type="number"
            inputMode="numeric"
            min={1}
            max={168}
            className="usa-input--xs"
            label={t("shifts.reminders.first")}
            hint={t("shifts.reminders.firstHint")}
            value={form.firstReminderHours}
            onChange={(event) => setForm({ ...form, firstReminderHours: event.target.value })}
            error={save.error}
            required
          />
          <TextField
            id="second-reminder"
            name="secondReminderHours"
            type="number"
            inputMode="numeric"
            min={1}
            max={72}
            className="usa-input--xs"
            label={t("shifts.reminders.second")}
            hint={t("shifts.reminders.secondHint")}
            value={form.secondReminderHours}
            onChange={(event) => setForm({ ...form, secondReminderHours: event.target.value })}
            error={save.error}
            required
          />
          <Button type="submit" disabled={save.isPending}>
            {t("shifts.reminders.save")}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}
