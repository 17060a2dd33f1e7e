import "./campaigns.css";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CampaignSummaryView } from "../../../contracts/campaigns.ts";
import { api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Table } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { CampaignStatusTag, campaignRoles, campaignsApi, useNumberFormat } from "./parts.tsx";

/** The city's campaigns, newest first, with where each one stands. */
export default function CampaignsPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={campaignRoles}>
      <AdminBreadcrumb current={t("campaigns.title")} />
      <Campaigns />
    </RequireAccess>
  );
}

function Campaigns() {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const number = useNumberFormat();
  const list = useQuery({
    queryKey: ["campaigns", slug],
    queryFn: () => api.get<{ campaigns: CampaignSummaryView[] }>(campaignsApi(slug)),
  });
  const when = (item: CampaignSummaryView): string => {
    const at = (iso: string) => formatDateTime(iso, i18n.language, city.data?.timeZone);
    if (item.status === "scheduled" && item.scheduledFor) return t("campaigns.list.scheduledFor", { when: at(item.scheduledFor) });
    if (item.finishedAt && item.status === "sent") return t("campaigns.list.sentAt", { when: at(item.finishedAt) });
    if (item.queuedAt) return t("campaigns.list.startedAt", { when: at(item.queuedAt) });
    return t("campaigns.list.createdAt", { when: at(item.createdAt) });
  };

  return (
    <>
      <PageHeading>{t("campaigns.title")}</PageHeading>
      <p className="usa-intro">{t("campaigns.intro")}</p>
      <p>
        <Link className="usa-button" to={`/${slug}/admin/campaigns/new`}>
          {t("campaigns.list.new")}
        </Link>
      </p>
      <ProblemAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.campaigns.length === 0 ? <p className="civitas-space-above">{t("campaigns.list.none")}</p> : null}
      {list.data && list.data.campaigns.length > 0 ? (
        <Table stacked caption={t("campaigns.list.caption", { count: list.data.campaigns.length })}>
          <thead>
            <tr>
              <th scope="col">{t("campaigns.fields.name")}</th>
              <th scope="col">{t("campaigns.fields.channel")}</th>
              <th scope="col">{t("campaigns.list.status")}</th>
              <th scope="col">{t("campaigns.list.recipients")}</th>
              <th scope="col">{t("campaigns.list.when")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.campaigns.map((item) => (
              <tr key={item.id}>
                <th scope="row" data-label={t("campaigns.fields.name")} className="civitas-break">
                  <Link to={`/${slug}/admin/campaigns/${item.id}`}>{item.name}</Link>
                </th>
                <td data-label={t("campaigns.fields.channel")}>{t(`campaigns.channel.${item.channel}`)}</td>
                <td data-label={t("campaigns.list.status")}>
                  <CampaignStatusTag status={item.status} />
                </td>
                <td data-label={t("campaigns.list.recipients")}>{item.status === "draft" ? "—" : number(item.recipientCount)}</td>
                <td data-label={t("campaigns.list.when")}>{when(item)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}
