import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { OpportunityView } from "../../../contracts/opportunities.ts";
import { api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { TextAreaField, TextField } from "../../components/Fields.tsx";
import { formatShiftRange, todayIn, wallClockOf } from "../../components/formatting.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert, Button, ButtonGroup, Form } from "../../components/uswds.tsx";
import { Checkbox, PlacesTag, useFocusOnChange, useLocale } from "./parts.tsx";

/**
 * The shifts of an opportunity, as staff manage them: add, change, cancel with a reason, and the way
 * to each roster. Times are typed as the city's wall clock and sent without an offset; the server
 * places them in the city's time zone, so the browser's own zone never matters.
 */

type Shift = OpportunityView["shifts"][number];

interface ShiftDraft {
  date: string;
  start: string;
  end: string;
  capacity: string;
  waitlistEnabled: boolean;
  note: string;
}

/** The day after a calendar date: a shift that ends at an earlier time than it starts ends the next day. */
function nextDay(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + 1)).toISOString().slice(0, 10);
}

function overnight(draft: ShiftDraft): boolean {
  return !!draft.start && !!draft.end && draft.end < draft.start;
}

function bodyOf(draft: ShiftDraft) {
  return {
    startsAt: `${draft.date}T${draft.start}`,
    endsAt: `${overnight(draft) ? nextDay(draft.date) : draft.date}T${draft.end}`,
    capacity: Number(draft.capacity),
    waitlistEnabled: draft.waitlistEnabled,
    note: draft.note,
  };
}

function draftOf(shift: Shift, timeZone: string): ShiftDraft {
  const start = wallClockOf(shift.startsAt, timeZone);
  const end = wallClockOf(shift.endsAt, timeZone);
  return { date: start.date, start: start.time, end: end.time, capacity: String(shift.capacity), waitlistEnabled: shift.waitlistEnabled, note: shift.note };
}

export function ShiftEditor({ opportunity, timeZone }: { opportunity: OpportunityView; timeZone: string }) {
  return (
    <>
      {opportunity.shifts.length > 0 ? (
        <ul className="usa-list usa-list--unstyled civitas-shift-list">
          {opportunity.shifts.map((shift) => (
            <ShiftRow key={shift.id} shift={shift} opportunityId={opportunity.id} timeZone={timeZone} />
          ))}
        </ul>
      ) : null}
      <AddShift opportunityId={opportunity.id} timeZone={timeZone} />
    </>
  );
}

function useRefreshOpportunity(opportunityId: string) {
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ["opportunity", slug, opportunityId] }),
      queryClient.invalidateQueries({ queryKey: ["staffOpportunities", slug] }),
    ]);
  };
}

function ShiftRow({ shift, opportunityId, timeZone }: { shift: Shift; opportunityId: string; timeZone: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const refresh = useRefreshOpportunity(opportunityId);
  const [mode, setMode] = useState<"view" | "edit" | "cancel">("view");
  const [draft, setDraft] = useState<ShiftDraft>(() => draftOf(shift, timeZone));
  const [reason, setReason] = useState("");
  const update = useMutation({
    mutationFn: () => api.patch<{ bumped: number; promoted: number }>(`${cityApi(slug)}/shifts/${shift.id}`, bodyOf(draft)),
    onSuccess: async () => {
      setMode("view");
      await refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: () => api.post<{ told: number }>(`${cityApi(slug)}/shifts/${shift.id}/cancel`, { reason }),
    onSuccess: async () => {
      setMode("view");
      await refresh();
    },
  });
  const when = formatShiftRange(shift.startsAt, shift.endsAt, locale, timeZone);
  const past = new Date(shift.endsAt).getTime() <= Date.now();
  const cancelled = shift.status === "cancelled";
  const headingId = `staff-shift-${shift.id}`;
  useFocusOnChange(mode, mode === "edit" ? `edit-${shift.id}-date` : mode === "cancel" ? `cancel-reason-${shift.id}` : `edit-button-${shift.id}`);
  return (
    <li className={`civitas-shift${cancelled || past ? " civitas-shift--inactive" : ""}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="civitas-shift__when">
        {when}
      </h3>
      <p className="civitas-shift__places">
        <PlacesTag placesLeft={shift.placesLeft} waitlistOpen={shift.waitlistEnabled} cancelled={cancelled} />{" "}
        {t("opportunities.editor.taken", { taken: shift.capacity - shift.placesLeft, capacity: shift.capacity })}
        {shift.waitlistCount > 0 ? ` ${t("shifts.waiting", { count: shift.waitlistCount })}` : null}
        {!shift.waitlistEnabled && !cancelled ? ` ${t("opportunities.editor.noWaitlist")}` : null}
      </p>
      {shift.note ? <p className="civitas-shift__note">{shift.note}</p> : null}
      {update.isSuccess && (update.data.bumped > 0 || update.data.promoted > 0) ? (
        <Alert type="info" headingLevel="h4" slim role="status">
          {t("opportunities.editor.shiftMoved", { bumped: update.data.bumped, promoted: update.data.promoted })}
        </Alert>
      ) : null}
      {cancel.isSuccess ? (
        <Alert type="info" headingLevel="h4" slim role="status">
          {t("opportunities.editor.shiftCancelled", { count: cancel.data.told })}
        </Alert>
      ) : null}

      {mode === "edit" ? (
        <ShiftForm
          idPrefix={`edit-${shift.id}`}
          draft={draft}
          onChange={setDraft}
          error={update.error}
          pending={update.isPending}
          submitLabel={t("opportunities.editor.saveShift")}
          onSubmit={() => update.mutate()}
          onCancel={() => {
            setMode("view");
            setDraft(draftOf(shift, timeZone));
            update.reset();
          }}
          timeZone={timeZone}
          hint={shift.capacity - shift.placesLeft + shift.waitlistCount > 0 ? t("opportunities.editor.changeTellsPeople") : undefined}
        />
      ) : null}
      {mode === "cancel" ? (
        <Form
          className="civitas-shift-form"
          onSubmit={(event) => {
            event.preventDefault();
            cancel.mutate();
          }}
        >
          <ProblemAlert error={cancel.error} fieldLabels={{ reason: t("opportunities.editor.cancelReason") }} />
          <TextAreaField
            id={`cancel-reason-${shift.id}`}
            name="reason"
            label={t("opportunities.editor.cancelReason")}
            hint={t("opportunities.editor.cancelReasonHint")}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={cancel.error}
            required
            minLength={3}
            maxLength={500}
            rows={3}
          />
          <ButtonGroup>
            <Button type="submit" secondary disabled={cancel.isPending}>
              {t("opportunities.editor.confirmCancelShift")}
            </Button>
            <Button type="button" outline onClick={() => setMode("view")}>
              {t("opportunities.editor.keepShift")}
            </Button>
          </ButtonGroup>
        </Form>
      ) : null}
      {mode === "view" ? (
        <ButtonGroup className="civitas-shift__actions">
          <Link className="usa-button usa-button--outline" to={`/${slug}/admin/shifts/${shift.id}/roster`}>
            {t("opportunities.editor.roster")}
            <span className="usa-sr-only"> – {when}</span>
          </Link>
          {!cancelled && !past ? (
            <Button
              id={`edit-button-${shift.id}`}
              type="button"
              outline
              onClick={() => {
                setDraft(draftOf(shift, timeZone));
                setMode("edit");
              }}
            >
              {t("common.edit")}
              <span className="usa-sr-only"> – {when}</span>
            </Button>
          ) : null}
          {!cancelled && !past ? (
            <Button type="button" unstyled className="civitas-danger-link" onClick={() => setMode("cancel")}>
              {t("opportunities.editor.cancelShift")}
              <span className="usa-sr-only"> – {when}</span>
            </Button>
          ) : null}
        </ButtonGroup>
      ) : null}
    </li>
  );
}

function AddShift({ opportunityId, timeZone }: { opportunityId: string; timeZone: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const refresh = useRefreshOpportunity(opportunityId);
  const empty: ShiftDraft = { date: "", start: "09:00", end: "12:00", capacity: "10", waitlistEnabled: true, note: "" };
  const [draft, setDraft] = useState<ShiftDraft>(empty);
  const add = useMutation({
    mutationFn: () => api.post<OpportunityView>(`${cityApi(slug)}/opportunities/${opportunityId}/shifts`, bodyOf(draft)),
    onSuccess: async () => {
      setDraft({ ...empty, start: draft.start, end: draft.end, capacity: draft.capacity });
      await refresh();
    },
  });
  return (
    <section aria-labelledby="add-shift" className="civitas-add-shift">
      <h3 id="add-shift">{t("opportunities.editor.addShiftHeading")}</h3>
      {add.isSuccess ? (
        <Alert type="success" headingLevel="h4" slim role="status">
          {t("opportunities.editor.shiftAdded")}
        </Alert>
      ) : null}
      <ShiftForm
        idPrefix="new-shift"
        draft={draft}
        onChange={setDraft}
        error={add.error}
        pending={add.isPending}
        submitLabel={t("opportunities.editor.addShift")}
        onSubmit={() => add.mutate()}
        timeZone={timeZone}
      />
    </section>
  );
}

function ShiftForm({
  idPrefix,
  draft,
  onChange,
  error,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
  timeZone,
  hint,
}: {
  idPrefix: string;
  draft: ShiftDraft;
  onChange: (draft: ShiftDraft) => void;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onCancel?: () => void;
  timeZone: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof ShiftDraft>(name: K, value: ShiftDraft[K]) => onChange({ ...draft, [name]: value });
  const fieldLabels = {
    startsAt: t("opportunities.shiftFields.start"),
    endsAt: t("opportunities.shiftFields.end"),
    capacity: t("opportunities.shiftFields.capacity"),
    waitlistEnabled: t("opportunities.shiftFields.waitlist"),
    note: t("opportunities.shiftFields.note"),
  };
  return (
    <Form
      className="civitas-shift-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {hint ? <p className="usa-hint">{hint}</p> : null}
      <ProblemAlert error={error} fieldLabels={fieldLabels} />
      <div className="civitas-shift-form__times">
        <TextField
          id={`${idPrefix}-date`}
          name="date"
          type="date"
          label={t("opportunities.shiftFields.date")}
          min={todayIn(timeZone)}
          value={draft.date}
          onChange={(event) => set("date", event.target.value)}
          required
        />
        <TextField
          id={`${idPrefix}-start`}
          name="start"
          field="startsAt"
          type="time"
          label={t("opportunities.shiftFields.start")}
          value={draft.start}
          onChange={(event) => set("start", event.target.value)}
          error={error}
          required
        />
        <TextField
          id={`${idPrefix}-end`}
          name="end"
          field="endsAt"
          type="time"
          label={t("opportunities.shiftFields.end")}
          hint={overnight(draft) ? t("opportunities.shiftFields.nextDay") : undefined}
          value={draft.end}
          onChange={(event) => set("end", event.target.value)}
          error={error}
          required
        />
        <TextField
          id={`${idPrefix}-capacity`}
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={10_000}
          label={t("opportunities.shiftFields.capacity")}
          value={draft.capacity}
          onChange={(event) => set("capacity", event.target.value)}
          error={error}
          required
        />
      </div>
      <Checkbox
        id={`${idPrefix}-waitlist`}
        label={t("opportunities.shiftFields.waitlist")}
        hint={t("opportunities.shiftFields.waitlistHint")}
        checked={draft.waitlistEnabled}
        onChange={(checked) => set("waitlistEnabled", checked)}
      />
      <TextAreaField
        id={`${idPrefix}-note`}
        name="note"
        label={t("opportunities.shiftFields.note")}
        hint={t("opportunities.shiftFields.noteHint")}
        value={draft.note}
        onChange={(event) => set("note", event.target.value)}
        error={error}
        maxLength={500}
        rows={2}
      />
      <ButtonGroup>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" outline onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        ) : null}
      </ButtonGroup>
    </Form>
  );
}
