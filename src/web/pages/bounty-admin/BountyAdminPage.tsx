import "./bounty-admin.css";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { BountyListView, BountyView } from "../../../contracts/bounties.ts";
import { api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField } from "../../components/Fields.tsx";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Table } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { BountyStatusTag, bountiesApi, bountyAdminRoles, useMoney, useSubmissions } from "./parts.tsx";

const statuses: BountyView["status"][] = ["draft", "published", "closed", "awarded", "cancelled"];

/** Every bounty and auction of the city, drafts included, and the deliveries waiting for review. */
export default function BountyAdminPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={bountyAdminRoles}>
      <AdminBreadcrumb current={t("bountyAdmin.title")} />
      <Bounties />
    </RequireAccess>
  );
}

function Bounties() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  return (
    <>
      <PageHeading>{t("bountyAdmin.title")}</PageHeading>
      <p className="usa-intro">{t("bountyAdmin.intro")}</p>
      <p>
        <Link className="usa-button" to={`/${slug}/admin/bounties/new`}>
          {t("bountyAdmin.list.new")}
        </Link>
      </p>
      <ReviewQueue />
      <AllBounties />
    </>
  );
}

function ReviewQueue() {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const money = useMoney();
  const queue = useSubmissions(slug, { status: "pending_acceptance" });
  const items = queue.data?.submissions;
  return (
    <section aria-labelledby="review-queue" className="civitas-space-above">
      <h2 id="review-queue">{t("bountyAdmin.queue.heading")}</h2>
      <ProblemAlert error={queue.error} />
      {queue.isPending ? <Loading /> : null}
      {items && items.length === 0 ? <p>{t("bountyAdmin.queue.none")}</p> : null}
      {items && items.length > 0 ? (
        <Table stacked caption={t("bountyAdmin.queue.caption", { count: items.length })}>
          <thead>
            <tr>
              <th scope="col">{t("bountyAdmin.fields.bounty")}</th>
              <th scope="col">{t("bountyAdmin.fields.vendor")}</th>
              <th scope="col">{t("bountyAdmin.fields.dueAt")}</th>
              <th scope="col">{t("bountyAdmin.fields.pullRequest")}</th>
              <th scope="col">{t("bountyAdmin.fields.amount")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row" data-label={t("bountyAdmin.fields.bounty")} className="civitas-break">
                  <Link to={`/${slug}/admin/bounties/${item.bountyId}`}>{item.bountyTitle}</Link>
                </th>
                <td data-label={t("bountyAdmin.fields.vendor")} className="civitas-break">
                  {item.vendorLegalName}
                </td>
                <td data-label={t("bountyAdmin.fields.dueAt")}>{formatDateTime(item.dueAt, i18n.language, city.data?.timeZone)}</td>
                <td data-label={t("bountyAdmin.fields.pullRequest")} className="civitas-break">
                  {item.pullRequestUrl ? (
                    <a href={item.pullRequestUrl} rel="noreferrer">
                      {item.pullRequestUrl.replace("https://github.com/", "")}
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
                <td data-label={t("bountyAdmin.fields.amount")}>{money(item.amountMinor, item.currency)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

function AllBounties() {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const money = useMoney();
  const [search, setSearch] = useSearchParams();
  const status = statuses.find((value) => value === search.get("status")) ?? "";
  const list = useQuery({
    queryKey: ["bounties", slug, "admin", status],
    queryFn: () => api.get<BountyListView>(`${bountiesApi(slug)}?includeDrafts=true${status ? `&status=${status}` : ""}`),
  });
  const items = list.data?.bounties;
  return (
    <section aria-labelledby="all-bounties" className="civitas-space-above">
      <h2 id="all-bounties">{t("bountyAdmin.list.heading")}</h2>
      <div className="civitas-bounty-admin-filter">
        <SelectField
          id="bounty-status-filter"
          name="status"
          label={t("bountyAdmin.list.statusFilter")}
          value={status}
          onChange={(event) => {
            const next = new URLSearchParams(search);
            if (event.target.value) next.set("status", event.target.value);
            else next.delete("status");
            setSearch(next, { replace: true });
          }}
        >
          <option value="">{t("bountyAdmin.list.anyStatus")}</option>
          {statuses.map((value) => (
            <option key={value} value={value}>
              {t(`bountyAdmin.status.${value}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <ProblemAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {items && items.length === 0 ? <p>{t("bountyAdmin.list.none")}</p> : null}
      {items && items.length > 0 ? (
        <Table stacked caption={t("bountyAdmin.list.caption", { count: items.length })}>
          <thead>
            <tr>
              <th scope="col">{t("bountyAdmin.fields.title")}</th>
              <th scope="col">{t("bountyAdmin.fields.kind")}</th>
              <th scope="col">{t("bountyAdmin.fields.status")}</th>
              <th scope="col">{t("bountyAdmin.fields.amount")}</th>
              <th scope="col">{t("bountyAdmin.fields.when")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row" data-label={t("bountyAdmin.fields.title")} className="civitas-break">
                  <Link to={`/${slug}/admin/bounties/${item.id}`}>{item.title}</Link>
                </th>
                <td data-label={t("bountyAdmin.fields.kind")}>
                  {item.kind === "auction" ? t(`bountyAdmin.auctionType.${item.auctionType ?? "multi"}`) : t("bountyAdmin.kind.fixed")}
                </td>
                <td data-label={t("bountyAdmin.fields.status")}>
                  <BountyStatusTag status={item.status} />
                </td>
                <td data-label={t("bountyAdmin.fields.amount")}>
                  {money(item.amountMinor, item.currency)}
                  {item.lowestBidMinor !== null ? (
                    <span className="display-block usa-hint">{t("bountyAdmin.list.lowestBid", { amount: money(item.lowestBidMinor, item.currency) })}</span>
                  ) : null}
                </td>
                <td data-label={t("bountyAdmin.fields.when")}>
                  {item.kind === "auction" && item.endsAt
                    ? t("bountyAdmin.list.ends", { when: formatDateTime(item.endsAt, i18n.language, city.data?.timeZone) })
                    : item.deadlineAt
                      ? t("bountyAdmin.list.deadline", { when: formatDateTime(item.deadlineAt, i18n.language, city.data?.timeZone) })
                      : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
