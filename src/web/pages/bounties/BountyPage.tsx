import "./bounties.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import type { AuctionBidsView, AuctionBidView, BountyAwardView, BountyView } from "../../../contracts/bounties.ts";
import { ApiProblem, api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert, Button, Form, Table, Tag } from "../../components/uswds.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import {
  BountyStatusTag,
  biddingOpen,
  bountiesApi,
  DeliveryStatusTag,
  formatInZone,
  formatTimeLeft,
  kindKey,
  useLocale,
  useMoney,
  useMyVendor,
} from "./parts.tsx";

/**
 * One bounty as anyone may see it: what the work is, what it must meet, what it pays and when it
 * ends. An auction's bids update by themselves while bidding is open, and a verified vendor bids
 * from here.
 */

/** How often an open auction's bids are fetched again: about as often as people bid in the last minutes. */
const liveBidsInterval = 4_000;

/** The current time, moved on every half minute, for "time left". */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export default function BountyPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { bountyId = "" } = useParams();
  const city = useCity(slug);
  const locale = useLocale();
  const money = useMoney();
  const now = useNow();
  const bounty = useQuery({
    queryKey: ["bounty", slug, bountyId],
    queryFn: () => api.get<BountyView>(`${bountiesApi(slug)}/${encodeURIComponent(bountyId)}`),
    enabled: city.isSuccess,
    retry: false,
    // An open bounty may close or be awarded while the page is open.
    refetchInterval: (query) => (query.state.data?.status === "published" ? 30_000 : false),
  });

  if (city.isPending || bounty.isPending) return city.error ? <NotFoundPage /> : <Loading />;
  if (bounty.error instanceof ApiProblem && (bounty.error.status === 404 || bounty.error.status === 400)) return <NotFoundPage />;
  if (bounty.error || !city.data) {
    return (
      <>
        <PageHeading>{t("bounties.detail.unavailable")}</PageHeading>
        <ProblemAlert error={bounty.error} />
      </>
    );
  }
  const item = bounty.data;
  const timeZone = city.data.timeZone;
  const at = (iso: string) => formatInZone(iso, locale, timeZone);
  const endsAt = item.kind === "auction" ? item.endsAt : item.deadlineAt;
  const timeLeft = item.status === "published" && endsAt ? formatTimeLeft(endsAt, now, locale) : null;
  const notStarted = item.kind === "auction" && item.status === "published" && !!item.startsAt && new Date(item.startsAt).getTime() > now;

  return (
    <>
      <p className="civitas-back-link">
        <Link to={`/${slug}/bounties`}>{t("bounties.detail.back")}</Link>
      </p>
      <PageHeading>{item.title}</PageHeading>
      <p>
        <BountyStatusTag bounty={item} /> <span className="civitas-card-agency">{t(kindKey(item))}</span>
      </p>
      {item.status === "cancelled" ? (
        <Alert type="info" headingLevel="h2" slim>
          {item.cancelReason ? t("bounties.detail.cancelledBecause", { reason: item.cancelReason }) : t("bounties.detail.cancelled")}
        </Alert>
      ) : null}

      <dl className="civitas-facts">
        <dt>{item.kind === "auction" ? t("bounties.detail.startPrice") : t("bounties.detail.price")}</dt>
        <dd>{money(item.amountMinor, item.currency)}</dd>
        {item.kind === "auction" && item.startsAt ? (
          <>
            <dt>{t("bounties.detail.opens")}</dt>
            <dd>{at(item.startsAt)}</dd>
          </>
        ) : null}
        {endsAt ? (
          <>
            <dt>{item.kind === "auction" ? t("bounties.detail.ends") : t("bounties.detail.deadline")}</dt>
            <dd>
              {at(endsAt)}
              {timeLeft ? <span className="civitas-block-note">{t("bounties.detail.timeLeft", { when: timeLeft })}</span> : null}
            </dd>
          </>
        ) : null}
        <dt>{t("bounties.detail.licence")}</dt>
        <dd>{item.requiredLicence}</dd>
        {item.deliveryBusinessDays !== null ? (
          <>
            <dt>{t("bounties.detail.delivery")}</dt>
            <dd>{t("bounties.detail.deliveryDays", { count: item.deliveryBusinessDays })}</dd>
          </>
        ) : null}
        {item.repositoryIssueUrl ? (
          <>
            <dt>{t("bounties.detail.issue")}</dt>
            <dd className="civitas-break">
              <a href={item.repositoryIssueUrl}>{item.repositoryIssueUrl}</a>
            </dd>
          </>
        ) : null}
        {item.smallBusinessOnly ? (
          <>
            <dt>{t("bounties.detail.eligibility")}</dt>
            <dd>{t("bounties.detail.smallBusinessOnly")}</dd>
          </>
        ) : null}
      </dl>

      {item.description ? (
        <section aria-labelledby="bounty-description">
          <h2 id="bounty-description">{t("bounties.detail.descriptionHeading")}</h2>
          <div className="civitas-description">{item.description}</div>
        </section>
      ) : null}

      <section aria-labelledby="bounty-criteria">
        <h2 id="bounty-criteria">{t("bounties.detail.criteriaHeading")}</h2>
        <p>{t("bounties.detail.criteriaIntro")}</p>
        <ul className="usa-list">
          {item.acceptanceCriteria.map((criterion) => (
            <li key={criterion}>{criterion}</li>
          ))}
        </ul>
      </section>

      {item.status === "awarded" ? <Award bounty={item} at={at} /> : null}
      {item.kind === "fixed" && item.status === "published" ? <p>{t("bounties.detail.fixedOpen")}</p> : null}
      {item.kind === "auction" ? <AuctionBids bounty={item} at={at} money={money} now={now} notStarted={notStarted} /> : null}
    </>
  );
}

function Award({ bounty, at }: { bounty: BountyView; at: (iso: string) => string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const award = useQuery({
    queryKey: ["bounty-award", slug, bounty.id],
    queryFn: () => api.get<BountyAwardView>(`${bountiesApi(slug)}/${bounty.id}/award`),
  });
  if (!award.data?.vendorName) return null;
  return (
    <section aria-labelledby="bounty-award">
      <h2 id="bounty-award">{t("bounties.detail.awardHeading")}</h2>
      <p>
        {award.data.awardedAt
          ? t("bounties.detail.awardedTo", { vendor: award.data.vendorName, when: at(award.data.awardedAt) })
          : t("bounties.detail.awardedToVendor", { vendor: award.data.vendorName })}
      </p>
      {award.data.deliveryStatus ? (
        <p>
          {t("bounties.detail.deliveryStatus")} <DeliveryStatusTag status={award.data.deliveryStatus} />
        </p>
      ) : null}
    </section>
  );
}

/** The lowest bid, the earliest among equal ones: the bid that would win if the auction closed now. */
function lowestBidOf(bids: AuctionBidsView): AuctionBidView | undefined {
  if (bids.lowestAmountMinor === null) return undefined;
  return bids.bids.find((bid) => bid.amountMinor === bids.lowestAmountMinor);
}

function AuctionBids({
  bounty,
  at,
  money,
  now,
  notStarted,
}: {
  bounty: BountyView;
  at: (iso: string) => string;
  money: (amountMinor: number, currency: string) => string;
  now: number;
  notStarted: boolean;
}) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const client = useQueryClient();
  const bids = useQuery({
    queryKey: ["bids", slug, bounty.id],
    queryFn: () => api.get<AuctionBidsView>(`${bountiesApi(slug)}/${bounty.id}/bids`),
    refetchInterval: (query) => ((query.state.data?.status ?? bounty.status) === "published" ? liveBidsInterval : false),
    refetchOnWindowFocus: true,
  });
  const [announcement, setAnnouncement] = useState("");
  const previousLowest = useRef<number | null | undefined>(undefined);
  const lowest = bids.data?.lowestAmountMinor;
  useEffect(() => {
    if (lowest === undefined) return;
    if (previousLowest.current !== undefined && lowest !== null && lowest !== previousLowest.current) {
      setAnnouncement(t("bounties.bids.newLowest", { amount: money(lowest, bounty.currency) }));
    }
    previousLowest.current = lowest;
  }, [lowest, bounty.currency, money, t]);
  // The auction closed while the page was open: show it as closed, with every bid revealed.
  const liveStatus = bids.data?.status;
  useEffect(() => {
    if (liveStatus && liveStatus !== bounty.status) void client.invalidateQueries({ queryKey: ["bounty", slug, bounty.id] });
  }, [liveStatus, bounty.status, bounty.id, slug, client]);

  const data = bids.data;
  const sealedAndOpen = data ? !data.revealed && data.auctionType === "sealed" : bounty.auctionType === "sealed" && bounty.status === "published";
  const mine = data?.bids.filter((bid) => bid.mine) ?? [];

  return (
    <section aria-labelledby="bounty-bids">
      <h2 id="bounty-bids">{t("bounties.bids.heading")}</h2>
      <p className="civitas-live-bid" role="status" aria-live="polite">
        {announcement}
      </p>
      {bids.isPending ? <Loading /> : null}
      <ProblemAlert error={bids.error} />
      {data && sealedAndOpen ? (
        <>
          <p>{t("bounties.bids.sealed")}</p>
          {mine.map((bid) => (
            <p key={bid.id}>{t("bounties.bids.yourSealedBid", { amount: money(bid.amountMinor, bid.currency), when: at(bid.placedAt) })}</p>
          ))}
        </>
      ) : null}
      {data && !sealedAndOpen ? (
        <>
          <dl className="civitas-facts">
            <dt>{data.revealed ? t("bounties.bids.winning") : t("bounties.bids.lowest")}</dt>
            <dd>{data.lowestAmountMinor === null ? t("bounties.bids.noneYet") : money(data.lowestAmountMinor, bounty.currency)}</dd>
            <dt>{t("bounties.bids.count")}</dt>
            <dd>{data.bidCount}</dd>
          </dl>
          {data.bids.length > 0 ? <BidTable bids={data} at={at} money={money} /> : null}
        </>
      ) : null}
      {bounty.status === "published" && notStarted && bounty.startsAt ? <p>{t("bounties.bid.notStarted", { when: at(bounty.startsAt) })}</p> : null}
      {data && biddingOpen(bounty, now) && data.status === "published" ? <BidForm bounty={bounty} bids={data} money={money} /> : null}
    </section>
  );
}

function BidTable({ bids, at, money }: { bids: AuctionBidsView; at: (iso: string) => string; money: (amountMinor: number, currency: string) => string }) {
  const { t } = useTranslation();
  // Newest first while bidding is open; lowest first once the auction is decided.
  const rows = bids.revealed ? [...bids.bids].sort((a, b) => a.amountMinor - b.amountMinor || a.placedAt.localeCompare(b.placedAt)) : [...bids.bids].reverse();
  return (
    <Table stacked caption={bids.revealed ? t("bounties.bids.captionRevealed") : t("bounties.bids.captionOpen")}>
      <thead>
        <tr>
          <th scope="col">{t("bounties.bids.bidder")}</th>
          <th scope="col">{t("bounties.bids.amount")}</th>
          <th scope="col">{t("bounties.bids.placedAt")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((bid) => (
          <tr key={bid.id}>
            <th scope="row" data-label={t("bounties.bids.bidder")}>
              {bid.vendorName ?? t("bounties.bids.bidderNumber", { number: bid.bidderNumber })}
              {bid.mine ? ` ${t("bounties.bids.you")}` : ""}
              {bid.winning ? (
                <>
                  {" "}
                  <Tag className="civitas-tag civitas-tag--open">{t("bounties.bids.winning")}</Tag>
                </>
              ) : null}
            </th>
            <td data-label={t("bounties.bids.amount")}>{money(bid.amountMinor, bid.currency)}</td>
            <td data-label={t("bounties.bids.placedAt")}>{at(bid.placedAt)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function BidForm({ bounty, bids, money }: { bounty: BountyView; bids: AuctionBidsView; money: (amountMinor: number, currency: string) => string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const location = useLocation();
  const client = useQueryClient();
  const { me, isVendor, vendor } = useMyVendor(slug);
  const [amount, setAmount] = useState("");
  const [placed, setPlaced] = useState<AuctionBidView | null>(null);
  const bid = useMutation({
    mutationFn: () => api.post<AuctionBidView>(`${bountiesApi(slug)}/${bounty.id}/bids`, { amount }),
    onSuccess: async (result) => {
      setPlaced(result);
      setAmount("");
      await client.invalidateQueries({ queryKey: ["bids", slug, bounty.id] });
    },
  });
  const step = money(100, bounty.currency);

  const rules =
    bounty.auctionType === "sealed"
      ? t("bounties.bid.rulesSealed", { start: money(bounty.amountMinor, bounty.currency), step })
      : t("bounties.bid.rulesMulti", { step });

  let body: React.ReactNode;
  if (me.isPending) body = <Loading />;
  else if (!me.data?.user) {
    body = (
      <p>
        <Link className="usa-button" to={`/${slug}/sign-in?next=${encodeURIComponent(location.pathname)}`}>
          {t("bounties.bid.signIn")}
        </Link>
      </p>
    );
  } else if (!isVendor || vendor.error) {
    body = (
      <p>
        {t("bounties.bid.vendorsOnly")} <Link to={`/${slug}/vendor`}>{t("bounties.bid.becomeVendor")}</Link>
      </p>
    );
  } else if (vendor.isPending) body = <Loading />;
  else if (vendor.data.status !== "verified") {
    body = (
      <p>
        {t("bounties.bid.notVerified")} <Link to={`/${slug}/vendor`}>{t("bounties.bid.vendorProfile")}</Link>
      </p>
    );
  } else if (bounty.auctionType === "sealed" && bids.bids.some((item) => item.mine)) {
    body = <p>{t("bounties.bid.sealedDone")}</p>;
  } else if (bounty.auctionType === "multi" && lowestBidOf(bids)?.mine) {
    body = <p>{t("bounties.bid.youHoldLowest")}</p>;
  } else if (bounty.auctionType === "multi" && bids.nextBidAtMostMinor === null) {
    body = <p>{t("bounties.bid.noLowerBid")}</p>;
  } else {
    const atMost = bounty.auctionType === "multi" ? bids.nextBidAtMostMinor : bounty.amountMinor - 100;
    body = (
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          setPlaced(null);
          bid.mutate();
        }}
      >
        <ProblemAlert error={bid.error} fieldLabels={{ amount: t("bounties.bid.amount") }} />
        <TextField
          id="bid-amount"
          name="amount"
          label={t("bounties.bid.amount")}
          hint={atMost !== null ? t("bounties.bid.atMost", { amount: money(atMost, bounty.currency) }) : undefined}
          error={bid.error}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
        />
        <Button type="submit" disabled={bid.isPending}>
          {bounty.auctionType === "sealed" ? t("bounties.bid.submitSealed") : t("bounties.bid.submit")}
        </Button>
      </Form>
    );
  }

  return (
    <section aria-labelledby="bounty-bid-form" className="civitas-space-above civitas-bid-form">
      <h3 id="bounty-bid-form">{t("bounties.bid.heading")}</h3>
      <p className="civitas-bid-rules">{rules}</p>
      {placed ? (
        <Alert type="success" headingLevel="h4" slim>
          {t("bounties.bid.placed", { amount: money(placed.amountMinor, placed.currency) })}
        </Alert>
      ) : null}
      {body}
    </section>
  );
}
