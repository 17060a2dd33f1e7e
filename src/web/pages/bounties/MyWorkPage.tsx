import "./bounties.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { MyWorkItemView, MyWorkView, SubmissionView } from "../../../contracts/bounties.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";
import { DeliveryStatusTag, formatInZone, useLocale, useMoney, useMyVendor } from "./parts.tsx";

/**
 * The signed-in vendor's awarded work: when each delivery is due, where it stands, and the two steps
 * that are the vendor's own: saying the work has started, and handing it in with its pull request.
 */

export default function MyWorkPage() {
  return (
    <RequireAccess>
      <MyWork />
    </RequireAccess>
  );
}

function MyWork() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { isVendor, vendor } = useMyVendor(slug);
  const work = useQuery({
    queryKey: ["my-work", slug],
    queryFn: () => api.get<MyWorkView>(`${cityApi(slug)}/vendors/me/submissions`),
    enabled: isVendor && vendor.isSuccess,
  });

  if (!isVendor || vendor.error) {
    return (
      <>
        <PageHeading>{t("bounties.myWork.title")}</PageHeading>
        <p>{t("bounties.myWork.notVendor")}</p>
        <p>
          <Link className="usa-button" to={`/${slug}/vendor`}>
            {t("bounties.bid.becomeVendor")}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeading>{t("bounties.myWork.title")}</PageHeading>
      <p className="usa-intro">{t("bounties.myWork.intro")}</p>
      {vendor.isPending || work.isPending ? <Loading /> : null}
      <ProblemAlert error={work.error} />
      {work.data && work.data.submissions.length === 0 ? (
        <p className="civitas-empty">
          {t("bounties.myWork.none")} <Link to={`/${slug}/bounties`}>{t("bounties.myWork.browse")}</Link>
        </p>
      ) : null}
      {work.data && work.data.submissions.length > 0 ? (
        <ul className="usa-list usa-list--unstyled">
          {work.data.submissions.map((item) => (
            <WorkItem key={item.id} item={item} />
          ))}
        </ul>
      ) : null}
    </>
  );
}

const openForDelivery: SubmissionView["status"][] = ["pending_delivery", "in_progress"];

function WorkItem({ item }: { item: MyWorkItemView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const locale = useLocale();
  const money = useMoney();
  const client = useQueryClient();
  const at = (iso: string) => formatInZone(iso, locale, city.data?.timeZone);
  const [pullRequestUrl, setPullRequestUrl] = useState(item.pullRequestUrl ?? "");
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ["my-work", slug] });
  const start = useMutation({
    mutationFn: () => api.post<SubmissionView>(`${cityApi(slug)}/submissions/${item.id}/start`),
    onSuccess: async () => {
      setDone(t("bounties.myWork.started"));
      await refresh();
    },
  });
  const submit = useMutation({
    mutationFn: () => api.post<SubmissionView>(`${cityApi(slug)}/submissions/${item.id}/submit`, { pullRequestUrl }),
    onSuccess: async () => {
      setDone(t("bounties.myWork.submitted"));
      await refresh();
    },
  });
  const headingId = `work-${item.id}`;
  const overdue = openForDelivery.includes(item.status) && new Date(item.dueAt).getTime() <= Date.now();

  return (
    <li className="civitas-work-item">
      <section aria-labelledby={headingId}>
        <h2 id={headingId} className="civitas-break">
          <Link to={`/${slug}/bounties/${item.bounty.id}`}>{item.bounty.title}</Link>
        </h2>
        <p>
          <DeliveryStatusTag status={item.status} />
        </p>
        {done ? (
          <Alert type="success" headingLevel="h3" slim role="status">
            {done}
          </Alert>
        ) : null}
        <dl className="civitas-facts">
          <dt>{t("bounties.myWork.amount")}</dt>
          <dd>{money(item.amountMinor, item.currency)}</dd>
          <dt>{t("bounties.myWork.awarded")}</dt>
          <dd>{at(item.awardedAt)}</dd>
          <dt>{t("bounties.myWork.due")}</dt>
          <dd>
            {at(item.dueAt)}
            {overdue ? <span className="civitas-block-note">{t("bounties.myWork.overdue")}</span> : null}
          </dd>
          <dt>{t("bounties.detail.licence")}</dt>
          <dd>{item.bounty.requiredLicence}</dd>
          {item.bounty.repositoryIssueUrl ? (
            <>
              <dt>{t("bounties.detail.issue")}</dt>
              <dd className="civitas-break">
                <a href={item.bounty.repositoryIssueUrl}>{item.bounty.repositoryIssueUrl}</a>
              </dd>
            </>
          ) : null}
          {item.pullRequestUrl ? (
            <>
              <dt>{t("bounties.myWork.pullRequest")}</dt>
              <dd className="civitas-break">
                <a href={item.pullRequestUrl}>{item.pullRequestUrl}</a>
              </dd>
            </>
          ) : null}
          {item.acceptedAt ? (
            <>
              <dt>{t("bounties.myWork.accepted")}</dt>
              <dd>{at(item.acceptedAt)}</dd>
            </>
          ) : null}
          {item.paidAt ? (
            <>
              <dt>{t("bounties.myWork.paid")}</dt>
              <dd>{t("bounties.myWork.paidOn", { amount: money(item.amountMinor, item.currency), when: at(item.paidAt) })}</dd>
            </>
          ) : null}
        </dl>

        {item.status === "rejected" && item.rejectionReasons?.length ? (
          <>
            <h3>{t("bounties.myWork.reasonsHeading")}</h3>
            <ul className="usa-list">
              {item.rejectionReasons.map((reason) => (
                <li key={reason.criterion}>
                  <strong>{reason.criterion}:</strong> {reason.reason}
                </li>
              ))}
            </ul>
          </>
        ) : null}

        {openForDelivery.includes(item.status) && !overdue ? (
          <>
            <h3>{t("bounties.myWork.criteriaHeading")}</h3>
            <ul className="usa-list">
              {item.bounty.acceptanceCriteria.map((criterion) => (
                <li key={criterion}>{criterion}</li>
              ))}
            </ul>
            {item.status === "pending_delivery" ? (
              <>
                <ProblemAlert error={start.error} />
                <Button type="button" outline onClick={() => start.mutate()} disabled={start.isPending}>
                  {t("bounties.myWork.start")}
                </Button>
              </>
            ) : null}
            <Form
              onSubmit={(event) => {
                event.preventDefault();
                submit.mutate();
              }}
            >
              <ProblemAlert error={submit.error} fieldLabels={{ pullRequestUrl: t("bounties.myWork.pullRequest") }} />
              <TextField
                id={`pull-request-${item.id}`}
                name="pullRequestUrl"
                type="url"
                label={t("bounties.myWork.pullRequest")}
                hint={t("bounties.myWork.pullRequestHint")}
                error={submit.error}
                autoComplete="url"
                value={pullRequestUrl}
                onChange={(event) => setPullRequestUrl(event.target.value)}
              />
              <Button type="submit" disabled={submit.isPending}>
                {t("bounties.myWork.submit")}
              </Button>
            </Form>
          </>
        ) : null}
      </section>
    </li>
  );
}
