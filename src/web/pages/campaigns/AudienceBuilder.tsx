import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AudienceCountView, CampaignAudienceInput, CampaignAudienceView, CampaignChannel } from "../../../contracts/campaigns.ts";
import type { GroupSummaryView } from "../../../contracts/groups.ts";
import { ApiProblem, api, cityApi } from "../../api.ts";
import { messageWithin, TextField } from "../../components/Fields.tsx";
import { Loading } from "../../components/Loading.tsx";
import { CredentialCheckboxes, useTaxonomy } from "../opportunities/parts.tsx";
import {
  AvailabilityGrid,
  Checkbox,
  Fieldset,
  LanguageCheckboxes,
  SkillCheckboxes,
  toggled,
  useLanguageName,
  useSlotLabel,
} from "../volunteers/volunteer-fields.tsx";
import { campaignsApi, useNumberFormat } from "./parts.tsx";

/** The audience as the form holds it: numbers and lists of names as typed, turned into the API's shape on the way out. */
export interface AudienceDraft {
  skillIds: string[];
  languages: string[];
  neighbourhoods: string;
  latitude: string;
  longitude: string;
  radiusKm: string;
  availability: string[];
  credentialTypeIds: string[];
  attendedWithinDays: string;
  groupIds: string[];
}

export const emptyAudience: AudienceDraft = {
  skillIds: [],
  languages: [],
  neighbourhoods: "",
  latitude: "",
  longitude: "",
  radiusKm: "",
  availability: [],
  credentialTypeIds: [],
  attendedWithinDays: "",
  groupIds: [],
};

export function audienceDraftOf(audience: CampaignAudienceView): AudienceDraft {
  return {
    skillIds: audience.skillIds,
    languages: audience.languages,
    neighbourhoods: audience.neighbourhoods.join(", "),
    latitude: audience.near ? String(audience.near.latitude) : "",
    longitude: audience.near ? String(audience.near.longitude) : "",
    radiusKm: audience.near ? String(audience.near.radiusKm) : "",
    availability: audience.availability,
    credentialTypeIds: audience.credentialTypeIds,
    attendedWithinDays: audience.attendedWithinDays === null ? "" : String(audience.attendedWithinDays),
    groupIds: audience.groupIds,
  };
}

/** A number as typed; left out when blank so that the API names the missing field. */
const numberOrUndefined = (value: string) => (value.trim() === "" ? undefined : Number(value));

export function audienceBodyOf(draft: AudienceDraft): CampaignAudienceInput {
  const near = [draft.latitude, draft.longitude, draft.radiusKm].some((value) => value.trim() !== "")
    ? ({ latitude: numberOrUndefined(draft.latitude), longitude: numberOrUndefined(draft.longitude), radiusKm: numberOrUndefined(draft.radiusKm) } as {
        latitude: number;
        longitude: number;
        radiusKm: number;
      })
    : null;
  return {
    skillIds: draft.skillIds,
    languages: draft.languages,
    neighbourhoods: draft.neighbourhoods
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
    near,
    availability: draft.availability,
    credentialTypeIds: draft.credentialTypeIds,
    attendedWithinDays: draft.attendedWithinDays.trim() === "" ? null : Number(draft.attendedWithinDays),
    groupIds: draft.groupIds,
  };
}

/** The value, once it has stopped changing for `delay` milliseconds. */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * How many volunteers the audience reaches, asked again shortly after every change and read out
 * politely: who would receive it, and who matches but cannot be reached on this channel.
 */
export function useAudienceCount(slug: string, channel: CampaignChannel, draft: AudienceDraft) {
  const request = useSettled(JSON.stringify({ channel, audience: audienceBodyOf(draft) }), 400);
  return useQuery({
    queryKey: ["audienceCount", slug, request],
    queryFn: () => api.post<AudienceCountView>(`${campaignsApi(slug)}/audience-count`, JSON.parse(request)),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 10_000,
  });
}

export function AudienceCount({ count }: { count: ReturnType<typeof useAudienceCount> }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  let message: ReactNode;
  if (count.error) {
    message = count.error instanceof ApiProblem && count.error.status === 400 ? t("campaigns.audience.countInvalid") : t("campaigns.audience.countUnavailable");
  } else if (count.data) {
    const reachable = t("campaigns.audience.reachable", { count: count.data.reachable, formatted: number(count.data.reachable) });
    const unreachable =
      count.data.unreachable > 0 ? t("campaigns.audience.unreachable", { count: count.data.unreachable, formatted: number(count.data.unreachable) }) : "";
    message = (
      <>
        <strong className="civitas-audience-count__reachable">{reachable}</strong>
        {unreachable ? <span className="civitas-audience-count__unreachable"> · {unreachable}</span> : null}
      </>
    );
  } else {
    message = t("campaigns.audience.counting");
  }
  return (
    <div className="civitas-audience-count" aria-busy={count.isFetching || undefined}>
      <p className="civitas-audience-count__text" role="status" aria-live="polite" aria-atomic="true" id="audience-count">
        {message}
      </p>
    </div>
  );
}

/** One filter, folded away until used; its summary says how much of it is chosen. */
function Filter({ title, chosen, children }: { title: string; chosen: string | null; children: ReactNode }) {
  const [open, setOpen] = useState(chosen !== null);
  return (
    <details className="civitas-disclosure civitas-audience-filter" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {title}
        {chosen ? <span className="civitas-audience-filter__chosen"> ({chosen})</span> : null}
      </summary>
      <div className="civitas-audience-filter__body">{children}</div>
    </details>
  );
}

export function AudienceBuilder({
  slug,
  draft,
  onChange,
  error,
}: {
  slug: string;
  draft: AudienceDraft;
  onChange: (draft: AudienceDraft) => void;
  /** The last failed save or count: its messages for `audience.*` appear beside the filters. */
  error: unknown;
}) {
  const { t } = useTranslation();
  const taxonomy = useTaxonomy(slug);
  const languageName = useLanguageName();
  const slotLabel = useSlotLabel();
  const number = useNumberFormat();
  const groups = useQuery({
    queryKey: ["groups", slug],
    queryFn: () => api.get<{ groups: GroupSummaryView[] }>(`${cityApi(slug)}/groups`),
    retry: false,
    staleTime: 300_000,
  });
  const set = <K extends keyof AudienceDraft>(name: K, value: AudienceDraft[K]) => onChange({ ...draft, [name]: value });
  const chosenCount = (list: string[]) => (list.length > 0 ? t("campaigns.audience.chosen", { count: list.length }) : null);
  const nearChosen = draft.radiusKm.trim() !== "" ? t("campaigns.audience.withinKm", { radius: draft.radiusKm }) : null;
  const message = (field: string) => messageWithin(error, `audience.${field}`);

  return (
    <>
      <Filter title={t("campaigns.audience.skills")} chosen={chosenCount(draft.skillIds)}>
        <Fieldset id="audience-skills" legend={t("campaigns.audience.skills")} hint={t("campaigns.audience.skillsHint")} message={message("skillIds")} small>
          {taxonomy.skills === undefined ? (
            <Loading />
          ) : taxonomy.skills.length === 0 ? (
            <p>{t("volunteers.profile.noSkills")}</p>
          ) : (
            <SkillCheckboxes
              skills={taxonomy.skills}
              selected={new Set(draft.skillIds)}
              onToggle={(id, checked) => set("skillIds", toggled(draft.skillIds, id, checked))}
              idPrefix="audience-skill"
            />
          )}
        </Fieldset>
      </Filter>

      <Filter title={t("campaigns.audience.languages")} chosen={draft.languages.length > 0 ? draft.languages.map(languageName).join(", ") : null}>
        <LanguageCheckboxes
          idPrefix="audience-"
          legend={t("campaigns.audience.languages")}
          hint={t("campaigns.audience.languagesHint")}
          selected={draft.languages}
          onChange={(languages) => set("languages", languages)}
          message={message("languages")}
          small
        />
      </Filter>

      <Filter
        title={t("campaigns.audience.place")}
        chosen={[draft.neighbourhoods.trim() ? draft.neighbourhoods.trim() : "", nearChosen ?? ""].filter(Boolean).join(" · ") || null}
      >
        <TextField
          id="audience-neighbourhoods"
          name="neighbourhoods"
          field="audience.neighbourhoods"
          label={t("campaigns.audience.neighbourhoods")}
          hint={t("campaigns.audience.neighbourhoodsHint")}
          value={draft.neighbourhoods}
          onChange={(event) => set("neighbourhoods", event.target.value)}
          error={error}
        />
        <Fieldset
          id="audience-near"
          legend={t("campaigns.audience.near")}
          hint={t("campaigns.audience.nearHint")}
          message={error instanceof ApiProblem ? error.fieldError("audience.near") : undefined}
          small
        >
          <div className="civitas-audience-near">
            <TextField
              id="audience-latitude"
              name="latitude"
              field="audience.near.latitude"
              type="number"
              step="any"
              min={-90}
              max={90}
              label={t("opportunities.fields.latitude")}
              value={draft.latitude}
              onChange={(event) => set("latitude", event.target.value)}
              error={error}
            />
            <TextField
              id="audience-longitude"
              name="longitude"
              field="audience.near.longitude"
              type="number"
              step="any"
              min={-180}
              max={180}
              label={t("opportunities.fields.longitude")}
              value={draft.longitude}
              onChange={(event) => set("longitude", event.target.value)}
              error={error}
            />
            <TextField
              id="audience-radius"
              name="radiusKm"
              field="audience.near.radiusKm"
              type="number"
              step="any"
              min={0.1}
              max={500}
              label={t("campaigns.audience.radiusKm")}
              value={draft.radiusKm}
              onChange={(event) => set("radiusKm", event.target.value)}
              error={error}
            />
          </div>
        </Fieldset>
      </Filter>

      <Filter
        title={t("campaigns.audience.availability")}
        chosen={
          draft.availability.length > 0 && draft.availability.length <= 2 ? draft.availability.map(slotLabel).join(", ") : chosenCount(draft.availability)
        }
      >
        <AvailabilityGrid
          idPrefix="audience-"
          legend={t("campaigns.audience.availability")}
          hint={t("campaigns.audience.availabilityHint")}
          selected={draft.availability}
          onChange={(availability) => set("availability", availability)}
          message={message("availability")}
          small
        />
      </Filter>

      <Filter title={t("campaigns.audience.credentials")} chosen={chosenCount(draft.credentialTypeIds)}>
        <Fieldset
          id="audience-credentials"
          legend={t("campaigns.audience.credentials")}
          hint={t("campaigns.audience.credentialsHint")}
          message={message("credentialTypeIds")}
          small
        >
          <CredentialCheckboxes
            credentialTypes={taxonomy.credentialTypes}
            selected={draft.credentialTypeIds}
            onToggle={(id, checked) => set("credentialTypeIds", toggled(draft.credentialTypeIds, id, checked))}
            idPrefix="audience-credential"
          />
        </Fieldset>
      </Filter>

      <Filter
        title={t("campaigns.audience.attended")}
        chosen={draft.attendedWithinDays.trim() ? t("campaigns.audience.withinDays", { count: Number(draft.attendedWithinDays) || 0 }) : null}
      >
        <TextField
          id="audience-attended"
          name="attendedWithinDays"
          field="audience.attendedWithinDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          className="usa-input--xs"
          label={t("campaigns.audience.attendedWithinDays")}
          hint={t("campaigns.audience.attendedHint")}
          value={draft.attendedWithinDays}
          onChange={(event) => set("attendedWithinDays", event.target.value)}
          error={error}
        />
      </Filter>

      <Filter title={t("campaigns.audience.groups")} chosen={chosenCount(draft.groupIds)}>
        <Fieldset id="audience-groups" legend={t("campaigns.audience.groups")} hint={t("campaigns.audience.groupsHint")} message={message("groupIds")} small>
          {groups.isPending ? (
            <Loading />
          ) : groups.error || !groups.data ? (
            <p>{t("campaigns.audience.groupsUnavailable")}</p>
          ) : groups.data.groups.length === 0 ? (
            <p>{t("campaigns.audience.noGroups")}</p>
          ) : (
            groups.data.groups.map((group) => (
              <Checkbox
                key={group.id}
                id={`audience-group-${group.slug}`}
                label={group.name}
                hint={t("campaigns.audience.members", { count: group.memberCount, formatted: number(group.memberCount) })}
                checked={draft.groupIds.includes(group.id)}
                onChange={(checked) => set("groupIds", toggled(draft.groupIds, group.id, checked))}
              />
            ))
          )}
        </Fieldset>
      </Filter>
    </>
  );
}
