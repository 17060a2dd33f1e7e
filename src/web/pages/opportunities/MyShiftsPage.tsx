import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ListingResponse } from "../../../contracts/opportunities.ts";
import type { MyHours } from "../../../contracts/shifts.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextAreaField, TextField } from "../../components/Fields.tsx";
import { formatCalendarDate, formatMinutes, formatShiftRange, formatTime, todayIn } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, ButtonGroup, Form, Tag, TextInput } from "../../components/uswds.tsx";
import { type MySignup, useMySignups } from "./my-signups.ts";
import { Fieldset, HoursStatusTag, messageWithin, useFocusOnChange, useLocale } from "./parts.tsx";

/** "Your shifts": the places a volunteer holds or waits for, what they gave, their calendar, and remote hours. */
export default function MyShiftsPage() {
  return (
    <RequireAccess>
      <MyShifts />
    </RequireAccess>
  );
}

function MyShifts() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const mine = useMySignups(slug);
  const timeZone = city.data?.timeZone;

  return (
    <>
      <PageHeading>{t("myShifts.title")}</PageHeading>
      <p className="civitas-lead">
        {t("myShifts.intro")} <Link to={`/${slug}/opportunities`}>{t("myShifts.findMore")}</Link>
      </p>
      <p>
        <Link to={`/${slug}/for-you`}>{t("matching.forYouLink")}</Link>
      </p>
      <ProblemAlert error={mine.error} />
      {mine.isPending || city.isPending ? <Loading /> : null}
      {mine.data && timeZone ? (
        <>
          <section aria-labelledby="my-upcoming">
            <h2 id="my-upcoming">{t("myShifts.upcomingHeading")}</h2>
            {mine.data.upcoming.length === 0 ? (
              <p>
                {t("myShifts.noUpcoming")} <Link to={`/${slug}/opportunities`}>{t("myShifts.findOpportunity")}</Link>
              </p>
            ) : (
              <ul className="usa-list usa-list--unstyled civitas-shift-list">
                {mine.data.upcoming.map((signup) => (
                  <UpcomingPlace key={signup.id} signup={signup} timeZone={timeZone} />
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="my-calendar" className="civitas-space-above">
            <h2 id="my-calendar">{t("myShifts.calendarHeading")}</h2>
            {mine.data.calendarUrl ? <CalendarFeed url={mine.data.calendarUrl} /> : <p>{t("myShifts.calendarLater")}</p>}
          </section>

          <section aria-labelledby="my-past" className="civitas-space-above">
            <h2 id="my-past">{t("myShifts.pastHeading")}</h2>
            {mine.data.past.length === 0 ? (
              <p>{t("myShifts.noPast")}</p>
            ) : (
              <ul className="usa-list usa-list--unstyled civitas-shift-list">
                {mine.data.past.map((signup) => (
                  <PastPlace key={signup.id} signup={signup} timeZone={timeZone} />
                ))}
              </ul>
            )}
          </section>

          <ReportedHours />
          <ReportHours signups={[...mine.data.upcoming, ...mine.data.past]} />
        </>
      ) : null}
    </>
  );
}

function StatusLine({ signup }: { signup: MySignup }) {
  const { t } = useTranslation();
  if (signup.shift.status === "cancelled") return <Tag className="civitas-tag civitas-tag--full">{t("myShifts.status.shiftCancelled")}</Tag>;
  if (signup.status === "confirmed") return <Tag className="civitas-tag civitas-tag--open">{t("myShifts.status.confirmed")}</Tag>;
  if (signup.status === "waitlisted")
    return <Tag className="civitas-tag civitas-tag--waitlist">{t("myShifts.status.waitlisted", { position: signup.waitlistPosition ?? 1 })}</Tag>;
  const reason = signup.cancelledBecause ?? "";
  const known = ["volunteer", "moved-clash", "shift-cancelled", "staff", "account-deleted"];
  return <Tag className="civitas-tag civitas-tag--muted">{t(`myShifts.cancelled.${known.includes(reason) ? reason : "staff"}`)}</Tag>;
}

function CancellationReason({ signup }: { signup: MySignup }) {
  const { t } = useTranslation();
  const cancelled = signup.status === "cancelled" || signup.shift.status === "cancelled";
  if (!cancelled || !signup.cancellationReason) return null;
  return <p className="civitas-shift__note">{t("myShifts.cancellationReason", { reason: signup.cancellationReason })}</p>;
}

function Where({ signup }: { signup: MySignup }) {
  const { t } = useTranslation();
  return <>{signup.opportunity.locationKind === "remote" ? t("opportunities.kind.remote") : (signup.opportunity.address ?? "")}</>;
}

function Attendance({ signup, timeZone }: { signup: MySignup; timeZone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!signup.checkedInAt && !signup.hours) return null;
  return (
    <>
      {signup.checkedInAt ? (
        <p className="civitas-shift__meta">
          {signup.checkedOutAt
            ? t("myShifts.attendedFromTo", { from: formatTime(signup.checkedInAt, locale, timeZone), to: formatTime(signup.checkedOutAt, locale, timeZone) })
            : t("myShifts.checkedInAt", { time: formatTime(signup.checkedInAt, locale, timeZone) })}
        </p>
      ) : null}
      {signup.hours ? (
        <p className="civitas-shift__meta">
          {t("myShifts.hours", { time: formatMinutes(signup.hours.minutes, locale) })} <HoursStatusTag status={signup.hours.status} />
          {signup.hours.status === "rejected" && signup.hours.rejectionReason ? (
            <span className="civitas-block-note">{t("myShifts.rejectedBecause", { reason: signup.hours.rejectionReason })}</span>
          ) : null}
        </p>
      ) : null}
    </>
  );
}

function UpcomingPlace({ signup, timeZone }: { signup: MySignup; timeZone: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const giveUp = useMutation({
    mutationFn: () => api.delete(`${cityApi(slug)}/signups/${signup.id}`),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ["mySignups", slug] });
    },
  });
  const active = signup.status !== "cancelled" && signup.shift.status === "scheduled";
  const when = formatShiftRange(signup.shift.startsAt, signup.shift.endsAt, locale, timeZone);
  const headingId = `place-${signup.id}`;
  useFocusOnChange(confirming, confirming ? `give-up-confirm-${signup.id}` : `give-up-${signup.id}`);
  useFocusOnChange(giveUp.isSuccess && !active, giveUp.isSuccess && !active ? headingId : null);
  return (
    <li className={`civitas-shift${active ? "" : " civitas-shift--inactive"}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="civitas-shift__title" tabIndex={-1}>
        <Link to={`/${slug}/opportunities/${signup.opportunity.id}`}>{signup.opportunity.title}</Link>
      </h3>
      <p className="civitas-shift__meta">
        <StatusLine signup={signup} />
      </p>
      <CancellationReason signup={signup} />
      <dl className="civitas-facts">
        <dt>{t("opportunities.card.when")}</dt>
        <dd>{when}</dd>
        <dt>{t("opportunities.card.where")}</dt>
        <dd>
          <Where signup={signup} />
        </dd>
      </dl>
      {signup.shift.note ? <p className="civitas-shift__note">{signup.shift.note}</p> : null}
      <Attendance signup={signup} timeZone={timeZone} />
      {active ? (
        confirming ? (
          <div className="civitas-confirm">
            <p>
              {signup.status === "confirmed"
                ? t("myShifts.giveUpQuestion", { title: signup.opportunity.title, when })
                : t("myShifts.leaveWaitlistQuestion", { title: signup.opportunity.title, when })}
            </p>
            <ButtonGroup>
              <Button id={`give-up-confirm-${signup.id}`} type="button" secondary onClick={() => giveUp.mutate()} disabled={giveUp.isPending}>
                {signup.status === "confirmed" ? t("shifts.giveUpConfirm") : t("shifts.leaveWaitlistConfirm")}
              </Button>
              <Button type="button" outline onClick={() => setConfirming(false)}>
                {t("shifts.keepPlace")}
              </Button>
            </ButtonGroup>
          </div>
        ) : (
          <Button id={`give-up-${signup.id}`} type="button" outline onClick={() => setConfirming(true)}>
            {signup.status === "confirmed" ? t("shifts.giveUp") : t("shifts.leaveWaitlist")}
            <span className="usa-sr-only">
              {" "}
              – {signup.opportunity.title}, {when}
            </span>
          </Button>
        )
      ) : null}
      <ProblemAlert error={giveUp.error} />
    </li>
  );
}

function PastPlace({ signup, timeZone }: { signup: MySignup; timeZone: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const headingId = `place-${signup.id}`;
  const attended = !!signup.checkedInAt || !!signup.hours;
  return (
    <li className="civitas-shift" aria-labelledby={headingId}>
      <h3 id={headingId} className="civitas-shift__title">
        <Link to={`/${slug}/opportunities/${signup.opportunity.id}`}>{signup.opportunity.title}</Link>
      </h3>
      <p className="civitas-shift__meta">{formatShiftRange(signup.shift.startsAt, signup.shift.endsAt, locale, timeZone)}</p>
      {signup.status === "cancelled" || signup.shift.status === "cancelled" ? (
        <>
          <p className="civitas-shift__meta">
            <StatusLine signup={signup} />
          </p>
          <CancellationReason signup={signup} />
        </>
      ) : attended ? (
        <Attendance signup={signup} timeZone={timeZone} />
      ) : (
        <p className="civitas-shift__meta">{signup.status === "waitlisted" ? t("myShifts.neverPromoted") : t("myShifts.noAttendance")}</p>
      )}
    </li>
  );
}

function CalendarFeed({ url }: { url: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <>
      <p>{t("myShifts.calendarIntro")}</p>
      <div className="usa-form-group civitas-copy">
        <label className="usa-label" htmlFor="calendar-url">
          {t("myShifts.calendarLabel")}
        </label>
        <span className="usa-hint" id="calendar-url-hint">
          {t("myShifts.calendarPrivate")}
        </span>
        <div className="civitas-copy__row">
          <TextInput id="calendar-url" type="text" readOnly value={url} aria-describedby="calendar-url-hint" onFocus={(event) => event.target.select()} />
          <Button
            type="button"
            outline
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(url);
                setCopied("yes");
              } catch {
                setCopied("no");
              }
            }}
          >
            {t("myShifts.copy")}
          </Button>
        </div>
        <p role="status" className="civitas-copy__status">
          {copied === "yes" ? t("myShifts.copied") : copied === "no" ? t("myShifts.copyFailed") : ""}
        </p>
      </div>
    </>
  );
}

/** Hours the volunteer reported for remote work, with where their review stands. */
function ReportedHours() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const hours = useQuery({
    queryKey: ["myHours", slug],
    queryFn: () => api.get<MyHours>(`${cityApi(slug)}/me/hours`),
  });
  const reported = (hours.data?.entries ?? []).filter((entry) => entry.source === "self_reported");
  if (reported.length === 0 && !hours.error) return null;
  return (
    <section aria-labelledby="my-reported" className="civitas-space-above">
      <h2 id="my-reported">{t("myShifts.reported.heading")}</h2>
      <ProblemAlert error={hours.error} />
      <ul className="usa-list usa-list--unstyled civitas-shift-list">
        {reported.map((entry) => (
          <li key={entry.id} className="civitas-shift" aria-labelledby={`reported-${entry.id}`}>
            <h3 id={`reported-${entry.id}`} className="civitas-shift__title">
              <Link to={`/${slug}/opportunities/${entry.opportunity.id}`}>{entry.opportunity.title}</Link>
            </h3>
            <p className="civitas-shift__meta">
              {formatCalendarDate(entry.workedOn, locale)} · {formatMinutes(entry.minutes, locale)} <HoursStatusTag status={entry.status} />
            </p>
            <p className="civitas-shift__note">{entry.description}</p>
            {entry.status === "rejected" && entry.rejectionReason ? (
              <p className="civitas-shift__meta">{t("myShifts.rejectedBecause", { reason: entry.rejectionReason })}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReportHours({ signups }: { signups: MySignup[] }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const locale = useLocale();
  const queryClient = useQueryClient();
  const remoteListing = useQuery({
    queryKey: ["listing", slug, locale, "kind=remote"],
    queryFn: () => api.get<ListingResponse>(`${cityApi(slug)}/opportunities?kind=remote`),
  });
  const options = new Map<string, string>();
  for (const signup of signups) if (signup.opportunity.locationKind === "remote") options.set(signup.opportunity.id, signup.opportunity.title);
  for (const item of remoteListing.data?.opportunities ?? []) if (!options.has(item.id)) options.set(item.id, item.title);
  const empty = { opportunityId: "", workedOn: "", hours: "", minutes: "", description: "" };
  const [form, setForm] = useState(empty);
  const report = useMutation({
    mutationFn: () =>
      api.post<{ id: string; status: "pending" }>(`${cityApi(slug)}/me/hours`, {
        opportunityId: form.opportunityId,
        workedOn: form.workedOn,
        minutes: (Number(form.hours) || 0) * 60 + (Number(form.minutes) || 0),
        description: form.description,
      }),
    onSuccess: async () => {
      setForm(empty);
      await queryClient.invalidateQueries({ queryKey: ["myHours", slug] });
    },
  });
  const today = todayIn(city.data?.timeZone);
  const minutesMessage = messageWithin(report.error, "minutes");
  return (
    <section aria-labelledby="report-hours" className="civitas-space-above" id="report-hours-section">
      <h2 id="report-hours">{t("myShifts.report.heading")}</h2>
      <p>{t("myShifts.report.intro")}</p>
      {options.size === 0 && !remoteListing.isPending ? (
        <p>{t("myShifts.report.noRemote")}</p>
      ) : (
        <Form
          onSubmit={(event) => {
            event.preventDefault();
            report.mutate();
          }}
        >
          {report.isSuccess ? (
            <Alert type="success" headingLevel="h3" slim role="status">
              {t("myShifts.report.sent")}
            </Alert>
          ) : null}
          <ProblemAlert
            error={report.error}
            fieldLabels={{
              opportunityId: t("myShifts.report.opportunity"),
              workedOn: t("myShifts.report.workedOn"),
              minutes: t("myShifts.report.time"),
              description: t("fields.description"),
            }}
          />
          <SelectField
            id="report-opportunity"
            name="opportunityId"
            label={t("myShifts.report.opportunity")}
            value={form.opportunityId}
            onChange={(event) => setForm({ ...form, opportunityId: event.target.value })}
            error={report.error}
            required
          >
            <option value="">{t("myShifts.report.choose")}</option>
            {[...options].map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </SelectField>
          <TextField
            id="report-date"
            name="workedOn"
            type="date"
            label={t("myShifts.report.workedOn")}
            max={today}
            value={form.workedOn}
            onChange={(event) => setForm({ ...form, workedOn: event.target.value })}
            error={report.error}
            required
          />
          <Fieldset id="report-time" legend={t("myShifts.report.time")} message={minutesMessage}>
            <div className="civitas-duration">
              <div>
                <label className="usa-label" htmlFor="report-hours-input">
                  {t("myShifts.report.hours")}
                </label>
                <TextInput
                  id="report-hours-input"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={24}
                  className="usa-input--xs"
                  value={form.hours}
                  invalid={!!minutesMessage}
                  onChange={(event) => setForm({ ...form, hours: event.target.value })}
                />
              </div>
              <div>
                <label className="usa-label" htmlFor="report-minutes-input">
                  {t("myShifts.report.minutes")}
                </label>
                <TextInput
                  id="report-minutes-input"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={59}
                  className="usa-input--xs"
                  value={form.minutes}
                  invalid={!!minutesMessage}
                  onChange={(event) => setForm({ ...form, minutes: event.target.value })}
                />
              </div>
            </div>
          </Fieldset>
          <TextAreaField
            id="report-description"
            name="description"
            label={t("fields.description")}
            hint={t("myShifts.report.descriptionHint")}
            value={form.description}
            onChange={(event) => setForm({ ...form, description: event.target.value })}
            error={report.error}
            required
            maxLength={1000}
          />
          <Button type="submit" disabled={report.isPending}>
            {t("myShifts.report.submit")}
          </Button>
        </Form>
      )}
    </section>
  );
}
