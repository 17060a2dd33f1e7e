import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CatalogEntryView, CatalogListItemView, PubliccodeProblem } from "../../../contracts/catalog.ts";
import { developmentStatuses } from "../../../contracts/publiccode-vocabulary.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { Tagged } from "../../components/tagged.tsx";
import { Alert, Tag } from "../../components/uswds.tsx";
import type { RoleName } from "../../session.ts";
import { relativeTime } from "./publiccode-view.ts";

/** Pieces the catalog pages and the federation page share. */

/** Who edits the catalog and the city's federation; the server checks again. */
export const catalogEditorRoles: RoleName[] = ["city_admin", "dso_staff"];

export function catalogApi(slug: string): string {
  return `${cityApi(slug)}/catalog`;
}

export function federationApi(slug: string): string {
  return `${cityApi(slug)}/federation`;
}

export function useCatalogEntry(slug: string, entryId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ["catalogEntry", slug, entryId],
    queryFn: () => api.get<CatalogEntryView>(`${catalogApi(slug)}/${encodeURIComponent(entryId ?? "")}`),
    enabled: enabled && !!entryId,
    retry: false,
  });
}

/** The publiccode.yml of an entry as the city stores it: plain text, not JSON. */
export async function fetchPubliccodeText(slug: string, entryId: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${catalogApi(slug)}/${encodeURIComponent(entryId)}/publiccode.yml`, {
      credentials: "same-origin",
      headers: { accept: "application/yaml, text/yaml, text/plain" },
    });
  } catch {
    throw new ApiProblem(0, { code: "network" });
  }
  const text = await response.text();
  if (!response.ok) {
    let body: ConstructorParameters<typeof ApiProblem>[1] = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // Not problem+json: the status says enough.
    }
    throw new ApiProblem(response.status, body);
  }
  return text;
}

/** Where a listed entry's page is: the city's own entries and forks, its processes, or another city's entry. */
export function itemPath(slug: string, item: Pick<CatalogListItemView, "kind" | "source" | "id">): string {
  if (item.source === "federated") return `/${slug}/catalog/from/${item.id}`;
  if (item.kind === "process") return `/${slug}/processes/${item.id}`;
  return `/${slug}/catalog/${item.id}`;
}

/** "2 days ago" in the reader's language, kept current while the page stays open. */
export function useRelativeTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const locale = i18n.language || "en";
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return (iso: string) => relativeTime(iso, now, locale);
}

/**
 * Where an entry comes from and when it last changed: "This city · updated 2 days ago", "From
 * Shelbyville · updated yesterday". The other city's name is data, marked so.
 */
export function Provenance({ source, cityName, updatedAt }: { source: "local" | "fork" | "federated"; cityName: string; updatedAt: string | null }) {
  const { t } = useTranslation();
  const ago = useRelativeTime();
  const when = updatedAt ? ago(updatedAt) : null;
  if (source === "federated") {
    return when ? (
      <Tagged text={t("catalog.provenance.fromUpdated", { city: cityName, when })} tag="city" element={<span translate="no" />} />
    ) : (
      <Tagged text={t("catalog.provenance.from", { city: cityName })} tag="city" element={<span translate="no" />} />
    );
  }
  const here = source === "fork" ? t("catalog.provenance.thisCityFork") : t("catalog.provenance.thisCity");
  return <>{when ? t("catalog.provenance.localUpdated", { where: here, when }) : here}</>;
}

export function KindTag({ kind }: { kind: "software" | "process" }) {
  const { t } = useTranslation();
  return <Tag className={`civitas-tag civitas-tag--${kind === "software" ? "info" : "open"}`}>{t(`catalog.kind.${kind}`)}</Tag>;
}

const knownStatuses: ReadonlySet<string> = new Set(developmentStatuses);

/** A development status from the standard in words; any other value as the file wrote it. */
export function StatusText({ status }: { status: string }) {
  const { t } = useTranslation();
  if (knownStatuses.has(status)) return <>{t(`catalog.status.${status}`)}</>;
  return <span translate="no">{status}</span>;
}

export function statusLabel(t: (key: string) => string, status: string): string {
  return knownStatuses.has(status) ? t(`catalog.status.${status}`) : status;
}

/**
 * What is wrong with a publiccode.yml, one line per problem: the key, what is wrong and, when the
 * message does not already say it, the line. Takes focus when it appears, as ProblemAlert does.
 */
export function PubliccodeProblems({
  heading,
  problems,
  id,
  labels = {},
}: {
  heading: string;
  problems: PubliccodeProblem[];
  id: string;
  /** Names to show instead of the key, for the fields that are not the file's. */
  labels?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length > 0) container.current?.focus();
  }, [problems]);
  if (problems.length === 0) return null;
  return (
    <div ref={container} tabIndex={-1} className="civitas-problem" id={id}>
      <Alert type="error" headingLevel="h2" heading={heading}>
        <ul className="usa-list civitas-publiccode-problems">
          {problems.map((problem) => (
            <li key={`${problem.field}:${problem.line}:${problem.message}`}>
              {labels[problem.field] ? (
                <strong>{labels[problem.field]}: </strong>
              ) : problem.field ? (
                <>
                  <code translate="no">{problem.field}</code>:{" "}
                </>
              ) : null}
              {problem.message}
              {problem.line !== null && !problem.message.includes(String(problem.line)) ? ` ${t("catalog.editor.atLine", { line: problem.line })}` : ""}
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}
