import "./groups.css";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import type { GroupView } from "../../../contracts/groups.ts";
import { ApiProblem, api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { useFocusOnChange } from "../../components/focus.ts";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Button } from "../../components/uswds.tsx";
import { useLocale } from "../opportunities/parts.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { groupApi, ProjectCard, useGroup } from "./parts.tsx";

/**
 * A group's public page: what it does, its links, its projects and coming events. People signed in
 * also see who organizes it, and join it here (or ask to, where organizers approve members).
 */
export default function GroupPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { group: groupSlug = "" } = useParams();
  const city = useCity(slug);
  const locale = useLocale();
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

  return (
    <>
      <p className="civitas-back-link">
        <Link to={`/${slug}/groups`}>{t("groups.detail.back")}</Link>
      </p>
      <PageHeading>{item.name}</PageHeading>
      <p className="civitas-group-card__meta">
        <span>{t("groups.members", { count: item.memberCount })}</span>
        <span>{t("groups.projects", { count: item.projects.length })}</span>
      </p>
      {item.viewer.canManage ? (
        <p>
          <Link className="usa-button" to={`/${slug}/groups/${item.slug}/manage`}>
            {t("groups.detail.manage")}
          </Link>
        </p>
      ) : null}
      {item.description ? <div className="civitas-description">{item.description}</div> : null}

      {item.links.length > 0 || item.organizers ? (
        <dl className="civitas-facts civitas-group-facts">
          {item.links.length > 0 ? (
            <>
              <dt>{t("groups.detail.links")}</dt>
              <dd>
                <ul className="usa-list usa-list--unstyled">
                  {item.links.map((link) => (
                    <li key={link.url}>
                      <a href={link.url} rel="noopener noreferrer">
                        {link.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {item.organizers ? (
            <>
              <dt>{t("groups.detail.organizers")}</dt>
              <dd>{item.organizers.length > 0 ? new Intl.ListFormat(locale).format(item.organizers.map((person) => person.name)) : "—"}</dd>
            </>
          ) : null}
        </dl>
      ) : null}

      <MembershipSection item={item} />

      <section className="civitas-group-section" aria-labelledby="group-projects">
        <h2 id="group-projects">{t("groups.detail.projectsHeading")}</h2>
        {item.projects.length === 0 ? (
          <p>{t("groups.detail.noProjects")}</p>
        ) : (
          <ul className="usa-list usa-list--unstyled">
            {item.projects.map((project) => (
              <ProjectCard key={project.id} project={project} slug={slug} showGroup={false} />
            ))}
          </ul>
        )}
      </section>

      <section className="civitas-group-section" aria-labelledby="group-events">
        <h2 id="group-events">{t("groups.detail.eventsHeading")}</h2>
        {item.events.length === 0 ? (
          <p>{t("groups.detail.noEvents")}</p>
        ) : (
          <ul className="usa-list usa-list--unstyled">
            {item.events.map((event) => (
              <li key={event.opportunityId} className="civitas-group-card" aria-labelledby={`event-${event.opportunityId}`}>
                <h3 className="civitas-group-card__title" id={`event-${event.opportunityId}`}>
                  <Link to={`/${slug}/opportunities/${event.opportunityId}`}>{event.title}</Link>
                </h3>
                <p className="civitas-group-card__meta">
                  {event.nextShiftAt ? <span>{t("groups.detail.next", { when: formatDateTime(event.nextShiftAt, locale, city.data.timeZone) })}</span> : null}
                  <span>{t("groups.detail.dates", { count: event.upcomingShifts })}</span>
                </p>
                <p className="civitas-group-card__text">{event.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function MembershipSection({ item }: { item: GroupView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const location = useLocation();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (join: boolean) => (join ? api.post(`${groupApi(slug, item.slug)}/membership`) : api.delete(`${groupApi(slug, item.slug)}/membership`)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["group", slug, item.slug] });
      await queryClient.invalidateQueries({ queryKey: ["groups", slug] });
    },
  });
  const status = item.viewer.status;
  // After a tap the button changes: focus stays on the button in its place.
  useFocusOnChange(status, change.isSuccess ? "group-membership-button" : null);
  const statusText = {
    anonymous: t("groups.membership.anonymous"),
    none: item.approvalRequired ? t("groups.membership.noneApproval") : t("groups.membership.none"),
    pending: t("groups.membership.pending"),
    member: t("groups.membership.member"),
    organizer: t("groups.membership.organizer"),
  }[status];

  return (
    <section className="civitas-group-section" aria-labelledby="group-membership">
      <h2 id="group-membership">{t("groups.membership.heading")}</h2>
      <p role="status">{statusText}</p>
      {status === "anonymous" ? (
        <p>
          <Link className="usa-button" to={`/${slug}/sign-in?next=${encodeURIComponent(location.pathname)}`}>
            {t("groups.membership.signIn")}
          </Link>
        </p>
      ) : (
        <Button
          id="group-membership-button"
          type="button"
          outline={status !== "none"}
          disabled={change.isPending}
          onClick={() => change.mutate(status === "none")}
        >
          {status === "none"
            ? item.approvalRequired
              ? t("groups.membership.ask")
              : t("groups.membership.join")
            : status === "pending"
              ? t("groups.membership.withdraw")
              : t("groups.membership.leave")}
        </Button>
      )}
      <ProblemAlert error={change.error} />
    </section>
  );
}
