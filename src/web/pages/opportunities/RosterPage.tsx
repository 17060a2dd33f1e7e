import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { formatMinutes, formatShiftRange, formatTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form, Tag } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { Checkbox, HoursStatusTag, useLocale } from "./parts.tsx";
import { staffRoles } from "./StaffOpportunitiesPage.tsx";

/**
 * The site lead's page, on a phone at the site: the check-in code to show, who is coming and who
 * waits, how to reach them, attendance, and people who turn up without a place.
 */

interface RosterEntry {
  signupId: string;
  volunteerId: string;
  name: string;
  email: string | null;
  phone: string | null;
  status: "confirmed" | "waitlisted" | "cancelled";
  waitlistPosition: number | null;
  walkIn: boolean;
  emailVerified: boolean;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  accessibilityNeeds: string | null;
  hours: { id: string; minutes: number; status: "pending" | "approved" | "rejected" } | null;
}

interface Roster {
  shift: { id: string; startsAt: string; endsAt: string; capacity: number; confirmedCount: number; status: "scheduled" | "cancelled" };
  opportunity: { id: string; title: string; agencyId: string | null };
  entries: RosterEntry[];
}

interface CheckInCode {
  url: string;
  svg: string;
  validFrom: string;
  validUntil: string;
}

export default function RosterPage() {
  return (
    <RequireAccess roles={[...staffRoles]} organizers>
      <RosterView />
    </RequireAccess>
  );
}

function RosterView() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { shiftId = "" } = useParams();
  const city = useCity(slug);
  const locale = useLocale();
  const roster = useQuery({
    queryKey: ["roster", slug, shiftId],
    queryFn: () => api.get<Roster>(`${cityApi(slug)}/shifts/${encodeURIComponent(shiftId)}/roster`),
    // The site lead keeps the page open while people scan in.
    refetchInterval: 30_000,
  });
  const timeZone = city.data?.timeZone;
  const trail = [{ to: `/${slug}/admin/opportunities`, label: t("opportunities.staff.title") }];
  if (roster.data) trail.push({ to: `/${slug}/admin/opportunities/${roster.data.opportunity.id}`, label: roster.data.opportunity.title });

  if (roster.isPending || city.isPending) return <Loading />;
  if (roster.error || !roster.data || !timeZone) {
    const notFound = roster.error instanceof ApiProblem && (roster.error.status === 404 || roster.error.status === 400);
    return (
      <>
        <AdminBreadcrumb trail={trail} current={t("roster.title")} />
        <PageHeading>{t("roster.title")}</PageHeading>
        {notFound ? <p>{t("roster.notFound")}</p> : <ProblemAlert error={roster.error} />}
      </>
    );
  }
  const { shift, opportunity, entries } = roster.data;
  const confirmed = entries.filter((entry) => entry.status === "confirmed");
  const waiting = entries.filter((entry) => entry.status === "waitlisted");
  const present = confirmed.filter((entry) => entry.checkedInAt).length;

  return (
    <>
      <AdminBreadcrumb trail={trail} current={t("roster.title")} />
      <PageHeading title={`${t("roster.title")} · ${opportunity.title}`}>{t("roster.title")}</PageHeading>
      <div className="civitas-roster-header">
        <p className="civitas-lead">
          <strong>{opportunity.title}</strong>
          <span className="civitas-block-note">{formatShiftRange(shift.startsAt, shift.endsAt, locale, timeZone)}</span>
        </p>
        <p>
          {shift.status === "cancelled" ? <Tag className="civitas-tag civitas-tag--full">{t("shifts.cancelledTag")}</Tag> : null}{" "}
          {t("roster.summary", { confirmed: shift.confirmedCount, capacity: shift.capacity, present, waiting: waiting.length })}
        </p>
        <p>
          <a className="usa-button usa-button--outline" href={`${cityApi(slug)}/shifts/${encodeURIComponent(shift.id)}/roster.csv`} download>
            {t("roster.downloadCsv")}
          </a>
        </p>
      </div>

      {shift.status === "scheduled" ? <CheckInCodePanel shiftId={shift.id} timeZone={timeZone} /> : null}

      <section aria-labelledby="roster-confirmed" className="civitas-space-above">
        <h2 id="roster-confirmed">{t("roster.confirmedHeading", { count: confirmed.length })}</h2>
        {confirmed.length === 0 ? <p>{t("roster.noneConfirmed")}</p> : null}
        <ul className="usa-list usa-list--unstyled civitas-roster">
          {confirmed.map((entry) => (
            <RosterPerson key={entry.signupId} entry={entry} shiftId={shift.id} timeZone={timeZone} canMark={shift.status === "scheduled"} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="roster-waiting" className="civitas-space-above">
        <h2 id="roster-waiting">{t("roster.waitingHeading", { count: waiting.length })}</h2>
        {waiting.length === 0 ? <p>{t("roster.noneWaiting")}</p> : null}
        <ol className="usa-list usa-list--unstyled civitas-roster">
          {waiting.map((entry) => (
            <RosterPerson key={entry.signupId} entry={entry} shiftId={shift.id} timeZone={timeZone} canMark={false} />
          ))}
        </ol>
      </section>

      {shift.status === "scheduled" ? <WalkInForm shiftId={shift.id} /> : null}
    </>
  );
}

function CheckInCodePanel({ shiftId, timeZone }: { shiftId: string; timeZone: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const code = useQuery({
    queryKey: ["checkInCode", slug, shiftId],
    queryFn: () => api.get<CheckInCode>(`${cityApi(slug)}/shifts/${encodeURIComponent(shiftId)}/check-in-code`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [wideScreen] = useState(() => window.matchMedia("(min-width: 40em)").matches);
  return (
    <section aria-labelledby="roster-code" className="civitas-space-above civitas-check-in-code">
      <h2 id="roster-code">{t("roster.codeHeading")}</h2>
      <ProblemAlert error={code.error} />
      {code.isPending ? <Loading /> : null}
      {code.data ? (
        // Open on a wide screen; on the site lead's phone the list of people comes first.
        <details className="civitas-disclosure" open={wideScreen || undefined}>
          <summary>{t("roster.showCode")}</summary>
          <p>{t("roster.codeIntro")}</p>
          <img
            className="civitas-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.data.svg)}`}
            alt={t("roster.codeAlt")}
            width={320}
            height={320}
          />
          <p>
            {t("roster.codeValid", {
              from: formatShiftRange(code.data.validFrom, code.data.validUntil, locale, timeZone),
            })}
          </p>
          <p className="civitas-break">
            {t("roster.codeLink")} <a href={code.data.url}>{code.data.url}</a>
          </p>
        </details>
      ) : null}
    </section>
  );
}

function RosterPerson({ entry, shiftId, timeZone, canMark }: { entry: RosterEntry; shiftId: string; timeZone: string; canMark: boolean }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const mark = useMutation({
    mutationFn: (attended: boolean) => api.post<void>(`${cityApi(slug)}/signups/${entry.signupId}/attendance`, { attended }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["roster", slug, shiftId] }),
  });
  const headingId = `person-${entry.signupId}`;
  const present = mark.isPending ? mark.variables : !!entry.checkedInAt;
  return (
    <li className="civitas-roster__person" aria-labelledby={headingId}>
      <div className="civitas-roster__who">
        <h3 id={headingId} className="civitas-roster__name">
          {entry.status === "waitlisted" && entry.waitlistPosition ? `${entry.waitlistPosition}. ` : ""}
          {entry.name || t("roster.noName")}
        </h3>
        <p className="civitas-roster__badges">
          {entry.walkIn ? <Tag className="civitas-tag civitas-tag--info">{t("roster.walkIn")}</Tag> : null}
          {entry.email && !entry.emailVerified ? <Tag className="civitas-tag civitas-tag--waitlist">{t("roster.emailNotVerified")}</Tag> : null}
        </p>
        <ul className="usa-list usa-list--unstyled civitas-roster__contact">
          {entry.phone ? (
            <li>
              <a href={`tel:${entry.phone.replace(/[^\d+]/g, "")}`}>
                <span className="usa-sr-only">{t("roster.call", { name: entry.name })} </span>
                {entry.phone}
              </a>
            </li>
          ) : null}
          {entry.email ? (
            <li>
              <a href={`mailto:${entry.email}`} className="civitas-break">
                <span className="usa-sr-only">{t("roster.email", { name: entry.name })} </span>
                {entry.email}
              </a>
            </li>
          ) : null}
        </ul>
        {entry.accessibilityNeeds ? (
          <p className="civitas-roster__needs">
            <strong>{t("roster.accessibilityNeeds")}</strong> {entry.accessibilityNeeds}
          </p>
        ) : null}
        {entry.checkedInAt ? (
          <p className="civitas-shift__meta">
            {entry.checkedOutAt
              ? t("roster.inOut", { from: formatTime(entry.checkedInAt, locale, timeZone), to: formatTime(entry.checkedOutAt, locale, timeZone) })
              : t("roster.inSince", { time: formatTime(entry.checkedInAt, locale, timeZone) })}
            {entry.hours ? (
              <>
                {" "}
                · {formatMinutes(entry.hours.minutes, locale)} <HoursStatusTag status={entry.hours.status} />
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      {canMark ? (
        <div className="civitas-roster__attendance">
          <Checkbox
            id={`present-${entry.signupId}`}
            tile
            label={
              <>
                {t("roster.present")}
                <span className="usa-sr-only"> – {entry.name}</span>
              </>
            }
            checked={!!present}
            disabled={mark.isPending || entry.hours?.status === "approved" || entry.hours?.status === "rejected"}
            onChange={(checked) => mark.mutate(checked)}
          />
          <ProblemAlert error={mark.error} />
        </div>
      ) : null}
    </li>
  );
}

function WalkInForm({ shiftId }: { shiftId: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: "", email: "" });
  const add = useMutation({
    mutationFn: () =>
      api.post<{ signupId: string }>(`${cityApi(slug)}/shifts/${encodeURIComponent(shiftId)}/walk-ins`, { name: form.name, email: form.email.trim() || null }),
    onSuccess: async () => {
      setForm({ name: "", email: "" });
      await queryClient.invalidateQueries({ queryKey: ["roster", slug, shiftId] });
    },
  });
  return (
    <section aria-labelledby="roster-walk-in" className="civitas-space-above">
      <h2 id="roster-walk-in">{t("roster.walkInHeading")}</h2>
      <p>{t("roster.walkInIntro")}</p>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        {add.isSuccess ? (
          <Alert type="success" headingLevel="h3" slim role="status">
            {t("roster.walkInAdded")}
          </Alert>
        ) : null}
        <ProblemAlert error={add.error} fieldLabels={{ name: t("fields.name"), email: t("fields.email") }} />
        <TextField
          id="walk-in-name"
          name="name"
          label={t("fields.name")}
          value={form.name}
          onChange={(event) => setForm({ ...form, name: event.target.value })}
          error={add.error}
          required
          maxLength={120}
          autoComplete="off"
        />
        <TextField
          id="walk-in-email"
          name="email"
          type="email"
          label={t("roster.walkInEmail")}
          hint={t("roster.walkInEmailHint")}
          value={form.email}
          onChange={(event) => setForm({ ...form, email: event.target.value })}
          error={add.error}
          autoComplete="off"
        />
        <Button type="submit" disabled={add.isPending}>
          {t("roster.addWalkIn")}
        </Button>
      </Form>
    </section>
  );
}
