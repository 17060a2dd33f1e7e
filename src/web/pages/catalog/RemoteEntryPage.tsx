import "./catalog.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { CatalogEntryView, RemoteEntryView } from "../../../contracts/catalog.ts";
import { ApiProblem, api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Tagged } from "../../components/tagged.tsx";
import { Button } from "../../components/uswds.tsx";
import { hasRoleIn, useMe } from "../../session.ts";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { PubliccodeDetails } from "./PubliccodeDetails.tsx";
import { catalogApi, catalogEditorRoles, KindTag, useRelativeTime } from "./parts.tsx";
import { isWebAddress, readPubliccode, textOf } from "./publiccode-view.ts";

/**
 * An entry another city shares, as this city received it: read-only, with where it came from first.
 * Editors fork it into their own catalog, where they can change it and still take the origin's changes.
 */
export default function RemoteEntryPage() {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const me = useMe();
  const { remoteId = "" } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const ago = useRelativeTime();
  const entry = useQuery({
    queryKey: ["remoteEntry", slug, remoteId],
    queryFn: () => api.get<RemoteEntryView>(`${catalogApi(slug)}/remote/${encodeURIComponent(remoteId)}`),
    enabled: city.isSuccess,
    retry: false,
  });
  const fork = useMutation({
    mutationFn: () => api.post<CatalogEntryView>(`${catalogApi(slug)}/remote/${encodeURIComponent(remoteId)}/fork`),
    onSuccess: async (created) => {
      queryClient.setQueryData(["catalogEntry", slug, created.id], created);
      await queryClient.invalidateQueries({ queryKey: ["catalog", slug] });
      await queryClient.invalidateQueries({ queryKey: ["remoteEntry", slug, remoteId] });
      navigate(`/${slug}/catalog/${created.id}`);
    },
  });

  if (city.error) return <NotFoundPage />;
  if (city.isPending || entry.isPending) return <Loading />;
  if (entry.error instanceof ApiProblem && (entry.error.status === 404 || entry.error.status === 400)) {
    return (
      <>
        <PageHeading>{t("catalog.entry.notFoundTitle")}</PageHeading>
        <p>{t("catalog.remote.notFound")}</p>
        <Link className="usa-button" to={`/${slug}/catalog`}>
          {t("catalog.entry.toList")}
        </Link>
      </>
    );
  }
  if (entry.error || !entry.data) {
    return (
      <>
        <PageHeading>{t("catalog.entry.unavailable")}</PageHeading>
        <ProblemAlert error={entry.error} />
      </>
    );
  }

  const item = entry.data;
  const editor = hasRoleIn(me.data, slug, catalogEditorRoles);
  const view = item.publiccode ? readPubliccode(item.publiccode, i18n.language || "en") : null;
  const changed = item.updatedAt ?? item.publishedAt;
  const original = item.pageUrl && isWebAddress(item.pageUrl) ? item.pageUrl : isWebAddress(item.objectUrl) ? item.objectUrl : null;
  const steps = Array.isArray(item.process?.steps)
    ? (item.process.steps as unknown[]).map((step) => textOf((step as { name?: unknown })?.name)).filter(Boolean)
    : [];

  return (
    <>
      <p className="civitas-back-link">
        <Link to={`/${slug}/catalog`}>{t("catalog.entry.backToList")}</Link>
      </p>
      <PageHeading title={item.name}>
        <span translate="no">{item.name}</span>
      </PageHeading>
      <div className="civitas-status-panel civitas-catalog-origin">
        <p className="civitas-catalog-origin__line">
          <KindTag kind={item.kind} />{" "}
          {changed ? (
            <Tagged text={t("catalog.remote.fromUpdated", { city: item.origin.name, when: ago(changed) })} tag="city" element={<strong translate="no" />} />
          ) : (
            <Tagged text={t("catalog.remote.from", { city: item.origin.name })} tag="city" element={<strong translate="no" />} />
          )}
        </p>
        <p>{t("catalog.remote.readOnly", { when: ago(item.receivedAt) })}</p>
        {original ? (
          <p>
            <a href={original} rel="noopener noreferrer">
              {t("catalog.remote.original")}
            </a>
          </p>
        ) : null}
      </div>
      {item.summary ? (
        <p className="usa-intro civitas-break" translate="no">
          {item.summary}
        </p>
      ) : null}

      {item.canFork && editor ? (
        <section className="civitas-space-above" aria-labelledby="remote-fork">
          <h2 id="remote-fork">{t("catalog.remote.forkHeading")}</h2>
          <p>{t("catalog.remote.forkIntro")}</p>
          <ProblemAlert error={fork.error} />
          <Button type="button" onClick={() => fork.mutate()} disabled={fork.isPending}>
            {t("catalog.remote.fork")}
          </Button>
        </section>
      ) : null}

      {item.forks.length > 0 ? (
        <section className="civitas-catalog-section" aria-labelledby="remote-forks">
          <h2 id="remote-forks">{t("catalog.remote.forks")}</h2>
          <ul className="usa-list">
            {item.forks.map((forked) => (
              <li key={forked.id}>
                <Link to={`/${slug}/catalog/${forked.id}`} translate="no">
                  {forked.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {view ? (
        <PubliccodeDetails view={view} idPrefix="remote" />
      ) : (
        <section className="civitas-catalog-section" aria-labelledby="remote-process">
          <h2 id="remote-process">{t("catalog.remote.processHeading")}</h2>
          {item.license || item.developmentStatus || item.categories.length > 0 ? (
            <dl className="civitas-facts">
              {item.license ? (
                <>
                  <dt>{t("catalog.details.license")}</dt>
                  <dd translate="no">{item.license}</dd>
                </>
              ) : null}
              {item.categories.length > 0 ? (
                <>
                  <dt>{t("catalog.details.categories")}</dt>
                  <dd translate="no">{item.categories.join(", ")}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
          {steps.length > 0 ? (
            <>
              <h3>{t("catalog.remote.steps", { count: steps.length })}</h3>
              <ol className="usa-list" translate="no">
                {steps.map((step, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps are shown in the order received and never reordered here
                  <li key={index}>{step}</li>
                ))}
              </ol>
            </>
          ) : (
            <p>{t("catalog.remote.noSteps")}</p>
          )}
        </section>
      )}
    </>
  );
}
