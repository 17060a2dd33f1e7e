import "./groups.css";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { ProjectSummaryView } from "../../../contracts/groups.ts";
import { api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Button } from "../../components/uswds.tsx";
import { useMe } from "../../session.ts";
import { indentedSkillName, useTaxonomy } from "../opportunities/parts.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { projectQueryOf } from "./group-helpers.ts";
import { ProjectCard, projectStages, projectsApi, RoleStatusTag } from "./parts.tsx";

/**
 * Every group's projects, searchable by words, stage and the skill an open role asks for; for a
 * volunteer signed in, first the open roles that match the skills on their profile. The search lives
 * in the address, so it can be shared and the back button undoes it.
 */

interface RoleMatches {
  hasProfile: boolean;
  roles: {
    role: { id: string; title: string; status: "open" | "filled" | "closed"; skills: { id: string; name: string }[] };
    project: ProjectSummaryView;
    score: number;
    matchedSkills: string[];
  }[];
}

const filterNames = ["q", "stage", "skill"] as const;
type Filters = Record<(typeof filterNames)[number], string>;

function filtersOf(params: URLSearchParams): Filters {
  return { q: params.get("q") ?? "", stage: params.get("stage") ?? "", skill: params.get("skill") ?? "" };
}

export default function ProjectsPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const me = useMe();
  const taxonomy = useTaxonomy(slug);
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const query = projectQueryOf(applied);
  const [draft, setDraft] = useState<Filters>(applied);
  // The back button changes the address: the form follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the applied filters are derived from `query`
  useEffect(() => setDraft(filtersOf(params)), [query]);
  const list = useQuery({
    queryKey: ["projects", slug, query],
    queryFn: () => api.get<{ projects: ProjectSummaryView[] }>(`${projectsApi(slug)}${query ? `?${query}` : ""}`),
    enabled: city.isSuccess,
    placeholderData: keepPreviousData,
  });
  const signedIn = !!me.data?.user;

  if (city.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;
  const anyFilter = filterNames.some((name) => applied[name]);
  const set = (name: keyof Filters) => (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value });

  return (
    <>
      <PageHeading>{t("projects.list.title")}</PageHeading>
      <p className="civitas-lead">{t("projects.list.intro", { city: city.data.name })}</p>
      <p className="civitas-inline-actions">
        <Link to={`/${slug}/groups`}>{t("projects.list.groupsLink")}</Link>
        {signedIn ? <Link to={`/${slug}/my-applications`}>{t("projects.mine.link")}</Link> : null}
      </p>

      {signedIn ? <Matches slug={slug} /> : null}

      <section className="civitas-group-section" aria-labelledby="projects-all">
        <h2 id="projects-all">{t("projects.list.allHeading")}</h2>
        <form
          className="usa-form civitas-listing-filters"
          aria-label={t("projects.list.filtersLabel")}
          onSubmit={(event) => {
            event.preventDefault();
            const next = new URLSearchParams(projectQueryOf(draft));
            setParams(next);
          }}
        >
          <div className="civitas-filter-grid">
            <TextField id="projects-q" name="q" type="search" label={t("projects.list.q")} value={draft.q} onChange={set("q")} maxLength={100} />
            <SelectField id="projects-stage" name="stage" label={t("projects.fields.stage")} value={draft.stage} onChange={set("stage")}>
              <option value="">{t("projects.list.anyStage")}</option>
              {projectStages.map((stage) => (
                <option key={stage} value={stage}>
                  {t(`projects.stage.${stage}`)}
                </option>
              ))}
            </SelectField>
            <SelectField id="projects-skill" name="skill" label={t("projects.list.skill")} value={draft.skill} onChange={set("skill")}>
              <option value="">{t("projects.list.anySkill")}</option>
              {taxonomy.skills?.map((skill) => (
                <option key={skill.id} value={skill.id}>
                  {indentedSkillName(skill)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="civitas-filter-actions">
            <Button type="submit">{t("projects.list.search")}</Button>
          </div>
          {anyFilter ? (
            <p>
              <Link to={`/${slug}/projects`}>{t("projects.list.clear")}</Link>
            </p>
          ) : null}
        </form>
        <ProblemAlert error={list.error} />
        {list.isPending ? <Loading /> : null}
        <p role="status" className="civitas-result-count">
          {list.data ? t("projects.list.count", { count: list.data.projects.length }) : ""}
        </p>
        {list.data && list.data.projects.length === 0 ? <p>{anyFilter ? t("projects.list.emptyFiltered") : t("projects.list.empty")}</p> : null}
        {list.data && list.data.projects.length > 0 ? (
          <ul className="usa-list usa-list--unstyled">
            {list.data.projects.map((project) => (
              <ProjectCard key={project.id} project={project} slug={slug} />
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}

function Matches({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const matches = useQuery({
    queryKey: ["roleMatches", slug],
    queryFn: () => api.get<RoleMatches>(`${projectsApi(slug)}/matches`),
  });
  return (
    <section className="civitas-group-section" aria-labelledby="projects-matches">
      <h2 id="projects-matches">{t("projects.matches.heading")}</h2>
      <ProblemAlert error={matches.error} />
      {matches.isPending ? <Loading /> : null}
      {matches.data && !matches.data.hasProfile ? (
        <p>
          {t("projects.matches.noProfile")} <Link to={`/${slug}/volunteer`}>{t("projects.matches.profileLink")}</Link>
        </p>
      ) : null}
      {matches.data?.hasProfile && matches.data.roles.length === 0 ? <p>{t("projects.matches.none")}</p> : null}
      {matches.data && matches.data.roles.length > 0 ? (
        <ul className="usa-list usa-list--unstyled">
          {matches.data.roles.slice(0, 6).map((match) => (
            <li key={match.role.id} className="civitas-group-card" aria-labelledby={`match-${match.role.id}`}>
              <h3 className="civitas-group-card__title" id={`match-${match.role.id}`}>
                <Link to={`/${slug}/projects/${match.project.id}#role-${match.role.id}`}>{match.role.title}</Link>
              </h3>
              <p className="civitas-group-card__meta">
                <RoleStatusTag status={match.role.status} />
                <span>{t("projects.matches.inProject", { project: match.project.name, group: match.project.group.name })}</span>
              </p>
              <p className="civitas-group-card__text">
                {match.matchedSkills.length > 0
                  ? t("projects.matches.matched", { skills: match.matchedSkills.join(", ") })
                  : match.role.skills.length === 0
                    ? t("projects.matches.noSkillsAsked")
                    : t("projects.matches.asks", { skills: match.role.skills.map((skill) => skill.name).join(", ") })}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
