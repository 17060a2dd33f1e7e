import "./bounties.css";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { BountyListItemView, BountyListView } from "../../../contracts/bounties.ts";
import { api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField } from "../../components/Fields.tsx";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Button, Form, Table } from "../../components/uswds.tsx";
import { rolesIn, useMe } from "../../session.ts";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { BountyStatusTag, bountiesApi, kindKey, useLocale, useMoney } from "./parts.tsx";

/**
 * The city's paid work, open to anyone: fixed-price bounties and micro-purchase auctions, the open
 * ones first (soonest to end), then those recently awarded or closed. The filters live in the
 * address, so a filtered list can be shared.
 */

const kinds = ["fixed", "multi", "sealed"] as const;
const statuses = ["published", "awarded", "closed", "cancelled"] as const;

interface Filters {
  kind: string;
  status: string;
}

function filtersOf(params: URLSearchParams): Filters {
  const kind = params.get("kind") ?? "";
  const status = params.get("status") ?? "";
  return { kind: (kinds as readonly string[]).includes(kind) ? kind : "", status: (statuses as readonly string[]).includes(status) ? status : "" };
}

/** The API filters by fixed or auction; the auction type is picked out here. */
function queryOf(filters: Filters): string {
  const query = new URLSearchParams();
  if (filters.kind) query.set("kind", filters.kind === "fixed" ? "fixed" : "auction");
  if (filters.status) query.set("status", filters.status);
  return query.toString();
}

function shown(items: BountyListItemView[], filters: Filters): BountyListItemView[] {
  return items.filter((item) => {
    if (filters.kind === "multi" || filters.kind === "sealed") {
      if (item.auctionType !== filters.kind) return false;
    }
    // Without a status filter the list is what can still be won and what was decided; cancelled ones only on request.
    return filters.status ? true : item.status !== "cancelled";
  });
}

export default function BountiesPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const locale = useLocale();
  const money = useMoney();
  const me = useMe();
  const isVendor = !!me.data?.user && rolesIn(me.data, slug).includes("vendor");
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const query = queryOf(applied);
  const [draft, setDraft] = useState<Filters>(applied);
  // The back button changes the address: the form follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the applied filters are derived from the address
  useEffect(() => setDraft(filtersOf(params)), [params.toString()]);
  const list = useQuery({
    queryKey: ["bounties", slug, query],
    queryFn: () => api.get<BountyListView>(`${bountiesApi(slug)}${query ? `?${query}` : ""}`),
    enabled: city.isSuccess,
    placeholderData: keepPreviousData,
  });

  if (city.isPending) return <Loading />;
  if (city.error || !city.data) return <NotFoundPage />;
  const timeZone = city.data.timeZone;
  const items = list.data ? shown(list.data.bounties, applied) : [];

  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.kind) next.set("kind", draft.kind);
    if (draft.status) next.set("status", draft.status);
    setParams(next);
  };

  return (
    <>
      <PageHeading>{t("bounties.list.title")}</PageHeading>
      <p className="usa-intro">{t("bounties.list.intro", { city: city.data.name })}</p>
      {isVendor ? (
        <p>
          <Link to={`/${slug}/my-work`}>{t("bounties.list.yourWork")}</Link>
        </p>
      ) : null}

      <Form className="civitas-listing-filters" onSubmit={apply} aria-label={t("bounties.list.filtersLabel")}>
        <div className="civitas-filter-grid">
          <SelectField
            id="bounty-kind"
            name="kind"
            label={t("bounties.list.kindFilter")}
            value={draft.kind}
            onChange={(event) => setDraft({ ...draft, kind: event.target.value })}
          >
            <option value="">{t("bounties.list.anyKind")}</option>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`bounties.kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="bounty-status"
            name="status"
            label={t("bounties.list.statusFilter")}
            value={draft.status}
            onChange={(event) => setDraft({ ...draft, status: event.target.value })}
          >
            <option value="">{t("bounties.list.openAndDecided")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t(`bounties.list.statusOption.${status}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="civitas-filter-actions">
          <Button type="submit">{t("bounties.list.apply")}</Button>
        </div>
      </Form>

      <ProblemAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && items.length === 0 ? <p className="civitas-empty">{t("bounties.list.none")}</p> : null}
      {items.length > 0 ? (
        <Table stacked caption={t("bounties.list.caption", { count: items.length })}>
          <thead>
            <tr>
              <th scope="col">{t("bounties.list.columns.title")}</th>
              <th scope="col">{t("bounties.list.columns.kind")}</th>
              <th scope="col">{t("bounties.list.columns.amount")}</th>
              <th scope="col">{t("bounties.list.columns.lowestBid")}</th>
              <th scope="col">{t("bounties.list.columns.ends")}</th>
              <th scope="col">{t("bounties.list.columns.status")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const ends = item.kind === "auction" ? item.endsAt : item.deadlineAt;
              return (
                <tr key={item.id}>
                  <th scope="row" data-label={t("bounties.list.columns.title")} className="civitas-break">
                    <Link to={`/${slug}/bounties/${item.id}`}>{item.title}</Link>
                  </th>
                  <td data-label={t("bounties.list.columns.kind")}>{t(kindKey(item))}</td>
                  <td data-label={t("bounties.list.columns.amount")}>
                    {item.kind === "auction"
                      ? t("bounties.list.startPrice", { amount: money(item.amountMinor, item.currency) })
                      : money(item.amountMinor, item.currency)}
                  </td>
                  <td data-label={t("bounties.list.columns.lowestBid")}>
                    <LowestBid item={item} money={money} />
                  </td>
                  <td data-label={t("bounties.list.columns.ends")}>{ends ? formatDateTime(ends, locale, timeZone) : "—"}</td>
                  <td data-label={t("bounties.list.columns.status")}>
                    <BountyStatusTag bounty={item} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}

function LowestBid({ item, money }: { item: BountyListItemView; money: (amountMinor: number, currency: string) => string }) {
  const { t } = useTranslation();
  if (item.kind === "fixed") return <>{t("bounties.list.noBidding")}</>;
  if (item.bidCount === null) return <>{t("bounties.list.sealed")}</>;
  if (item.lowestBidMinor === null) return <>{t("bounties.list.noBids")}</>;
  return <>{t("bounties.list.lowestOf", { amount: money(item.lowestBidMinor, item.currency), count: item.bidCount })}</>;
}
