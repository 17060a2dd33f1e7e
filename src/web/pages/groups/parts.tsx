import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { GroupView, ProjectStage, ProjectSummaryView, ProjectView } from "../../../contracts/groups.ts";
import { api, cityApi } from "../../api.ts";
import { Tag } from "../../components/uswds.tsx";
import type { RoleName } from "../../session.ts";

/** Pieces the group, project and application pages share. */

export const projectStages: readonly ProjectStage[] = ["idea", "research", "prototype", "pilot", "live", "paused"];

/** Who oversees every group of the city; the server checks again (groups.oversee). */
export const overseerRoles: RoleName[] = ["city_admin", "dso_staff"];

/** Who may start a group; the server checks again (groups.create). */
export const groupStarterRoles: RoleName[] = ["city_admin", "dso_staff", "group_organizer"];

export function groupsApi(slug: string): string {
  return `${cityApi(slug)}/groups`;
}

export function projectsApi(slug: string): string {
  return `${cityApi(slug)}/projects`;
}

export function groupApi(slug: string, group: string): string {
  return `${groupsApi(slug)}/${encodeURIComponent(group)}`;
}

/** A group's page, with where the reader stands with it; the same query serves the public page and the organizers' one. */
export function useGroup(slug: string, group: string, enabled = true) {
  return useQuery({
    queryKey: ["group", slug, group],
    queryFn: () => api.get<GroupView>(groupApi(slug, group)),
    enabled,
  });
}

/** A project with its roles, and the reader's own applications to them. */
export function useProject(slug: string, projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["project", slug, projectId],
    queryFn: () => api.get<ProjectView>(`${projectsApi(slug)}/${encodeURIComponent(projectId)}`),
    enabled,
  });
}

/** A project's stage, in words. */
export function StageTag({ stage }: { stage: ProjectStage }) {
  const { t } = useTranslation();
  const tone = stage === "live" ? "open" : stage === "paused" ? "muted" : "info";
  return <Tag className={`civitas-tag civitas-tag--${tone}`}>{t(`projects.stage.${stage}`)}</Tag>;
}

/** Whether a role takes applications, in words. */
export function RoleStatusTag({ status }: { status: "open" | "filled" | "closed" }) {
  const { t } = useTranslation();
  const tone = status === "open" ? "open" : status === "filled" ? "info" : "muted";
  return <Tag className={`civitas-tag civitas-tag--${tone}`}>{t(`projects.roleStatus.${status}`)}</Tag>;
}

/** Where an application stands, in words. */
export function ApplicationStatusTag({ status }: { status: "pending" | "approved" | "declined" | "withdrawn" }) {
  const { t } = useTranslation();
  const tone = { pending: "waitlist", approved: "open", declined: "full", withdrawn: "muted" }[status];
  return <Tag className={`civitas-tag civitas-tag--${tone}`}>{t(`projects.applicationStatus.${status}`)}</Tag>;
}

/** One project in a list: name, group, stage, what it is, open roles. */
export function ProjectCard({
  project,
  slug,
  headingLevel = "h3",
  showGroup = true,
}: {
  project: ProjectSummaryView;
  slug: string;
  headingLevel?: "h2" | "h3";
  showGroup?: boolean;
}) {
  const { t } = useTranslation();
  const Heading = headingLevel;
  return (
    <li className="civitas-group-card" aria-labelledby={`project-${project.id}`}>
      <Heading className="civitas-group-card__title" id={`project-${project.id}`}>
        <Link to={`/${slug}/projects/${project.id}`}>{project.name}</Link>
      </Heading>
      <p className="civitas-group-card__meta">
        <StageTag stage={project.stage} />
        {showGroup ? <Link to={`/${slug}/groups/${project.group.slug}`}>{project.group.name}</Link> : null}
        <span>{t("projects.openRoles", { count: project.openRoles })}</span>
        <span>{t("projects.members", { count: project.memberCount })}</span>
      </p>
      <p className="civitas-group-card__text">{project.summary}</p>
      {project.technologies.length > 0 ? (
        <p className="civitas-group-card__technologies">
          <span className="usa-sr-only">{t("projects.technologies")}: </span>
          {project.technologies.map((technology) => (
            <span key={technology} className="civitas-chip">
              {technology}
            </span>
          ))}
        </p>
      ) : null}
    </li>
  );
}
