import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { BountyView, SubmissionView } from "../../../contracts/bounties.ts";
import type { VendorView } from "../../../contracts/vendors.ts";
import { api, cityApi } from "../../api.ts";
import { useMoneyFormat } from "../../components/money.ts";
import { Tag } from "../../components/uswds.tsx";
import { rolesIn, useMe } from "../../session.ts";

/** Pieces the public bounty pages and the vendor's own work share. */

export function bountiesApi(city: string): string {
  return `${cityApi(city)}/bounties`;
}

/** The reader's language, for Intl formatting. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.language || "en";
}

/** Money from minor units in the reader's language (see components/money.ts). */
export const useMoney = useMoneyFormat;

/**
 * How long until `iso`, in words: "in 6 days", "in 3 hours", "dentro de 6 días". Rounded down to the
 * largest whole unit, so an auction never looks further from its end than it is.
 */
export function formatTimeLeft(iso: string, now: number, locale: string): string | null {
  const milliseconds = new Date(iso).getTime() - now;
  if (milliseconds <= 0) return null;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "always" });
  const minutes = Math.floor(milliseconds / 60_000);
  if (minutes >= 2 * 24 * 60) return format.format(Math.floor(minutes / (24 * 60)), "day");
  if (minutes >= 120) return format.format(Math.floor(minutes / 60), "hour");
  return format.format(Math.max(minutes, 1), "minute");
}

/** "Fixed price", "Multi-bid auction", "Sealed-bid auction". */
export function kindKey(bounty: Pick<BountyView, "kind" | "auctionType">): string {
  if (bounty.kind === "fixed") return "bounties.kinds.fixed";
  return bounty.auctionType === "sealed" ? "bounties.kinds.sealed" : "bounties.kinds.multi";
}

/**
 * A moment in the city's zone with the zone's short name: "Dec 5, 2026, 5:00 PM CST". Intl refuses
 * dateStyle together with timeZoneName, hence the fields one by one.
 */
export function formatInZone(iso: string, locale: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(new Date(iso));
}

/** Whether bidding is open right now: published, started, not yet ended. */
export function biddingOpen(bounty: BountyView, now: number): boolean {
  if (bounty.kind !== "auction" || bounty.status !== "published") return false;
  const started = !bounty.startsAt || new Date(bounty.startsAt).getTime() <= now;
  const ended = !!bounty.endsAt && new Date(bounty.endsAt).getTime() <= now;
  return started && !ended;
}

const statusTagClass: Record<BountyView["status"], string> = {
  draft: "civitas-tag--muted",
  published: "civitas-tag--open",
  closed: "civitas-tag--muted",
  awarded: "civitas-tag--info",
  cancelled: "civitas-tag--full",
};

export function BountyStatusTag({ bounty }: { bounty: Pick<BountyView, "status" | "kind"> }) {
  const { t } = useTranslation();
  const label = bounty.status === "published" && bounty.kind === "auction" ? t("bounties.status.biddingOpen") : t(`bounties.status.${bounty.status}`);
  return <Tag className={`civitas-tag ${statusTagClass[bounty.status]}`}>{label}</Tag>;
}

const deliveryTagClass: Record<SubmissionView["status"], string> = {
  pending_delivery: "civitas-tag--waitlist",
  in_progress: "civitas-tag--info",
  pending_acceptance: "civitas-tag--info",
  accepted: "civitas-tag--open",
  paid: "civitas-tag--open",
  rejected: "civitas-tag--full",
  missed_delivery: "civitas-tag--full",
};

export function DeliveryStatusTag({ status }: { status: SubmissionView["status"] }) {
  const { t } = useTranslation();
  return <Tag className={`civitas-tag ${deliveryTagClass[status]}`}>{t(`bounties.deliveryStatus.${status}`)}</Tag>;
}

/**
 * The signed-in person's vendor profile in this city, asked for only when they hold the city's vendor
 * role: others have none, and asking would only answer "not found".
 */
export function useMyVendor(city: string) {
  const me = useMe();
  const isVendor = !!me.data?.user && rolesIn(me.data, city).includes("vendor");
  const vendor = useQuery({
    queryKey: ["vendor", city, "me"],
    queryFn: () => api.get<VendorView>(`${cityApi(city)}/vendors/me`),
    enabled: isVendor,
    retry: false,
    staleTime: 60_000,
  });
  return { me, isVendor, vendor };
}
