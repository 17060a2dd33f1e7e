import "./groups.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import type { ProjectStage, ProjectView } from "../../../contracts/groups.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { messageWithin, SelectField, TextAreaField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";
import { Checkbox, Fieldset, indentedSkillName, useTaxonomy } from "../opportunities/parts.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { parseTechnologies } from "./group-helpers.ts";
import { projectStages, projectsApi, useProject } from "./parts.tsx";

/** A project's organizers change what it says, the problems and bounties it works on, and its roles. */

type Role = ProjectView["roles"][number];
interface Linkable {
  id: string;
  title: string;
}

export default function ProjectEditorPage() {
  return (
    <RequireAccess>
      <ProjectEditor />
    </RequireAccess>
  );
}

function ProjectEditor() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { projectId = "" } = useParams();
  const city = useCity(slug);
  const project = useProject(slug, projectId, city.isSuccess);

  if (city.isPending || project.isPending) return city.error ? <NotFoundPage /> : <Loading />;
  if (project.error instanceof ApiProblem && (project.error.status === 404 || project.error.status === 400)) return <NotFoundPage />;
  if (project.error) {
    return (
      <>
        <PageHeading>{t("projects.detail.unavailable")}</PageHeading>
        <ProblemAlert error={project.error} />
      </>
    );
  }
  const item = project.data;
  if (!item.viewer.canManage) {
    return (
      <>
        <PageHeading>{t("access.deniedTitle")}</PageHeading>
        <Alert type="warning" headingLevel="h2" heading={t("groups.manage.organizersOnly")}>
          <Link to={`/${slug}/projects/${item.id}`}>{t("projects.editor.backToProject", { name: item.name })}</Link>
        </Alert>
      </>
    );
  }
  return (
    <>
      <p className="civitas-back-link">
        <Link to={`/${slug}/groups/${item.group.slug}/manage`}>{t("groups.manage.backToManage", { name: item.group.name })}</Link>
      </p>
      <PageHeading title={t("projects.editor.title", { name: item.name })}>{t("projects.editor.heading")}</PageHeading>
      <p>
        <Link to={`/${slug}/projects/${item.id}`}>{t("projects.editor.viewPublic")}</Link>
      </p>
      <ProjectForm key={item.updatedAt} item={item} />
      <RolesSection item={item} />
      <DeleteSection item={item} />
    </>
  );
}

function ProjectForm({ item }: { item: ProjectView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    name: item.name,
    summary: item.summary,
    description: item.description,
    stage: item.stage,
    technologies: item.technologies.join(", "),
    repositoryUrl: item.repositoryUrl ?? "",
    problemIds: item.problems.map((problem) => problem.id),
    bountyIds: item.bounties.map((bounty) => bounty.id),
  });
  const problems = useQuery({
    queryKey: ["projectProblemChoices", slug],
    queryFn: () => api.get<{ problems: Linkable[] }>(`${cityApi(slug)}/problems?pageSize=100`),
    staleTime: 60_000,
  });
  const bounties = useQuery({
    queryKey: ["projectBountyChoices", slug],
    queryFn: () => api.get<{ bounties: Linkable[] }>(`${cityApi(slug)}/bounties`),
    staleTime: 60_000,
  });
  const save = useMutation({
    mutationFn: () =>
      api.patch<ProjectView>(`${projectsApi(slug)}/${item.id}`, {
        name: draft.name,
        summary: draft.summary,
        description: draft.description,
        stage: draft.stage,
        technologies: parseTechnologies(draft.technologies),
        repositoryUrl: draft.repositoryUrl.trim() || null,
        problemIds: draft.problemIds,
        bountyIds: draft.bountyIds,
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["project", slug, item.id], saved);
      await queryClient.invalidateQueries({ queryKey: ["projects", slug] });
      await queryClient.invalidateQueries({ queryKey: ["group", slug, item.group.slug] });
    },
  });
  const set = <K extends keyof typeof draft>(name: K, value: (typeof draft)[K]) => setDraft((current) => ({ ...current, [name]: value }));
  const toggle = (name: "problemIds" | "bountyIds", id: string, checked: boolean) =>
    setDraft((current) => ({ ...current, [name]: checked ? [...current[name], id] : current[name].filter((entry) => entry !== id) }));
  const created = (location.state as { created?: boolean } | null)?.created;
  // Linked records stay listed even when the choices leave them out (a problem on a later page, a closed bounty).
  const choices = (list: Linkable[] | undefined, linked: Linkable[]) => [
    ...linked,
    ...(list ?? []).filter((entry) => !linked.some((own) => own.id === entry.id)),
  ];
  const fieldLabels = {
    name: t("projects.fields.name"),
    summary: t("projects.fields.summary"),
    description: t("projects.fields.description"),
    stage: t("projects.fields.stage"),
    technologies: t("projects.technologies"),
    repositoryUrl: t("projects.fields.repositoryUrl"),
    problemIds: t("projects.detail.problems"),
    bountyIds: t("projects.detail.bounties"),
  };

  return (
    <Form
      large
      className="civitas-editor-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      {created && !save.isSuccess ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t("projects.editor.created")}
        </Alert>
      ) : null}
      {save.isSuccess ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t("common.savedChanges")}
        </Alert>
      ) : null}
      <ProblemAlert error={save.error} fieldLabels={fieldLabels} />
      <h2>{t("projects.editor.aboutHeading")}</h2>
      <TextField
        id="project-name"
        name="name"
        label={fieldLabels.name}
        value={draft.name}
        onChange={(event) => set("name", event.target.value)}
        error={save.error}
        required
        maxLength={120}
      />
      <TextAreaField
        id="project-summary"
        name="summary"
        label={fieldLabels.summary}
        hint={t("projects.fields.summaryHint")}
        value={draft.summary}
        onChange={(event) => set("summary", event.target.value)}
        error={save.error}
        required
        maxLength={300}
        rows={3}
      />
      <TextAreaField
        id="project-description"
        name="description"
        label={fieldLabels.description}
        value={draft.description}
        onChange={(event) => set("description", event.target.value)}
        error={save.error}
        maxLength={10_000}
        rows={6}
      />
      <SelectField
        id="project-stage"
        name="stage"
        label={fieldLabels.stage}
        value={draft.stage}
        onChange={(event) => set("stage", event.target.value as ProjectStage)}
        error={save.error}
      >
        {projectStages.map((stage) => (
          <option key={stage} value={stage}>
            {t(`projects.stage.${stage}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="project-technologies"
        name="technologies"
        label={fieldLabels.technologies}
        hint={t("projects.fields.technologiesHint")}
        value={draft.technologies}
        onChange={(event) => set("technologies", event.target.value)}
        error={save.error}
        maxLength={900}
      />
      <TextField
        id="project-repository"
        name="repositoryUrl"
        type="url"
        label={fieldLabels.repositoryUrl}
        hint={t("projects.fields.repositoryHint")}
        value={draft.repositoryUrl}
        onChange={(event) => set("repositoryUrl", event.target.value)}
        error={save.error}
        maxLength={500}
      />
      <h2>{t("projects.detail.linkedHeading")}</h2>
      <Fieldset
        id="project-problems"
        legend={fieldLabels.problemIds}
        hint={t("projects.editor.problemsHint")}
        message={messageWithin(save.error, "problemIds")}
      >
        {problems.isPending ? <Loading /> : null}
        <div className="civitas-checkbox-scroll">
          {choices(problems.data?.problems, item.problems).map((problem) => (
            <Checkbox
              key={problem.id}
              id={`project-problem-${problem.id}`}
              label={problem.title}
              checked={draft.problemIds.includes(problem.id)}
              onChange={(checked) => toggle("problemIds", problem.id, checked)}
            />
          ))}
        </div>
      </Fieldset>
      <Fieldset id="project-bounties" legend={fieldLabels.bountyIds} hint={t("projects.editor.bountiesHint")} message={messageWithin(save.error, "bountyIds")}>
        {bounties.isPending ? <Loading /> : null}
        <div className="civitas-checkbox-scroll">
          {choices(bounties.data?.bounties, item.bounties).map((bounty) => (
            <Checkbox
              key={bounty.id}
              id={`project-bounty-${bounty.id}`}
              label={bounty.title}
              checked={draft.bountyIds.includes(bounty.id)}
              onChange={(checked) => toggle("bountyIds", bounty.id, checked)}
            />
          ))}
        </div>
      </Fieldset>
      <Button type="submit" disabled={save.isPending}>
        {t("projects.editor.save")}
      </Button>
    </Form>
  );
}

function RolesSection({ item }: { item: ProjectView }) {
  const { t } = useTranslation();
  return (
    <section className="civitas-group-section" aria-labelledby="project-roles">
      <h2 id="project-roles">{t("projects.detail.rolesHeading")}</h2>
      <p>{t("projects.editor.rolesIntro")}</p>
      {item.roles.map((role) => (
        <RoleForm key={`${role.id}-${item.updatedAt}-${role.status}-${role.title}`} project={item} role={role} />
      ))}
      <RoleForm key={`new-${item.roles.length}`} project={item} />
    </section>
  );
}

function RoleForm({ project, role }: { project: ProjectView; role?: Role }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const taxonomy = useTaxonomy(slug);
  const [title, setTitle] = useState(role?.title ?? "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [skillIds, setSkillIds] = useState<string[]>(role?.skills.map((skill) => skill.id) ?? []);
  const [status, setStatus] = useState<Role["status"]>(role?.status ?? "open");
  const save = useMutation({
    mutationFn: () => {
      const body = { title, description, skillIds, status };
      return role
        ? api.put<ProjectView>(`${projectsApi(slug)}/${project.id}/roles/${role.id}`, body)
        : api.post<ProjectView>(`${projectsApi(slug)}/${project.id}/roles`, body);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(["project", slug, project.id], saved);
      await queryClient.invalidateQueries({ queryKey: ["projects", slug] });
    },
  });
  const idBase = role ? `role-${role.id}` : "role-new";
  const headingId = `${idBase}-heading`;
  const selectedSkill = (id: string) => skillIds.includes(id);

  return (
    <article className="civitas-role" aria-labelledby={headingId}>
      <h3 id={headingId}>{role ? role.title : t("projects.editor.newRole")}</h3>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <ProblemAlert
          error={save.error}
          fieldLabels={{ title: t("projects.fields.roleTitle"), description: t("projects.fields.roleDescription"), skillIds: t("projects.fields.roleSkills") }}
        />
        <TextField
          id={`${idBase}-title`}
          name="title"
          label={t("projects.fields.roleTitle")}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={save.error}
          required
          maxLength={100}
        />
        <TextAreaField
          id={`${idBase}-description`}
          name="description"
          label={t("projects.fields.roleDescription")}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          error={save.error}
          maxLength={2000}
          rows={3}
        />
        <Fieldset
          id={`${idBase}-skills`}
          legend={t("projects.fields.roleSkills")}
          hint={t("projects.fields.roleSkillsHint")}
          message={messageWithin(save.error, "skillIds")}
        >
          <div className="civitas-checkbox-scroll">
            {taxonomy.skills?.map((skill) => (
              <Checkbox
                key={skill.id}
                id={`${idBase}-skill-${skill.slug}`}
                label={indentedSkillName(skill)}
                checked={selectedSkill(skill.id)}
                onChange={(checked) => setSkillIds((current) => (checked ? [...current, skill.id] : current.filter((entry) => entry !== skill.id)))}
              />
            ))}
          </div>
        </Fieldset>
        <SelectField
          id={`${idBase}-status`}
          name="status"
          label={t("projects.fields.roleStatus")}
          value={status}
          onChange={(event) => setStatus(event.target.value as Role["status"])}
          error={save.error}
        >
          {(["open", "filled", "closed"] as const).map((value) => (
            <option key={value} value={value}>
              {t(`projects.roleStatus.${value}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={save.isPending}>
          {role ? t("projects.editor.saveRole") : t("projects.editor.addRole")}
        </Button>
        {save.isSuccess && role ? (
          <p role="status" className="civitas-result-count">
            {t("common.savedChanges")}
          </p>
        ) : null}
      </Form>
    </article>
  );
}

function DeleteSection({ item }: { item: ProjectView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.delete(`${projectsApi(slug)}/${item.id}`),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ["project", slug, item.id] });
      await queryClient.invalidateQueries({ queryKey: ["group", slug, item.group.slug] });
      await queryClient.invalidateQueries({ queryKey: ["projects", slug] });
      navigate(`/${slug}/groups/${item.group.slug}/manage`);
    },
  });
  return (
    <section className="civitas-group-section" aria-labelledby="project-delete">
      <h2 id="project-delete">{t("projects.editor.deleteHeading")}</h2>
      <p>{t("projects.editor.deleteIntro")}</p>
      <ProblemAlert error={remove.error} />
      {confirming ? (
        <div className="civitas-inline-actions">
          <Button type="button" secondary disabled={remove.isPending} onClick={() => remove.mutate()}>
            {t("projects.editor.deleteConfirm", { name: item.name })}
          </Button>
          <Button type="button" unstyled onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </Button>
        </div>
      ) : (
        <Button type="button" outline onClick={() => setConfirming(true)}>
          {t("projects.editor.delete")}
        </Button>
      )}
    </section>
  );
}
