import "./groups.css";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import type { ProjectView } from "../../../contracts/groups.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextAreaField } from "../../components/Fields.tsx";
import { formatDate } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";
import { useMe } from "../../session.ts";
import { useLocale } from "../opportunities/parts.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { applicationForRole, canApply } from "./group-helpers.ts";
import { ApplicationStatusTag, projectsApi, RoleStatusTag, StageTag, useProject } from "./parts.tsx";

/**
 * A project as anyone sees it: what it is, where it stands, the city's problems and bounties it works
 * on, and its roles. A volunteer signed in applies to an open role here with a message, and sees and
 * withdraws their own application; members' names show to people signed in.
 */

export default function ProjectPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { projectId = "" } = useParams();
  const city = useCity(slug);
  const locale = useLocale();
  const project = useProject(slug, projectId, city.isSuccess);

  if (city.isPending || project.isPending) return city.error ? <NotFoundPage /> : <Loading />;
  if (project.error instanceof ApiProblem && (project.error.status === 404 || project.error.status === 400)) return <NotFoundPage />;
  if (project.error || !city.data) {
    return (
      <>
        <PageHeading>{t("projects.detail.unavailable")}</PageHeading>
        <ProblemAlert error={project.error} />
      </>
    );
  }
  const item = project.data;

  return (
    <>
      <p className="civitas-back-link">
        <Link to={`/${slug}/projects`}>{t("projects.detail.back")}</Link>
      </p>
      <PageHeading>{item.name}</PageHeading>
      <p className="civitas-group-card__meta">
        <StageTag stage={item.stage} />
        <Link to={`/${slug}/groups/${item.group.slug}`}>{item.group.name}</Link>
      </p>
      {item.viewer.canManage ? (
        <p>
          <Link className="usa-button" to={`/${slug}/projects/${item.id}/edit`}>
            {t("projects.detail.edit")}
          </Link>
        </p>
      ) : null}
      <p className="civitas-lead">{item.summary}</p>
      {item.description ? <div className="civitas-description">{item.description}</div> : null}

      <dl className="civitas-facts civitas-group-facts">
        <dt>{t("projects.technologies")}</dt>
        <dd>{item.technologies.length > 0 ? item.technologies.join(", ") : t("projects.detail.noneSaid")}</dd>
        <dt>{t("projects.fields.repositoryUrl")}</dt>
        <dd>
          {item.repositoryUrl ? (
            <a href={item.repositoryUrl} rel="noopener noreferrer">
              {item.repositoryUrl}
            </a>
          ) : (
            t("projects.detail.noRepository")
          )}
        </dd>
        <dt>{t("projects.detail.updated")}</dt>
        <dd>{formatDate(item.updatedAt, locale, city.data.timeZone)}</dd>
      </dl>

      {item.problems.length > 0 || item.bounties.length > 0 ? (
        <section className="civitas-group-section" aria-labelledby="project-linked">
          <h2 id="project-linked">{t("projects.detail.linkedHeading")}</h2>
          {item.problems.length > 0 ? (
            <>
              <h3>{t("projects.detail.problems")}</h3>
              <ul className="usa-list">
                {item.problems.map((problem) => (
                  <li key={problem.id}>
                    <Link to={`/${slug}/problems/${problem.id}`}>{problem.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {item.bounties.length > 0 ? (
            <>
              <h3>{t("projects.detail.bounties")}</h3>
              <ul className="usa-list">
                {item.bounties.map((bounty) => (
                  <li key={bounty.id}>
                    <Link to={`/${slug}/bounties/${bounty.id}`}>{bounty.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="civitas-group-section" aria-labelledby="project-roles">
        <h2 id="project-roles">{t("projects.detail.rolesHeading")}</h2>
        {item.roles.length === 0 ? <p>{t("projects.detail.noRoles")}</p> : null}
        {item.roles.map((role) => (
          <RoleCard key={role.id} project={item} role={role} />
        ))}
      </section>

      <section className="civitas-group-section" aria-labelledby="project-members">
        <h2 id="project-members">{t("projects.detail.membersHeading")}</h2>
        <p>{t("projects.members", { count: item.memberCount })}</p>
        {item.members && item.members.length > 0 ? (
          <ul className="usa-list">
            {item.members.map((member) => (
              <li key={`${member.userId}-${member.roleId}`}>{t("projects.detail.memberRole", { name: member.name, role: member.roleTitle })}</li>
            ))}
          </ul>
        ) : null}
        {!item.members && item.memberCount > 0 ? <p className="usa-hint">{t("projects.detail.namesSignedIn")}</p> : null}
      </section>
    </>
  );
}

function RoleCard({ project, role }: { project: ProjectView; role: ProjectView["roles"][number] }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const me = useMe();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState("");
  const [applying, setApplying] = useState(false);
  const signedIn = !!me.data?.user;
  const application = applicationForRole(project.viewer.applications, role.id);
  const refresh = async (updated?: ProjectView) => {
    if (updated) queryClient.setQueryData(["project", slug, project.id], updated);
    else await queryClient.invalidateQueries({ queryKey: ["project", slug, project.id] });
    await queryClient.invalidateQueries({ queryKey: ["myApplications", slug] });
  };
  const apply = useMutation({
    mutationFn: () => api.post<ProjectView>(`${projectsApi(slug)}/${project.id}/roles/${role.id}/applications`, { message }),
    onSuccess: async (updated) => {
      setApplying(false);
      setMessage("");
      await refresh(updated);
      document.getElementById(`role-${role.id}-state`)?.focus();
    },
  });
  const withdraw = useMutation({
    mutationFn: (applicationId: string) => api.delete(`${cityApi(slug)}/applications/${applicationId}`),
    onSuccess: () => refresh(),
  });
  const headingId = `role-${role.id}`;

  return (
    <article className="civitas-role" aria-labelledby={headingId}>
      <h3 id={headingId}>{role.title}</h3>
      <p className="civitas-group-card__meta">
        <RoleStatusTag status={role.status} />
        <span>{t("projects.detail.roleMembers", { count: role.memberCount })}</span>
      </p>
      {role.description ? <p>{role.description}</p> : null}
      <p>
        {role.skills.length > 0 ? t("projects.detail.skills", { skills: role.skills.map((skill) => skill.name).join(", ") }) : t("projects.detail.noSkills")}
      </p>
      <div id={`role-${role.id}-state`} tabIndex={-1}>
        {application ? (
          <p role="status">
            <ApplicationStatusTag status={application.status} /> {t(`projects.apply.yours.${application.status}`)}
          </p>
        ) : null}
      </div>
      <ProblemAlert error={withdraw.error} />
      {application && (application.status === "pending" || application.status === "approved") ? (
        <Button type="button" outline disabled={withdraw.isPending} onClick={() => withdraw.mutate(application.id)}>
          {application.status === "pending" ? t("projects.apply.withdraw") : t("projects.apply.stepDown")}
          <span className="usa-sr-only"> {role.title}</span>
        </Button>
      ) : null}
      {role.status === "open" && !signedIn && !me.isPending ? (
        <p>
          <Link to={`/${slug}/sign-in?next=${encodeURIComponent(`${location.pathname}#${headingId}`)}`}>{t("projects.apply.signIn")}</Link>
        </p>
      ) : null}
      {signedIn && canApply(role.status, application) ? (
        applying ? (
          <Form
            onSubmit={(event) => {
              event.preventDefault();
              apply.mutate();
            }}
          >
            <ProblemAlert error={apply.error} fieldLabels={{ message: t("projects.apply.message") }} />
            <TextAreaField
              id={`apply-message-${role.id}`}
              name="message"
              label={t("projects.apply.message")}
              hint={t("projects.apply.messageHint")}
              value={message}
              onChange={(event) => setMessage(event.target.value)}
              error={apply.error}
              required
              minLength={10}
              maxLength={2000}
              rows={4}
            />
            <div className="civitas-inline-actions civitas-space-above">
              <Button type="submit" disabled={apply.isPending}>
                {t("projects.apply.send")}
              </Button>
              <Button type="button" unstyled onClick={() => setApplying(false)}>
                {t("common.cancel")}
              </Button>
            </div>
          </Form>
        ) : (
          <Button type="button" onClick={() => setApplying(true)}>
            {t("projects.apply.start")}
            <span className="usa-sr-only"> {role.title}</span>
          </Button>
        )
      ) : null}
      {apply.isSuccess ? (
        <Alert type="success" headingLevel="h4" slim>
          {t("projects.apply.sent")}
        </Alert>
      ) : null}
    </article>
  );
}
