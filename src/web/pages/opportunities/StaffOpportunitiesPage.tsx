import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { AgencyView } from "../../../contracts/agencies.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Select, Table, Tag } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { useLocale } from "./parts.tsx";
import { useManageableAgencies } from "./staff.ts";

/** The opportunities a member of staff can manage, with how full their shifts are. */

interface StaffOpportunity {
  id: string;
  title: string;
  agency: { id: string; name: string } | null;
  group: { id: string; slug: string; name: string } | null;
  status: "draft" | "published" | "archived";
  visibility: "public" | "unlisted";
  locationKind: "in_person" | "remote";
  upcomingShifts: number;
  confirmed: number;
  capacity: number;
  nextShiftAt: string | null;
}

/** Who manages opportunities: staff for their agencies, group organizers for their groups' events. The server checks again. */
export const staffRoles = ["city_admin", "dso_staff", "agency_staff", "group_organizer"] as const;

export default function StaffOpportunitiesPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={[...staffRoles]} organizers>
      <AdminBreadcrumb current={t("opportunities.staff.title")} />
      <StaffOpportunities />
    </RequireAccess>
  );
}

export function StatusTag({ status }: { status: StaffOpportunity["status"] }) {
  const { t } = useTranslation();
  const tone = status === "published" ? "open" : status === "draft" ? "waitlist" : "muted";
  return <Tag className={`civitas-tag civitas-tag--${tone}`}>{t(`opportunities.status.${status}`)}</Tag>;
}

function StaffOpportunities() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const status = params.get("status") ?? "";
  const agencyId = params.get("agencyId") ?? "";
  const agencies = useManageableAgencies(slug);
  const query = new URLSearchParams({ ...(status && { status }), ...(agencyId && { agencyId }) }).toString();
  const list = useQuery({
    queryKey: ["staffOpportunities", slug, query],
    queryFn: () => api.get<{ opportunities: StaffOpportunity[] }>(`${cityApi(slug)}/admin/opportunities${query ? `?${query}` : ""}`),
  });
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeading>{t("opportunities.staff.title")}</PageHeading>
      <p className="usa-intro">{t("opportunities.staff.intro")}</p>
      <p>
        <Link className="usa-button" to={`/${slug}/admin/opportunities/new`}>
          {t("opportunities.staff.new")}
        </Link>
      </p>
      <div className="usa-form civitas-inline-form">
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="staff-status">
            {t("opportunities.staff.statusFilter")}
          </label>
          <Select id="staff-status" value={status} onChange={(event) => setFilter("status", event.target.value)}>
            <option value="">{t("opportunities.staff.anyStatus")}</option>
            {(["draft", "published", "archived"] as const).map((value) => (
              <option key={value} value={value}>
                {t(`opportunities.status.${value}`)}
              </option>
            ))}
          </Select>
        </div>
        {agencies.data && agencies.data.length > 1 ? (
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="staff-agency">
              {t("fields.agency")}
            </label>
            <Select id="staff-agency" value={agencyId} onChange={(event) => setFilter("agencyId", event.target.value)}>
              <option value="">{t("opportunities.staff.anyAgency")}</option>
              {agencies.data.map((agency: AgencyView) => (
                <option key={agency.id} value={agency.id}>
                  {agency.name}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
      </div>
      <ProblemAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.opportunities.length === 0 ? <p className="civitas-space-above">{t("opportunities.staff.none")}</p> : null}
      {list.data && list.data.opportunities.length > 0 ? (
        <Table stacked caption={t("opportunities.staff.caption", { count: list.data.opportunities.length })}>
          <thead>
            <tr>
              <th scope="col">{t("opportunities.fields.title")}</th>
              <th scope="col">{t("opportunities.staff.host")}</th>
              <th scope="col">{t("opportunities.staff.status")}</th>
              <th scope="col">{t("opportunities.staff.nextShift")}</th>
              <th scope="col">{t("opportunities.staff.fill")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.opportunities.map((item) => (
              <tr key={item.id}>
                <th scope="row" data-label={t("opportunities.fields.title")}>
                  <Link to={`/${slug}/admin/opportunities/${item.id}`}>{item.title}</Link>
                </th>
                <td data-label={t("opportunities.staff.host")}>
                  {item.group ? <Link to={`/${slug}/groups/${item.group.slug}`}>{item.group.name}</Link> : item.agency?.name}
                </td>
                <td data-label={t("opportunities.staff.status")}>
                  <StatusTag status={item.status} />
                  {item.visibility === "unlisted" ? <span className="civitas-block-note">{t("opportunities.visibility.unlisted")}</span> : null}
                </td>
                <td data-label={t("opportunities.staff.nextShift")}>
                  {item.nextShiftAt ? formatDateTime(item.nextShiftAt, locale, city.data?.timeZone) : t("opportunities.staff.noShift")}
                  {item.upcomingShifts > 0 ? (
                    <span className="civitas-block-note">{t("opportunities.staff.upcomingShifts", { count: item.upcomingShifts })}</span>
                  ) : null}
                </td>
                <td data-label={t("opportunities.staff.fill")}>
                  {item.capacity > 0 ? t("opportunities.staff.filled", { confirmed: item.confirmed, capacity: item.capacity }) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}
