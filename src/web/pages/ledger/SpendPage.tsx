import "./ledger.css";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";
import type { spendReport } from "../../../contracts/bounties.ts";
import type { FundBalancesView } from "../../../contracts/ledger.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { formatDate } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { useMoneyFormat } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Table } from "../../components/uswds.tsx";

/** What the city has paid for bounties, for anyone to read without an account: totals, per vendor, per bounty. */

type SpendReport = z.infer<typeof spendReport>;

interface VendorTotal {
  vendorLegalName: string;
  amountMinor: number;
  bounties: number;
}

/** Paid bounties summed per vendor, largest first; vendors are told apart by the legal name the report gives. */
export function totalsPerVendor(report: SpendReport): VendorTotal[] {
  const totals = new Map<string, VendorTotal>();
  for (const item of report.bounties) {
    const total = totals.get(item.vendorLegalName) ?? { vendorLegalName: item.vendorLegalName, amountMinor: 0, bounties: 0 };
    total.amountMinor += item.amountMinor;
    total.bounties += 1;
    totals.set(item.vendorLegalName, total);
  }
  return [...totals.values()].sort((a, b) => b.amountMinor - a.amountMinor || a.vendorLegalName.localeCompare(b.vendorLegalName));
}

export default function SpendPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const spend = useQuery({ queryKey: ["spend", slug], queryFn: () => api.get<SpendReport>(`${cityApi(slug)}/spend`) });
  const fund = useQuery({ queryKey: ["fund", slug], queryFn: () => api.get<FundBalancesView>(`${cityApi(slug)}/fund`) });
  return (
    <>
      <PageHeading>{t("spend.title")}</PageHeading>
      <p className="usa-intro">{t("spend.intro", { city: city.data?.name ?? "" })}</p>
      <ProblemAlert error={spend.error ?? fund.error} />
      {spend.isPending || fund.isPending ? <Loading /> : null}
      {spend.data && fund.data ? <Spend report={spend.data} fund={fund.data} /> : null}
      <p className="civitas-space-above">
        <a href={`${cityApi(slug)}/spend`} download="spend.json">
          {t("spend.download")}
        </a>
      </p>
    </>
  );
}

function Spend({ report, fund }: { report: SpendReport; fund: FundBalancesView }) {
  const { t } = useTranslation();
  const money = useMoneyFormat();
  const vendors = totalsPerVendor(report);
  return (
    <>
      <section aria-labelledby="spend-totals">
        <h2 id="spend-totals">{t("spend.totals.heading")}</h2>
        <dl className="civitas-figures">
          <div className="civitas-figures__item">
            <dt>{t("spend.totals.paid")}</dt>
            <dd className="civitas-figures__value">{money(report.totalPaidMinor, report.currency)}</dd>
            <dd className="civitas-figures__note">{t("spend.totals.paidNote", { count: report.bounties.length })}</dd>
          </div>
          <div className="civitas-figures__item">
            <dt>{t("spend.totals.vendors")}</dt>
            <dd className="civitas-figures__value">{vendors.length}</dd>
            <dd className="civitas-figures__note">{t("spend.totals.vendorsNote")}</dd>
          </div>
          <div className="civitas-figures__item">
            <dt>{t("spend.totals.committed")}</dt>
            <dd className="civitas-figures__value">{money(fund.reservedMinor + fund.payableMinor, fund.currency)}</dd>
            <dd className="civitas-figures__note">{t("spend.totals.committedNote")}</dd>
          </div>
          <div className="civitas-figures__item">
            <dt>{t("spend.totals.available")}</dt>
            <dd className="civitas-figures__value">{money(fund.availableMinor, fund.currency)}</dd>
            <dd className="civitas-figures__note">{t("spend.totals.availableNote")}</dd>
          </div>
        </dl>
      </section>

      {report.bounties.length === 0 ? (
        <p className="civitas-space-above">{t("spend.none")}</p>
      ) : (
        <>
          <VendorChart vendors={vendors} currency={report.currency} />
          <BountyTable report={report} />
        </>
      )}
    </>
  );
}

/**
 * Paid per vendor as horizontal bars, with the same figures in a table beside them: the bars are for
 * the eye, the table is what screen readers and the keyboard reach.
 */
function VendorChart({ vendors, currency }: { vendors: VendorTotal[]; currency: string }) {
  const { t } = useTranslation();
  const money = useMoneyFormat();
  const largest = Math.max(...vendors.map((vendor) => vendor.amountMinor), 1);
  return (
    <section aria-labelledby="spend-vendors" className="civitas-space-above">
      <h2 id="spend-vendors">{t("spend.vendors.heading")}</h2>
      <div className="civitas-chart-with-table">
        <figure className="civitas-bar-chart" aria-hidden="true">
          <figcaption className="civitas-bar-chart__caption">{t("spend.vendors.chartCaption")}</figcaption>
          {vendors.map((vendor) => (
            <div key={vendor.vendorLegalName} className="civitas-bar-chart__row">
              <span className="civitas-bar-chart__label">{vendor.vendorLegalName}</span>
              <span className="civitas-bar-chart__track">
                <span className="civitas-bar-chart__bar" style={{ width: `${Math.max((vendor.amountMinor / largest) * 100, 1)}%` }} />
              </span>
              <span className="civitas-bar-chart__value">{money(vendor.amountMinor, currency)}</span>
            </div>
          ))}
        </figure>
        <Table stacked caption={t("spend.vendors.caption", { count: vendors.length })}>
          <thead>
            <tr>
              <th scope="col">{t("spend.vendors.vendor")}</th>
              <th scope="col">{t("spend.vendors.bounties")}</th>
              <th scope="col">{t("spend.vendors.paid")}</th>
            </tr>
          </thead>
          <tbody>
            {vendors.map((vendor) => (
              <tr key={vendor.vendorLegalName}>
                <th scope="row" data-label={t("spend.vendors.vendor")} className="civitas-break">
                  {vendor.vendorLegalName}
                </th>
                <td data-label={t("spend.vendors.bounties")}>{vendor.bounties}</td>
                <td data-label={t("spend.vendors.paid")}>{money(vendor.amountMinor, currency)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </section>
  );
}

function BountyTable({ report }: { report: SpendReport }) {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const money = useMoneyFormat();
  return (
    <section aria-labelledby="spend-bounties" className="civitas-space-above">
      <h2 id="spend-bounties">{t("spend.bounties.heading")}</h2>
      <Table stacked caption={t("spend.bounties.caption", { count: report.bounties.length })}>
        <thead>
          <tr>
            <th scope="col">{t("spend.bounties.bounty")}</th>
            <th scope="col">{t("spend.bounties.vendor")}</th>
            <th scope="col">{t("spend.bounties.amount")}</th>
            <th scope="col">{t("spend.bounties.paidOn")}</th>
          </tr>
        </thead>
        <tbody>
          {report.bounties.map((item) => (
            <tr key={`${item.bountyId}:${item.paidAt}`}>
              <th scope="row" data-label={t("spend.bounties.bounty")} className="civitas-break">
                <Link to={`/${slug}/bounties/${item.bountyId}`}>{item.title}</Link>
              </th>
              <td data-label={t("spend.bounties.vendor")} className="civitas-break">
                {item.vendorLegalName}
              </td>
              <td data-label={t("spend.bounties.amount")}>{money(item.amountMinor, item.currency)}</td>
              <td data-label={t("spend.bounties.paidOn")}>{formatDate(item.paidAt, i18n.language, city.data?.timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
