import "./bounty-admin.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { BountyView } from "../../../contracts/bounties.ts";
import type { BountySettingsView } from "../../../contracts/bounty-settings.ts";
import type { ProblemBoard, ProblemView } from "../../../contracts/problems.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { messageWithin, SelectField, TextAreaField, TextField } from "../../components/Fields.tsx";
import { instantOf, todayIn } from "../../components/formatting.ts";
import { Loading } from "../../components/Loading.tsx";
import { moneyExample, parseMoney } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Button, ButtonGroup, Form } from "../../components/uswds.tsx";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { Checkbox, Fieldset, Radio } from "../opportunities/parts.tsx";
import { problemsApi } from "../problems/parts.tsx";
import { bountiesApi, bountyAdminRoles } from "./parts.tsx";

/** DSO staff draft a fixed-price bounty or a micro-purchase reverse auction from an accepted problem. */
export default function BountyEditorPage() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  return (
    <RequireAccess roles={bountyAdminRoles}>
      <AdminBreadcrumb trail={[{ to: `/${slug}/admin/bounties`, label: t("bountyAdmin.title") }]} current={t("bountyAdmin.editor.title")} />
      <PageHeading>{t("bountyAdmin.editor.title")}</PageHeading>
      <p className="usa-intro">{t("bountyAdmin.editor.intro")}</p>
      <BountyForm />
    </RequireAccess>
  );
}

interface Criterion {
  key: number;
  text: string;
}

interface Draft {
  problemId: string;
  kind: "fixed" | "auction";
  auctionType: "multi" | "sealed";
  title: string;
  description: string;
  repositoryIssueUrl: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  deadlineDate: string;
  deadlineTime: string;
  amount: string;
  marketEstimate: string;
  deliveryBusinessDays: string;
  requiredLicence: string;
  smallBusinessOnly: boolean;
}

/** Only the fields that apply to the kind are sent; an empty field is left out so the server names it. */
function bodyOf(draft: Draft, criteria: Criterion[], currency: string, locale: string, timeZone: string | undefined) {
  const money = (text: string) => {
    const value = parseMoney(text, currency, locale);
    // Unreadable text goes as it is, so the server's message names the field.
    return value === undefined ? text : (value ?? undefined);
  };
  const at = (date: string, time: string) => (date && time ? instantOf(date, time, timeZone) : undefined);
  const common = {
    problemId: draft.problemId || undefined,
    title: draft.title,
    description: draft.description,
    acceptanceCriteria: criteria.map((criterion) => criterion.text),
    repositoryIssueUrl: draft.repositoryIssueUrl.trim() || null,
    requiredLicence: draft.requiredLicence,
    deliveryBusinessDays: draft.deliveryBusinessDays ? Number(draft.deliveryBusinessDays) : null,
    amountMinor: money(draft.amount),
    marketEstimateMinor: draft.marketEstimate.trim() ? money(draft.marketEstimate) : null,
    smallBusinessOnly: draft.smallBusinessOnly,
  };
  if (draft.kind === "fixed") return { ...common, deadlineAt: at(draft.deadlineDate, draft.deadlineTime) };
  return { ...common, auctionType: draft.auctionType, startsAt: at(draft.startDate, draft.startTime), endsAt: at(draft.endDate, draft.endTime) };
}

function BountyForm() {
  const { t, i18n } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const givenProblemId = search.get("problemId") ?? "";
  const [draft, setDraft] = useState<Draft>({
    problemId: givenProblemId,
    kind: "auction",
    auctionType: "multi",
    title: "",
    description: "",
    repositoryIssueUrl: "",
    startDate: "",
    startTime: "09:00",
    endDate: "",
    endTime: "17:00",
    deadlineDate: "",
    deadlineTime: "17:00",
    amount: "",
    marketEstimate: "",
    deliveryBusinessDays: "10",
    requiredLicence: "MIT",
    smallBusinessOnly: false,
  });
  const nextKey = useRef(1);
  const [criteria, setCriteria] = useState<Criterion[]>([{ key: 0, text: "" }]);
  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => setDraft((current) => ({ ...current, [name]: value }));
  const currency = city.data?.currency ?? "USD";
  const locale = i18n.language || "en";
  const timeZone = city.data?.timeZone;

  const save = useMutation({
    mutationFn: () =>
      api.post<BountyView>(draft.kind === "fixed" ? bountiesApi(slug) : `${bountiesApi(slug)}/auctions`, bodyOf(draft, criteria, currency, locale, timeZone)),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ["bounties", slug] });
      navigate(`/${slug}/admin/bounties/${created.id}`);
    },
  });

  const fieldLabels = {
    problemId: t("bountyAdmin.fields.problem"),
    title: t("bountyAdmin.fields.title"),
    description: t("bountyAdmin.fields.description"),
    repositoryIssueUrl: t("bountyAdmin.fields.repositoryIssueUrl"),
    requiredLicence: t("bountyAdmin.fields.licence"),
    deadlineAt: t("bountyAdmin.fields.deadline"),
    startsAt: t("bountyAdmin.fields.startsAt"),
    endsAt: t("bountyAdmin.fields.endsAt"),
    amountMinor: draft.kind === "fixed" ? t("bountyAdmin.fields.price") : t("bountyAdmin.fields.startPrice"),
    marketEstimateMinor: t("bountyAdmin.fields.marketEstimate"),
    deliveryBusinessDays: t("bountyAdmin.fields.deliveryBusinessDays"),
    acceptanceCriteria: t("bountyAdmin.fields.criteria"),
    smallBusinessOnly: t("bountyAdmin.fields.smallBusinessOnly"),
    auctionType: t("bountyAdmin.fields.auctionType"),
  };
  const example = moneyExample(500_000, currency, locale);

  return (
    <Form
      large
      className="civitas-bounty-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <ProblemAlert error={save.error} fieldLabels={fieldLabels} />
      <ProblemChoice problemId={draft.problemId} given={givenProblemId} onChange={(id) => set("problemId", id)} error={save.error} />

      <Fieldset id="bounty-kind" legend={t("bountyAdmin.fields.kind")} message={messageWithin(save.error, "kind")}>
        <Radio
          id="bounty-kind-auction"
          name="kind"
          label={t("bountyAdmin.kind.auction")}
          hint={t("bountyAdmin.editor.auctionHint")}
          checked={draft.kind === "auction"}
          onChange={() => set("kind", "auction")}
        />
        <Radio
          id="bounty-kind-fixed"
          name="kind"
          label={t("bountyAdmin.kind.fixed")}
          hint={t("bountyAdmin.editor.fixedHint")}
          checked={draft.kind === "fixed"}
          onChange={() => set("kind", "fixed")}
        />
      </Fieldset>

      <TextField
        id="bounty-title"
        name="title"
        label={t("bountyAdmin.fields.title")}
        value={draft.title}
        onChange={(event) => set("title", event.target.value)}
        error={save.error}
        required
        maxLength={200}
      />
      <TextAreaField
        id="bounty-description"
        name="description"
        label={t("bountyAdmin.fields.description")}
        value={draft.description}
        onChange={(event) => set("description", event.target.value)}
        error={save.error}
        maxLength={20_000}
      />
      <CriteriaEditor criteria={criteria} onChange={setCriteria} nextKey={() => nextKey.current++} error={save.error} />
      <TextField
        id="bounty-issue"
        name="repositoryIssueUrl"
        type="url"
        label={t("bountyAdmin.fields.repositoryIssueUrl")}
        hint={t("bountyAdmin.editor.issueHint")}
        value={draft.repositoryIssueUrl}
        onChange={(event) => set("repositoryIssueUrl", event.target.value)}
        error={save.error}
      />
      <LicenceField value={draft.requiredLicence} onChange={(value) => set("requiredLicence", value)} error={save.error} />

      {draft.kind === "auction" ? (
        <>
          <Fieldset id="bounty-auction-type" legend={t("bountyAdmin.fields.auctionType")} message={messageWithin(save.error, "auctionType")}>
            <Radio
              id="bounty-auction-multi"
              name="auctionType"
              label={t("bountyAdmin.auctionType.multi")}
              hint={t("bountyAdmin.editor.multiHint")}
              checked={draft.auctionType === "multi"}
              onChange={() => set("auctionType", "multi")}
            />
            <Radio
              id="bounty-auction-sealed"
              name="auctionType"
              label={t("bountyAdmin.auctionType.sealed")}
              hint={t("bountyAdmin.editor.sealedHint")}
              checked={draft.auctionType === "sealed"}
              onChange={() => set("auctionType", "sealed")}
            />
          </Fieldset>
          <p className="usa-hint">{t("bountyAdmin.editor.cityTime", { zone: timeZone ?? "" })}</p>
          <div className="civitas-shift-form__times">
            <TextField
              id="bounty-start-date"
              name="startDate"
              field="startsAt"
              type="date"
              label={t("bountyAdmin.fields.startDate")}
              min={todayIn(timeZone)}
              value={draft.startDate}
              onChange={(event) => set("startDate", event.target.value)}
              error={save.error}
              required
            />
            <TextField
              id="bounty-start-time"
              name="startTime"
              field="startsAt.time"
              type="time"
              label={t("bountyAdmin.fields.startTime")}
              value={draft.startTime}
              onChange={(event) => set("startTime", event.target.value)}
              required
            />
            <TextField
              id="bounty-end-date"
              name="endDate"
              field="endsAt"
              type="date"
              label={t("bountyAdmin.fields.endDate")}
              min={draft.startDate || todayIn(timeZone)}
              value={draft.endDate}
              onChange={(event) => set("endDate", event.target.value)}
              error={save.error}
              required
            />
            <TextField
              id="bounty-end-time"
              name="endTime"
              field="endsAt.time"
              type="time"
              label={t("bountyAdmin.fields.endTime")}
              value={draft.endTime}
              onChange={(event) => set("endTime", event.target.value)}
              required
            />
          </div>
        </>
      ) : (
        <>
          <p className="usa-hint">{t("bountyAdmin.editor.cityTime", { zone: timeZone ?? "" })}</p>
          <div className="civitas-shift-form__times">
            <TextField
              id="bounty-deadline-date"
              name="deadlineDate"
              field="deadlineAt"
              type="date"
              label={t("bountyAdmin.fields.deadlineDate")}
              min={todayIn(timeZone)}
              value={draft.deadlineDate}
              onChange={(event) => set("deadlineDate", event.target.value)}
              error={save.error}
              required
            />
            <TextField
              id="bounty-deadline-time"
              name="deadlineTime"
              field="deadlineAt.time"
              type="time"
              label={t("bountyAdmin.fields.deadlineTime")}
              value={draft.deadlineTime}
              onChange={(event) => set("deadlineTime", event.target.value)}
              required
            />
          </div>
        </>
      )}

      <TextField
        id="bounty-amount"
        name="amount"
        field="amountMinor"
        inputMode="decimal"
        label={draft.kind === "fixed" ? t("bountyAdmin.fields.price") : t("bountyAdmin.fields.startPrice")}
        hint={draft.kind === "fixed" ? t("bountyAdmin.editor.priceHint", { currency, example }) : t("bountyAdmin.editor.startPriceHint", { currency, example })}
        value={draft.amount}
        onChange={(event) => set("amount", event.target.value)}
        error={save.error}
        required
        autoComplete="off"
      />
      <TextField
        id="bounty-market-estimate"
        name="marketEstimate"
        field="marketEstimateMinor"
        inputMode="decimal"
        label={t("bountyAdmin.fields.marketEstimate")}
        hint={t("bountyAdmin.editor.marketEstimateHint")}
        value={draft.marketEstimate}
        onChange={(event) => set("marketEstimate", event.target.value)}
        error={save.error}
        autoComplete="off"
      />
      <TextField
        id="bounty-delivery-days"
        name="deliveryBusinessDays"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        label={t("bountyAdmin.fields.deliveryBusinessDays")}
        hint={t("bountyAdmin.editor.deliveryHint")}
        value={draft.deliveryBusinessDays}
        onChange={(event) => set("deliveryBusinessDays", event.target.value)}
        error={save.error}
      />
      <Fieldset id="bounty-small-business" legend={t("bountyAdmin.fields.eligibility")} message={messageWithin(save.error, "smallBusinessOnly")}>
        <Checkbox
          id="bounty-small-business-only"
          label={t("bountyAdmin.fields.smallBusinessOnly")}
          hint={t("bountyAdmin.editor.smallBusinessHint")}
          checked={draft.smallBusinessOnly}
          onChange={(checked) => set("smallBusinessOnly", checked)}
        />
      </Fieldset>

      <ButtonGroup className="civitas-space-above">
        <Button type="submit" disabled={save.isPending}>
          {t("bountyAdmin.editor.save")}
        </Button>
        <Link className="usa-button usa-button--outline" to={`/${slug}/admin/bounties`}>
          {t("common.cancel")}
        </Link>
      </ButtonGroup>
    </Form>
  );
}

/** A licence from the city's accepted list; a text field when the list cannot be read, checked by the server all the same. */
function LicenceField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error: unknown }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const settings = useQuery({
    queryKey: ["bountySettings", slug],
    queryFn: () => api.get<BountySettingsView>(`${cityApi(slug)}/bounty-settings`),
    staleTime: 60_000,
    retry: false,
  });
  if (settings.isPending) return <Loading />;
  const licences = settings.data?.acceptedLicences ?? [];
  if (licences.length === 0) {
    return (
      <TextField
        id="bounty-licence"
        name="requiredLicence"
        label={t("bountyAdmin.fields.licence")}
        hint={t("bountyAdmin.editor.licenceHint")}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        required
        maxLength={100}
        autoComplete="off"
      />
    );
  }
  return (
    <SelectField
      id="bounty-licence"
      name="requiredLicence"
      label={t("bountyAdmin.fields.licence")}
      hint={t("bountyAdmin.editor.licenceListHint")}
      value={licences.includes(value) ? value : ""}
      onChange={(event) => onChange(event.target.value)}
      error={error}
      required
    >
      <option value="">{t("bountyAdmin.editor.chooseLicence")}</option>
      {licences.map((licence) => (
        <option key={licence} value={licence}>
          {licence}
        </option>
      ))}
    </SelectField>
  );
}

/** The problem the bounty is for: the one named in the address, or a choice among accepted problems. */
function ProblemChoice({ problemId, given, onChange, error }: { problemId: string; given: string; onChange: (id: string) => void; error: unknown }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const one = useQuery({
    queryKey: ["problem", slug, given],
    queryFn: () => api.get<ProblemView>(`${problemsApi(slug)}/${encodeURIComponent(given)}`),
    enabled: !!given,
    retry: false,
  });
  const accepted = useQuery({
    queryKey: ["problems", slug, "accepted-for-bounty"],
    queryFn: () => api.get<ProblemBoard>(`${problemsApi(slug)}?status=accepted&pageSize=100`),
    enabled: !given || one.isError,
  });
  if (given && one.isPending) return <Loading />;
  if (given && one.data) {
    return (
      <div className="civitas-bounty-problem">
        <p className="margin-bottom-0 text-bold">{t("bountyAdmin.fields.problem")}</p>
        <p className="margin-top-05 civitas-break">{one.data.title}</p>
        {messageWithin(error, "problemId") ? <p className="usa-error-message">{messageWithin(error, "problemId")}</p> : null}
      </div>
    );
  }
  const problems = accepted.data?.problems ?? [];
  return (
    <>
      {given && one.error instanceof ApiProblem ? <ProblemAlert error={one.error} /> : null}
      <SelectField
        id="bounty-problem"
        name="problemId"
        label={t("bountyAdmin.fields.problem")}
        hint={t("bountyAdmin.editor.problemHint")}
        value={problemId === given && one.isError ? "" : problemId}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        required
      >
        <option value="">{accepted.isPending ? t("common.loading") : t("bountyAdmin.editor.chooseProblem")}</option>
        {problems.map((problem) => (
          <option key={problem.id} value={problem.id}>
            {problem.title}
          </option>
        ))}
      </SelectField>
      {accepted.data && problems.length === 0 ? <p className="usa-hint">{t("bountyAdmin.editor.noProblems")}</p> : null}
    </>
  );
}

/**
 * The acceptance criteria as a list of text fields, each with buttons to move it or take it out.
 * Focus follows the change: to a new criterion's field, to the moved criterion's button, or to the
 * add button when one is removed.
 */
function CriteriaEditor({
  criteria,
  onChange,
  nextKey,
  error,
}: {
  criteria: Criterion[];
  onChange: (criteria: Criterion[]) => void;
  nextKey: () => number;
  error: unknown;
}) {
  const { t } = useTranslation();
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  const move = (index: number, by: -1 | 1) => {
    const next = [...criteria];
    const [item] = next.splice(index, 1);
    if (!item) return;
    next.splice(index + by, 0, item);
    onChange(next);
    // Focus stays on the criterion that moved: on the same button if it still has one, else the other.
    const target = index + by;
    const sameStays = by < 0 ? target > 0 : target < next.length - 1;
    focusLater(`criterion-${item.key}-${(by < 0) === sameStays ? "up" : "down"}`);
  };
  return (
    <Fieldset
      id="bounty-criteria"
      legend={t("bountyAdmin.fields.criteria")}
      hint={t("bountyAdmin.editor.criteriaHint")}
      message={
        messageWithin(error, "acceptanceCriteria") && !criteria.some((_, index) => messageFor(error, index))
          ? messageWithin(error, "acceptanceCriteria")
          : undefined
      }
    >
      <ol className="civitas-criteria">
        {criteria.map((criterion, index) => (
          <li key={criterion.key} className="civitas-criteria__item">
            <TextField
              id={`criterion-${criterion.key}`}
              name={`acceptanceCriteria.${index}`}
              label={t("bountyAdmin.editor.criterionLabel", { number: index + 1 })}
              value={criterion.text}
              onChange={(event) => onChange(criteria.map((item) => (item.key === criterion.key ? { ...item, text: event.target.value } : item)))}
              error={error}
              required
              maxLength={500}
            />
            <ButtonGroup className="civitas-criteria__actions">
              {index > 0 ? (
                <Button
                  type="button"
                  outline
                  id={`criterion-${criterion.key}-up`}
                  onClick={() => move(index, -1)}
                  aria-label={t("bountyAdmin.editor.moveUpLabel", { number: index + 1 })}
                >
                  {t("bountyAdmin.editor.moveUp")}
                </Button>
              ) : null}
              {index < criteria.length - 1 ? (
                <Button
                  type="button"
                  outline
                  id={`criterion-${criterion.key}-down`}
                  onClick={() => move(index, 1)}
                  aria-label={t("bountyAdmin.editor.moveDownLabel", { number: index + 1 })}
                >
                  {t("bountyAdmin.editor.moveDown")}
                </Button>
              ) : null}
              {criteria.length > 1 ? (
                <Button
                  type="button"
                  unstyled
                  className="civitas-criteria__remove"
                  onClick={() => {
                    onChange(criteria.filter((item) => item.key !== criterion.key));
                    focusLater("criterion-add");
                  }}
                  aria-label={t("bountyAdmin.editor.removeLabel", { number: index + 1 })}
                >
                  {t("bountyAdmin.editor.remove")}
                </Button>
              ) : null}
            </ButtonGroup>
          </li>
        ))}
      </ol>
      <Button
        type="button"
        secondary
        id="criterion-add"
        onClick={() => {
          const key = nextKey();
          onChange([...criteria, { key, text: "" }]);
          focusLater(`criterion-${key}`);
        }}
      >
        {t("bountyAdmin.editor.addCriterion")}
      </Button>
    </Fieldset>
  );
}

function messageFor(error: unknown, index: number): string | undefined {
  return error instanceof ApiProblem ? error.fieldError(`acceptanceCriteria.${index}`) : undefined;
}
