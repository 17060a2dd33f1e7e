import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";
import type { recommendations } from "../../../contracts/opportunities.ts";
import { api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { formatShiftRange } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { PlacesTag, useCityTimeZone, useLanguageName, useLocale } from "./parts.tsx";

type Recommendations = z.infer<typeof recommendations>;
type Reasons = Recommendations["opportunities"][number]["reasons"];

/** Why an opportunity (or a volunteer) was matched, in words. */
export function MatchReasons({ reasons, inPerson }: { reasons: Reasons; inPerson: boolean }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const locale = useLocale();
  const items: string[] = [];
  if (reasons.skills.length) items.push(t("matching.reasonSkills", { skills: reasons.skills.join(", ") }));
  if (inPerson && reasons.distanceKm !== null)
    items.push(t("matching.reasonDistance", { distance: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(reasons.distanceKm) }));
  // Only a fit is a reason; "free for 0 of 3 shifts" is not.
  if (reasons.availableShifts > 0) items.push(t("matching.reasonAvailability", { count: reasons.availableShifts, total: reasons.totalShifts }));
  if (reasons.languages.length) items.push(t("matching.reasonLanguages", { languages: reasons.languages.map(languageName).join(", ") }));
  if (items.length === 0) return null;
  return (
    <ul className="usa-list civitas-match-reasons">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** Opportunities ranked for the signed-in volunteer, with the reasons. */
export default function ForYouPage() {
  return (
    <RequireAccess>
      <ForYou />
    </RequireAccess>
  );
}

function ForYou() {
  const { t } = useTranslation();
  const city = useCitySlug();
  const timeZone = useCityTimeZone(city);
  const locale = useLocale();
  const ranked = useQuery({ queryKey: ["recommendations", city, locale], queryFn: () => api.get<Recommendations>(`${cityApi(city)}/me/recommendations`) });
  return (
    <>
      <PageHeading>{t("matching.forYouTitle")}</PageHeading>
      <p className="usa-intro">{t("matching.forYouIntro")}</p>
      <p>
        <Link to={`/${city}/volunteer`}>{t("matching.improve")}</Link>
      </p>
      {ranked.isPending ? <Loading /> : null}
      <ProblemAlert error={ranked.error} />
      {ranked.data && ranked.data.opportunities.length === 0 ? (
        <p>
          {t("matching.nothing")} <Link to={`/${city}/opportunities`}>{t("matching.browseAll")}</Link>
        </p>
      ) : null}
      <ol className="usa-list usa-list--unstyled civitas-for-you">
        {ranked.data?.opportunities.map((item) => (
          <li key={item.opportunityId} className="civitas-for-you__item">
            <h2 className="civitas-for-you__title">
              <Link to={`/${city}/opportunities/${item.opportunityId}`}>{item.title}</Link>
            </h2>
            <p className="civitas-for-you__meta">
              {item.hostName}
              {item.locationKind === "remote" ? ` · ${t("matching.remote")}` : item.neighbourhood ? ` · ${item.neighbourhood}` : ""}
            </p>
            <p>{item.summary}</p>
            {item.nextShift ? (
              <p>
                {t("matching.nextShift", { when: formatShiftRange(item.nextShift.startsAt, item.nextShift.endsAt, locale, timeZone) })}{" "}
                <PlacesTag placesLeft={item.nextShift.placesLeft} waitlistOpen={item.nextShift.waitlistOpen} />
              </p>
            ) : null}
            <MatchReasons reasons={item.reasons} inPerson={item.locationKind === "in_person"} />
          </li>
        ))}
      </ol>
    </>
  );
}
