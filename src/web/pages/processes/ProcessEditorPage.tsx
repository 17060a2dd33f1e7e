import "./processes.css";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { processFigures } from "../../../contracts/process-cost.ts";
import type { ProcessView } from "../../../contracts/processes.ts";
import { ApiProblem, api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextAreaField, TextField } from "../../components/Fields.tsx";
import { formatDateTime } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, Form } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { useManageableAgencies } from "../opportunities/staff.ts";
import { FiguresSummary } from "./FiguresSummary.tsx";
import { ProcessDiagram } from "./ProcessDiagram.tsx";
import { PublishedTag, processesApi, processRoles, useProcess, useRateTable } from "./parts.tsx";
import { contentOf, draftOf, emptyDraft, type ProcessDraft, previewOf } from "./process-draft.ts";
import { RevisionsSection } from "./RevisionsSection.tsx";
import { StepsEditor } from "./StepsEditor.tsx";
import { StepsTable } from "./StepsTable.tsx";

/**
 * Staff document a process: what it is for, its steps (added, edited, reordered with the keyboard)
 * with live totals, the diagram and the table of what they typed; each save is a new revision. The
 * same page lists the revisions, compares two, marks the as-is and the to-be, publishes and exports.
 */
export default function ProcessEditorPage() {
  return (
    <RequireAccess roles={processRoles}>
      <Editor />
    </RequireAccess>
  );
}

function Editor() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { processId } = useParams();
  const process = useProcess(slug, processId);
  const listTrail = [{ to: `/${slug}/admin/processes`, label: t("processes.list.title") }];

  if (!processId) {
    return (
      <>
        <AdminBreadcrumb trail={listTrail} current={t("processes.editor.newTitle")} />
        <PageHeading>{t("processes.editor.newTitle")}</PageHeading>
        <p className="usa-intro">{t("processes.editor.intro")}</p>
        <ProcessForm key="new" process={undefined} />
        <ImportSection />
      </>
    );
  }
  if (process.isPending) return <Loading />;
  if (process.error || !process.data) {
    const notFound = process.error instanceof ApiProblem && (process.error.status === 404 || process.error.status === 400);
    return (
      <>
        <AdminBreadcrumb trail={listTrail} current={t("processes.editor.notFound")} />
        <PageHeading>{t("processes.editor.notFound")}</PageHeading>
        {notFound ? <p>{t("processes.editor.notFoundText")}</p> : <ProblemAlert error={process.error} />}
        <p>
          <Link to={`/${slug}/admin/processes`}>{t("processes.editor.backToList")}</Link>
        </p>
      </>
    );
  }
  const item = process.data;
  return (
    <>
      <AdminBreadcrumb trail={listTrail} current={item.content.name} />
      <PageHeading>{item.content.name}</PageHeading>
      <p className="civitas-process-status">
        <PublishedTag published={item.published} /> {t("processes.editor.status", { agency: item.agencyName, revision: item.currentRevision })}
      </p>
      <PublicationSection item={item} />
      {item.canEdit ? (
        <ProcessForm key={item.id} process={item} />
      ) : (
        <section aria-labelledby="process-read-only" className="civitas-process-section">
          <h2 id="process-read-only">{t("processes.editor.stepsHeading")}</h2>
          <p className="usa-hint">{t("processes.editor.readOnly")}</p>
          <FiguresSummary figures={item.figures} currency={item.currency} />
          <ProcessDiagram content={item.content} />
          <StepsTable content={item.content} figures={item.figures} currency={item.currency} />
        </section>
      )}
      <RevisionsSection item={item} />
    </>
  );
}

/** Publishing for everyone to read, and the exports of the current revision. */
function PublicationSection({ item }: { item: ProcessView }) {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: (published: boolean) => api.put<ProcessView>(`${processesApi(slug)}/${item.id}/publication`, { published }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["process", slug, item.id], saved);
      await queryClient.invalidateQueries({ queryKey: ["processes", slug] });
      document.getElementById("process-publish")?.focus();
    },
  });
  const exportUrl = (format: "md" | "json" | "bpmn") => `${processesApi(slug)}/${item.id}/export.${format}`;
  return (
    <section aria-labelledby="process-publication" className="civitas-status-panel civitas-space-above">
      <h2 id="process-publication">{t("processes.editor.publication.heading")}</h2>
      <p>
        {item.published && item.publishedAt
          ? t("processes.editor.publication.published", { when: formatDateTime(item.publishedAt, i18n.language, city.data?.timeZone) })
          : t("processes.editor.publication.notPublished")}
      </p>
      {item.published ? (
        <p>
          <Link to={`/${slug}/processes/${item.id}`}>{t("processes.editor.publication.publicPage")}</Link>
        </p>
      ) : null}
      <ProblemAlert error={publish.error} />
      {publish.isSuccess ? (
        <p role="status" className="usa-sr-only">
          {item.published ? t("processes.editor.publication.nowPublished") : t("processes.editor.publication.nowUnpublished")}
        </p>
      ) : null}
      {item.canEdit ? (
        <Button id="process-publish" type="button" outline={item.published} disabled={publish.isPending} onClick={() => publish.mutate(!item.published)}>
          {item.published ? t("processes.editor.publication.unpublish") : t("processes.editor.publication.publish")}
        </Button>
      ) : null}
      <h3>{t("processes.editor.publication.exportHeading")}</h3>
      <p className="civitas-process-exports">
        <a href={exportUrl("md")} download>
          {t("processes.editor.publication.exportMarkdown")}
        </a>
        <a href={exportUrl("json")} download>
          {t("processes.editor.publication.exportJson")}
        </a>
        <a href={exportUrl("bpmn")} download>
          {t("processes.editor.publication.exportBpmn")}
        </a>
      </p>
    </section>
  );
}

/** The fields of a process and its steps; creates the process, or saves a new revision of it. */
function ProcessForm({ process }: { process: ProcessView | undefined }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const agencies = useManageableAgencies(slug);
  const rates = useRateTable(slug);
  const [agencyId, setAgencyId] = useState("");
  const [draft, setDraft] = useState<ProcessDraft>(() => (process ? draftOf(process.content) : emptyDraft));
  const [message, setMessage] = useState("");
  const [savedRevision, setSavedRevision] = useState<number | null>(null);
  // A single agency needs no choosing.
  useEffect(() => {
    if (!agencyId && agencies.data?.length === 1) setAgencyId(agencies.data[0]?.id ?? "");
  }, [agencies.data, agencyId]);

  const save = useMutation({
    mutationFn: () =>
      process
        ? api.post<ProcessView>(`${processesApi(slug)}/${process.id}/revisions`, {
            baseRevision: process.currentRevision,
            content: contentOf(draft),
            message,
          })
        : api.post<ProcessView>(processesApi(slug), { agencyId, content: contentOf(draft), ...(message.trim() ? { message } : {}) }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["process", slug, saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ["processes", slug] });
      await queryClient.invalidateQueries({ queryKey: ["processRevisions", slug, saved.id] });
      if (!process) {
        navigate(`/${slug}/admin/processes/${saved.id}`, { state: { created: true } });
        return;
      }
      setDraft(draftOf(saved.content));
      setMessage("");
      setSavedRevision(saved.currentRevision);
    },
  });
  const savedNote = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (savedRevision !== null) savedNote.current?.focus();
  }, [savedRevision]);

  const set = <K extends keyof ProcessDraft>(name: K, value: ProcessDraft[K]) => {
    setDraft((current) => ({ ...current, [name]: value }));
    if (savedRevision !== null) setSavedRevision(null);
  };
  const preview = previewOf(draft);
  const figures = processFigures(preview.steps, preview.annualVolume, rates.table);
  const currency = process?.currency ?? rates.data?.currency ?? city.data?.currency ?? "USD";
  const dirty = process ? JSON.stringify(contentOf(draft)) !== JSON.stringify(contentOf(draftOf(process.content))) : true;
  const created = (location.state as { created?: boolean } | null)?.created && process?.currentRevision === 1 && !dirty && savedRevision === null;
  const conflict = save.error instanceof ApiProblem && save.error.status === 409 ? save.error : null;

  const fieldLabels: Record<string, string> = {
    agencyId: t("fields.agency"),
    message: t("processes.editor.fields.message"),
    "content.name": t("processes.editor.fields.name"),
    "content.purpose": t("processes.editor.fields.purpose"),
    "content.serviceUsers": t("processes.editor.fields.serviceUsers"),
    "content.annualVolume": t("processes.editor.fields.annualVolume"),
    "content.steps": t("processes.editor.stepsHeading"),
  };
  const stepFieldLabels = {
    name: t("processes.step.name"),
    key: t("processes.step.name"),
    actorRole: t("processes.step.actorRole"),
    channel: t("processes.step.channel"),
    systemUsed: t("processes.step.systemUsed"),
    handlingMinutes: t("processes.step.handlingMinutes"),
    waitingMinutes: t("processes.step.waitingMinutes"),
    sharePercent: t("processes.editor.steps.sharePercent"),
    notes: t("processes.step.notes"),
    "decision.condition": t("processes.editor.steps.condition"),
    "decision.goToStepKey": t("processes.editor.steps.goTo"),
  };
  draft.steps.forEach((_, index) => {
    for (const [field, label] of Object.entries(stepFieldLabels)) {
      fieldLabels[`content.steps.${index}.${field}`] = t("processes.editor.steps.fieldOfStep", { number: index + 1, field: label });
    }
  });
  const conflictNote = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict) conflictNote.current?.focus();
  }, [conflict]);

  return (
    <>
      <Form
        large
        className="civitas-process-form"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        {created ? (
          <Alert type="success" headingLevel="h2" slim role="status">
            {t("processes.editor.created")}
          </Alert>
        ) : null}
        {savedRevision !== null ? (
          <div ref={savedNote} tabIndex={-1} className="civitas-problem">
            <Alert type="success" headingLevel="h2" slim role="status">
              {t("processes.editor.saved", { revision: savedRevision })}
            </Alert>
          </div>
        ) : null}
        {conflict ? (
          <div ref={conflictNote} tabIndex={-1} className="civitas-problem">
            <Alert type="error" headingLevel="h2" heading={t("processes.editor.conflictHeading")}>
              <p>{conflict.detail}</p>
              <p>
                {/* A full reload: the editor starts again from the revision someone else saved. */}
                <a href={location.pathname}>{t("processes.editor.reload")}</a>
              </p>
            </Alert>
          </div>
        ) : (
          <ProblemAlert error={save.error} fieldLabels={fieldLabels} />
        )}

        <h2>{t("processes.editor.aboutHeading")}</h2>
        {!process ? (
          <SelectField
            id="process-agency"
            name="agencyId"
            label={t("fields.agency")}
            value={agencyId}
            onChange={(event) => setAgencyId(event.target.value)}
            error={save.error}
            required
          >
            <option value="">{t("processes.editor.chooseAgency")}</option>
            {agencies.data?.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          id="process-name"
          name="name"
          field="content.name"
          label={t("processes.editor.fields.name")}
          value={draft.name}
          onChange={(event) => set("name", event.target.value)}
          error={save.error}
          required
          maxLength={200}
        />
        <TextAreaField
          id="process-purpose"
          name="purpose"
          field="content.purpose"
          label={t("processes.editor.fields.purpose")}
          hint={t("processes.editor.fields.purposeHint")}
          value={draft.purpose}
          onChange={(event) => set("purpose", event.target.value)}
          error={save.error}
          rows={3}
          maxLength={5000}
        />
        <TextAreaField
          id="process-service-users"
          name="serviceUsers"
          field="content.serviceUsers"
          label={t("processes.editor.fields.serviceUsers")}
          hint={t("processes.editor.fields.serviceUsersHint")}
          value={draft.serviceUsers}
          onChange={(event) => set("serviceUsers", event.target.value)}
          error={save.error}
          rows={2}
          maxLength={2000}
        />
        <TextField
          id="process-annual-volume"
          name="annualVolume"
          field="content.annualVolume"
          label={t("processes.editor.fields.annualVolume")}
          hint={t("processes.editor.fields.annualVolumeHint")}
          type="number"
          inputMode="numeric"
          min={0}
          max={1_000_000_000}
          step={1}
          value={draft.annualVolume}
          onChange={(event) => set("annualVolume", event.target.value)}
          error={save.error}
          required
        />

        <h2>{t("processes.editor.stepsHeading")}</h2>
        <p className="usa-hint">{t("processes.editor.stepsHint")}</p>
        <StepsEditor
          steps={draft.steps}
          onChange={(steps) => set("steps", steps)}
          error={save.error}
          roles={(rates.data?.rates ?? []).map((rate) => rate.role)}
        />

        <section aria-labelledby="process-live-totals" className="civitas-process-live">
          <h3 id="process-live-totals">{t("processes.editor.liveTotals")}</h3>
          <p className="usa-hint">{t("processes.editor.liveTotalsHint")}</p>
          <FiguresSummary figures={figures} currency={currency} />
        </section>

        <h2>{process ? t("processes.editor.saveHeading") : t("processes.editor.createHeading")}</h2>
        <TextField
          id="process-message"
          name="message"
          label={process ? t("processes.editor.fields.message") : t("processes.editor.fields.firstMessage")}
          hint={process ? t("processes.editor.fields.messageHint") : t("processes.editor.fields.firstMessageHint")}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          error={save.error}
          required={!!process}
          maxLength={500}
        />
        <div className="civitas-space-above">
          <Button type="submit" disabled={save.isPending}>
            {process ? t("processes.editor.save") : t("processes.editor.create")}
          </Button>
          {process && !dirty && !save.isPending ? <span className="civitas-saved-note">{t("processes.editor.allSaved")}</span> : null}
        </div>
      </Form>
      <section aria-labelledby="process-drawn" className="civitas-process-section">
        <h2 id="process-drawn">{t("processes.editor.diagramHeading")}</h2>
        <p className="usa-hint">{t("processes.editor.diagramHint")}</p>
        <ProcessDiagram content={preview} />
        <StepsTable content={preview} figures={figures} currency={currency} />
      </section>
    </>
  );
}

/** A new process from a file of Civitas's own JSON export, read in the browser. */
function ImportSection() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const agencies = useManageableAgencies(slug);
  const [agencyId, setAgencyId] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!agencyId && agencies.data?.length === 1) setAgencyId(agencies.data[0]?.id ?? "");
  }, [agencies.data, agencyId]);
  // The list's "Import" link lands here.
  useEffect(() => {
    if (location.hash === "#process-import") {
      heading.current?.scrollIntoView();
      heading.current?.focus();
    }
  }, [location.hash]);

  const importFile = useMutation({
    mutationFn: async () => {
      if (!file)
        throw new ApiProblem(400, {
          title: t("processes.editor.import.failed"),
          errors: [{ field: "file", message: t("processes.editor.import.chooseFile") }],
        });
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new ApiProblem(400, { title: t("processes.editor.import.failed"), errors: [{ field: "file", message: t("processes.editor.import.notJson") }] });
      }
      return api.post<ProcessView>(`${processesApi(slug)}/import`, { agencyId, document: parsed, ...(message.trim() ? { message } : {}) });
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(["process", slug, saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ["processes", slug] });
      navigate(`/${slug}/admin/processes/${saved.id}`, { state: { created: true } });
    },
  });
  const fileError =
    importFile.error instanceof ApiProblem
      ? importFile.error.fields.find((field) => field.field === "file" || field.field.startsWith("document"))?.message
      : undefined;
  return (
    <section aria-labelledby="process-import" className="civitas-process-section civitas-space-above">
      <h2 id="process-import" ref={heading} tabIndex={-1} className="civitas-problem">
        {t("processes.editor.import.heading")}
      </h2>
      <p className="usa-hint">{t("processes.editor.import.hint")}</p>
      <Form
        large
        className="civitas-process-form"
        onSubmit={(event) => {
          event.preventDefault();
          importFile.mutate();
        }}
      >
        <ProblemAlert
          error={importFile.error}
          fieldLabels={{ agencyId: t("fields.agency"), file: t("processes.editor.import.file"), message: t("processes.editor.fields.firstMessage") }}
        />
        <SelectField
          id="process-import-agency"
          name="agencyId"
          label={t("fields.agency")}
          value={agencyId}
          onChange={(event) => setAgencyId(event.target.value)}
          error={importFile.error}
          required
        >
          <option value="">{t("processes.editor.chooseAgency")}</option>
          {agencies.data?.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name}
            </option>
          ))}
        </SelectField>
        <div className={`usa-form-group${fileError ? " usa-form-group--error" : ""}`}>
          <label className={`usa-label${fileError ? " usa-label--error" : ""}`} htmlFor="process-import-file">
            {t("processes.editor.import.file")}
          </label>
          <span className="usa-hint" id="process-import-file-hint">
            {t("processes.editor.import.fileHint")}
          </span>
          {fileError ? (
            <span className="usa-error-message" id="process-import-file-error">
              {fileError}
            </span>
          ) : null}
          <input
            id="process-import-file"
            className="usa-file-input civitas-file-input"
            type="file"
            accept="application/json,.json"
            aria-describedby={fileError ? "process-import-file-hint process-import-file-error" : "process-import-file-hint"}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <TextField
          id="process-import-message"
          name="message"
          label={t("processes.editor.fields.firstMessage")}
          hint={t("processes.editor.import.messageHint")}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          error={importFile.error}
          maxLength={500}
        />
        <Button type="submit" disabled={importFile.isPending}>
          {t("processes.editor.import.submit")}
        </Button>
      </Form>
    </section>
  );
}
