import "./groups.css";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { GroupSummaryView } from "../../../contracts/groups.ts";
import { api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useMe } from "../../session.ts";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { groupsApi } from "./parts.tsx";

/** The city's civic-tech and volunteer groups, for anyone: what each does, how many members, projects and open roles. */
export default function GroupsPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const me = useMe();
  const list = useQuery({
    queryKey: ["groups", slug],
    queryFn: () => api.get<{ groups: GroupSummaryView[] }>(groupsApi(slug)),
    enabled: city.isSuccess,
  });

  if (city.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;

  return (
    <>
      <PageHeading>{t("groups.list.title")}</PageHeading>
      <p className="civitas-lead">{t("groups.list.intro", { city: city.data.name })}</p>
      <p className="civitas-inline-actions">
        <Link className="usa-button usa-button--outline" to={`/${slug}/projects`}>
          {t("groups.list.findProjects")}
        </Link>
        {me.data?.user ? <Link to={`/${slug}/my-applications`}>{t("projects.mine.link")}</Link> : null}
      </p>
      <ProblemAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.groups.length === 0 ? (
        <div className="civitas-empty">
          <h2>{t("groups.list.emptyHeading")}</h2>
          <p>{t("groups.list.empty")}</p>
        </div>
      ) : null}
      {list.data && list.data.groups.length > 0 ? (
        <ul className="usa-list usa-list--unstyled civitas-group-list">
          {list.data.groups.map((group) => (
            <li key={group.id} className="civitas-group-card" aria-labelledby={`group-${group.id}`}>
              <h2 className="civitas-group-card__title" id={`group-${group.id}`}>
                <Link to={`/${slug}/groups/${group.slug}`}>{group.name}</Link>
              </h2>
              <p className="civitas-group-card__meta">
                <span>{t("groups.members", { count: group.memberCount })}</span>
                <span>{t("groups.projects", { count: group.projectCount })}</span>
                <span>{t("projects.openRoles", { count: group.openRoleCount })}</span>
                {group.approvalRequired ? <span>{t("groups.approvalRequired")}</span> : null}
              </p>
              {group.description ? <p className="civitas-group-card__text">{group.description}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
