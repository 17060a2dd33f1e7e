import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCitySlug } from "../../components/city.ts";

/**
 * The way back up from an administration page, ending with the page itself (USWDS shows only the
 * step before it on a phone, as a back link).
 */
export function AdminBreadcrumb({ trail = [], current }: { trail?: { to: string; label: string }[]; current: string }) {
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
        <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
          <span>{current}</span>
        </li>
      </ol>
    </nav>
  );
}
