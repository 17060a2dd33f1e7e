import "./catalog.css";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import type { CatalogEntryView } from "../../../contracts/catalog.ts";
import { ApiProblem, api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { useFocusOnChange } from "../../components/focus.ts";
import { Loading } from "../../components/Loading.tsx";
import { useMoneyFormat } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Tagged } from "../../components/tagged.tsx";
import { Alert, Button, ButtonGroup } from "../../components/uswds.tsx";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { PubliccodeDetails } from "./PubliccodeDetails.tsx";
import { catalogApi, KindTag, Provenance, useCatalogEntry, useRelativeTime } from "./parts.tsx";
import { isWebAddress, readPubliccode } from "./publiccode-view.ts";

/**
 * One entry of the city's catalog, for anyone: its publiccode.yml in readable form, the agencies that
 * use it, the problems it solves, the bounties that built it and what reusing it saved, with the file
 * to take it elsewhere. A fork says where it came from and what its origin changed since; editors
 * take those changes, edit and delete here.
 */
export default function CatalogEntryPage() {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const { entryId = "" } = useParams();
  const location = useLocation();
  const entry = useCatalogEntry(slug, entryId, city.isSuccess);
  const money = useMoneyFormat();

  if (city.error) return <NotFoundPage />;
  if (city.isPending || entry.isPending) return <Loading />;
  if (entry.error instanceof ApiProblem && (entry.error.status === 404 || entry.error.status === 400)) {
    return (
      <>
        <PageHeading>{t("catalog.entry.notFoundTitle")}</PageHeading>
        <p>{t("catalog.entry.notFound")}</p>
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
  const view = readPubliccode(item.publiccode, i18n.language || "en");
  const shortDescription = view.description?.shortDescription || item.shortDescription;
  const saved = (location.state as { saved?: boolean } | null)?.saved;
  const downloadUrl = `${catalogApi(slug)}/${item.id}/publiccode.yml?download=1`;

  return (
    <>
      <p className="civitas-back-link">
        <Link to={`/${slug}/catalog`}>{t("catalog.entry.backToList")}</Link>
      </p>
      <PageHeading title={item.name}>
        <span translate="no">{item.name}</span>
      </PageHeading>
      {saved ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t("catalog.entry.saved")}
        </Alert>
      ) : null}
      <p className="civitas-catalog-card__meta">
        <KindTag kind="software" />
        <span className="civitas-catalog-provenance">
          <Provenance source={item.source} cityName={city.data.name} updatedAt={item.updatedAt} />
        </span>
      </p>
      {shortDescription ? (
        <p className="usa-intro civitas-break" lang={view.description?.language} translate="no">
          {shortDescription}
        </p>
      ) : null}

      {item.fork ? <ForkPanel item={item} /> : null}

      {item.canEdit ? <EditorActions item={item} /> : null}

      <section className="civitas-catalog-section" aria-labelledby="entry-city">
        <h2 id="entry-city">{t("catalog.entry.inThisCity")}</h2>
        <dl className="civitas-facts civitas-catalog-facts">
          <dt>{t("catalog.entry.reuseSavings")}</dt>
          <dd>{item.reuseSavings.amountMinor > 0 ? money(item.reuseSavings.amountMinor, item.reuseSavings.currency) : t("catalog.entry.noSavings")}</dd>
        </dl>
        <h3>{t("catalog.entry.agencies")}</h3>
        {item.agencies.length > 0 ? (
          <ul className="usa-list" translate="no">
            {item.agencies.map((agency) => (
              <li key={agency.id}>{agency.name}</li>
            ))}
          </ul>
        ) : (
          <p>{t("catalog.entry.noAgencies")}</p>
        )}
        <h3>{t("catalog.entry.solves")}</h3>
        {item.problems.length > 0 ? (
          <ul className="usa-list">
            {item.problems.map((problem) => (
              <li key={problem.id}>
                <Link to={`/${slug}/problems/${problem.id}`} translate="no">
                  {problem.title}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("catalog.entry.noProblems")}</p>
        )}
        <h3>{t("catalog.entry.builtBy")}</h3>
        {item.bounties.length > 0 ? (
          <ul className="usa-list">
            {item.bounties.map((bounty) => (
              <li key={bounty.id}>
                <Link to={`/${slug}/bounties/${bounty.id}`} translate="no">
                  {bounty.title}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("catalog.entry.noBounties")}</p>
        )}
      </section>

      <PubliccodeDetails view={view} idPrefix="entry" />

      <section className="civitas-catalog-section" aria-labelledby="entry-download">
        <h2 id="entry-download">{t("catalog.entry.downloadHeading")}</h2>
        <p>{t("catalog.entry.downloadIntro")}</p>
        <p>
          <a className="usa-button usa-button--outline" href={downloadUrl} download="publiccode.yml">
            {t("catalog.entry.download")}
          </a>
        </p>
      </section>
    </>
  );
}

/** Where a fork came from, and the origin's changes it has not taken yet. */
function ForkPanel({ item }: { item: CatalogEntryView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const queryClient = useQueryClient();
  const ago = useRelativeTime();
  const fork = item.fork;
  const take = useMutation({
    mutationFn: () => api.post<CatalogEntryView>(`${catalogApi(slug)}/${item.id}/take-origin-changes`),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["catalogEntry", slug, item.id], saved);
      await queryClient.invalidateQueries({ queryKey: ["catalog", slug] });
    },
  });
  const takenNote = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (take.isSuccess) takenNote.current?.focus();
  }, [take.isSuccess]);
  if (!fork) return null;
  const originLink = fork.originRemoteId ? `/${slug}/catalog/from/${fork.originRemoteId}` : null;
  return (
    <section className="civitas-status-panel civitas-space-above" aria-labelledby="entry-fork">
      <h2 id="entry-fork">
        <Tagged text={t("catalog.fork.heading", { city: fork.origin.name })} tag="city" element={<span translate="no" />} />
      </h2>
      <p>
        {t("catalog.fork.forkedAgo", { when: ago(fork.forkedAt) })}
        {fork.originUpdatedAt ? ` ${t("catalog.fork.originUpdated", { when: ago(fork.originUpdatedAt) })}` : ""}
      </p>
      <p>
        {originLink ? <Link to={originLink}>{t("catalog.fork.originEntry")}</Link> : null}
        {originLink && isWebAddress(fork.originUrl) ? " · " : ""}
        {isWebAddress(fork.originUrl) ? (
          <a href={fork.originUrl} rel="noopener noreferrer">
            {t("catalog.fork.originPage")}
          </a>
        ) : null}
      </p>
      {take.isSuccess ? (
        <p ref={takenNote} tabIndex={-1} role="status" className="civitas-problem">
          {t("catalog.fork.taken")}
        </p>
      ) : null}
      {fork.originChanges.length > 0 ? (
        <Alert type="info" headingLevel="h3" heading={t("catalog.fork.changesHeading", { count: fork.originChanges.length })}>
          <p>{t("catalog.fork.changesIntro")}</p>
          <ul className="usa-list">
            {fork.originChanges.map((change) => (
              <li key={change.field}>
                <code translate="no">{change.field}</code>
              </li>
            ))}
          </ul>
          <ProblemAlert error={take.error} />
          {item.canEdit ? (
            <Button type="button" onClick={() => take.mutate()} disabled={take.isPending}>
              {t("catalog.fork.take")}
            </Button>
          ) : null}
        </Alert>
      ) : (
        <p>{t("catalog.fork.upToDate")}</p>
      )}
    </section>
  );
}

/** Edit and delete, for the city's editors; deleting asks first. */
function EditorActions({ item }: { item: CatalogEntryView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  useFocusOnChange(confirming, confirming ? "entry-delete-confirm" : "entry-delete");
  const remove = useMutation({
    mutationFn: () => api.delete(`${catalogApi(slug)}/${item.id}`),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ["catalogEntry", slug, item.id] });
      await queryClient.invalidateQueries({ queryKey: ["catalog", slug] });
      navigate(`/${slug}/catalog`, { state: { deleted: item.name } });
    },
  });
  return (
    <section className="civitas-space-above civitas-catalog-actions" aria-labelledby="entry-manage">
      <h2 id="entry-manage" className="usa-sr-only">
        {t("catalog.entry.manage")}
      </h2>
      <ProblemAlert error={remove.error} />
      {confirming ? (
        <div className="civitas-confirm">
          <p id="entry-delete-question">{t("catalog.entry.deleteQuestion")}</p>
          <ButtonGroup>
            <Button
              id="entry-delete-confirm"
              type="button"
              secondary
              aria-describedby="entry-delete-question"
              onClick={() => remove.mutate()}
              disabled={remove.isPending}
            >
              {t("catalog.entry.deleteConfirm")}
            </Button>
            <Button type="button" outline onClick={() => setConfirming(false)}>
              {t("catalog.entry.keep")}
            </Button>
          </ButtonGroup>
        </div>
      ) : (
        <ButtonGroup>
          <Link className="usa-button" to={`/${slug}/admin/catalog/${item.id}`}>
            {t("catalog.entry.edit")}
          </Link>
          <Button id="entry-delete" type="button" outline onClick={() => setConfirming(true)}>
            {t("catalog.entry.delete")}
          </Button>
        </ButtonGroup>
      )}
    </section>
  );
}
