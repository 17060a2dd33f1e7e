import "./vendors.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { VendorView } from "../../../contracts/vendors.ts";
import { api } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { SelectField, TextAreaField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, ButtonGroup, Form } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { useFocusOnChange } from "../opportunities/parts.tsx";
import { VendorFacts, VendorStatusTag, vendorReviewRoles, vendorsApi } from "./parts.tsx";

/** The DSO's queue of vendor registrations: those waiting first, each with its details, verified or rejected with a reason. */

type StatusFilter = VendorView["status"] | "all";
const statusFilters: StatusFilter[] = ["all", "pending", "verified", "rejected"];
const statusOrder: Record<VendorView["status"], number> = { pending: 0, verified: 1, rejected: 2 };

/** Waiting registrations first, the oldest of them first (they have waited longest); then the rest, newest first. */
export function inReviewOrder(vendors: VendorView[]): VendorView[] {
  return [...vendors].sort((a, b) => {
    if (a.status !== b.status) return statusOrder[a.status] - statusOrder[b.status];
    return a.status === "pending" ? a.createdAt.localeCompare(b.createdAt) : b.createdAt.localeCompare(a.createdAt);
  });
}

export default function VendorsReviewPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={vendorReviewRoles}>
      <AdminBreadcrumb current={t("vendors.review.title")} />
      <VendorsReview />
    </RequireAccess>
  );
}

function VendorsReview() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const [params, setParams] = useSearchParams();
  const requested = params.get("status") as StatusFilter | null;
  const status: StatusFilter = requested && statusFilters.includes(requested) ? requested : "all";
  const [draft, setDraft] = useState<StatusFilter>(status);
  useEffect(() => setDraft(status), [status]);
  const list = useQuery({
    queryKey: ["vendors", slug, status],
    queryFn: () => api.get<{ vendors: VendorView[] }>(`${vendorsApi(slug)}${status === "all" ? "" : `?status=${status}`}`),
  });
  const [announcement, setAnnouncement] = useState("");
  const vendors = list.data ? inReviewOrder(list.data.vendors) : [];
  const waiting = vendors.filter((vendor) => vendor.status === "pending").length;

  return (
    <>
      <PageHeading>{t("vendors.review.title")}</PageHeading>
      <p className="usa-intro">{t("vendors.review.intro")}</p>
      <form
        className="usa-form civitas-inline-form"
        aria-label={t("vendors.review.filterLabel")}
        onSubmit={(event) => {
          event.preventDefault();
          setParams(draft === "all" ? {} : { status: draft });
        }}
      >
        <SelectField
          id="vendors-status"
          name="status"
          label={t("vendors.review.statusFilter")}
          value={draft}
          onChange={(event) => setDraft(event.target.value as StatusFilter)}
        >
          {statusFilters.map((option) => (
            <option key={option} value={option}>
              {option === "all" ? t("vendors.review.allStatuses") : t(`vendors.status.${option}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit">{t("common.filter")}</Button>
      </form>
      <div role="status" className="civitas-vendor-announcement">
        {announcement ? (
          <Alert type="success" headingLevel="h2" slim>
            {announcement}
          </Alert>
        ) : null}
      </div>
      <ProblemAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <>
          <p className="civitas-result-count">
            {t("vendors.review.count", { count: vendors.length })}
            {status === "all" || status === "pending" ? ` ${t("vendors.review.waiting", { count: waiting })}` : null}
          </p>
          {vendors.length === 0 ? <p>{status === "pending" ? t("vendors.review.nonePending") : t("vendors.review.none")}</p> : null}
          <ul className="usa-list usa-list--unstyled civitas-vendor-list">
            {vendors.map((vendor) => (
              <VendorItem key={vendor.id} vendor={vendor} onReviewed={setAnnouncement} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function VendorItem({ vendor, onReviewed }: { vendor: VendorView; onReviewed: (message: string) => void }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const review = useMutation({
    mutationFn: (body: { decision: "verified" | "rejected"; reason?: string }) => api.post<VendorView>(`${vendorsApi(slug)}/${vendor.id}/review`, body),
    onSuccess: async (reviewed) => {
      setRejecting(false);
      setReason("");
      onReviewed(t(`vendors.review.done.${reviewed.status}`, { name: reviewed.legalName }));
      await queryClient.invalidateQueries({ queryKey: ["vendors", slug] });
    },
  });
  useFocusOnChange(rejecting, rejecting ? `vendor-reason-${vendor.id}` : `vendor-reject-${vendor.id}`);
  const headingId = `vendor-${vendor.id}`;
  return (
    <li className="civitas-vendor-item" aria-labelledby={headingId}>
      <h2 id={headingId} className="civitas-vendor-item__heading">
        <span className="civitas-break">{vendor.legalName}</span> <VendorStatusTag status={vendor.status} />
      </h2>
      <VendorFacts vendor={vendor} />
      <ProblemAlert error={review.error} fieldLabels={{ reason: t("vendors.fields.reason") }} />
      {rejecting ? (
        <Form
          onSubmit={(event) => {
            event.preventDefault();
            review.mutate({ decision: "rejected", reason });
          }}
        >
          <TextAreaField
            id={`vendor-reason-${vendor.id}`}
            name="reason"
            label={t("vendors.fields.reason")}
            hint={t("vendors.review.reasonHint")}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={review.error}
            required
            maxLength={2000}
            rows={3}
          />
          <ButtonGroup>
            <Button type="submit" secondary disabled={review.isPending}>
              {t("vendors.review.confirmReject")}
              <span className="usa-sr-only"> – {vendor.legalName}</span>
            </Button>
            <Button type="button" outline onClick={() => setRejecting(false)}>
              {t("common.cancel")}
            </Button>
          </ButtonGroup>
        </Form>
      ) : (
        <ButtonGroup>
          {vendor.status !== "verified" ? (
            <Button type="button" onClick={() => review.mutate({ decision: "verified" })} disabled={review.isPending}>
              {t("vendors.review.verify")}
              <span className="usa-sr-only"> – {vendor.legalName}</span>
            </Button>
          ) : null}
          {vendor.status !== "rejected" ? (
            <Button id={`vendor-reject-${vendor.id}`} type="button" outline onClick={() => setRejecting(true)}>
              {t("vendors.review.reject")}
              <span className="usa-sr-only"> – {vendor.legalName}</span>
            </Button>
          ) : null}
        </ButtonGroup>
      )}
    </li>
  );
}
