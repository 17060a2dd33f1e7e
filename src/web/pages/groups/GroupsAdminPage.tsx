import "./groups.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { GroupSummaryView, GroupView, ProjectStage } from "../../../contracts/groups.ts";
import { api } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { TextAreaField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Button, Form, Table } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { Checkbox } from "../opportunities/parts.tsx";
import { groupsApi, overseerRoles, StageTag } from "./parts.tsx";

/** For the city's admins and DSO staff: every group, a new one, and which groups' projects work on which of the city's problems. */

interface ProblemWork {
  problems: {
    problem: { id: string; title: string; status: string };
    projects: { id: string; name: string; stage: ProjectStage; group: { slug: string; name: string } }[];
  }[];
  unlinkedProjects: number;
}

export default function GroupsAdminPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={overseerRoles}>
      <AdminBreadcrumb current={t("groups.admin.title")} />
      <PageHeading>{t("groups.admin.title")}</PageHeading>
      <p className="usa-intro">{t("groups.admin.intro")}</p>
      <GroupsTable />
      <ProblemWorkTable />
      <NewGroup />
    </RequireAccess>
  );
}

function GroupsTable() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const list = useQuery({
    queryKey: ["groups", slug],
    queryFn: () => api.get<{ groups: GroupSummaryView[] }>(groupsApi(slug)),
  });
  return (
    <section className="civitas-space-above" aria-labelledby="admin-groups">
      <h2 id="admin-groups">{t("groups.admin.groupsHeading")}</h2>
      <ProblemAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.groups.length === 0 ? <p>{t("groups.list.empty")}</p> : null}
      {list.data && list.data.groups.length > 0 ? (
        <Table stacked caption={t("groups.admin.groupsCaption", { count: list.data.groups.length })}>
          <thead>
            <tr>
              <th scope="col">{t("groups.fields.name")}</th>
              <th scope="col">{t("groups.admin.membersColumn")}</th>
              <th scope="col">{t("groups.admin.projectsColumn")}</th>
              <th scope="col">{t("groups.admin.openRolesColumn")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.groups.map((group) => (
              <tr key={group.id}>
                <th scope="row" data-label={t("groups.fields.name")}>
                  <Link to={`/${slug}/groups/${group.slug}`}>{group.name}</Link>
                </th>
                <td data-label={t("groups.admin.membersColumn")}>{group.memberCount}</td>
                <td data-label={t("groups.admin.projectsColumn")}>{group.projectCount}</td>
                <td data-label={t("groups.admin.openRolesColumn")}>{group.openRoleCount}</td>
                <td data-label={t("common.actions")}>
                  <Link to={`/${slug}/groups/${group.slug}/manage`}>
                    {t("groups.detail.manage")}
                    <span className="usa-sr-only"> {group.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

function ProblemWorkTable() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const work = useQuery({
    queryKey: ["problemWork", slug],
    queryFn: () => api.get<ProblemWork>(`${groupsApi(slug)}/problem-work`),
  });
  return (
    <section className="civitas-space-above" aria-labelledby="admin-problem-work">
      <h2 id="admin-problem-work">{t("groups.admin.workHeading")}</h2>
      <p>{t("groups.admin.workIntro")}</p>
      <ProblemAlert error={work.error} />
      {work.isPending ? <Loading /> : null}
      {work.data && work.data.problems.length === 0 ? <p>{t("groups.admin.workNone")}</p> : null}
      {work.data && work.data.problems.length > 0 ? (
        <Table stacked caption={t("groups.admin.workCaption", { count: work.data.problems.length })}>
          <thead>
            <tr>
              <th scope="col">{t("groups.admin.problemColumn")}</th>
              <th scope="col">{t("groups.admin.projectsColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {work.data.problems.map((row) => (
              <tr key={row.problem.id}>
                <th scope="row" data-label={t("groups.admin.problemColumn")}>
                  <Link to={`/${slug}/problems/${row.problem.id}`}>{row.problem.title}</Link>
                </th>
                <td data-label={t("groups.admin.projectsColumn")}>
                  <ul className="usa-list usa-list--unstyled">
                    {row.projects.map((project) => (
                      <li key={project.id}>
                        <Link to={`/${slug}/projects/${project.id}`}>{project.name}</Link> <StageTag stage={project.stage} />{" "}
                        <span className="civitas-block-note">
                          <Link to={`/${slug}/groups/${project.group.slug}`}>{project.group.name}</Link>
                        </span>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {work.data ? <p>{t("groups.admin.unlinked", { count: work.data.unlinkedProjects })}</p> : null}
    </section>
  );
}

function NewGroup() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ slug: "", name: "", description: "", approvalRequired: false });
  const create = useMutation({
    mutationFn: () => api.post<GroupView>(groupsApi(slug), draft),
    onSuccess: async (group) => {
      await queryClient.invalidateQueries({ queryKey: ["groups", slug] });
      navigate(`/${slug}/groups/${group.slug}/manage`);
    },
  });
  const fieldLabels = { slug: t("groups.fields.slug"), name: t("groups.fields.name"), description: t("groups.fields.description") };
  return (
    <section className="civitas-space-above" aria-labelledby="admin-new-group">
      <h2 id="admin-new-group">{t("groups.admin.newHeading")}</h2>
      <p>{t("groups.admin.newIntro")}</p>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <ProblemAlert error={create.error} fieldLabels={fieldLabels} />
        <TextField
          id="new-group-name"
          name="name"
          label={fieldLabels.name}
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          error={create.error}
          required
          maxLength={120}
        />
        <TextField
          id="new-group-slug"
          name="slug"
          label={fieldLabels.slug}
          hint={t("groups.fields.slugHint")}
          value={draft.slug}
          onChange={(event) => setDraft({ ...draft, slug: event.target.value })}
          error={create.error}
          required
          maxLength={60}
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextAreaField
          id="new-group-description"
          name="description"
          label={fieldLabels.description}
          value={draft.description}
          onChange={(event) => setDraft({ ...draft, description: event.target.value })}
          error={create.error}
          maxLength={4000}
          rows={4}
        />
        <Checkbox
          id="new-group-approval"
          label={t("groups.fields.approvalRequired")}
          hint={t("groups.fields.approvalRequiredHint")}
          checked={draft.approvalRequired}
          onChange={(approvalRequired) => setDraft({ ...draft, approvalRequired })}
        />
        <Button type="submit" disabled={create.isPending}>
          {t("groups.admin.create")}
        </Button>
      </Form>
    </section>
  );
}
