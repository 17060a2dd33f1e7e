import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "../../components/PageHeading.tsx";

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t("notFound.title")}</PageHeading>
      <p>{t("notFound.body")}</p>
      <Link to="/" className="usa-button">
        {t("notFound.home")}
      </Link>
    </>
  );
}
