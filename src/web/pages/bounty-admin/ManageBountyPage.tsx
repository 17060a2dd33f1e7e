import "./bounty-admin.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { AuctionBidsView, BountyView, RerunBountyView, SubmissionQueueItemView, SubmissionView } from "../../../contracts/bounties.ts";
import type { FundBalancesView } from "../../../contracts/ledger.ts";
import type { VendorView } from "../../../contracts/vendors.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextAreaField, TextField } from "../../components/Fields.tsx";
import { formatDateTime, instantOf, todayIn } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form, Table } from "../../components/uswds.tsx";
import { hasRoleIn, useMe } from "../../session.ts";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { Checkbox } from "../opportunities/parts.tsx";
import {
  BountyStatusTag,
  bountiesApi,
  bountyAdminRoles,
  paymentRoles,
  SubmissionStatusTag,
  submissionsApi,
  useBounty,
  useMoney,
  useSubmissions,
} from "./parts.tsx";

/** One bounty as DSO staff manage it: publish, cancel, close, assign, review, pay and run again. */
export default function ManageBountyPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  return (
    <RequireAccess roles={bountyAdminRoles}>
      <ManageBounty trail={[{ to: `/${slug}/admin/bounties`, label: t("bountyAdmin.title") }]} />
    </RequireAccess>
  );
}

function ManageBounty({ trail }: { trail: { to: string; label: string }[] }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { bountyId } = useParams();
  const bounty = useBounty(slug, bountyId);
  if (bounty.isPending) return <Loading />;
  if (bounty.error || !bounty.data) {
    const missing = bounty.error instanceof ApiProblem && bounty.error.status === 404;
    return (
      <>
        <AdminBreadcrumb trail={trail} current={t("bountyAdmin.manage.notFound")} />
        <PageHeading>{t("bountyAdmin.manage.notFound")}</PageHeading>
        {missing ? <p>{t("bountyAdmin.manage.notFoundText")}</p> : <ProblemAlert error={bounty.error} />}
        <p>
          <Link to={`/${slug}/admin/bounties`}>{t("bountyAdmin.manage.back")}</Link>
        </p>
      </>
    );
  }
  const item = bounty.data;
  return (
    <>
      <AdminBreadcrumb trail={trail} current={item.title} />
      <PageHeading>{item.title}</PageHeading>
      <p className="civitas-bounty-tags">
        <BountyStatusTag status={item.status} />{" "}
        <span className="usa-tag civitas-tag civitas-tag--muted">
          {item.kind === "auction" ? t(`bountyAdmin.auctionType.${item.auctionType ?? "multi"}`) : t("bountyAdmin.kind.fixed")}
        </span>
      </p>
      <BountyDetails bounty={item} />
      {item.status === "draft" ? <PublishPanel bounty={item} /> : null}
      {item.status === "published" && item.kind === "auction" ? <ClosePanel bounty={item} /> : null}
      {item.status === "published" && item.kind === "fixed" ? <AssignPanel bounty={item} /> : null}
      {item.kind === "auction" && item.status !== "draft" ? <Bids bounty={item} /> : null}
      {item.status === "awarded" || item.status === "cancelled" ? <Deliveries bounty={item} /> : null}
      {item.status === "draft" || item.status === "published" ? <CancelPanel bounty={item} /> : null}
      {item.status === "cancelled" && item.cancelReason ? (
        <Alert type="info" headingLevel="h2" heading={t("bountyAdmin.manage.cancelledHeading")} className="civitas-space-above">
          <p className="civitas-break">{item.cancelReason}</p>
        </Alert>
      ) : null}
    </>
  );
}

/** Everything staff need to refresh after a change to a bounty or its deliveries. */
function useRefresh(bountyId: string) {
  const queryClient = useQueryClient();
  const slug = useCitySlug();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["bounty", slug, bountyId] }),
      queryClient.invalidateQueries({ queryKey: ["bounties", slug] }),
      queryClient.invalidateQueries({ queryKey: ["bids", slug, bountyId] }),
      queryClient.invalidateQueries({ queryKey: ["submissions", slug] }),
      queryClient.invalidateQueries({ queryKey: ["fund", slug] }),
    ]);
}

function useTimeZone(): string | undefined {
  return useCity(useCitySlug()).data?.timeZone;
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="civitas-bounty-details__row">
      <dt>{term}</dt>
      <dd className="civitas-break">{children}</dd>
    </div>
  );
}

function BountyDetails({ bounty }: { bounty: BountyView }) {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const money = useMoney();
  const timeZone = useTimeZone();
  const at = (iso: string) => formatDateTime(iso, i18n.language, timeZone);
  return (
    <section aria-labelledby="bounty-terms">
      <h2 id="bounty-terms">{t("bountyAdmin.manage.terms")}</h2>
      {bounty.description ? <p className="civitas-break civitas-pre-line">{bounty.description}</p> : null}
      <dl className="civitas-bounty-details">
        <Detail term={bounty.kind === "auction" ? t("bountyAdmin.fields.startPrice") : t("bountyAdmin.fields.price")}>
          {money(bounty.amountMinor, bounty.currency)}
        </Detail>
        {bounty.marketEstimateMinor !== null ? (
          <Detail term={t("bountyAdmin.fields.marketEstimate")}>{money(bounty.marketEstimateMinor, bounty.currency)}</Detail>
        ) : null}
        {bounty.startsAt ? <Detail term={t("bountyAdmin.fields.startsAt")}>{at(bounty.startsAt)}</Detail> : null}
        {bounty.endsAt ? <Detail term={t("bountyAdmin.fields.endsAt")}>{at(bounty.endsAt)}</Detail> : null}
        {bounty.deadlineAt ? <Detail term={t("bountyAdmin.fields.deadline")}>{at(bounty.deadlineAt)}</Detail> : null}
        <Detail term={t("bountyAdmin.fields.deliveryBusinessDays")}>{bounty.deliveryBusinessDays ?? t("bountyAdmin.manage.defaultDelivery")}</Detail>
        <Detail term={t("bountyAdmin.fields.licence")}>{bounty.requiredLicence}</Detail>
        <Detail term={t("bountyAdmin.fields.eligibility")}>
          {bounty.smallBusinessOnly ? t("bountyAdmin.manage.smallBusinessOnly") : t("bountyAdmin.manage.anyVendor")}
        </Detail>
        {bounty.repositoryIssueUrl ? (
          <Detail term={t("bountyAdmin.fields.repositoryIssueUrl")}>
            <a href={bounty.repositoryIssueUrl} rel="noreferrer">
              {bounty.repositoryIssueUrl}
            </a>
          </Detail>
        ) : null}
        {bounty.problemId ? (
          <Detail term={t("bountyAdmin.fields.problem")}>
            <Link to={`/${slug}/problems/${bounty.problemId}`}>{t("bountyAdmin.manage.seeProblem")}</Link>
          </Detail>
        ) : null}
      </dl>
      <h3>{t("bountyAdmin.fields.criteria")}</h3>
      <ol className="usa-list">
        {bounty.acceptanceCriteria.map((criterion) => (
          <li key={criterion} className="civitas-break">
            {criterion}
          </li>
        ))}
      </ol>
    </section>
  );
}

function PublishPanel({ bounty }: { bounty: BountyView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const money = useMoney();
  const refresh = useRefresh(bounty.id);
  const fund = useQuery({ queryKey: ["fund", slug], queryFn: () => api.get<FundBalancesView>(`${cityApi(slug)}/fund`) });
  const publish = useMutation({ mutationFn: () => api.post<BountyView>(`${bountiesApi(slug)}/${bounty.id}/publish`), onSuccess: refresh });
  const short = fund.data ? fund.data.availableMinor < bounty.amountMinor : false;
  return (
    <section aria-labelledby="publish" className="civitas-space-above civitas-bounty-panel">
      <h2 id="publish">{t("bountyAdmin.manage.publishHeading")}</h2>
      {fund.data ? (
        <p>
          {t("bountyAdmin.manage.fundAvailable", {
            available: money(fund.data.availableMinor, fund.data.currency),
            amount: money(bounty.amountMinor, bounty.currency),
          })}
        </p>
      ) : (
        <ProblemAlert error={fund.error} />
      )}
      {short ? <p className="text-bold">{t("bountyAdmin.manage.fundShort")}</p> : null}
      <ProblemAlert error={publish.error} />
      <Button type="button" disabled={publish.isPending} onClick={() => publish.mutate()}>
        {t("bountyAdmin.manage.publish")}
      </Button>
    </section>
  );
}

/** A reason, then the action; used for cancelling before and after delivery. */
function ReasonForm({
  id,
  heading,
  intro,
  submitLabel,
  onSubmit,
  pending,
  error,
  children,
}: {
  id: string;
  heading: string;
  intro: string;
  submitLabel: string;
  onSubmit: (reason: string) => void;
  pending: boolean;
  error: unknown;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  return (
    <section aria-labelledby={id} className="civitas-space-above civitas-bounty-panel">
      <h2 id={id}>{heading}</h2>
      <p>{intro}</p>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(reason);
        }}
      >
        <ProblemAlert error={error} fieldLabels={{ reason: t("bountyAdmin.fields.reason") }} />
        <TextAreaField
          id={`${id}-reason`}
          name="reason"
          label={t("bountyAdmin.fields.reason")}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={error}
          required
          maxLength={2000}
        />
        {children}
        <Button type="submit" secondary disabled={pending}>
          {submitLabel}
        </Button>
      </Form>
    </section>
  );
}

function CancelPanel({ bounty }: { bounty: BountyView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const refresh = useRefresh(bounty.id);
  const cancel = useMutation({
    mutationFn: (reason: string) => api.post<BountyView>(`${bountiesApi(slug)}/${bounty.id}/cancel`, { reason }),
    onSuccess: refresh,
  });
  return (
    <ReasonForm
      id="cancel-bounty"
      heading={t("bountyAdmin.manage.cancelHeading")}
      intro={bounty.status === "published" ? t("bountyAdmin.manage.cancelPublishedIntro") : t("bountyAdmin.manage.cancelDraftIntro")}
      submitLabel={t("bountyAdmin.manage.cancel")}
      onSubmit={(reason) => cancel.mutate(reason)}
      pending={cancel.isPending}
      error={cancel.error}
    />
  );
}

function ClosePanel({ bounty }: { bounty: BountyView }) {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const timeZone = useTimeZone();
  const refresh = useRefresh(bounty.id);
  const close = useMutation({ mutationFn: () => api.post(`${bountiesApi(slug)}/${bounty.id}/close`), onSuccess: refresh });
  const endsAt = bounty.endsAt;
  const [ended, setEnded] = useState(() => (endsAt ? new Date(endsAt).getTime() <= Date.now() : false));
  // The button wakes up when bidding ends, for a page left open until then.
  useEffect(() => {
    if (ended || !endsAt) return;
    const timer = setTimeout(() => setEnded(true), Math.min(Math.max(new Date(endsAt).getTime() - Date.now(), 0), 2_000_000_000));
    return () => clearTimeout(timer);
  }, [ended, endsAt]);
  return (
    <section aria-labelledby="close-auction" className="civitas-space-above civitas-bounty-panel">
      <h2 id="close-auction">{t("bountyAdmin.manage.closeHeading")}</h2>
      <p>
        {ended
          ? t("bountyAdmin.manage.closeEnded")
          : t("bountyAdmin.manage.closeLater", { when: bounty.endsAt ? formatDateTime(bounty.endsAt, i18n.language, timeZone) : "" })}
      </p>
      <ProblemAlert error={close.error} />
      <Button type="button" disabled={close.isPending || !ended} onClick={() => close.mutate()}>
        {t("bountyAdmin.manage.close")}
      </Button>
    </section>
  );
}

function useVerifiedVendors() {
  const slug = useCitySlug();
  return useQuery({
    queryKey: ["vendors", slug, "verified"],
    queryFn: () => api.get<{ vendors: VendorView[] }>(`${cityApi(slug)}/vendors?status=verified`),
  });
}

function VendorSelect({ id, value, onChange, error }: { id: string; value: string; onChange: (id: string) => void; error: unknown }) {
  const { t } = useTranslation();
  const vendors = useVerifiedVendors();
  return (
    <>
      <ProblemAlert error={vendors.error} />
      <SelectField
        id={id}
        name="vendorId"
        label={t("bountyAdmin.fields.vendor")}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        required
      >
        <option value="">{vendors.isPending ? t("common.loading") : t("bountyAdmin.manage.chooseVendor")}</option>
        {(vendors.data?.vendors ?? []).map((vendor) => (
          <option key={vendor.id} value={vendor.id}>
            {vendor.legalName}
          </option>
        ))}
      </SelectField>
    </>
  );
}

function AssignPanel({ bounty }: { bounty: BountyView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const refresh = useRefresh(bounty.id);
  const [vendorId, setVendorId] = useState("");
  const assign = useMutation({
    mutationFn: () => api.post<SubmissionView>(`${bountiesApi(slug)}/${bounty.id}/assign`, { vendorId: vendorId || undefined }),
    onSuccess: refresh,
  });
  return (
    <section aria-labelledby="assign" className="civitas-space-above civitas-bounty-panel">
      <h2 id="assign">{t("bountyAdmin.manage.assignHeading")}</h2>
      <p>{t("bountyAdmin.manage.assignIntro")}</p>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          assign.mutate();
        }}
      >
        <ProblemAlert error={assign.error} fieldLabels={{ vendorId: t("bountyAdmin.fields.vendor") }} />
        <VendorSelect id="assign-vendor" value={vendorId} onChange={setVendorId} error={assign.error} />
        <Button type="submit" disabled={assign.isPending}>
          {t("bountyAdmin.manage.assign")}
        </Button>
      </Form>
    </section>
  );
}

function Bids({ bounty }: { bounty: BountyView }) {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const money = useMoney();
  const timeZone = useTimeZone();
  const bids = useQuery({
    queryKey: ["bids", slug, bounty.id],
    queryFn: () => api.get<AuctionBidsView>(`${bountiesApi(slug)}/${bounty.id}/bids`),
    refetchInterval: bounty.status === "published" ? 15_000 : false,
  });
  const data = bids.data;
  // The every-minute job may close the auction while the page is open: then the whole page moves on.
  const queryClient = useQueryClient();
  const liveStatus = data?.status;
  useEffect(() => {
    if (liveStatus && liveStatus !== bounty.status) void queryClient.invalidateQueries({ queryKey: ["bounty", slug, bounty.id] });
  }, [liveStatus, bounty.status, bounty.id, slug, queryClient]);
  return (
    <section aria-labelledby="bids" className="civitas-space-above">
      <h2 id="bids">{t("bountyAdmin.bids.heading")}</h2>
      <ProblemAlert error={bids.error} />
      {bids.isPending ? <Loading /> : null}
      {data && !data.revealed ? (
        <p>
          {data.lowestAmountMinor !== null
            ? t("bountyAdmin.bids.openSummary", { count: data.bidCount, lowest: money(data.lowestAmountMinor, bounty.currency) })
            : t("bountyAdmin.bids.sealedSummary", { count: data.bidCount })}
        </p>
      ) : null}
      {data && data.bids.length === 0 && data.revealed ? <p>{t("bountyAdmin.bids.none")}</p> : null}
      {data && data.bids.length > 0 && (data.revealed || data.auctionType === "multi") ? (
        <Table stacked caption={t("bountyAdmin.bids.caption", { count: data.bids.length })}>
          <thead>
            <tr>
              <th scope="col">{t("bountyAdmin.bids.bidder")}</th>
              <th scope="col">{t("bountyAdmin.fields.amount")}</th>
              <th scope="col">{t("bountyAdmin.bids.placedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {data.bids.map((bid) => (
              <tr key={bid.id}>
                <th scope="row" data-label={t("bountyAdmin.bids.bidder")} className="civitas-break">
                  {bid.vendorName ?? t("bountyAdmin.bids.bidderNumber", { number: bid.bidderNumber })}
                  {bid.winning ? <span className="usa-tag civitas-tag civitas-tag--open margin-left-1">{t("bountyAdmin.bids.winning")}</span> : null}
                </th>
                <td data-label={t("bountyAdmin.fields.amount")}>{money(bid.amountMinor, bid.currency)}</td>
                <td data-label={t("bountyAdmin.bids.placedAt")}>{formatDateTime(bid.placedAt, i18n.language, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

function Deliveries({ bounty }: { bounty: BountyView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const deliveries = useSubmissions(slug, { bountyId: bounty.id });
  const items = deliveries.data?.submissions ?? [];
  // Newest first: the delivery under way, or the last one, leads.
  const ordered = [...items].sort((a, b) => b.awardedAt.localeCompare(a.awardedAt));
  const failed = ordered.length > 0 && ordered.every((item) => item.status === "rejected" || item.status === "missed_delivery");
  return (
    <section aria-labelledby="deliveries" className="civitas-space-above">
      <h2 id="deliveries">{t("bountyAdmin.delivery.heading")}</h2>
      <ProblemAlert error={deliveries.error} />
      {deliveries.isPending ? <Loading /> : null}
      {deliveries.data && ordered.length === 0 ? <p>{t("bountyAdmin.delivery.none")}</p> : null}
      {ordered.map((item) => (
        <Delivery key={item.id} bounty={bounty} submission={item} />
      ))}
      {failed && bounty.status === "awarded" ? <AfterFailedDelivery bounty={bounty} /> : null}
    </section>
  );
}

function Delivery({ bounty, submission }: { bounty: BountyView; submission: SubmissionQueueItemView }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const timeZone = useTimeZone();
  const at = (iso: string) => formatDateTime(iso, i18n.language, timeZone);
  const headingId = `delivery-${submission.id}`;
  return (
    <article aria-labelledby={headingId} className="civitas-bounty-delivery">
      <h3 id={headingId} className="civitas-break">
        {submission.vendorLegalName}
      </h3>
      <p>
        <SubmissionStatusTag status={submission.status} />
      </p>
      <dl className="civitas-bounty-details">
        <Detail term={t("bountyAdmin.fields.amount")}>{money(submission.amountMinor, submission.currency)}</Detail>
        <Detail term={t("bountyAdmin.fields.awardedAt")}>{at(submission.awardedAt)}</Detail>
        <Detail term={t("bountyAdmin.fields.dueAt")}>{at(submission.dueAt)}</Detail>
        <Detail term={t("bountyAdmin.fields.pullRequest")}>
          {submission.pullRequestUrl ? (
            <a href={submission.pullRequestUrl} rel="noreferrer">
              {submission.pullRequestUrl}
            </a>
          ) : (
            t("bountyAdmin.delivery.noPullRequest")
          )}
        </Detail>
        {submission.acceptedAt ? <Detail term={t("bountyAdmin.fields.acceptedAt")}>{at(submission.acceptedAt)}</Detail> : null}
        {submission.paidAt ? <Detail term={t("bountyAdmin.fields.paidAt")}>{at(submission.paidAt)}</Detail> : null}
      </dl>
      {submission.rejectionReasons && submission.rejectionReasons.length > 0 ? (
        <>
          <h4>{t("bountyAdmin.delivery.reasonsHeading")}</h4>
          <ul className="usa-list">
            {submission.rejectionReasons.map((reason) => (
              <li key={reason.criterion} className="civitas-break">
                <strong>{reason.criterion}:</strong> {reason.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {submission.status === "pending_acceptance" ? <ReviewForm bounty={bounty} submission={submission} /> : null}
      {submission.status === "pending_delivery" || submission.status === "in_progress" ? <MissedButton bounty={bounty} submission={submission} /> : null}
      {submission.status === "accepted" ? <PayForm bounty={bounty} submission={submission} /> : null}
    </article>
  );
}

/** Accept, or reject with a reason ticked against each acceptance criterion the delivery misses. */
function ReviewForm({ bounty, submission }: { bounty: BountyView; submission: SubmissionQueueItemView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const refresh = useRefresh(bounty.id);
  const [ticked, setTicked] = useState<Record<number, string>>({});
  const review = useMutation({
    mutationFn: (decision: "accepted" | "rejected") =>
      api.post<SubmissionView>(`${submissionsApi(slug)}/${submission.id}/review`, {
        decision,
        reasons:
          decision === "rejected"
            ? Object.entries(ticked).map(([index, reason]) => ({ criterion: bounty.acceptanceCriteria[Number(index)] ?? "", reason }))
            : [],
      }),
    onSuccess: refresh,
  });
  const reasonLabels = Object.fromEntries(
    Object.keys(ticked).flatMap((index, position) => [
      [`reasons.${position}.reason`, t("bountyAdmin.review.reasonFor", { number: Number(index) + 1 })],
      [`reasons.${position}.criterion`, t("bountyAdmin.review.criterionNumber", { number: Number(index) + 1 })],
    ]),
  );
  return (
    <div className="civitas-bounty-review">
      <h4>{t("bountyAdmin.review.heading")}</h4>
      <p>{t("bountyAdmin.review.intro")}</p>
      <ProblemAlert error={review.error} fieldLabels={{ reasons: t("bountyAdmin.review.reasons"), ...reasonLabels }} />
      <Button type="button" disabled={review.isPending} onClick={() => review.mutate("accepted")}>
        {t("bountyAdmin.review.accept")}
      </Button>
      <Form
        className="civitas-space-above"
        onSubmit={(event) => {
          event.preventDefault();
          review.mutate("rejected");
        }}
      >
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("bountyAdmin.review.rejectLegend")}</legend>
          {bounty.acceptanceCriteria.map((criterion, index) => (
            <div key={criterion} className="civitas-bounty-review__criterion">
              <Checkbox
                id={`review-${submission.id}-criterion-${index}`}
                label={criterion}
                checked={index in ticked}
                onChange={(checked) =>
                  setTicked((current) => {
                    const next = { ...current };
                    if (checked) next[index] = "";
                    else delete next[index];
                    return next;
                  })
                }
              />
              {index in ticked ? (
                <TextAreaField
                  id={`review-${submission.id}-reason-${index}`}
                  name={`reason-${index}`}
                  field={`reasons.${Object.keys(ticked).indexOf(String(index))}.reason`}
                  label={t("bountyAdmin.review.reasonFor", { number: index + 1 })}
                  value={ticked[index] ?? ""}
                  onChange={(event) => setTicked((current) => ({ ...current, [index]: event.target.value }))}
                  error={review.error}
                  required
                  maxLength={2000}
                />
              ) : null}
            </div>
          ))}
        </fieldset>
        <Button type="submit" secondary disabled={review.isPending}>
          {t("bountyAdmin.review.reject")}
        </Button>
      </Form>
    </div>
  );
}

function MissedButton({ bounty, submission }: { bounty: BountyView; submission: SubmissionQueueItemView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const refresh = useRefresh(bounty.id);
  const missed = useMutation({ mutationFn: () => api.post<SubmissionView>(`${submissionsApi(slug)}/${submission.id}/missed`), onSuccess: refresh });
  return (
    <div className="civitas-space-above">
      <ProblemAlert error={missed.error} />
      <Button type="button" outline disabled={missed.isPending} onClick={() => missed.mutate()}>
        {t("bountyAdmin.delivery.markMissed")}
      </Button>
    </div>
  );
}

/** Records the payment once: the button stays disabled while the request is out and after it succeeds. */
function PayForm({ bounty, submission }: { bounty: BountyView; submission: SubmissionQueueItemView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const me = useMe();
  const refresh = useRefresh(bounty.id);
  const [reference, setReference] = useState("");
  const pay = useMutation({
    mutationFn: () => api.post<SubmissionView>(`${submissionsApi(slug)}/${submission.id}/pay`, { paymentReference: reference }),
    onSuccess: refresh,
  });
  if (!hasRoleIn(me.data, slug, paymentRoles)) return <p>{t("bountyAdmin.pay.notYours")}</p>;
  return (
    <Form
      className="civitas-space-above"
      onSubmit={(event) => {
        event.preventDefault();
        if (!pay.isPending && !pay.isSuccess) pay.mutate();
      }}
    >
      <h4>{t("bountyAdmin.pay.heading")}</h4>
      <ProblemAlert error={pay.error} fieldLabels={{ paymentReference: t("bountyAdmin.pay.reference") }} />
      <TextField
        id={`pay-${submission.id}-reference`}
        name="paymentReference"
        label={t("bountyAdmin.pay.reference")}
        hint={t("bountyAdmin.pay.referenceHint")}
        value={reference}
        onChange={(event) => setReference(event.target.value)}
        error={pay.error}
        required
        maxLength={200}
        autoComplete="off"
      />
      <Button type="submit" disabled={pay.isPending || pay.isSuccess}>
        {pay.isPending ? t("bountyAdmin.pay.paying") : t("bountyAdmin.pay.submit")}
      </Button>
    </Form>
  );
}

/** After a rejected or missed delivery: the next bidder (or another vendor), a fresh draft, or cancelling. */
function AfterFailedDelivery({ bounty }: { bounty: BountyView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const navigate = useNavigate();
  const refresh = useRefresh(bounty.id);
  const timeZone = useTimeZone();
  const [vendorId, setVendorId] = useState("");
  const awardNext = useMutation({
    mutationFn: () =>
      api.post<SubmissionView>(`${bountiesApi(slug)}/${bounty.id}/award-next`, bounty.kind === "fixed" ? { vendorId: vendorId || undefined } : {}),
    onSuccess: refresh,
  });
  const cancel = useMutation({
    mutationFn: (reason: string) => api.post<BountyView>(`${bountiesApi(slug)}/${bounty.id}/cancel-after-delivery`, { reason }),
    onSuccess: refresh,
  });
  const [dates, setDates] = useState({ startDate: "", startTime: "09:00", endDate: "", endTime: "17:00", deadlineDate: "", deadlineTime: "17:00" });
  const setDate = (name: keyof typeof dates, value: string) => setDates((current) => ({ ...current, [name]: value }));
  const at = (date: string, time: string) => (date && time ? instantOf(date, time, timeZone) : undefined);
  const rerun = useMutation({
    mutationFn: (reason: string) =>
      api.post<RerunBountyView>(`${bountiesApi(slug)}/${bounty.id}/rerun`, {
        reason,
        ...(bounty.kind === "fixed"
          ? { deadlineAt: at(dates.deadlineDate, dates.deadlineTime) }
          : { startsAt: at(dates.startDate, dates.startTime), endsAt: at(dates.endDate, dates.endTime) }),
      }),
    onSuccess: async (result) => {
      await refresh();
      navigate(`/${slug}/admin/bounties/${result.draft.id}`);
    },
  });
  const today = todayIn(timeZone);
  return (
    <>
      <section aria-labelledby="award-next" className="civitas-space-above civitas-bounty-panel">
        <h2 id="award-next">{t("bountyAdmin.next.heading")}</h2>
        <p>{bounty.kind === "auction" ? t("bountyAdmin.next.auctionIntro") : t("bountyAdmin.next.fixedIntro")}</p>
        <Form
          onSubmit={(event) => {
            event.preventDefault();
            awardNext.mutate();
          }}
        >
          <ProblemAlert error={awardNext.error} fieldLabels={{ vendorId: t("bountyAdmin.fields.vendor") }} />
          {bounty.kind === "fixed" ? <VendorSelect id="next-vendor" value={vendorId} onChange={setVendorId} error={awardNext.error} /> : null}
          <Button type="submit" disabled={awardNext.isPending}>
            {bounty.kind === "auction" ? t("bountyAdmin.next.awardNextBidder") : t("bountyAdmin.next.awardVendor")}
          </Button>
        </Form>
      </section>
      <ReasonForm
        id="rerun"
        heading={t("bountyAdmin.rerun.heading")}
        intro={t("bountyAdmin.rerun.intro")}
        submitLabel={t("bountyAdmin.rerun.submit")}
        onSubmit={(reason) => rerun.mutate(reason)}
        pending={rerun.isPending}
        error={rerun.error}
      >
        <p className="usa-hint">{t("bountyAdmin.editor.cityTime", { zone: timeZone ?? "" })}</p>
        <div className="civitas-shift-form__times">
          {bounty.kind === "fixed" ? (
            <>
              <TextField
                id="rerun-deadline-date"
                name="deadlineDate"
                field="deadlineAt"
                type="date"
                label={t("bountyAdmin.fields.deadlineDate")}
                min={today}
                value={dates.deadlineDate}
                onChange={(event) => setDate("deadlineDate", event.target.value)}
                error={rerun.error}
                required
              />
              <TextField
                id="rerun-deadline-time"
                name="deadlineTime"
                field="deadlineAt.time"
                type="time"
                label={t("bountyAdmin.fields.deadlineTime")}
                value={dates.deadlineTime}
                onChange={(event) => setDate("deadlineTime", event.target.value)}
                required
              />
            </>
          ) : (
            <>
              <TextField
                id="rerun-start-date"
                name="startDate"
                field="startsAt"
                type="date"
                label={t("bountyAdmin.fields.startDate")}
                min={today}
                value={dates.startDate}
                onChange={(event) => setDate("startDate", event.target.value)}
                error={rerun.error}
                required
              />
              <TextField
                id="rerun-start-time"
                name="startTime"
                field="startsAt.time"
                type="time"
                label={t("bountyAdmin.fields.startTime")}
                value={dates.startTime}
                onChange={(event) => setDate("startTime", event.target.value)}
                required
              />
              <TextField
                id="rerun-end-date"
                name="endDate"
                field="endsAt"
                type="date"
                label={t("bountyAdmin.fields.endDate")}
                min={dates.startDate || today}
                value={dates.endDate}
                onChange={(event) => setDate("endDate", event.target.value)}
                error={rerun.error}
                required
              />
              <TextField
                id="rerun-end-time"
                name="endTime"
                field="endsAt.time"
                type="time"
                label={t("bountyAdmin.fields.endTime")}
                value={dates.endTime}
                onChange={(event) => setDate("endTime", event.target.value)}
                required
              />
            </>
          )}
        </div>
      </ReasonForm>
      <ReasonForm
        id="cancel-after-delivery"
        heading={t("bountyAdmin.manage.cancelHeading")}
        intro={t("bountyAdmin.manage.cancelAfterDeliveryIntro")}
        submitLabel={t("bountyAdmin.manage.cancel")}
        onSubmit={(reason) => cancel.mutate(reason)}
        pending={cancel.isPending}
        error={cancel.error}
      />
    </>
  );
}
