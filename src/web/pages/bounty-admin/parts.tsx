import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { BountyView, SubmissionQueueView } from "../../../contracts/bounties.ts";
import { api, cityApi } from "../../api.ts";
import { formatMoney } from "../../components/money.ts";
import { Tag } from "../../components/uswds.tsx";
import type { RoleName } from "../../session.ts";

/** Pieces the DSO's bounty pages share. */

/** Who manages bounties; the server checks again (bounties.manage). */
export const bountyAdminRoles: RoleName[] = ["city_admin", "dso_staff", "contracting_officer"];

/** Who records payments; the server checks again (payments.manage). */
export const paymentRoles: RoleName[] = ["city_admin", "dso_staff"];

export function bountiesApi(slug: string): string {
  return `${cityApi(slug)}/bounties`;
}

export function submissionsApi(slug: string): string {
  return `${cityApi(slug)}/submissions`;
}

/** One bounty, drafts included (the reader is DSO staff). */
export function useBounty(slug: string, bountyId: string | undefined) {
  return useQuery({
    queryKey: ["bounty", slug, bountyId],
    queryFn: () => api.get<BountyView>(`${bountiesApi(slug)}/${encodeURIComponent(bountyId ?? "")}`),
    enabled: !!bountyId,
    retry: false,
  });
}

/** Deliveries, filtered by status or bounty: the review queue is `{ status: "pending_acceptance" }`. */
export function useSubmissions(slug: string, filter: { status?: string; bountyId?: string }) {
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => !!entry[1])).toString();
  return useQuery({
    queryKey: ["submissions", slug, filter],
    queryFn: () => api.get<SubmissionQueueView>(`${submissionsApi(slug)}${query ? `?${query}` : ""}`),
    retry: false,
  });
}

/** Money in minor units shown in the reader's language. */
export function useMoney(): (amountMinor: number, currency: string) => string {
  const { i18n } = useTranslation();
  return (amountMinor, currency) => formatMoney(amountMinor, currency, i18n.language || "en");
}

const bountyTones: Record<BountyView["status"], string> = {
  draft: "waitlist",
  published: "open",
  closed: "info",
  awarded: "info",
  cancelled: "muted",
};

export function BountyStatusTag({ status }: { status: BountyView["status"] }) {
  const { t } = useTranslation();
  return <Tag className={`civitas-tag civitas-tag--${bountyTones[status]}`}>{t(`bountyAdmin.status.${status}`)}</Tag>;
}

const submissionTones: Record<SubmissionQueueView["submissions"][number]["status"], string> = {
  pending_delivery: "info",
  in_progress: "info",
  pending_acceptance: "waitlist",
  accepted: "open",
  paid: "open",
  rejected: "full",
  missed_delivery: "full",
};

export function SubmissionStatusTag({ status }: { status: SubmissionQueueView["submissions"][number]["status"] }) {
  const { t } = useTranslation();
  return <Tag className={`civitas-tag civitas-tag--${submissionTones[status]}`}>{t(`bountyAdmin.submissionStatus.${status}`)}</Tag>;
}
