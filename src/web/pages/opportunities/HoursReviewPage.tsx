import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { SelectField, TextAreaField, TextField } from "../../components/Fields.tsx";
import { formatCalendarDate, formatMinutes } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Button, ButtonGroup, Form } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { HoursStatusTag, useFocusOnChange, useLocale } from "./parts.tsx";
import { staffRoles } from "./StaffOpportunitiesPage.tsx";

/** Staff review the hours volunteers gave: from check-in and the roster, or reported for remote work. */

interface HoursEntry {
  id: string;
  volunteer: { id: string; name: string };
  opportunity: { id: string; title: string };
  source: "attendance" | "self_reported";
  workedOn: string;
  minutes: number;
  description: string;
  status: "pending" | "approved" | "rejected";
  rejectionReason: string | null;
  reviewedAt: string | null;
}

type StatusFilter = "pending" | "approved" | "rejected" | "all";

export default function HoursReviewPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={[...staffRoles]} organizers>
      <AdminBreadcrumb current={t("hours.title")} />
      <HoursReview />
    </RequireAccess>
  );
}

function HoursReview() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const [params, setParams] = useSearchParams();
  // The queue opens on what is waiting; "all" is a choice of its own.
  const status = (params.get("status") ?? "pending") as StatusFilter;
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const [draft, setDraft] = useState({ status, from, to });
  useEffect(() => setDraft({ status, from, to }), [status, from, to]);
  const apiQuery = new URLSearchParams({ ...(status !== "all" && { status }), ...(from && { from }), ...(to && { to }) }).toString();
  const hours = useQuery({
    queryKey: ["hours", slug, apiQuery],
    queryFn: () => api.get<{ entries: HoursEntry[] }>(`${cityApi(slug)}/hours${apiQuery ? `?${apiQuery}` : ""}`),
  });

  return (
    <>
      <PageHeading>{t("hours.title")}</PageHeading>
      <p className="usa-intro">{t("hours.intro")}</p>
      <form
        className="usa-form civitas-inline-form"
        aria-label={t("hours.filterLabel")}
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams();
          if (draft.status !== "pending") next.set("status", draft.status);
          if (draft.from) next.set("from", draft.from);
          if (draft.to) next.set("to", draft.to);
          setParams(next);
        }}
      >
        <SelectField
          id="hours-status"
          name="status"
          label={t("hours.statusFilter")}
          value={draft.status}
          onChange={(event) => setDraft({ ...draft, status: event.target.value as StatusFilter })}
        >
          <option value="pending">{t("hours.status.pending")}</option>
          <option value="approved">{t("hours.status.approved")}</option>
          <option value="rejected">{t("hours.status.rejected")}</option>
          <option value="all">{t("hours.status.all")}</option>
        </SelectField>
        <TextField
          id="hours-from"
          name="from"
          type="date"
          label={t("hours.from")}
          value={draft.from}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        />
        <TextField
          id="hours-to"
          name="to"
          type="date"
          label={t("hours.to")}
          min={draft.from || undefined}
          value={draft.to}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        />
        <Button type="submit">{t("common.filter")}</Button>
      </form>
      <p>
        <a className="usa-button usa-button--outline" href={`${cityApi(slug)}/hours.csv${apiQuery ? `?${apiQuery}` : ""}`} download>
          {t("hours.downloadCsv")}
        </a>
      </p>
      <ProblemAlert error={hours.error} />
      {hours.isPending ? <Loading /> : null}
      {hours.data ? (
        <>
          <p role="status">{t("hours.count", { count: hours.data.entries.length })}</p>
          {hours.data.entries.length === 0 ? <p>{status === "pending" ? t("hours.nonePending") : t("hours.none")}</p> : null}
          <ul className="usa-list usa-list--unstyled civitas-hours-list">
            {hours.data.entries.map((entry) => (
              <HoursItem key={entry.id} entry={entry} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function HoursItem({ entry }: { entry: HoursEntry }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["hours", slug] });
  const approve = useMutation({ mutationFn: () => api.post<void>(`${cityApi(slug)}/hours/${entry.id}/approve`), onSuccess: refresh });
  const reject = useMutation({
    mutationFn: () => api.post<void>(`${cityApi(slug)}/hours/${entry.id}/reject`, { reason }),
    onSuccess: async () => {
      setRejecting(false);
      await refresh();
    },
  });
  const headingId = `hours-${entry.id}`;
  useFocusOnChange(rejecting, rejecting ? `reject-reason-${entry.id}` : `reject-${entry.id}`);
  const name = entry.volunteer.name || t("hours.erased");
  const summary = `${name}, ${entry.opportunity.title}, ${formatCalendarDate(entry.workedOn, locale)}`;
  return (
    <li className="civitas-hours-item" aria-labelledby={headingId}>
      <h2 id={headingId} className="civitas-hours-item__heading">
        {name} <HoursStatusTag status={entry.status} />
      </h2>
      <dl className="civitas-facts">
        <dt>{t("hours.opportunity")}</dt>
        <dd>{entry.opportunity.title}</dd>
        <dt>{t("hours.date")}</dt>
        <dd>{formatCalendarDate(entry.workedOn, locale)}</dd>
        <dt>{t("hours.time")}</dt>
        <dd>{formatMinutes(entry.minutes, locale)}</dd>
        <dt>{t("hours.source")}</dt>
        <dd>{t(`hours.sources.${entry.source}`)}</dd>
        {entry.description ? (
          <>
            <dt>{t("fields.description")}</dt>
            <dd>{entry.description}</dd>
          </>
        ) : null}
        {entry.status === "rejected" && entry.rejectionReason ? (
          <>
            <dt>{t("hours.reason")}</dt>
            <dd>{entry.rejectionReason}</dd>
          </>
        ) : null}
      </dl>
      <ProblemAlert error={approve.error ?? reject.error} fieldLabels={{ reason: t("hours.reason") }} />
      {rejecting ? (
        <Form
          onSubmit={(event) => {
            event.preventDefault();
            reject.mutate();
          }}
        >
          <TextAreaField
            id={`reject-reason-${entry.id}`}
            name="reason"
            label={t("hours.reason")}
            hint={t("hours.reasonHint")}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={reject.error}
            required
            minLength={3}
            maxLength={500}
            rows={2}
          />
          <ButtonGroup>
            <Button type="submit" secondary disabled={reject.isPending}>
              {t("hours.confirmReject")}
              <span className="usa-sr-only"> – {summary}</span>
            </Button>
            <Button type="button" outline onClick={() => setRejecting(false)}>
              {t("common.cancel")}
            </Button>
          </ButtonGroup>
        </Form>
      ) : (
        <ButtonGroup>
          {entry.status !== "approved" ? (
            <Button type="button" onClick={() => approve.mutate()} disabled={approve.isPending}>
              {t("hours.approve")}
              <span className="usa-sr-only"> – {summary}</span>
            </Button>
          ) : null}
          {entry.status !== "rejected" ? (
            <Button id={`reject-${entry.id}`} type="button" outline onClick={() => setRejecting(true)}>
              {t("hours.reject")}
              <span className="usa-sr-only"> – {summary}</span>
            </Button>
          ) : null}
        </ButtonGroup>
      )}
    </li>
  );
}
