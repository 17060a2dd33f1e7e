import "./groups.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { formatDate } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Button, Table } from "../../components/uswds.tsx";
import { useLocale } from "../opportunities/parts.tsx";
import { ApplicationStatusTag } from "./parts.tsx";

/** A volunteer's own applications to project roles in this city, with the organizers' answers; pending ones can be withdrawn. */

interface MyApplication {
  id: string;
  group: { slug: string; name: string };
  project: { id: string; name: string };
  role: { id: string; title: string };
  status: "pending" | "approved" | "declined" | "withdrawn";
  declineReason: string | null;
  createdAt: string;
}

export default function MyApplicationsPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess>
      <PageHeading>{t("projects.mine.title")}</PageHeading>
      <MyApplications />
    </RequireAccess>
  );
}

function MyApplications() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const locale = useLocale();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ["myApplications", slug],
    queryFn: () => api.get<{ applications: MyApplication[] }>(`${cityApi(slug)}/applications/mine`),
  });
  const withdraw = useMutation({
    mutationFn: (application: MyApplication) => api.delete(`${cityApi(slug)}/applications/${application.id}`),
    onSuccess: async (_, application) => {
      await queryClient.invalidateQueries({ queryKey: ["myApplications", slug] });
      await queryClient.invalidateQueries({ queryKey: ["project", slug, application.project.id] });
    },
  });

  return (
    <>
      <p className="civitas-lead">{t("projects.mine.intro")}</p>
      <p>
        <Link to={`/${slug}/projects`}>{t("projects.mine.find")}</Link>
      </p>
      <ProblemAlert error={list.error ?? withdraw.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.applications.length === 0 ? <p>{t("projects.mine.none")}</p> : null}
      {list.data && list.data.applications.length > 0 ? (
        <Table stacked caption={t("projects.mine.caption", { count: list.data.applications.length })}>
          <thead>
            <tr>
              <th scope="col">{t("projects.mine.role")}</th>
              <th scope="col">{t("projects.mine.project")}</th>
              <th scope="col">{t("projects.mine.applied")}</th>
              <th scope="col">{t("projects.mine.status")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.applications.map((application) => (
              <tr key={application.id}>
                <th scope="row" data-label={t("projects.mine.role")}>
                  {application.role.title}
                </th>
                <td data-label={t("projects.mine.project")}>
                  <Link to={`/${slug}/projects/${application.project.id}`}>{application.project.name}</Link>
                  <span className="civitas-block-note">{application.group.name}</span>
                </td>
                <td data-label={t("projects.mine.applied")}>{formatDate(application.createdAt, locale, city.data?.timeZone)}</td>
                <td data-label={t("projects.mine.status")}>
                  <ApplicationStatusTag status={application.status} />
                  {application.declineReason ? (
                    <span className="civitas-block-note">{t("projects.mine.reason", { reason: application.declineReason })}</span>
                  ) : null}
                </td>
                <td data-label={t("common.actions")}>
                  {application.status === "pending" || application.status === "approved" ? (
                    <Button type="button" outline disabled={withdraw.isPending} onClick={() => withdraw.mutate(application)}>
                      {application.status === "pending" ? t("projects.apply.withdraw") : t("projects.apply.stepDown")}
                      <span className="usa-sr-only"> {application.role.title}</span>
                    </Button>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}
