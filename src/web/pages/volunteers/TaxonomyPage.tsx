import "./volunteers.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CauseView, CredentialTypeView, SkillView } from "../../../contracts/volunteers.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCitySlug } from "../../components/city.ts";
import { SelectField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, ButtonGroup, Form } from "../../components/uswds.tsx";
import { useSettings } from "../../session.ts";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { Fieldset } from "./volunteer-fields.tsx";

/** The city's own words for what volunteers offer: a tree of skills, causes, and the credentials staff record. */
export default function TaxonomyPage() {
  const { t } = useTranslation();
  return (
    <RequireAccess roles={["city_admin", "dso_staff"]}>
      <AdminBreadcrumb current={t("taxonomy.title")} />
      <PageHeading>{t("taxonomy.title")}</PageHeading>
      <p className="usa-intro">{t("taxonomy.intro")}</p>
      <SkillsSection />
      <CausesSection />
      <CredentialTypesSection />
    </RequireAccess>
  );
}

type Kind = "skill" | "cause" | "credentialType";

interface ItemValues {
  names: Record<string, string>;
  slug: string;
  parentId: string;
  validityMonths: string;
}

const emptyValues: ItemValues = { names: {}, slug: "", parentId: "", validityMonths: "" };

/** Moves focus once React has drawn the change; `target` is an element id, or a selector after "#". */
function focusSoon(target: string) {
  requestAnimationFrame(() => (document.getElementById(target) ?? document.querySelector<HTMLElement>(target))?.focus());
}

/** An address from a name: "Primeros auxilios" → "primeros-auxilios". */
function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/** Name in every language of the site, address, and for skills the parent, for credential types the validity. */
function ItemForm({
  idPrefix,
  kind,
  initial,
  skills = [],
  excluded = new Set<string>(),
  submitLabel,
  onSubmit,
  onCancel,
  pending,
  error,
}: {
  idPrefix: string;
  kind: Kind;
  initial: ItemValues;
  skills?: SkillView[];
  excluded?: ReadonlySet<string>;
  submitLabel: string;
  onSubmit: (values: ItemValues) => void;
  onCancel?: () => void;
  pending: boolean;
  error: unknown;
}) {
  const { t, i18n } = useTranslation();
  const settings = useSettings();
  const locales = settings.data?.locales ?? ["en"];
  const displayNames = new Intl.DisplayNames([i18n.language || "en"], { type: "language" });
  const [values, setValues] = useState(initial);
  const [slugEdited, setSlugEdited] = useState(initial.slug !== "");
  useEffect(() => setValues((current) => ({ ...current, parentId: initial.parentId })), [initial.parentId]);
  const firstLocale = locales[0] ?? "en";
  return (
    <Form
      className="civitas-item-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(values);
      }}
    >
      <ProblemAlert error={error} />
      <Fieldset small id={`${idPrefix}-names`} legend={t("taxonomy.names")} message={error instanceof ApiProblem ? error.fieldError("names") : undefined}>
        {locales.map((locale) => {
          const language = displayNames.of(locale) ?? locale;
          return (
            <TextField
              key={locale}
              id={`${idPrefix}-name-${locale}`}
              name={`names.${locale}`}
              label={t("taxonomy.nameIn", { language: language.charAt(0).toLocaleUpperCase(i18n.language) + language.slice(1) })}
              lang={locale}
              value={values.names[locale] ?? ""}
              onChange={(event) => {
                const names = { ...values.names, [locale]: event.target.value };
                setValues({ ...values, names, slug: slugEdited || locale !== firstLocale ? values.slug : slugify(event.target.value) });
              }}
              error={error}
            />
          );
        })}
      </Fieldset>
      <TextField
        id={`${idPrefix}-slug`}
        name="slug"
        label={t("fields.slug")}
        hint={t("taxonomy.slugHint")}
        value={values.slug}
        onChange={(event) => {
          setValues({ ...values, slug: event.target.value });
          setSlugEdited(true);
        }}
        error={error}
        required
      />
      {kind === "skill" ? (
        <SelectField
          id={`${idPrefix}-parent`}
          name="parentId"
          label={t("taxonomy.parent")}
          value={values.parentId}
          onChange={(event) => setValues({ ...values, parentId: event.target.value })}
          error={error}
        >
          <option value="">{t("taxonomy.topLevel")}</option>
          {skills
            .filter((skill) => !excluded.has(skill.id))
            .map((skill) => (
              <option key={skill.id} value={skill.id}>
                {`${"\u00a0\u00a0".repeat(skill.depth)}${skill.name}`}
              </option>
            ))}
        </SelectField>
      ) : null}
      {kind === "credentialType" ? (
        <TextField
          id={`${idPrefix}-validity`}
          name="validityMonths"
          type="number"
          inputMode="numeric"
          min={1}
          max={600}
          label={t("taxonomy.validityMonths")}
          hint={t("taxonomy.validityHint")}
          value={values.validityMonths}
          onChange={(event) => setValues({ ...values, validityMonths: event.target.value })}
          error={error}
        />
      ) : null}
      <ButtonGroup>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" unstyled onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        ) : null}
      </ButtonGroup>
    </Form>
  );
}

function bodyOf(kind: Kind, values: ItemValues) {
  return {
    names: values.names,
    slug: values.slug,
    ...(kind === "skill" && { parentId: values.parentId || null }),
    ...(kind === "credentialType" && { validityMonths: values.validityMonths ? Number(values.validityMonths) : null }),
  };
}

/** An entry with its actions; Remove asks once more before it acts. */
function ItemRow({
  id,
  name,
  slug,
  detail,
  actions,
  onEdit,
  onRemove,
  removing,
}: {
  id: string;
  name: string;
  slug: string;
  detail?: string;
  actions?: ReactNode;
  onEdit: () => void;
  onRemove: () => void;
  removing: boolean;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const named = (label: string) => (
    <>
      {label}
      <span className="usa-sr-only"> {name}</span>
    </>
  );
  return (
    <div className="civitas-taxonomy-item">
      <div>
        <span className="civitas-taxonomy-item__name">{name}</span> <span className="civitas-taxonomy-item__slug">{slug}</span>
        {detail ? <span className="civitas-taxonomy-item__detail">{detail}</span> : null}
      </div>
      <div className="civitas-taxonomy-item__actions">
        {actions}
        <Button type="button" unstyled id={`${id}-edit`} onClick={onEdit}>
          {named(t("common.edit"))}
        </Button>
        {confirming ? (
          <>
            <Button type="button" unstyled className="civitas-danger" id={`${id}-confirm`} onClick={onRemove} disabled={removing}>
              {t("taxonomy.confirmRemove", { name })}
            </Button>
            <Button
              type="button"
              unstyled
              onClick={() => {
                setConfirming(false);
                focusSoon(`${id}-remove`);
              }}
            >
              {t("common.cancel")}
            </Button>
          </>
        ) : (
          <Button
            type="button"
            unstyled
            id={`${id}-remove`}
            onClick={() => {
              setConfirming(true);
              focusSoon(`${id}-confirm`);
            }}
          >
            {named(t("taxonomy.remove"))}
          </Button>
        )}
      </div>
    </div>
  );
}

function descendantsOf(skills: SkillView[], id: string): Set<string> {
  const found = new Set([id]);
  for (const skill of skills) if (skill.parentId && found.has(skill.parentId)) found.add(skill.id);
  return found;
}

function SkillsSection() {
  const { t, i18n } = useTranslation();
  const city = useCitySlug();
  const queryClient = useQueryClient();
  const base = `${cityApi(city)}/skills`;
  const key = ["skills", city, i18n.language];
  const skills = useQuery({ queryKey: key, queryFn: () => api.get<{ skills: SkillView[] }>(base) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["skills", city] });
  const [editing, setEditing] = useState<string | null>(null);
  const [addParent, setAddParent] = useState("");
  const [addKey, setAddKey] = useState(0);
  const [focusAfterMove, setFocusAfterMove] = useState<{ id: string; direction: "up" | "down" } | null>(null);

  const create = useMutation({
    mutationFn: (values: ItemValues) => api.post<SkillView>(base, bodyOf("skill", values)),
    onSuccess: async () => {
      setAddKey((value) => value + 1);
      await refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ id, values }: { id: string; values: ItemValues }) => api.patch<SkillView>(`${base}/${id}`, bodyOf("skill", values)),
    onSuccess: async (saved) => {
      setEditing(null);
      await refresh();
      focusSoon(`skill-${saved.id}-edit`);
    },
  });
  const move = useMutation({
    mutationFn: ({ id, direction }: { id: string; direction: "up" | "down" }) => api.post<{ skills: SkillView[] }>(`${base}/${id}/move`, { direction }),
    onSuccess: (list, variables) => {
      queryClient.setQueryData(key, list);
      setFocusAfterMove(variables);
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => api.delete(`${base}/${id}`), onSuccess: refresh });

  // Keep the keyboard where it was: on the same button of the skill that moved, or its other
  // move button once it reaches the end of its list.
  useEffect(() => {
    if (!focusAfterMove || !skills.data) return;
    const { id, direction } = focusAfterMove;
    const same = document.getElementById(`skill-${id}-${direction}`) as HTMLButtonElement | null;
    if (same && !same.disabled) same.focus();
    else document.getElementById(`skill-${id}-${direction === "up" ? "down" : "up"}`)?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove, skills.data]);

  const list = skills.data?.skills ?? [];
  const renderLevel = (parentId: string | null): ReactNode => {
    const level = list.filter((skill) => skill.parentId === parentId);
    if (level.length === 0) return null;
    return (
      <ul className={`usa-list usa-list--unstyled civitas-taxonomy${parentId ? " civitas-taxonomy--nested" : ""}`}>
        {level.map((skill, index) => (
          <li key={skill.id}>
            <ItemRow
              id={`skill-${skill.id}`}
              name={skill.name}
              slug={skill.slug}
              onEdit={() => {
                setEditing(skill.id);
                update.reset();
                focusSoon(`#skill-edit-${skill.id}-names input`);
              }}
              onRemove={() => remove.mutate(skill.id)}
              removing={remove.isPending}
              actions={
                <>
                  <Button
                    type="button"
                    unstyled
                    id={`skill-${skill.id}-up`}
                    disabled={index === 0 || move.isPending}
                    onClick={() => move.mutate({ id: skill.id, direction: "up" })}
                  >
                    {t("taxonomy.moveUp")}
                    <span className="usa-sr-only"> {skill.name}</span>
                  </Button>
                  <Button
                    type="button"
                    unstyled
                    id={`skill-${skill.id}-down`}
                    disabled={index === level.length - 1 || move.isPending}
                    onClick={() => move.mutate({ id: skill.id, direction: "down" })}
                  >
                    {t("taxonomy.moveDown")}
                    <span className="usa-sr-only"> {skill.name}</span>
                  </Button>
                  <Button
                    type="button"
                    unstyled
                    onClick={() => {
                      setAddParent(skill.id);
                      focusSoon("#skill-add-names input");
                    }}
                  >
                    {t("taxonomy.addChild")}
                    <span className="usa-sr-only"> {skill.name}</span>
                  </Button>
                </>
              }
            />
            {editing === skill.id ? (
              <ItemForm
                idPrefix={`skill-edit-${skill.id}`}
                kind="skill"
                initial={{ names: skill.names, slug: skill.slug, parentId: skill.parentId ?? "", validityMonths: "" }}
                skills={list}
                excluded={descendantsOf(list, skill.id)}
                submitLabel={t("common.save")}
                onSubmit={(values) => update.mutate({ id: skill.id, values })}
                onCancel={() => {
                  setEditing(null);
                  focusSoon(`skill-${skill.id}-edit`);
                }}
                pending={update.isPending}
                error={update.error}
              />
            ) : null}
            {renderLevel(skill.id)}
          </li>
        ))}
      </ul>
    );
  };

  return (
    <section aria-labelledby="skills-heading">
      <h2 id="skills-heading">{t("taxonomy.skillsHeading")}</h2>
      <p>{t("taxonomy.skillsIntro")}</p>
      {skills.isPending ? <Loading /> : null}
      <ProblemAlert error={skills.error ?? remove.error ?? move.error} />
      {skills.data && list.length === 0 ? <p>{t("taxonomy.noSkills")}</p> : null}
      {renderLevel(null)}
      <h3 id="skill-add-heading">{t("taxonomy.addSkill")}</h3>
      {create.isSuccess ? (
        <Alert type="success" headingLevel="h4" slim role="status">
          {t("taxonomy.added", { name: create.data.name })}
        </Alert>
      ) : null}
      <ItemForm
        key={addKey}
        idPrefix="skill-add"
        kind="skill"
        initial={{ ...emptyValues, parentId: addParent }}
        skills={list}
        submitLabel={t("taxonomy.addSkill")}
        onSubmit={(values) => create.mutate(values)}
        pending={create.isPending}
        error={create.error}
      />
    </section>
  );
}

/** Causes and credential types: flat lists that work the same way. */
function FlatSection<T extends CauseView | CredentialTypeView>({
  kind,
  path,
  listKey,
  headingKey,
  introKey,
  addKey: addLabelKey,
  emptyKey,
  detail,
}: {
  kind: "cause" | "credentialType";
  path: string;
  listKey: "causes" | "credentialTypes";
  headingKey: string;
  introKey: string;
  addKey: string;
  emptyKey: string;
  detail?: (item: T) => string;
}) {
  const { t, i18n } = useTranslation();
  const city = useCitySlug();
  const queryClient = useQueryClient();
  const base = `${cityApi(city)}/${path}`;
  const items = useQuery({ queryKey: [path, city, i18n.language], queryFn: () => api.get<Record<string, T[]>>(base) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [path, city] });
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const create = useMutation({
    mutationFn: (values: ItemValues) => api.post<T>(base, bodyOf(kind, values)),
    onSuccess: async () => {
      setFormKey((value) => value + 1);
      await refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ id, values }: { id: string; values: ItemValues }) => api.patch<T>(`${base}/${id}`, bodyOf(kind, values)),
    onSuccess: async (saved) => {
      setEditing(null);
      await refresh();
      focusSoon(`${kind}-${saved.id}-edit`);
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => api.delete(`${base}/${id}`), onSuccess: refresh });
  const list = items.data?.[listKey] ?? [];
  const headingId = `${kind}-heading`;
  return (
    <section aria-labelledby={headingId} className="civitas-space-above">
      <h2 id={headingId}>{t(headingKey)}</h2>
      <p>{t(introKey)}</p>
      {items.isPending ? <Loading /> : null}
      <ProblemAlert error={items.error ?? remove.error} />
      {items.data && list.length === 0 ? <p>{t(emptyKey)}</p> : null}
      {list.length > 0 ? (
        <ul className="usa-list usa-list--unstyled civitas-taxonomy">
          {list.map((item) => (
            <li key={item.id}>
              <ItemRow
                id={`${kind}-${item.id}`}
                name={item.name}
                slug={item.slug}
                detail={detail?.(item)}
                onEdit={() => {
                  setEditing(item.id);
                  update.reset();
                  focusSoon(`#${kind}-edit-${item.id}-names input`);
                }}
                onRemove={() => remove.mutate(item.id)}
                removing={remove.isPending}
              />
              {editing === item.id ? (
                <ItemForm
                  idPrefix={`${kind}-edit-${item.id}`}
                  kind={kind}
                  initial={{
                    names: item.names,
                    slug: item.slug,
                    parentId: "",
                    validityMonths: "validityMonths" in item && item.validityMonths ? String(item.validityMonths) : "",
                  }}
                  submitLabel={t("common.save")}
                  onSubmit={(values) => update.mutate({ id: item.id, values })}
                  onCancel={() => {
                    setEditing(null);
                    focusSoon(`${kind}-${item.id}-edit`);
                  }}
                  pending={update.isPending}
                  error={update.error}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <h3>{t(addLabelKey)}</h3>
      {create.isSuccess ? (
        <Alert type="success" headingLevel="h4" slim role="status">
          {t("taxonomy.added", { name: create.data.name })}
        </Alert>
      ) : null}
      <ItemForm
        key={formKey}
        idPrefix={`${kind}-add`}
        kind={kind}
        initial={emptyValues}
        submitLabel={t(addLabelKey)}
        onSubmit={(values) => create.mutate(values)}
        pending={create.isPending}
        error={create.error}
      />
    </section>
  );
}

function CausesSection() {
  return (
    <FlatSection<CauseView>
      kind="cause"
      path="causes"
      listKey="causes"
      headingKey="taxonomy.causesHeading"
      introKey="taxonomy.causesIntro"
      addKey="taxonomy.addCause"
      emptyKey="taxonomy.noCauses"
    />
  );
}

function CredentialTypesSection() {
  const { t } = useTranslation();
  return (
    <FlatSection<CredentialTypeView>
      kind="credentialType"
      path="credential-types"
      listKey="credentialTypes"
      headingKey="taxonomy.credentialTypesHeading"
      introKey="taxonomy.credentialTypesIntro"
      addKey="taxonomy.addCredentialType"
      emptyKey="taxonomy.noCredentialTypes"
      detail={(item) => (item.validityMonths ? t("taxonomy.validFor", { count: item.validityMonths }) : t("taxonomy.noExpiry"))}
    />
  );
}
