import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CityView } from "../../../contracts/cities.ts";
import { api } from "../../api.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";

/** The deployment's front door: the cities it hosts. */
export default function HomePage() {
  const { t } = useTranslation();
  const cities = useQuery({ queryKey: ["cities"], queryFn: () => api.get<{ cities: CityView[] }>("/api/v1/cities") });
  return (
    <>
      <PageHeading>{t("home.title")}</PageHeading>
      <p className="usa-intro">{t("home.intro")}</p>
      <h2>{t("home.citiesHeading")}</h2>
      {cities.isPending ? <Loading /> : null}
      <ProblemAlert error={cities.error} />
      {cities.data && cities.data.cities.length === 0 ? <p>{t("home.noCities")}</p> : null}
      <ul className="usa-card-group">
        {cities.data?.cities.map((city) => (
          <li key={city.slug} className="usa-card tablet:grid-col-6">
            <div className="usa-card__container">
              <div className="usa-card__header">
                <h3 className="usa-card__heading">
                  <Link to={`/${city.slug}`}>{city.name}</Link>
                </h3>
              </div>
              <div className="usa-card__body">
                <p>{t("home.cityTimeZone", { timeZone: city.timeZone })}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
