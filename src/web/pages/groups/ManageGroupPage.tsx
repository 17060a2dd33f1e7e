import "./groups.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { GroupView, ProjectView } from "../../../contracts/groups.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { messageWithin, TextAreaField, TextField } from "../../components/Fields.tsx";
import { formatDate, formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form, Select, Table } from "../../components/uswds.tsx";
import { Checkbox, useLocale } from "../opportunities/parts.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { sortMembers } from "./group-helpers.ts";
import { ApplicationStatusTag, groupApi, useGroup } from "./parts.tsx";

/**
 * A group's own administration, for its organizers (and the city's admins and DSO staff): its
 * details and links, members and requests to join, applications to its projects' roles, a new
 * project, and its events. The server checks every request again.
 */

interface Member {
  userId: string;
  name: string;
  email: string;
  role: "member" | "organizer";
  status: "pending" | "active";
  joinedAt: string;
}

interface Application {
  id: string;
  project: { id: string; name: string };
  role: { id: string; title: string };
  applicant: { userId: string; name: string; email: string };
  message: string;
  status: "pending" | "approved" | "declined" | "withdrawn";
  declineReason: string | null;
  createdAt: string;
  decidedAt: string | null;
  waitingDays: number;
}

interface GroupEvent {
  id: string;
  title: string;
  status: "draft" | "published" | "archived";
  upcomingShifts: number;
  nextShiftAt: string | null;
}

export default function ManageGroupPage() {
  return (
    <RequireAccess>
      <ManageGroup />
    </RequireAccess>
  );
}

function ManageGroup() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { group: groupSlug = "" } = useParams();
  const city = useCity(slug);
  const group = useGroup(slug, groupSlug, city.isSuccess);

  if (city.isPending || group.isPending) return city.error ? <NotFoundPage /> : <Loading />;
  if (group.error instanceof ApiProblem && (group.error.status === 404 || group.error.status === 400)) return <NotFoundPage />;
  if (group.error || !city.data) {
    return (
      <>
        <PageHeading>{t("groups.detail.unavailable")}</PageHeading>
        <ProblemAlert error={group.error} />
      </>
    );
  }
  const item = group.data;
  if (!item.viewer.canManage) {
    return (
      <>
        <PageHeading>{t("access.deniedTitle")}</PageHeading>
        <Alert type="warning" headingLevel="h2" heading={t("groups.manage.organizersOnly")}>
          <Link to={`/${slug}/groups/${item.slug}`}>{t("groups.manage.backToGroup", { name: item.name })}</Link>
        </Alert>
      </>
    );
  }

  return (
    <>
      <p className="civitas-back-link">
        <Link to={`/${slug}/groups/${item.slug}`}>{t("groups.manage.backToGroup", { name: item.name })}</Link>
      </p>
      <PageHeading title={t("groups.manage.title", { name: item.name })}>{t("groups.manage.heading")}</PageHeading>
      <nav aria-label={t("groups.manage.sections")}>
        <ul className="usa-list">
          <li>
            <a href="#group-applications">{t("groups.manage.applicationsHeading")}</a>
          </li>
          <li>
            <a href="#group-members">{t("groups.manage.membersHeading")}</a>
          </li>
          <li>
            <a href="#group-projects">{t("groups.manage.projectsHeading")}</a>
          </li>
          <li>
            <a href="#group-events">{t("groups.manage.eventsHeading")}</a>
          </li>
          <li>
            <a href="#group-details">{t("groups.manage.detailsHeading")}</a>
          </li>
        </ul>
      </nav>
      <ApplicationsSection item={item} timeZone={city.data.timeZone} />
      <MembersSection item={item} timeZone={city.data.timeZone} />
      <ProjectsSection item={item} />
      <EventsSection item={item} timeZone={city.data.timeZone} />
      <DetailsSection key={`${item.name}|${item.description}|${item.approvalRequired}|${JSON.stringify(item.links)}`} item={item} />
    </>
  );
}

function ApplicationsSection({ item, timeZone }: { item: GroupView; timeZone: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const [status, setStatus] = useState<"" | Application["status"]>("pending");
  const applications = useQuery({
    queryKey: ["groupApplications", slug, item.slug, status],
    queryFn: () => api.get<{ applications: Application[] }>(`${groupApi(slug, item.slug)}/applications${status ? `?status=${status}` : ""}`),
  });
  return (
    <section className="civitas-group-section" aria-labelledby="group-applications">
      <h2 id="group-applications" tabIndex={-1}>
        {t("groups.manage.applicationsHeading")}
      </h2>
      <p>{t("groups.manage.applicationsIntro")}</p>
      <div className="usa-form">
        <label className="usa-label" htmlFor="group-applications-status">
          {t("groups.manage.applicationsFilter")}
        </label>
        <Select id="group-applications-status" value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
          <option value="">{t("groups.manage.anyStatus")}</option>
          {(["pending", "approved", "declined", "withdrawn"] as const).map((value) => (
            <option key={value} value={value}>
              {t(`projects.applicationStatus.${value}`)}
            </option>
          ))}
        </Select>
      </div>
      <ProblemAlert error={applications.error} />
      {applications.isPending ? <Loading /> : null}
      {applications.data ? (
        <p role="status" className="civitas-result-count">
          {t("groups.manage.applicationsCount", { count: applications.data.applications.length })}
        </p>
      ) : null}
      {applications.data && applications.data.applications.length > 0 ? (
        <ul className="usa-list usa-list--unstyled">
          {applications.data.applications.map((application) => (
            <ApplicationItem key={application.id} application={application} group={item.slug} timeZone={timeZone} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ApplicationItem({ application, group, timeZone }: { application: Application; group: string; timeZone: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  const decide = useMutation({
    mutationFn: (decision: "approve" | "decline") =>
      api.post<Application>(`${cityApi(slug)}/applications/${application.id}/decision`, {
        decision,
        ...(decision === "decline" && reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["groupApplications", slug, group] });
      await queryClient.invalidateQueries({ queryKey: ["group", slug, group] });
      await queryClient.invalidateQueries({ queryKey: ["project", slug, application.project.id] });
    },
  });
  const headingId = `application-${application.id}`;
  return (
    <li className="civitas-application" aria-labelledby={headingId}>
      <h3 id={headingId} className="civitas-group-card__title">
        {t("groups.manage.applicationTitle", { name: application.applicant.name, role: application.role.title })}
      </h3>
      <p className="civitas-group-card__meta">
        <ApplicationStatusTag status={application.status} />
        <Link to={`/${slug}/projects/${application.project.id}`}>{application.project.name}</Link>
        <a href={`mailto:${application.applicant.email}`}>{application.applicant.email}</a>
      </p>
      <p className="civitas-group-card__meta">
        <span>{t("groups.manage.appliedOn", { date: formatDate(application.createdAt, locale, timeZone) })}</span>
        {application.status === "pending" ? <strong>{t("groups.manage.waitingDays", { count: application.waitingDays })}</strong> : null}
      </p>
      <blockquote translate="no">{application.message}</blockquote>
      {application.declineReason ? <p>{t("groups.manage.declineReasonShown", { reason: application.declineReason })}</p> : null}
      <ProblemAlert error={decide.error} fieldLabels={{ reason: t("groups.manage.declineReason") }} />
      {application.status === "pending" ? (
        declining ? (
          <Form
            onSubmit={(event) => {
              event.preventDefault();
              decide.mutate("decline");
            }}
          >
            <TextAreaField
              id={`decline-reason-${application.id}`}
              name="reason"
              label={t("groups.manage.declineReason")}
              hint={t("groups.manage.declineReasonHint")}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              error={decide.error}
              maxLength={500}
              rows={3}
            />
            <div className="civitas-inline-actions civitas-space-above">
              <Button type="submit" secondary disabled={decide.isPending}>
                {t("groups.manage.declineConfirm")}
              </Button>
              <Button type="button" unstyled onClick={() => setDeclining(false)}>
                {t("common.cancel")}
              </Button>
            </div>
          </Form>
        ) : (
          <div className="civitas-inline-actions">
            <Button type="button" disabled={decide.isPending} onClick={() => decide.mutate("approve")}>
              {t("groups.manage.approve")}
              <span className="usa-sr-only"> {application.applicant.name}</span>
            </Button>
            <Button type="button" outline disabled={decide.isPending} onClick={() => setDeclining(true)}>
              {t("groups.manage.decline")}
              <span className="usa-sr-only"> {application.applicant.name}</span>
            </Button>
          </div>
        )
      ) : null}
    </li>
  );
}

function MembersSection({ item, timeZone }: { item: GroupView; timeZone: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const members = useQuery({
    queryKey: ["groupMembers", slug, item.slug],
    queryFn: () => api.get<{ members: Member[] }>(`${groupApi(slug, item.slug)}/members`),
  });
  const act = useMutation({
    mutationFn: ({ member, action }: { member: Member; action: "approve" | "decline" | "organizer" | "member" | "remove" }) => {
      const base = `${groupApi(slug, item.slug)}/members/${member.userId}`;
      if (action === "approve" || action === "decline") return api.post(`${base}/decision`, { decision: action });
      if (action === "remove") return api.delete(base);
      return api.put(`${base}/role`, { role: action });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["groupMembers", slug, item.slug] });
      await queryClient.invalidateQueries({ queryKey: ["group", slug, item.slug] });
    },
  });
  const sorted = sortMembers(members.data?.members ?? [], locale);
  const pending = sorted.filter((member) => member.status === "pending").length;

  return (
    <section className="civitas-group-section" aria-labelledby="group-members">
      <h2 id="group-members" tabIndex={-1}>
        {t("groups.manage.membersHeading")}
      </h2>
      <p>{item.approvalRequired ? t("groups.manage.membersIntroApproval") : t("groups.manage.membersIntro")}</p>
      <ProblemAlert error={members.error ?? act.error} />
      {members.isPending ? <Loading /> : null}
      {members.data ? (
        <p role="status" className="civitas-result-count">
          {t("groups.members", { count: sorted.length - pending })}
          {pending > 0 ? ` · ${t("groups.manage.requests", { count: pending })}` : ""}
        </p>
      ) : null}
      {sorted.length > 0 ? (
        <Table stacked caption={t("groups.manage.membersCaption", { name: item.name })}>
          <thead>
            <tr>
              <th scope="col">{t("groups.manage.name")}</th>
              <th scope="col">{t("groups.manage.email")}</th>
              <th scope="col">{t("groups.manage.place")}</th>
              <th scope="col">{t("groups.manage.since")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((member) => (
              <tr key={member.userId}>
                <th scope="row" data-label={t("groups.manage.name")}>
                  {member.name}
                </th>
                <td data-label={t("groups.manage.email")}>
                  <a href={`mailto:${member.email}`}>{member.email}</a>
                </td>
                <td data-label={t("groups.manage.place")}>
                  {member.status === "pending" ? t("groups.manage.placePending") : t(`groups.manage.placeRole.${member.role}`)}
                </td>
                <td data-label={t("groups.manage.since")}>{formatDate(member.joinedAt, locale, timeZone)}</td>
                <td data-label={t("common.actions")}>
                  <div className="civitas-inline-actions">
                    {member.status === "pending" ? (
                      <>
                        <Button type="button" disabled={act.isPending} onClick={() => act.mutate({ member, action: "approve" })}>
                          {t("groups.manage.approve")}
                          <span className="usa-sr-only"> {member.name}</span>
                        </Button>
                        <Button type="button" outline disabled={act.isPending} onClick={() => act.mutate({ member, action: "decline" })}>
                          {t("groups.manage.decline")}
                          <span className="usa-sr-only"> {member.name}</span>
                        </Button>
                      </>
                    ) : (
                      <>
                        <Button
                          type="button"
                          outline
                          disabled={act.isPending}
                          onClick={() => act.mutate({ member, action: member.role === "organizer" ? "member" : "organizer" })}
                        >
                          {member.role === "organizer" ? t("groups.manage.makeMember") : t("groups.manage.makeOrganizer")}
                          <span className="usa-sr-only"> {member.name}</span>
                        </Button>
                        <Button type="button" secondary disabled={act.isPending} onClick={() => act.mutate({ member, action: "remove" })}>
                          {t("groups.manage.remove")}
                          <span className="usa-sr-only"> {member.name}</span>
                        </Button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

function ProjectsSection({ item }: { item: GroupView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [summary, setSummary] = useState("");
  const create = useMutation({
    mutationFn: () => api.post<ProjectView>(`${groupApi(slug, item.slug)}/projects`, { name, summary }),
    onSuccess: async (project) => {
      await queryClient.invalidateQueries({ queryKey: ["group", slug, item.slug] });
      navigate(`/${slug}/projects/${project.id}/edit`, { state: { created: true } });
    },
  });
  return (
    <section className="civitas-group-section" aria-labelledby="group-projects">
      <h2 id="group-projects" tabIndex={-1}>
        {t("groups.manage.projectsHeading")}
      </h2>
      {item.projects.length === 0 ? (
        <p>{t("groups.detail.noProjects")}</p>
      ) : (
        <ul className="usa-list">
          {item.projects.map((project) => (
            <li key={project.id}>
              <Link to={`/${slug}/projects/${project.id}/edit`}>{t("groups.manage.editProject", { name: project.name })}</Link>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("groups.manage.newProject")}</h3>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <ProblemAlert error={create.error} fieldLabels={{ name: t("projects.fields.name"), summary: t("projects.fields.summary") }} />
        <TextField
          id="new-project-name"
          name="name"
          label={t("projects.fields.name")}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={create.error}
          required
          maxLength={120}
        />
        <TextAreaField
          id="new-project-summary"
          name="summary"
          label={t("projects.fields.summary")}
          hint={t("projects.fields.summaryHint")}
          value={summary}
          onChange={(event) => setSummary(event.target.value)}
          error={create.error}
          required
          maxLength={300}
          rows={3}
        />
        <Button type="submit" disabled={create.isPending}>
          {t("groups.manage.addProject")}
        </Button>
      </Form>
    </section>
  );
}

function EventsSection({ item, timeZone }: { item: GroupView; timeZone: string }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const events = useQuery({
    queryKey: ["staffOpportunities", slug, `groupId=${item.id}`],
    queryFn: () => api.get<{ opportunities: GroupEvent[] }>(`${cityApi(slug)}/admin/opportunities?groupId=${item.id}`),
  });
  return (
    <section className="civitas-group-section" aria-labelledby="group-events">
      <h2 id="group-events" tabIndex={-1}>
        {t("groups.manage.eventsHeading")}
      </h2>
      <p>{t("groups.manage.eventsIntro")}</p>
      <p>
        <Link className="usa-button" to={`/${slug}/admin/opportunities/new?group=${encodeURIComponent(item.slug)}`}>
          {t("groups.manage.addEvent")}
        </Link>
      </p>
      <ProblemAlert error={events.error} />
      {events.isPending ? <Loading /> : null}
      {events.data && events.data.opportunities.length === 0 ? <p>{t("groups.manage.noEvents")}</p> : null}
      {events.data && events.data.opportunities.length > 0 ? (
        <ul className="usa-list">
          {events.data.opportunities.map((event) => (
            <li key={event.id}>
              <Link to={`/${slug}/admin/opportunities/${event.id}`}>{event.title}</Link> — {t(`opportunities.status.${event.status}`)}
              {event.nextShiftAt ? ` · ${t("groups.detail.next", { when: formatDateTime(event.nextShiftAt, locale, timeZone) })}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

interface LinkDraft {
  key: number;
  label: string;
  url: string;
}

function DetailsSection({ item }: { item: GroupView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const [name, setName] = useState(item.name);
  const [description, setDescription] = useState(item.description);
  const [approvalRequired, setApprovalRequired] = useState(item.approvalRequired);
  const [links, setLinks] = useState<LinkDraft[]>(item.links.map((link, index) => ({ key: index, ...link })));
  const [nextKey, setNextKey] = useState(item.links.length);
  const save = useMutation({
    mutationFn: () =>
      api.patch<GroupView>(groupApi(slug, item.slug), {
        name,
        description,
        approvalRequired,
        links: links.filter((link) => link.label.trim() || link.url.trim()).map(({ label, url }) => ({ label, url })),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["group", slug, item.slug], saved);
      await queryClient.invalidateQueries({ queryKey: ["groups", slug] });
    },
  });
  const setLink = (key: number, change: Partial<LinkDraft>) => setLinks((current) => current.map((link) => (link.key === key ? { ...link, ...change } : link)));

  return (
    <section className="civitas-group-section" aria-labelledby="group-details">
      <h2 id="group-details" tabIndex={-1}>
        {t("groups.manage.detailsHeading")}
      </h2>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        {save.isSuccess ? (
          <Alert type="success" headingLevel="h3" slim role="status">
            {t("common.savedChanges")}
          </Alert>
        ) : null}
        <ProblemAlert error={save.error} fieldLabels={{ name: t("groups.fields.name"), description: t("groups.fields.description") }} />
        <TextField
          id="group-name"
          name="name"
          label={t("groups.fields.name")}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={save.error}
          required
          maxLength={120}
        />
        <TextAreaField
          id="group-description"
          name="description"
          label={t("groups.fields.description")}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          error={save.error}
          maxLength={4000}
          rows={5}
        />
        <Checkbox
          id="group-approval"
          label={t("groups.fields.approvalRequired")}
          hint={t("groups.fields.approvalRequiredHint")}
          checked={approvalRequired}
          onChange={setApprovalRequired}
        />
        <fieldset className="usa-fieldset civitas-space-above" aria-describedby={messageWithin(save.error, "links") ? "group-links-error" : undefined}>
          <legend className="usa-legend">{t("groups.fields.links")}</legend>
          {messageWithin(save.error, "links") ? (
            <span className="usa-error-message" id="group-links-error">
              {messageWithin(save.error, "links")}
            </span>
          ) : null}
          {links.map((link, index) => (
            <div key={link.key} className="civitas-role">
              <TextField
                id={`group-link-label-${link.key}`}
                name={`links.${index}.label`}
                label={t("groups.fields.linkLabel", { number: index + 1 })}
                value={link.label}
                onChange={(event) => setLink(link.key, { label: event.target.value })}
                error={save.error}
                maxLength={60}
              />
              <TextField
                id={`group-link-url-${link.key}`}
                name={`links.${index}.url`}
                type="url"
                label={t("groups.fields.linkUrl", { number: index + 1 })}
                value={link.url}
                onChange={(event) => setLink(link.key, { url: event.target.value })}
                error={save.error}
                maxLength={500}
              />
              <Button type="button" unstyled onClick={() => setLinks((current) => current.filter((entry) => entry.key !== link.key))}>
                {t("groups.fields.removeLink", { number: index + 1 })}
              </Button>
            </div>
          ))}
          {links.length < 10 ? (
            <Button
              type="button"
              outline
              className="civitas-space-above"
              onClick={() => {
                setLinks((current) => [...current, { key: nextKey, label: "", url: "" }]);
                setNextKey(nextKey + 1);
              }}
            >
              {t("groups.fields.addLink")}
            </Button>
          ) : null}
        </fieldset>
        <Button type="submit" disabled={save.isPending}>
          {t("groups.manage.saveDetails")}
        </Button>
      </Form>
    </section>
  );
}
