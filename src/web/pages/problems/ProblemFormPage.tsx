import "./problems.css";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { ProblemView } from "../../../contracts/problems.ts";
import { ApiProblem, api } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextAreaField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { moneyExample, parseMoney } from "../../components/money.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Button, Form } from "../../components/uswds.tsx";
import { useLocale } from "../opportunities/parts.tsx";
import { useManageableAgencies } from "../opportunities/staff.ts";
import NotFoundPage from "../platform/NotFoundPage.tsx";
import { problemsApi } from "./parts.tsx";

/**
 * Agency staff report a problem with how their agency works; anyone else signed in proposes one as a
 * resident. The API tells the two apart by the agency named, and so does this form: the cost and the
 * documented process are asked for when an agency reports.
 */

interface Draft {
  agencyId: string;
  title: string;
  description: string;
  affected: string;
  frequency: string;
  cost: string;
  processLink: string;
}

const emptyDraft: Draft = { agencyId: "", title: "", description: "", affected: "", frequency: "", cost: "", processLink: "" };

export default function ProblemFormPage() {
  return (
    <RequireAccess>
      <ProblemForm />
    </RequireAccess>
  );
}

function ProblemForm() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const locale = useLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const agencies = useManageableAgencies(slug);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  // Staff of a single agency report for it unless they choose otherwise.
  const onlyAgency = agencies.data?.length === 1 ? agencies.data[0]?.id : undefined;
  useEffect(() => {
    if (onlyAgency) setDraft((current) => (current.agencyId ? current : { ...current, agencyId: onlyAgency }));
  }, [onlyAgency]);
  const currency = city.data?.currency ?? "USD";
  const save = useMutation({
    mutationFn: () => {
      const reporting = draft.agencyId !== "";
      const costEstimateMinor = reporting ? parseMoney(draft.cost, currency, locale) : null;
      if (costEstimateMinor === undefined) {
        throw new ApiProblem(400, {
          title: t("errors.titles.badRequest"),
          errors: [{ field: "costEstimateMinor", message: t("problems.form.costUnreadable", { example: moneyExample(6_200_000, currency, locale) }) }],
        });
      }
      return api.post<ProblemView>(problemsApi(slug), {
        title: draft.title,
        description: draft.description,
        affected: draft.affected,
        frequency: draft.frequency,
        costEstimateMinor,
        processLink: reporting && draft.processLink.trim() ? draft.processLink.trim() : null,
        agencyId: reporting ? draft.agencyId : null,
      });
    },
    onSuccess: async (created) => {
      queryClient.setQueryData(["problem", slug, created.id], created);
      await queryClient.invalidateQueries({ queryKey: ["problemBoard", slug] });
      navigate(`/${slug}/problems/${created.id}`, { state: { created: true } });
    },
  });

  if (city.isPending || agencies.isPending) return <Loading />;
  if (city.error) return <NotFoundPage />;

  const staff = (agencies.data?.length ?? 0) > 0;
  const reporting = draft.agencyId !== "";
  const set = (name: keyof Draft) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [name]: event.target.value }));
  const fieldLabels = {
    agencyId: t("fields.agency"),
    title: t("problems.fields.title"),
    description: t("problems.fields.description"),
    affected: t("problems.fields.affected"),
    frequency: t("problems.fields.frequency"),
    costEstimateMinor: t("problems.fields.cost", { currency }),
    processLink: t("problems.fields.processLink"),
  };

  return (
    <>
      <p className="civitas-back-link">
        <Link to={`/${slug}/problems`}>{t("problems.backToBoard")}</Link>
      </p>
      <PageHeading>{staff ? t("problems.form.reportTitle") : t("problems.form.proposeTitle")}</PageHeading>
      <p className="usa-intro">{staff ? t("problems.form.reportIntro") : t("problems.form.proposeIntro")}</p>
      <Form
        large
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <ProblemAlert error={save.error} fieldLabels={fieldLabels} />
        {staff ? (
          <SelectField
            id="problem-agency"
            name="agencyId"
            label={t("fields.agency")}
            hint={t("problems.form.agencyHint")}
            value={draft.agencyId}
            onChange={set("agencyId")}
            error={save.error}
          >
            <option value="">{t("problems.form.noAgency")}</option>
            {agencies.data?.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          id="problem-title"
          name="title"
          label={t("problems.fields.title")}
          hint={t("problems.form.titleHint")}
          value={draft.title}
          onChange={set("title")}
          error={save.error}
          required
          maxLength={200}
        />
        <TextAreaField
          id="problem-description"
          name="description"
          label={t("problems.fields.description")}
          hint={t("problems.form.descriptionHint")}
          value={draft.description}
          onChange={set("description")}
          error={save.error}
          required
          maxLength={10_000}
          rows={6}
        />
        <TextAreaField
          id="problem-affected"
          name="affected"
          label={t("problems.fields.affected")}
          hint={t("problems.form.affectedHint")}
          value={draft.affected}
          onChange={set("affected")}
          error={save.error}
          maxLength={2000}
          rows={3}
        />
        <TextField
          id="problem-frequency"
          name="frequency"
          label={t("problems.fields.frequency")}
          hint={t("problems.form.frequencyHint")}
          value={draft.frequency}
          onChange={set("frequency")}
          error={save.error}
          maxLength={200}
        />
        {reporting ? (
          <>
            <TextField
              id="problem-cost"
              name="costEstimateMinor"
              label={t("problems.fields.cost", { currency })}
              hint={t("problems.form.costHint", { example: moneyExample(6_200_000, currency, locale) })}
              value={draft.cost}
              onChange={set("cost")}
              error={save.error}
              inputMode="decimal"
              autoComplete="off"
              className="civitas-money-input"
            />
            <TextField
              id="problem-process-link"
              name="processLink"
              type="url"
              label={t("problems.fields.processLink")}
              hint={t("problems.form.processLinkHint")}
              value={draft.processLink}
              onChange={set("processLink")}
              error={save.error}
              maxLength={2000}
              autoComplete="url"
            />
          </>
        ) : null}
        <Button type="submit" disabled={save.isPending}>
          {reporting ? t("problems.form.submitReport") : t("problems.form.submitPropose")}
        </Button>
      </Form>
    </>
  );
}
