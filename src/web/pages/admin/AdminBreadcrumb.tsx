import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCitySlug } from "../../components/city.ts";

/** The way back up from an administration page. */
export function AdminBreadcrumb({ trail = [] }: { trail?: { to: string; label: string }[] }) {
  const { t } = useTranslation();
  const city = useCitySlug();
  return (
    <nav className="usa-breadcrumb" aria-label={t("admin.breadcrumb")}>
      <ol className="usa-breadcrumb__list">
        <li className="usa-breadcrumb__list-item">
          <Link className="usa-breadcrumb__link" to={`/${city}/admin`}>
            <span>{t("admin.title")}</span>
          </Link>
        </li>
        {trail.map((step) => (
          <li key={step.to} className="usa-breadcrumb__list-item">
            <Link className="usa-breadcrumb__link" to={step.to}>
              <span>{step.label}</span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
