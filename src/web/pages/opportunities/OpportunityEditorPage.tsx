import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import type { OpportunityView } from "../../../contracts/opportunities.ts";
import type { SkillView } from "../../../contracts/volunteers.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { useCity, useCitySlug } from "../../components/city.ts";
import { SelectField, TextAreaField, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RequireAccess } from "../../components/RequireAccess.tsx";
import { Alert, Button, ButtonGroup, Form } from "../../components/uswds.tsx";
import { hasRoleIn, organizedGroupsIn, useMe } from "../../session.ts";
import { AdminBreadcrumb } from "../admin/AdminBreadcrumb.tsx";
import { Checkbox, CredentialCheckboxes, Fieldset, languageCodes, messageWithin, Radio, useLanguageName, useLocale, useTaxonomy } from "./parts.tsx";
import { ShiftEditor } from "./ShiftEditor.tsx";
import { StatusTag, staffRoles } from "./StaffOpportunitiesPage.tsx";
import { SuggestedVolunteers } from "./SuggestedVolunteers.tsx";
import { useManageableAgencies } from "./staff.ts";

/**
 * Staff write an opportunity, publish it, and manage its shifts. One page for a new one and an
 * existing one. A group's organizers write their group's events here too: `?group=<slug>` makes a
 * new one the group's, and a group's event never changes hands to an agency.
 */

/** The group hosting an event, as its page tells the reader; `canManage` is whether they organize it (or oversee all groups). */
interface HostGroupView {
  id: string;
  slug: string;
  name: string;
  viewer: { canManage: boolean };
}

function useHostGroup(slug: string, group: string | null | undefined) {
  return useQuery({
    queryKey: ["group", slug, group],
    queryFn: () => api.get<HostGroupView>(`${cityApi(slug)}/groups/${encodeURIComponent(group ?? "")}`),
    enabled: !!group,
  });
}

interface Draft {
  agencyId: string;
  /** Set for a group's event; then no agency is ever sent. */
  groupId: string;
  title: string;
  summary: string;
  description: string;
  causeId: string;
  requiredSkillIds: string[];
  requiredCredentialTypeIds: string[];
  requiredLanguages: string[];
  minimumAge: string;
  locationKind: "in_person" | "remote";
  address: string;
  neighbourhood: string;
  latitude: string;
  longitude: string;
  visibility: "public" | "unlisted";
}

const emptyDraft: Draft = {
  agencyId: "",
  groupId: "",
  title: "",
  summary: "",
  description: "",
  causeId: "",
  requiredSkillIds: [],
  requiredCredentialTypeIds: [],
  requiredLanguages: [],
  minimumAge: "",
  locationKind: "in_person",
  address: "",
  neighbourhood: "",
  latitude: "",
  longitude: "",
  visibility: "public",
};

function draftOf(item: OpportunityView): Draft {
  return {
    agencyId: item.agency?.id ?? "",
    groupId: item.group?.id ?? "",
    title: item.title,
    summary: item.summary,
    description: item.description,
    causeId: item.cause?.id ?? "",
    requiredSkillIds: item.requiredSkills.map((skill) => skill.id),
    requiredCredentialTypeIds: item.requiredCredentials.map((credential) => credential.id),
    requiredLanguages: item.requiredLanguages,
    minimumAge: item.minimumAge === null ? "" : String(item.minimumAge),
    locationKind: item.locationKind,
    address: item.address ?? "",
    neighbourhood: item.neighbourhood ?? "",
    latitude: item.latitude === null ? "" : String(item.latitude),
    longitude: item.longitude === null ? "" : String(item.longitude),
    visibility: item.visibility,
  };
}

const blankToNull = (value: string) => (value.trim() === "" ? null : value.trim());
const numberOrNull = (value: string) => (value.trim() === "" ? null : Number(value));

/** Every field, always: the API's partial update would otherwise reset what is left out to its default. */
function bodyOf(draft: Draft, creating: boolean) {
  return {
    // A group's event names its group when it is made, and never an agency. Otherwise the agency is left
    // out rather than empty, so that the answer is "required" rather than "not a valid identifier".
    agencyId: draft.groupId ? undefined : draft.agencyId || undefined,
    groupId: draft.groupId && creating ? draft.groupId : undefined,
    title: draft.title,
    summary: draft.summary,
    description: draft.description,
    causeId: blankToNull(draft.causeId),
    requiredSkillIds: draft.requiredSkillIds,
    requiredCredentialTypeIds: draft.requiredCredentialTypeIds,
    requiredLanguages: draft.requiredLanguages,
    minimumAge: numberOrNull(draft.minimumAge),
    locationKind: draft.locationKind,
    address: blankToNull(draft.address),
    neighbourhood: blankToNull(draft.neighbourhood),
    latitude: numberOrNull(draft.latitude),
    longitude: numberOrNull(draft.longitude),
    visibility: draft.visibility,
  };
}

export default function OpportunityEditorPage() {
  const [params] = useSearchParams();
  const { opportunityId } = useParams();
  // A group's organizers may hold no city role: for a group's event the group says whether they organize it.
  return (
    <RequireAccess roles={opportunityId || params.get("group") ? undefined : [...staffRoles]} organizers>
      <Editor />
    </RequireAccess>
  );
}

function Denied() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t("access.deniedTitle")}</PageHeading>
      <Alert type="warning" headingLevel="h2" heading={t("access.deniedHeading")}>
        {t("access.denied")}
      </Alert>
    </>
  );
}

function Editor() {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const me = useMe();
  const { opportunityId } = useParams();
  const [params] = useSearchParams();
  const locale = useLocale();
  const existing = useQuery({
    queryKey: ["opportunity", slug, opportunityId, locale],
    queryFn: () => api.get<OpportunityView>(`${cityApi(slug)}/opportunities/${encodeURIComponent(opportunityId ?? "")}`),
    enabled: !!opportunityId,
  });
  const hostSlug = opportunityId ? existing.data?.group?.slug : params.get("group");
  const hostGroup = useHostGroup(slug, hostSlug);
  const listTrail = [{ to: `/${slug}/admin/opportunities`, label: t("opportunities.staff.title") }];

  if (opportunityId && existing.isPending) return <Loading />;
  if (hostSlug && hostGroup.isPending) return <Loading />;
  if (hostSlug && hostGroup.error) {
    return (
      <>
        <PageHeading>{t("opportunities.editor.notFound")}</PageHeading>
        <ProblemAlert error={hostGroup.error} />
      </>
    );
  }
  const group = hostSlug ? hostGroup.data : undefined;
  // Agency events are for staff; a group's are for those who run the group.
  // (An organizer without a city role who opens a new event from the list chooses no agency: the server answers.)
  if (group ? !group.viewer.canManage : !existing.error && !hasRoleIn(me.data, slug, [...staffRoles]) && organizedGroupsIn(me.data, slug).length === 0)
    return <Denied />;
  if (opportunityId && existing.error) {
    const notFound = existing.error instanceof ApiProblem && (existing.error.status === 404 || existing.error.status === 400);
    return (
      <>
        <AdminBreadcrumb trail={listTrail} current={t("opportunities.editor.notFound")} />
        <PageHeading>{t("opportunities.editor.notFound")}</PageHeading>
        {notFound ? <p>{t("opportunities.editor.notFoundText")}</p> : <ProblemAlert error={existing.error} />}
      </>
    );
  }
  const item = existing.data;
  return (
    <>
      {group ? (
        <p className="civitas-back-link">
          <Link to={`/${slug}/groups/${group.slug}/manage`}>{t("opportunities.editor.backToGroup", { name: group.name })}</Link>
        </p>
      ) : (
        <AdminBreadcrumb trail={listTrail} current={item ? item.title : t("opportunities.editor.newTitle")} />
      )}
      <PageHeading title={item ? item.title : group ? t("opportunities.editor.newGroupEvent", { name: group.name }) : t("opportunities.editor.newTitle")}>
        {item ? item.title : t("opportunities.editor.newTitle")}
      </PageHeading>
      {/* A new draft becomes an existing one: the form starts again from what the server saved. */}
      {item ? <StatusActions item={item} /> : null}
      <OpportunityForm key={item?.id ?? "new"} item={item} group={group} />
      {item ? <ShiftsSection item={item} /> : null}
      {item ? (
        <div className="civitas-space-above">
          <SuggestedVolunteers city={slug} opportunityId={item.id} inPerson={item.locationKind === "in_person"} />
        </div>
      ) : null}
    </>
  );
}

function OpportunityForm({ item, group }: { item: OpportunityView | undefined; group: HostGroupView | undefined }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const agencies = useManageableAgencies(slug);
  const taxonomy = useTaxonomy(slug);
  const languageName = useLanguageName();
  const [draft, setDraft] = useState<Draft>(item ? draftOf(item) : { ...emptyDraft, groupId: group?.id ?? "" });
  // A single agency needs no choosing.
  useEffect(() => {
    if (!draft.groupId && !draft.agencyId && agencies.data?.length === 1) setDraft((current) => ({ ...current, agencyId: agencies.data?.[0]?.id ?? "" }));
  }, [agencies.data, draft.agencyId, draft.groupId]);
  const save = useMutation({
    mutationFn: () =>
      item
        ? api.patch<OpportunityView>(`${cityApi(slug)}/opportunities/${item.id}`, bodyOf(draft, false))
        : api.post<OpportunityView>(`${cityApi(slug)}/opportunities`, bodyOf(draft, true)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["opportunity", slug, saved.id, locale], saved);
      await queryClient.invalidateQueries({ queryKey: ["staffOpportunities", slug] });
      if (saved.group) await queryClient.invalidateQueries({ queryKey: ["group", slug, saved.group.slug] });
      if (!item) navigate(`/${slug}/admin/opportunities/${saved.id}`, { replace: true, state: { created: true } });
    },
  });
  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => setDraft((current) => ({ ...current, [name]: value }));
  const toggle = (name: "requiredSkillIds" | "requiredCredentialTypeIds" | "requiredLanguages", value: string, checked: boolean) =>
    setDraft((current) => ({ ...current, [name]: checked ? [...current[name], value] : current[name].filter((entry) => entry !== value) }));
  const created = (location.state as { created?: boolean } | null)?.created && !save.isSuccess;
  const fieldLabels = {
    agencyId: t("fields.agency"),
    title: t("opportunities.fields.title"),
    summary: t("opportunities.fields.summary"),
    description: t("fields.description"),
    causeId: t("opportunities.fields.cause"),
    requiredSkillIds: t("opportunities.fields.skills"),
    requiredCredentialTypeIds: t("opportunities.fields.credentials"),
    requiredLanguages: t("opportunities.fields.languages"),
    minimumAge: t("opportunities.fields.minimumAge"),
    locationKind: t("opportunities.fields.locationKind"),
    address: t("opportunities.fields.address"),
    neighbourhood: t("opportunities.fields.neighbourhood"),
    latitude: t("opportunities.fields.latitude"),
    longitude: t("opportunities.fields.longitude"),
    visibility: t("opportunities.fields.visibility"),
  };
  const sortedLanguages = languageCodes.map((code) => ({ code, name: languageName(code) })).sort((a, b) => a.name.localeCompare(b.name, locale));

  return (
    <Form
      large
      className="civitas-editor-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      {created ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t("opportunities.editor.created")}
        </Alert>
      ) : null}
      {save.isSuccess ? (
        <Alert type="success" headingLevel="h2" slim role="status">
          {item ? t("common.savedChanges") : t("opportunities.editor.created")}
        </Alert>
      ) : null}
      <ProblemAlert error={save.error} fieldLabels={fieldLabels} />

      <h2>{t("opportunities.editor.aboutHeading")}</h2>
      {draft.groupId ? (
        <p>
          {t("opportunities.editor.hostGroup")}{" "}
          {group || item?.group ? <Link to={`/${slug}/groups/${(group ?? item?.group)?.slug}`}>{(group ?? item?.group)?.name}</Link> : null}
        </p>
      ) : (
        <SelectField
          id="opportunity-agency"
          name="agencyId"
          label={t("fields.agency")}
          value={draft.agencyId}
          onChange={(event) => set("agencyId", event.target.value)}
          error={save.error}
          required
        >
          <option value="">{t("opportunities.editor.chooseAgency")}</option>
          {agencies.data?.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name}
            </option>
          ))}
        </SelectField>
      )}
      <TextField
        id="opportunity-title"
        name="title"
        label={t("opportunities.fields.title")}
        hint={t("opportunities.editor.titleHint")}
        value={draft.title}
        onChange={(event) => set("title", event.target.value)}
        error={save.error}
        required
        maxLength={140}
      />
      <TextAreaField
        id="opportunity-summary"
        name="summary"
        label={t("opportunities.fields.summary")}
        hint={t("opportunities.editor.summaryHint")}
        value={draft.summary}
        onChange={(event) => set("summary", event.target.value)}
        error={save.error}
        required
        maxLength={300}
        rows={3}
      />
      <TextAreaField
        id="opportunity-description"
        name="description"
        label={t("fields.description")}
        hint={t("opportunities.editor.descriptionHint")}
        value={draft.description}
        onChange={(event) => set("description", event.target.value)}
        error={save.error}
        maxLength={10_000}
        rows={8}
      />
      <SelectField
        id="opportunity-cause"
        name="causeId"
        label={t("opportunities.fields.cause")}
        value={draft.causeId}
        onChange={(event) => set("causeId", event.target.value)}
        error={save.error}
      >
        <option value="">{t("opportunities.editor.noCause")}</option>
        {taxonomy.causes?.map((cause) => (
          <option key={cause.id} value={cause.id}>
            {cause.name}
          </option>
        ))}
      </SelectField>

      <h2>{t("opportunities.editor.requirementsHeading")}</h2>
      <p className="usa-hint">{t("opportunities.editor.requirementsHint")}</p>
      <Fieldset id="opportunity-skills" legend={t("opportunities.fields.skills")} message={messageWithin(save.error, "requiredSkillIds")}>
        {taxonomy.skills === undefined ? (
          <Loading />
        ) : taxonomy.skills.length === 0 ? (
          <p>{t("opportunities.editor.noSkills")}</p>
        ) : (
          <SkillTree skills={taxonomy.skills} selected={draft.requiredSkillIds} onToggle={(id, checked) => toggle("requiredSkillIds", id, checked)} />
        )}
      </Fieldset>
      <Fieldset
        id="opportunity-languages"
        legend={t("opportunities.fields.languages")}
        hint={t("opportunities.editor.languagesHint")}
        message={messageWithin(save.error, "requiredLanguages")}
      >
        <div className="civitas-checkbox-columns civitas-checkbox-scroll">
          {sortedLanguages.map(({ code, name }) => (
            <Checkbox
              key={code}
              id={`opportunity-language-${code}`}
              label={name}
              checked={draft.requiredLanguages.includes(code)}
              onChange={(checked) => toggle("requiredLanguages", code, checked)}
            />
          ))}
        </div>
      </Fieldset>
      <TextField
        id="opportunity-minimum-age"
        name="minimumAge"
        type="number"
        inputMode="numeric"
        min={1}
        max={120}
        className="usa-input--xs"
        label={t("opportunities.fields.minimumAge")}
        hint={t("opportunities.editor.minimumAgeHint")}
        value={draft.minimumAge}
        onChange={(event) => set("minimumAge", event.target.value)}
        error={save.error}
      />
      <Fieldset
        id="opportunity-credentials"
        legend={t("opportunities.fields.credentials")}
        hint={t("opportunities.editor.credentialsHint")}
        message={messageWithin(save.error, "requiredCredentialTypeIds")}
      >
        <CredentialCheckboxes
          credentialTypes={taxonomy.credentialTypes}
          selected={draft.requiredCredentialTypeIds}
          onToggle={(id, checked) => toggle("requiredCredentialTypeIds", id, checked)}
          idPrefix="opportunity-credential"
        />
      </Fieldset>

      <h2>{t("opportunities.editor.whereHeading")}</h2>
      <Fieldset id="opportunity-location-kind" legend={t("opportunities.fields.locationKind")} message={messageWithin(save.error, "locationKind")}>
        <Radio
          id="opportunity-kind-in-person"
          name="locationKind"
          label={t("opportunities.kind.in_person")}
          checked={draft.locationKind === "in_person"}
          onChange={() => set("locationKind", "in_person")}
        />
        <Radio
          id="opportunity-kind-remote"
          name="locationKind"
          label={t("opportunities.kind.remote")}
          hint={t("opportunities.editor.remoteHint")}
          checked={draft.locationKind === "remote"}
          onChange={() => set("locationKind", "remote")}
        />
      </Fieldset>
      <TextField
        id="opportunity-address"
        name="address"
        label={t("opportunities.fields.address")}
        hint={draft.locationKind === "in_person" ? t("opportunities.editor.addressHint") : t("opportunities.editor.addressOptional")}
        value={draft.address}
        onChange={(event) => set("address", event.target.value)}
        error={save.error}
        required={draft.locationKind === "in_person"}
        maxLength={300}
        autoComplete="off"
      />
      <TextField
        id="opportunity-neighbourhood"
        name="neighbourhood"
        label={t("opportunities.fields.neighbourhood")}
        hint={t("opportunities.editor.neighbourhoodHint")}
        value={draft.neighbourhood}
        onChange={(event) => set("neighbourhood", event.target.value)}
        error={save.error}
        maxLength={120}
      />
      <details className="civitas-disclosure" open={draft.latitude !== "" || draft.longitude !== "" || undefined}>
        <summary>{t("opportunities.editor.coordinates")}</summary>
        <p className="usa-hint">{t("opportunities.editor.coordinatesHint")}</p>
        <div className="civitas-duration">
          <TextField
            id="opportunity-latitude"
            name="latitude"
            type="number"
            step="any"
            min={-90}
            max={90}
            label={t("opportunities.fields.latitude")}
            value={draft.latitude}
            onChange={(event) => set("latitude", event.target.value)}
            error={save.error}
          />
          <TextField
            id="opportunity-longitude"
            name="longitude"
            type="number"
            step="any"
            min={-180}
            max={180}
            label={t("opportunities.fields.longitude")}
            value={draft.longitude}
            onChange={(event) => set("longitude", event.target.value)}
            error={save.error}
          />
        </div>
      </details>
      <Fieldset id="opportunity-visibility" legend={t("opportunities.fields.visibility")} message={messageWithin(save.error, "visibility")}>
        <Radio
          id="opportunity-visibility-public"
          name="visibility"
          label={t("opportunities.visibility.public")}
          hint={t("opportunities.visibility.publicHint")}
          checked={draft.visibility === "public"}
          onChange={() => set("visibility", "public")}
        />
        <Radio
          id="opportunity-visibility-unlisted"
          name="visibility"
          label={t("opportunities.visibility.unlisted")}
          hint={t("opportunities.visibility.unlistedHint")}
          checked={draft.visibility === "unlisted"}
          onChange={() => set("visibility", "unlisted")}
        />
      </Fieldset>
      <Button type="submit" disabled={save.isPending}>
        {item ? t("opportunities.editor.save") : t("opportunities.editor.create")}
      </Button>
    </Form>
  );
}

function SkillTree({
  skills,
  selected,
  onToggle,
  parentId = null,
}: {
  skills: SkillView[];
  selected: string[];
  onToggle: (id: string, checked: boolean) => void;
  parentId?: string | null;
}): ReactNode {
  const children = skills.filter((skill) => skill.parentId === parentId);
  if (children.length === 0) return null;
  return (
    <ul className="usa-list usa-list--unstyled civitas-checkbox-tree">
      {children.map((skill) => (
        <li key={skill.id}>
          <Checkbox
            id={`opportunity-skill-${skill.slug}`}
            label={skill.name}
            checked={selected.includes(skill.id)}
            onChange={(checked) => onToggle(skill.id, checked)}
          />
          <SkillTree skills={skills} selected={selected} onToggle={onToggle} parentId={skill.id} />
        </li>
      ))}
    </ul>
  );
}

function StatusActions({ item }: { item: OpportunityView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (verb: "publish" | "unpublish" | "archive") => api.post<OpportunityView>(`${cityApi(slug)}/opportunities/${item.id}/${verb}`),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["opportunity", slug, saved.id, locale], saved);
      await queryClient.invalidateQueries({ queryKey: ["staffOpportunities", slug] });
    },
  });
  const scheduled = item.shifts.filter((shift) => shift.status === "scheduled" && new Date(shift.endsAt).getTime() > Date.now()).length;
  return (
    <section aria-labelledby="opportunity-status" className="civitas-space-above civitas-status-panel">
      <h2 id="opportunity-status">{t("opportunities.editor.statusHeading")}</h2>
      <p>
        <StatusTag status={item.status} /> {t(`opportunities.editor.statusText.${item.status}`)}
      </p>
      {item.status === "draft" && scheduled === 0 && item.locationKind === "in_person" ? (
        <p className="usa-hint">{t("opportunities.editor.noShiftsYet")}</p>
      ) : null}
      <ProblemAlert error={change.error} />
      {change.isSuccess ? (
        <p role="status" className="civitas-visually-status">
          {t(`opportunities.editor.changed.${change.data.status}`)}
        </p>
      ) : null}
      <ButtonGroup>
        {item.status !== "published" ? (
          <Button type="button" onClick={() => change.mutate("publish")} disabled={change.isPending}>
            {t("opportunities.editor.publish")}
          </Button>
        ) : null}
        {item.status === "published" ? (
          <Button type="button" outline onClick={() => change.mutate("unpublish")} disabled={change.isPending}>
            {t("opportunities.editor.unpublish")}
          </Button>
        ) : null}
        {item.status !== "archived" ? (
          <Button type="button" secondary onClick={() => change.mutate("archive")} disabled={change.isPending}>
            {t("opportunities.editor.archive")}
          </Button>
        ) : null}
        <Link className="usa-button usa-button--unstyled civitas-inline-link" to={`/${slug}/opportunities/${item.id}`}>
          {item.status === "published" ? t("opportunities.editor.viewPublic") : t("opportunities.editor.preview")}
        </Link>
      </ButtonGroup>
    </section>
  );
}

function ShiftsSection({ item }: { item: OpportunityView }) {
  const { t } = useTranslation();
  const slug = useCitySlug();
  const city = useCity(slug);
  const timeZone = city.data?.timeZone;
  return (
    <section aria-labelledby="opportunity-shifts" className="civitas-space-above">
      <h2 id="opportunity-shifts">{t("opportunities.editor.shiftsHeading")}</h2>
      <p className="usa-hint">{t("opportunities.editor.shiftsHint", { zone: timeZone ?? "" })}</p>
      {item.shifts.length === 0 ? <p>{t("opportunities.editor.noShifts")}</p> : null}
      {timeZone ? <ShiftEditor opportunity={item} timeZone={timeZone} /> : <Loading />}
    </section>
  );
}
