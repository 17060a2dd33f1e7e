import "./catalog.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { z } from "zod";
import type { BountyListView } from "../../../contracts/bounties.ts";
import type { CatalogEntryRequest, CatalogEntryView, PubliccodeProblem, validatePubliccodeResponse } from "../../../contracts/catalog.ts";
import type { ProblemBoard } from "../../../contracts/problems.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { moneyExample, parseMoney } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, ButtonGroup, Form } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { Checkbox, Fieldset, messageWithin } from "../opportunities/parts.tsx";
import { useManageableAgencies } from "../opportunities/staff.ts";
import { problemsApi } from "../problems/parts.tsx";
import { catalogApi, catalogEditorRoles, fetchPubliccodeText, PubliccodeProblems, useCatalogEntry } from "./parts.tsx";
import { readPubliccode } from "./publiccode-view.ts";

/**
 * Staff add software to the catalog from its publiccode.yml, pasted or read from a file in the
 * browser, check it against the standard before saving, and say what only the city knows: which
 * agencies use it, which problems it solves, which bounties built it and what reusing it saved. The
 * same form edits an entry.
 */

type ValidateResponse = z.infer<typeof validatePubliccodeResponse>;

/** The fields of the request that are the city's own, by their name in the API. */
const civitasFields = ["agencyIds", "problemIds", "bountyIds", "reuseSavingsMinor"] as const;

export default function CatalogEditorPage() {
  return (
    <RequireAccess roles={catalogEditorRoles}>
      <Editor />
    </RequireAccess>
  );
}

function Editor() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const { entryId } = useParams();
  const entry = useCatalogEntry(slug, entryId);
  const yaml = useQuery({
    queryKey: ["catalogPubliccode", slug, entryId],
    queryFn: () => fetchPubliccodeText(slug, entryId ?? ""),
    enabled: !!entryId && entry.isSuccess,
    retry: false,
    staleTime: 0,
  });
  const trail = [{ to: `/${slug}/catalog`, label: t("catalog.list.title") }];

  if (!entryId) {
    return (
      <>
        <AdminBreadcrumb trail={trail} current={t("catalog.editor.newTitle")} />
        <PageHeading>{t("catalog.editor.newTitle")}</PageHeading>
        <p className="usa-intro">{t("catalog.editor.intro")}</p>
        <CatalogForm key="new" entry={undefined} initialPubliccode="" />
      </>
    );
  }
  if (entry.isPending || (entry.isSuccess && yaml.isPending)) return <Loading />;
  if (entry.error || !entry.data) {
    const notFound = entry.error instanceof ApiProblem && (entry.error.status === 404 || entry.error.status === 400);
    return (
      <>
        <AdminBreadcrumb trail={trail} current={t("catalog.entry.notFoundTitle")} />
        <PageHeading>{t("catalog.entry.notFoundTitle")}</PageHeading>
        {notFound ? <p>{t("catalog.entry.notFound")}</p> : <ProblemAlert error={entry.error} />}
        <p>
          <Link to={`/${slug}/catalog`}>{t("catalog.entry.toList")}</Link>
        </p>
      </>
    );
  }
  const item = entry.data;
  return (
    <>
      <AdminBreadcrumb trail={[...trail, { to: `/${slug}/catalog/${item.id}`, label: item.name }]} current={t("catalog.editor.editTitle")} />
      <PageHeading>{t("catalog.editor.editTitle")}</PageHeading>
      <p className="usa-intro">
        <span translate="no">{item.name}</span>
      </p>
      {yaml.error ? <ProblemAlert error={yaml.error} /> : null}
      <CatalogForm key={item.id} entry={item} initialPubliccode={yaml.data ?? ""} />
    </>
  );
}

interface Choice {
  id: string;
  title: string;
}

/** The city's records to choose from, with those the entry already names even when the list leaves them out. */
function withLinked(options: Choice[] | undefined, linked: Choice[]): Choice[] {
  const all = [...(options ?? [])];
  for (const record of linked) if (!all.some((option) => option.id === record.id)) all.push(record);
  return all;
}

function toggle(list: string[], id: string, checked: boolean): string[] {
  return checked ? [...list.filter((item) => item !== id), id] : list.filter((item) => item !== id);
}

function CatalogForm({ entry, initialPubliccode }: { entry: CatalogEntryView | undefined; initialPubliccode: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language || "en";
  const slug = useCitySlug();
  const city = useCity(slug);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const currency = entry?.reuseSavings.currency ?? city.data?.currency ?? "USD";
  const [publiccode, setPubliccode] = useState(initialPubliccode);
  const [agencyIds, setAgencyIds] = useState<string[]>(() => entry?.agencies.map((agency) => agency.id) ?? []);
  const [problemIds, setProblemIds] = useState<string[]>(() => entry?.problems.map((problem) => problem.id) ?? []);
  const [bountyIds, setBountyIds] = useState<string[]>(() => entry?.bounties.map((bounty) => bounty.id) ?? []);
  const [savings, setSavings] = useState(() =>
    entry && entry.reuseSavings.amountMinor > 0 ? moneyExample(entry.reuseSavings.amountMinor, entry.reuseSavings.currency, locale) : "",
  );
  const [fileNote, setFileNote] = useState("");
  const fileHintId = useId();

  const agencies = useManageableAgencies(slug);
  const problems = useQuery({
    queryKey: ["problemBoard", slug, "pageSize=100"],
    queryFn: () => api.get<ProblemBoard>(`${problemsApi(slug)}?pageSize=100`),
    staleTime: 60_000,
  });
  const bounties = useQuery({
    queryKey: ["bounties", slug, "catalog-editor"],
    queryFn: () => api.get<BountyListView>(`${cityApi(slug)}/bounties`),
    staleTime: 60_000,
  });

  const check = useMutation({
    mutationFn: () => api.post<ValidateResponse>(`${catalogApi(slug)}/validate`, { publiccode }),
  });
  const save = useMutation({
    mutationFn: () => {
      const amount = parseMoney(savings, currency, locale);
      const body = {
        publiccode,
        agencyIds,
        problemIds,
        bountyIds,
        // Unreadable text goes as it is, so the server's message names the field.
        reuseSavingsMinor: amount === undefined ? savings : (amount ?? 0),
      } as CatalogEntryRequest;
      return entry ? api.put<CatalogEntryView>(`${catalogApi(slug)}/${entry.id}`, body) : api.post<CatalogEntryView>(catalogApi(slug), body);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(["catalogEntry", slug, saved.id], saved);
      queryClient.removeQueries({ queryKey: ["catalogPubliccode", slug, saved.id] });
      await queryClient.invalidateQueries({ queryKey: ["catalog", slug] });
      navigate(`/${slug}/catalog/${saved.id}`, { state: { saved: true } });
    },
  });

  const changePubliccode = (text: string) => {
    setPubliccode(text);
    if (check.data || check.error) check.reset();
  };

  const fieldLabels: Record<string, string> = {
    publiccode: t("catalog.editor.publiccode"),
    agencyIds: t("catalog.editor.agencies"),
    problemIds: t("catalog.editor.problems"),
    bountyIds: t("catalog.editor.bounties"),
    reuseSavingsMinor: t("catalog.editor.reuseSavings"),
  };
  // Every message of a failed save, the file's with their key and line, as one summary.
  const saveProblems: PubliccodeProblem[] =
    save.error instanceof ApiProblem
      ? save.error.fields.map((field) => ({
          field: field.field,
          message: field.message,
          line: typeof (field as { line?: unknown }).line === "number" ? ((field as { line?: number }).line ?? null) : null,
        }))
      : [];
  const fileProblemCount =
    save.error instanceof ApiProblem ? save.error.fields.filter((field) => !(civitasFields as readonly string[]).includes(field.field)).length : 0;
  const example = moneyExample(1_250_000, currency, locale);
  const preview = check.data?.valid && check.data.document ? readPubliccode(check.data.document, locale) : null;

  return (
    <Form
      large
      className="civitas-catalog-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      {saveProblems.length > 0 ? (
        <PubliccodeProblems
          id="catalog-save-problems"
          heading={(save.error as ApiProblem).title || t("catalog.editor.saveFailed")}
          problems={saveProblems}
          labels={fieldLabels}
        />
      ) : (
        <ProblemAlert error={save.error} />
      )}

      <h2>{t("catalog.editor.fileHeading")}</h2>
      <div className={`usa-form-group${fileProblemCount > 0 ? " usa-form-group--error" : ""}`}>
        <label className={`usa-label${fileProblemCount > 0 ? " usa-label--error" : ""}`} htmlFor="catalog-publiccode">
          {t("catalog.editor.publiccode")}
        </label>
        <span className="usa-hint" id="catalog-publiccode-hint">
          {t("catalog.editor.publiccodeHint")}
        </span>
        {fileProblemCount > 0 ? (
          <span className="usa-error-message" id="catalog-publiccode-error">
            {t("catalog.editor.fileHasProblems", { count: fileProblemCount })}
          </span>
        ) : null}
        <textarea
          id="catalog-publiccode"
          name="publiccode"
          className={`usa-textarea civitas-yaml${fileProblemCount > 0 ? " usa-input--error" : ""}`}
          value={publiccode}
          onChange={(event) => changePubliccode(event.target.value)}
          rows={18}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          translate="no"
          required
          maxLength={200_000}
          aria-invalid={fileProblemCount > 0 ? true : undefined}
          aria-describedby={fileProblemCount > 0 ? "catalog-publiccode-hint catalog-publiccode-error" : "catalog-publiccode-hint"}
        />
      </div>
      <div className="usa-form-group">
        <label className="usa-label" htmlFor="catalog-file">
          {t("catalog.editor.file")}
        </label>
        <span className="usa-hint" id={fileHintId}>
          {t("catalog.editor.fileHint")}
        </span>
        <input
          id="catalog-file"
          className="usa-file-input civitas-file-input"
          type="file"
          accept=".yml,.yaml,application/yaml,application/x-yaml,text/yaml,text/plain"
          aria-describedby={fileHintId}
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            changePubliccode(await file.text());
            setFileNote(t("catalog.editor.fileRead", { name: file.name }));
          }}
        />
        <p role="status" className="civitas-catalog-file-note">
          {fileNote}
        </p>
      </div>

      <div className="civitas-catalog-check">
        <Button type="button" outline onClick={() => check.mutate()} disabled={check.isPending || !publiccode.trim()}>
          {t("catalog.editor.check")}
        </Button>
        <div aria-live="polite">
          {check.isPending ? <Loading /> : null}
          {preview && check.data ? (
            <Alert type="success" headingLevel="h3" heading={t("catalog.editor.valid", { version: check.data.version ?? "" })}>
              <p>
                <strong translate="no">{preview.name}</strong>
              </p>
              {preview.description?.shortDescription ? (
                <p translate="no" lang={preview.description.language}>
                  {preview.description.shortDescription}
                </p>
              ) : null}
            </Alert>
          ) : null}
        </div>
        {check.data && !check.data.valid ? (
          <PubliccodeProblems
            id="catalog-check-problems"
            heading={t("catalog.editor.invalid", { count: check.data.problems.length })}
            problems={check.data.problems}
          />
        ) : null}
        <ProblemAlert error={check.error} fieldLabels={fieldLabels} />
      </div>

      <h2>{t("catalog.editor.cityHeading")}</h2>
      <p className="usa-hint">{t("catalog.editor.cityHint")}</p>
      <Fieldset id="catalog-agencies" legend={t("catalog.editor.agencies")} message={messageWithin(save.error, "agencyIds")}>
        {agencies.data === undefined ? (
          <Loading />
        ) : agencies.data.length === 0 ? (
          <p>{t("catalog.editor.noAgencies")}</p>
        ) : (
          withLinked(
            agencies.data.map((agency) => ({ id: agency.id, title: agency.name })),
            entry?.agencies.map((agency) => ({ id: agency.id, title: agency.name })) ?? [],
          ).map((agency) => (
            <Checkbox
              key={agency.id}
              id={`catalog-agency-${agency.id}`}
              label={<span translate="no">{agency.title}</span>}
              checked={agencyIds.includes(agency.id)}
              onChange={(checked) => setAgencyIds((current) => toggle(current, agency.id, checked))}
            />
          ))
        )}
      </Fieldset>
      <Fieldset id="catalog-problems" legend={t("catalog.editor.problems")} message={messageWithin(save.error, "problemIds")}>
        {problems.isPending ? (
          <Loading />
        ) : (
          <ChoiceList
            idPrefix="catalog-problem"
            options={withLinked(
              problems.data?.problems.map((problem) => ({ id: problem.id, title: problem.title })),
              entry?.problems ?? [],
            )}
            selected={problemIds}
            onToggle={(id, checked) => setProblemIds((current) => toggle(current, id, checked))}
            none={t("catalog.editor.noProblems")}
          />
        )}
      </Fieldset>
      <Fieldset id="catalog-bounties" legend={t("catalog.editor.bounties")} message={messageWithin(save.error, "bountyIds")}>
        {bounties.isPending ? (
          <Loading />
        ) : (
          <ChoiceList
            idPrefix="catalog-bounty"
            options={withLinked(
              bounties.data?.bounties.map((bounty) => ({ id: bounty.id, title: bounty.title })),
              entry?.bounties ?? [],
            )}
            selected={bountyIds}
            onToggle={(id, checked) => setBountyIds((current) => toggle(current, id, checked))}
            none={t("catalog.editor.noBounties")}
          />
        )}
      </Fieldset>
      <TextField
        id="catalog-reuse-savings"
        name="reuseSavings"
        field="reuseSavingsMinor"
        inputMode="decimal"
        className="civitas-catalog-money"
        label={t("catalog.editor.reuseSavings")}
        hint={t("catalog.editor.reuseSavingsHint", { currency, example })}
        value={savings}
        onChange={(event) => setSavings(event.target.value)}
        error={save.error}
        autoComplete="off"
      />

      <ButtonGroup className="civitas-space-above">
        <Button type="submit" disabled={save.isPending}>
          {entry ? t("catalog.editor.saveChanges") : t("catalog.editor.save")}
        </Button>
        <Link className="usa-button usa-button--outline" to={entry ? `/${slug}/catalog/${entry.id}` : `/${slug}/catalog`}>
          {t("common.cancel")}
        </Link>
      </ButtonGroup>
    </Form>
  );
}

function ChoiceList({
  idPrefix,
  options,
  selected,
  onToggle,
  none,
}: {
  idPrefix: string;
  options: Choice[];
  selected: string[];
  onToggle: (id: string, checked: boolean) => void;
  none: string;
}) {
  if (options.length === 0) return <p>{none}</p>;
  return (
    <div className="civitas-catalog-choices">
      {options.map((option) => (
        <Checkbox
          key={option.id}
          id={`${idPrefix}-${option.id}`}
          label={<span translate="no">{option.title}</span>}
          checked={selected.includes(option.id)}
          onChange={(checked) => onToggle(option.id, checked)}
        />
      ))}
    </div>
  );
}
