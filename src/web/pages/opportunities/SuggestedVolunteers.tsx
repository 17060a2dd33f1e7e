import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { suggestedVolunteers } from "../../../contracts/opportunities.ts";
import { api, cityApi } from "../../api.ts";
import { Loading } from "../../components/Loading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Table, Tag } from "../../components/uswds.tsx";
import { MatchReasons } from "./ForYouPage.tsx";
import { useLocale } from "./parts.tsx";

type Suggested = z.infer<typeof suggestedVolunteers>;

/** On an opportunity's staff page: the volunteers who fit it best, with the reasons. */
export function SuggestedVolunteers({ city, opportunityId, inPerson }: { city: string; opportunityId: string; inPerson: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const suggested = useQuery({
    queryKey: ["suggested-volunteers", city, opportunityId, locale],
    queryFn: () => api.get<Suggested>(`${cityApi(city)}/opportunities/${opportunityId}/suggested-volunteers`),
  });
  const percent = new Intl.NumberFormat(locale, { style: "percent" });
  return (
    <section aria-labelledby="suggested-heading">
      <h2 id="suggested-heading">{t("matching.suggestedTitle")}</h2>
      <p>{t("matching.suggestedIntro")}</p>
      {suggested.isPending ? <Loading /> : null}
      <ProblemAlert error={suggested.error} />
      {suggested.data && suggested.data.volunteers.length === 0 ? <p>{t("matching.suggestedNone")}</p> : null}
      {suggested.data && suggested.data.volunteers.length > 0 ? (
        <Table stacked caption={t("matching.suggestedTitle")}>
          <thead>
            <tr>
              <th scope="col">{t("matching.volunteer")}</th>
              <th scope="col">{t("matching.score")}</th>
              <th scope="col">{t("matching.why")}</th>
            </tr>
          </thead>
          <tbody>
            {suggested.data.volunteers.slice(0, 20).map((volunteer) => (
              <tr key={volunteer.volunteerId}>
                <th scope="row" data-label={t("matching.volunteer")}>
                  {volunteer.name}
                  {volunteer.email ? <span className="civitas-block-note">{volunteer.email}</span> : null}
                  {volunteer.consentEmail ? null : <Tag className="civitas-tag-muted">{t("matching.noConsent")}</Tag>}
                </th>
                <td data-label={t("matching.score")}>{percent.format(volunteer.score)}</td>
                <td data-label={t("matching.why")}>
                  <MatchReasons reasons={volunteer.reasons} inPerson={inPerson} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
