import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCitySlug } from "../../components/city.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { hasRoleIn, organizedGroupsIn, type RoleName, useMe } from "../../session.ts";

interface Section {
  path: string;
  key: string;
  roles: RoleName[];
  /** Open to the organizers of a group too, for their groups' events. */
  organizers?: boolean;
}

const sections: Section[] = [
  { path: "agencies", key: "agencies", roles: ["city_admin"] },
  { path: "staff", key: "staff", roles: ["city_admin", "dso_staff"] },
  { path: "volunteers", key: "volunteers", roles: ["city_admin", "dso_staff"] },
  { path: "taxonomy", key: "taxonomy", roles: ["city_admin", "dso_staff"] },
  { path: "opportunities", key: "opportunities", roles: ["city_admin", "dso_staff", "agency_staff", "group_organizer"], organizers: true },
  { path: "hours", key: "hours", roles: ["city_admin", "dso_staff", "agency_staff", "group_organizer"], organizers: true },
  { path: "groups", key: "groups", roles: ["city_admin", "dso_staff"] },
  { path: "campaigns", key: "campaigns", roles: ["city_admin", "dso_staff"] },
  { path: "processes", key: "processes", roles: ["city_admin", "dso_staff", "agency_staff"] },
  { path: "process-rates", key: "processRates", roles: ["city_admin", "dso_staff"] },
  { path: "bounties", key: "bounties", roles: ["city_admin", "dso_staff", "contracting_officer"] },
  { path: "vendors", key: "vendors", roles: ["city_admin", "dso_staff"] },
  { path: "fund", key: "fund", roles: ["city_admin", "dso_staff", "contracting_officer"] },
  { path: "catalog/new", key: "catalog", roles: ["city_admin", "dso_staff"] },
  { path: "federation", key: "federation", roles: ["city_admin", "dso_staff"] },
  { path: "impact", key: "impact", roles: ["city_admin", "dso_staff"] },
  { path: "bounty-settings", key: "bountySettings", roles: ["city_admin"] },
  { path: "settings", key: "settings", roles: ["city_admin"] },
  { path: "outbox", key: "outbox", roles: ["city_admin"] },
  { path: "audit", key: "audit", roles: ["city_admin"] },
];

/** The staff's starting point: every administration page their role opens. */
export default function AdminHomePage() {
  const { t } = useTranslation();
  const city = useCitySlug();
  const me = useMe();
  return (
    <RequireAccess roles={["city_admin", "dso_staff", "agency_staff", "contracting_officer", "group_organizer"]} organizers>
      <PageHeading>{t("admin.title")}</PageHeading>
      <p className="usa-intro">{t("admin.intro")}</p>
      <ul className="usa-card-group">
        {sections
          .filter((section) => hasRoleIn(me.data, city, section.roles) || (section.organizers && organizedGroupsIn(me.data, city).length > 0))
          .map((section) => (
            <li key={section.path} className="usa-card tablet:grid-col-4">
              <div className="usa-card__container">
                <div className="usa-card__header">
                  <h2 className="usa-card__heading">
                    <Link to={`/${city}/admin/${section.path}`}>{t(`admin.sections.${section.key}.title`)}</Link>
                  </h2>
                </div>
                <div className="usa-card__body">
                  <p>{t(`admin.sections.${section.key}.description`)}</p>
                </div>
              </div>
            </li>
          ))}
      </ul>
    </RequireAccess>
  );
}
