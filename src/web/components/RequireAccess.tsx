import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { hasRoleIn, organizedGroupsIn, type RoleName, useMe } from "../session.ts";
import { useCitySlug } from "./city.ts";
import { Loading } from "./Loading.tsx";
import { PageHeading } from "./PageHeading.tsx";
import { Alert } from "./uswds.tsx";

/**
 * Shows its children to people holding one of the roles in this city (or, with `organizers`, to the
 * organizers of any of its groups, who run their groups' events); explains otherwise.
 */
export function RequireAccess({ roles, organizers, children }: { roles?: RoleName[]; organizers?: boolean; children: React.ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const city = useCitySlug();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (!me.data?.user) {
    return (
      <>
        <PageHeading>{t("access.signInTitle")}</PageHeading>
        <p>{t("access.signInNeeded")}</p>
        <Link className="usa-button" to={`/${city}/sign-in?next=${encodeURIComponent(location.pathname)}`}>
          {t("nav.signIn")}
        </Link>
      </>
    );
  }
  if (roles && !hasRoleIn(me.data, city, roles) && !(organizers && organizedGroupsIn(me.data, city).length > 0)) {
    return (
      <>
        <PageHeading>{t("access.deniedTitle")}</PageHeading>
        <Alert type="warning" headingLevel="h2" heading={t("access.deniedHeading")}>
          {t("access.denied")}
        </Alert>
      </>
    );
  }
  return <>{children}</>;
}
