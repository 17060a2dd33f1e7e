import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProcessContentView, ProcessView, RevisionDiffView, RevisionSummaryView, RevisionView } from "../../../contracts/processes.ts";
import { api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { Button, Select, Table, Tag } from "../../components/uswds.tsx";
import { ComparisonSummary } from "./FiguresSummary.tsx";
import { positionsByKey, processesApi, useProcessFormats } from "./parts.tsx";

/**
 * Every saved revision of a process, newest first: who saved it and why, which one is the as-is
 * and which the to-be (with what the change saves), and what changed between any two.
 */
export function RevisionsSection({ item }: { item: ProcessView }) {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const queryClient = useQueryClient();
  const revisions = useQuery({
    queryKey: ["processRevisions", slug, item.id],
    queryFn: () => api.get<{ revisions: RevisionSummaryView[] }>(`${processesApi(slug)}/${item.id}/revisions`),
  });
  const [lastMark, setLastMark] = useState<{ revision: number; as: "asIs" | "toBe" } | null>(null);
  const mark = useMutation({
    mutationFn: (change: { revision: number; as: "asIs" | "toBe" }) =>
      api.put<ProcessView>(`${processesApi(slug)}/${item.id}/marks`, {
        asIsRevision: change.as === "asIs" ? change.revision : item.asIsRevision,
        toBeRevision: change.as === "toBe" ? change.revision : item.toBeRevision,
      }),
    onSuccess: async (saved, change) => {
      queryClient.setQueryData(["process", slug, item.id], saved);
      setLastMark(change);
      await queryClient.invalidateQueries({ queryKey: ["processes", slug] });
    },
  });
  // The button pressed is gone once its revision carries the mark: focus goes to the sentence that says so.
  const markNote = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (lastMark) markNote.current?.focus();
  }, [lastMark]);

  const columns = {
    number: t("processes.revisions.number"),
    message: t("processes.revisions.message"),
    author: t("processes.revisions.author"),
    when: t("processes.revisions.when"),
    marks: t("processes.revisions.marks"),
  };
  const list = revisions.data?.revisions ?? [];

  return (
    <section aria-labelledby="process-revisions" className="civitas-process-section civitas-space-above">
      <h2 id="process-revisions">{t("processes.revisions.heading")}</h2>
      <p className="usa-hint">{t("processes.revisions.hint")}</p>
      <ProblemAlert error={revisions.error ?? mark.error} />
      {revisions.isPending ? <Loading /> : null}
      {lastMark ? (
        <p ref={markNote} tabIndex={-1} role="status" className="civitas-problem">
          {t(lastMark.as === "asIs" ? "processes.revisions.markedAsIs" : "processes.revisions.markedToBe", { revision: lastMark.revision })}
        </p>
      ) : null}
      {list.length > 0 ? (
        <Table stacked caption={t("processes.revisions.caption", { count: list.length })}>
          <thead>
            <tr>
              <th scope="col">{columns.number}</th>
              <th scope="col">{columns.message}</th>
              <th scope="col">{columns.author}</th>
              <th scope="col">{columns.when}</th>
              <th scope="col">{columns.marks}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((revision) => {
              const isAsIs = item.asIsRevision === revision.number;
              const isToBe = item.toBeRevision === revision.number;
              return (
                <tr key={revision.number}>
                  <th scope="row" data-label={columns.number}>
                    {t("processes.revisions.label", { revision: revision.number })}
                    {revision.number === item.currentRevision ? <span className="civitas-block-note">{t("processes.revisions.current")}</span> : null}
                  </th>
                  <td data-label={columns.message} className="civitas-break">
                    {revision.message}
                  </td>
                  <td data-label={columns.author}>{revision.authorName ?? "—"}</td>
                  <td data-label={columns.when}>{formatDateTime(revision.createdAt, i18n.language, city.data?.timeZone)}</td>
                  <td data-label={columns.marks}>
                    {isAsIs ? <Tag className="civitas-tag civitas-tag--info">{t("processes.revisions.asIs")}</Tag> : null}{" "}
                    {isToBe ? <Tag className="civitas-tag civitas-tag--open">{t("processes.revisions.toBe")}</Tag> : null}
                    {item.canEdit ? (
                      <span className="civitas-block-note">
                        {!isAsIs ? (
                          <Button
                            type="button"
                            unstyled
                            className="civitas-inline-link"
                            disabled={mark.isPending}
                            onClick={() => mark.mutate({ revision: revision.number, as: "asIs" })}
                          >
                            {t("processes.revisions.markAsIs")}
                            <span className="usa-sr-only">{t("processes.revisions.ofRevision", { revision: revision.number })}</span>
                          </Button>
                        ) : null}
                        {!isAsIs && !isToBe ? " · " : null}
                        {!isToBe ? (
                          <Button
                            type="button"
                            unstyled
                            className="civitas-inline-link"
                            disabled={mark.isPending}
                            onClick={() => mark.mutate({ revision: revision.number, as: "toBe" })}
                          >
                            {t("processes.revisions.markToBe")}
                            <span className="usa-sr-only">{t("processes.revisions.ofRevision", { revision: revision.number })}</span>
                          </Button>
                        ) : null}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      ) : null}

      <h3 id="process-comparison">{t("processes.revisions.comparisonHeading")}</h3>
      {item.comparison ? <ComparisonSummary comparison={item.comparison} currency={item.currency} /> : <p>{t("processes.revisions.noComparison")}</p>}

      {list.length > 1 ? <CompareRevisions item={item} numbers={list.map((revision) => revision.number)} /> : null}
    </section>
  );
}

/** Two revisions chosen, and what changed from one to the other in words. */
function CompareRevisions({ item, numbers }: { item: ProcessView; numbers: number[] }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const newest = numbers[0] ?? item.currentRevision;
  const [from, setFrom] = useState(String(numbers[1] ?? newest));
  const [to, setTo] = useState(String(newest));
  const compare = useMutation({
    mutationFn: async () => {
      const base = `${processesApi(slug)}/${item.id}`;
      const [diff, before, after] = await Promise.all([
        api.get<RevisionDiffView>(`${base}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
        api.get<RevisionView>(`${base}/revisions/${encodeURIComponent(from)}`),
        api.get<RevisionView>(`${base}/revisions/${encodeURIComponent(to)}`),
      ]);
      return { diff, before: before.content, after: after.content };
    },
  });
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (compare.data) result.current?.focus();
  }, [compare.data]);
  return (
    <div className="civitas-process-compare">
      <h3>{t("processes.revisions.compareHeading")}</h3>
      <form
        className="usa-form civitas-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          compare.mutate();
        }}
      >
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="process-compare-from">
            {t("processes.revisions.from")}
          </label>
          <Select id="process-compare-from" value={from} onChange={(event) => setFrom(event.target.value)}>
            {numbers.map((number) => (
              <option key={number} value={number}>
                {t("processes.revisions.label", { revision: number })}
              </option>
            ))}
          </Select>
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="process-compare-to">
            {t("processes.revisions.to")}
          </label>
          <Select id="process-compare-to" value={to} onChange={(event) => setTo(event.target.value)}>
            {numbers.map((number) => (
              <option key={number} value={number}>
                {t("processes.revisions.label", { revision: number })}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" outline disabled={compare.isPending}>
          {t("processes.revisions.compare")}
        </Button>
      </form>
      <ProblemAlert error={compare.error} />
      {compare.data ? (
        <div ref={result} tabIndex={-1} className="civitas-problem civitas-process-diff" id="process-diff">
          <DiffView diff={compare.data.diff} before={compare.data.before} after={compare.data.after} />
        </div>
      ) : null}
    </div>
  );
}

function DiffView({ diff, before, after }: { diff: RevisionDiffView; before: ProcessContentView; after: ProcessContentView }) {
  const { t } = useTranslation();
  const format = useProcessFormats();
  const positions = { before: positionsByKey(before.steps), after: positionsByKey(after.steps) };
  const fieldLabel = (field: string): string =>
    ({
      name: t("processes.editor.fields.name"),
      purpose: t("processes.editor.fields.purpose"),
      serviceUsers: t("processes.editor.fields.serviceUsers"),
      annualVolume: t("processes.editor.fields.annualVolume"),
    })[field] ?? field;
  const stepFieldLabel = (field: string): string =>
    ({
      name: t("processes.step.name"),
      actorRole: t("processes.step.actorRole"),
      channel: t("processes.step.channel"),
      systemUsed: t("processes.step.systemUsed"),
      handlingMinutes: t("processes.step.handlingMinutes"),
      waitingMinutes: t("processes.step.waitingMinutes"),
      sharePercent: t("processes.step.sharePercent"),
      notes: t("processes.step.notes"),
      decision: t("processes.revisions.decision"),
    })[field] ?? field;
  const shownValue = (field: string, value: unknown, side: "before" | "after"): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "channel" && typeof value === "string") return t(`processes.channel.${value}`);
    if (field === "sharePercent" && typeof value === "number") return format.share(value / 100);
    if (typeof value === "number") return format.number(value);
    if (field === "decision" && typeof value === "object") {
      const decision = value as { condition: string; goToStepKey: string };
      const target = positions[side].get(decision.goToStepKey);
      return t("processes.diagram.decision", { condition: decision.condition, number: target ?? decision.goToStepKey });
    }
    return String(value);
  };
  const heading = t("processes.revisions.diffHeading", { from: diff.from, to: diff.to });
  if (diff.fields.length === 0 && diff.steps.length === 0) {
    return (
      <>
        <h4>{heading}</h4>
        <p>{t("processes.revisions.noChanges")}</p>
      </>
    );
  }
  return (
    <>
      <h4>{heading}</h4>
      {diff.fields.length > 0 ? (
        <ul className="usa-list">
          {diff.fields.map((change) => (
            <li key={change.field}>
              {t("processes.revisions.fieldChange", {
                field: fieldLabel(change.field),
                before: shownValue(change.field, change.before, "before"),
                after: shownValue(change.field, change.after, "after"),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {diff.steps.length > 0 ? (
        <ul className="usa-list">
          {diff.steps.map((step) => (
            <li key={`${step.key}-${step.change}`}>
              <strong>
                {t(`processes.revisions.step.${step.change}`, { name: step.name, before: step.positionBefore ?? "", after: step.positionAfter ?? "" })}
              </strong>
              {step.fields.length > 0 ? (
                <ul className="usa-list">
                  {step.fields.map((change) => (
                    <li key={change.field}>
                      {t("processes.revisions.fieldChange", {
                        field: stepFieldLabel(change.field),
                        before: shownValue(change.field, change.before, "before"),
                        after: shownValue(change.field, change.after, "after"),
                      })}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
