import { useTranslation } from "react-i18next";
import type { VendorView } from "../../../contracts/vendors.ts";
import { cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { formatDateTime } from "../../components/formatting.ts";
import { Tag } from "../../components/uswds.tsx";
import type { RoleName } from "../../session.ts";

/** Pieces the vendor's own page and the DSO's review queue share. */

/** Who sees vendors' details and verifies them, as the API allows. */
export const vendorReviewRoles: RoleName[] = ["city_admin", "dso_staff"];

/** Those who write, award or pay the city's bounties; the API refuses them as vendors. */
export const rolesThatCannotBeVendors: RoleName[] = ["city_admin", "dso_staff", "agency_staff", "contracting_officer"];

export function vendorsApi(slug: string): string {
  return `${cityApi(slug)}/vendors`;
}

const tones: Record<VendorView["status"], string> = { pending: "waitlist", verified: "open", rejected: "full" };

export function VendorStatusTag({ status }: { status: VendorView["status"] }) {
  const { t } = useTranslation();
  return <Tag className={`civitas-tag civitas-tag--${tones[status]}`}>{t(`vendors.status.${status}`)}</Tag>;
}

/** A vendor's registration as a list of facts; dates in the city's time zone. */
export function VendorFacts({ vendor }: { vendor: VendorView }) {
  const { t, i18n } = useTranslation();
  const city = useCity(useCitySlug());
  const when = (iso: string) => formatDateTime(iso, i18n.language, city.data?.timeZone);
  return (
    <dl className="civitas-facts">
      <dt>{t("vendors.fields.legalName")}</dt>
      <dd className="civitas-break">{vendor.legalName}</dd>
      <dt>{t("vendors.fields.smallBusiness")}</dt>
      <dd>{vendor.smallBusiness ? t("vendors.yes") : t("vendors.no")}</dd>
      <dt>{t("vendors.fields.taxFormOnFile")}</dt>
      <dd>{vendor.taxFormOnFile ? t("vendors.yes") : t("vendors.no")}</dd>
      <dt>{t("vendors.fields.paymentReference")}</dt>
      <dd className="civitas-break">{vendor.paymentReference ?? t("vendors.none")}</dd>
      <dt>{t("vendors.fields.registeredAt")}</dt>
      <dd>{when(vendor.createdAt)}</dd>
      {vendor.verifiedAt ? (
        <>
          <dt>{t("vendors.fields.verifiedAt")}</dt>
          <dd>{when(vendor.verifiedAt)}</dd>
        </>
      ) : null}
      {vendor.status === "rejected" && vendor.reviewReason ? (
        <>
          <dt>{t("vendors.fields.reason")}</dt>
          <dd className="civitas-break civitas-description">{vendor.reviewReason}</dd>
        </>
      ) : null}
    </dl>
  );
}
