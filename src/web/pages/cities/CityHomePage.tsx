import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { AgencyView } from "../../../contracts/agencies.ts";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert } from "../../components/uswds.tsx";
import { isStaffIn, useMe } from "../../session.ts";
import NotFoundPage from "../platform/NotFoundPage.tsx";

/** A city's front page: who runs it, and the way in for residents and staff. */
export default function CityHomePage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const me = useMe();
  const [searchParams] = useSearchParams();
  const agencies = useQuery({
    queryKey: ["agencies", slug],
    queryFn: () => api.get<{ agencies: AgencyView[] }>(`${cityApi(slug)}/agencies`),
    enabled: city.isSuccess,
  });

  if (city.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;
  const name = city.data.name;
  const signedIn = !!me.data?.user;
  return (
    <>
      <PageHeading>{name}</PageHeading>
      {searchParams.get("account") === "deleted" ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t("account.deleted")}
        </Alert>
      ) : null}
      <p className="usa-intro">{t("cityHome.intro", { city: name })}</p>
      {signedIn ? (
        <p>{t("cityHome.welcomeBack", { name: me.data?.user?.name })}</p>
      ) : (
        <div className="usa-button-group">
          <Link className="usa-button" to={`/${slug}/sign-up`}>
            {t("cityHome.join")}
          </Link>
          <Link className="usa-button usa-button--outline" to={`/${slug}/sign-in`}>
            {t("nav.signIn")}
          </Link>
        </div>
      )}
      {isStaffIn(me.data, slug) ? (
        <p>
          <Link to={`/${slug}/admin`}>{t("cityHome.toAdmin")}</Link>
        </p>
      ) : null}
      <section aria-labelledby="city-volunteer" className="civitas-city-volunteer">
        <h2 id="city-volunteer">{t("opportunities.home.heading")}</h2>
        <p>{t("opportunities.home.text", { city: name })}</p>
        <Link className="usa-button usa-button--big" to={`/${slug}/opportunities`}>
          {t("opportunities.home.link")}
        </Link>
        {signedIn ? (
          <p>
            <Link to={`/${slug}/for-you`}>{t("matching.forYouLink")}</Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="city-paid-work">
        <h2 id="city-paid-work">{t("cityHome.paidWork.heading")}</h2>
        <p>{t("cityHome.paidWork.text", { city: name })}</p>
        <ul className="usa-list">
          <li>
            <Link to={`/${slug}/problems`}>{t("cityHome.paidWork.problems")}</Link>
          </li>
          <li>
            <Link to={`/${slug}/bounties`}>{t("cityHome.paidWork.bounties")}</Link>
          </li>
          <li>
            <Link to={`/${slug}/vendor`}>{t("cityHome.paidWork.vendor")}</Link>
          </li>
          <li>
            <Link to={`/${slug}/insights`}>{t("cityHome.paidWork.insights")}</Link>
          </li>
          <li>
            <Link to={`/${slug}/spend`}>{t("cityHome.paidWork.spend")}</Link>
          </li>
          <li>
            <Link to={`/${slug}/processes`}>{t("cityHome.paidWork.processes")}</Link>
          </li>
          <li>
            <Link to={`/${slug}/catalog`}>{t("cityHome.paidWork.catalog")}</Link>
          </li>
        </ul>
      </section>
      <section aria-labelledby="city-impact">
        <h2 id="city-impact">{t("cityHome.impact.heading")}</h2>
        <p>{t("cityHome.impact.text", { city: name })}</p>
        <ul className="usa-list">
          <li>
            <Link to={`/${slug}/impact`}>{t("cityHome.impact.impact")}</Link>
          </li>
          <li>
            <Link to={`/${slug}/open-data`}>{t("cityHome.impact.openData")}</Link>
          </li>
        </ul>
      </section>
      <h2>{t("cityHome.agenciesHeading")}</h2>
      {agencies.isPending ? <Loading /> : null}
      <ProblemAlert error={agencies.error} />
      <ul className="usa-list usa-list--unstyled civitas-agency-list">
        {agencies.data?.agencies.map((agency) => (
          <li key={agency.id}>
            <h3>{agency.name}</h3>
            {agency.description ? <p>{agency.description}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
