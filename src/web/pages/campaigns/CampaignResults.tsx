import { useTranslation } from "react-i18next";
import type { CampaignFunnelView, CampaignView } from "../../../contracts/campaigns.ts";
import { useCitySlug } from "../../components/city.ts";
import { Table } from "../../components/uswds.tsx";
import { campaignsApi, useNumberFormat } from "./parts.tsx";

/** What came of a campaign: the funnel as bars, the same numbers in a table beside them, and both as CSV. */

const stages: (keyof CampaignFunnelView)[] = ["queued", "sent", "failed", "clicked", "signedUp", "attended", "unsubscribed"];

/** Stages that follow from a message arriving: their share of what was sent says how well the campaign worked. */
const ofSent: ReadonlySet<keyof CampaignFunnelView> = new Set(["sent", "failed", "clicked", "signedUp", "attended", "unsubscribed"]);

export function CampaignResults({ item }: { item: CampaignView }) {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const number = useNumberFormat();
  const percent = new Intl.NumberFormat(i18n.language || "en", { style: "percent", maximumFractionDigits: 1 });
  const funnel = item.funnel;
  const largest = Math.max(1, ...stages.map((stage) => funnel[stage]));
  const share = (stage: keyof CampaignFunnelView) => (ofSent.has(stage) && funnel.sent > 0 ? percent.format(funnel[stage] / funnel.sent) : "—");
  const base = `${campaignsApi(slug)}/${item.id}`;

  return (
    <section aria-labelledby="campaign-results" className="civitas-space-above civitas-campaign-results">
      <h2 id="campaign-results">{t("campaigns.results.heading")}</h2>
      {item.status === "sending" ? (
        <p className="usa-hint" id="campaign-results-refresh">
          {t("campaigns.results.refreshing")}
        </p>
      ) : null}
      <div className="civitas-funnel">
        {/* The table beside it has the same numbers for screen readers; the bars are for the eye. */}
        <figure className="civitas-funnel__chart" aria-hidden="true">
          {stages.map((stage) => (
            <div key={stage} className={`civitas-funnel__row civitas-funnel__row--${stage}`}>
              <span className="civitas-funnel__label">{t(`campaigns.results.stages.${stage}`)}</span>
              <span className="civitas-funnel__track">
                <span className="civitas-funnel__bar" style={{ width: `${(funnel[stage] / largest) * 100}%` }} />
              </span>
              <span className="civitas-funnel__value">{number(funnel[stage])}</span>
            </div>
          ))}
        </figure>
        <div className="civitas-funnel__table">
          <Table caption={t("campaigns.results.caption")}>
            <thead>
              <tr>
                <th scope="col">{t("campaigns.results.stage")}</th>
                <th scope="col" className="civitas-number">
                  {t("campaigns.results.people")}
                </th>
                <th scope="col" className="civitas-number">
                  {t("campaigns.results.ofSent")}
                </th>
              </tr>
            </thead>
            <tbody>
              {stages.map((stage) => (
                <tr key={stage} data-stage={stage}>
                  <th scope="row">{t(`campaigns.results.stages.${stage}`)}</th>
                  <td className="civitas-number">{number(funnel[stage])}</td>
                  <td className="civitas-number">{share(stage)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </div>
      <p className="usa-hint">{t("campaigns.results.explained")}</p>
      <ul className="usa-list civitas-downloads">
        <li>
          <a href={`${base}/funnel.csv`} download>
            {t("campaigns.results.funnelCsv")}
          </a>
        </li>
        <li>
          <a href={`${base}/recipients.csv`} download>
            {t("campaigns.results.recipientsCsv")}
          </a>
        </li>
      </ul>
    </section>
  );
}
