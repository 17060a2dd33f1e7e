import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { volunteerLanguages } from "../../../contracts/languages.ts";
import type { CauseView, CredentialTypeView, SkillView } from "../../../contracts/volunteers.ts";
import { api, cityApi } from "../../api.ts";
import { useCity } from "../../components/city.ts";
import { Loading } from "../../components/Loading.tsx";
import { ErrorMessage, Tag } from "../../components/uswds.tsx";

export { messageWithin } from "../../components/Fields.tsx";
export { useFocusOnChange } from "../../components/focus.ts";
export { useLanguageName } from "../../components/languages.ts";

/** Pieces the opportunity, shift and hours pages share. */

/** Languages an opportunity can ask for and the listing can filter by: those a volunteer can speak. */
export const languageCodes: readonly string[] = volunteerLanguages;

/** The city's time zone, once the city has loaded (undefined before: the browser's zone is never used on its own for long). */
export function useCityTimeZone(slug: string): string | undefined {
  return useCity(slug).data?.timeZone;
}

/** The reader's language, for Intl formatting. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.language || "en";
}

/** The city's skills, causes and credential types: public lists that forms and filters use. */
export function useTaxonomy(slug: string) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const skills = useQuery({
    queryKey: ["skills", slug, language],
    queryFn: () => api.get<{ skills: SkillView[] }>(`${cityApi(slug)}/skills`),
    staleTime: 300_000,
    retry: false,
  });
  const causes = useQuery({
    queryKey: ["causes", slug, language],
    queryFn: () => api.get<{ causes: CauseView[] }>(`${cityApi(slug)}/causes`),
    staleTime: 300_000,
    retry: false,
  });
  const credentialTypes = useQuery({
    queryKey: ["credentialTypes", slug, language],
    queryFn: () => api.get<{ credentialTypes: CredentialTypeView[] }>(`${cityApi(slug)}/credential-types`),
    staleTime: 300_000,
    retry: false,
  });
  return { skills: skills.data?.skills, causes: causes.data?.causes, credentialTypes: credentialTypes.data?.credentialTypes };
}

/** A skill's name indented by its depth in the tree, for a select. */
export function indentedSkillName(skill: SkillView): string {
  return `${"\u2003".repeat(skill.depth)}${skill.name}`;
}

export function Checkbox({
  id,
  label,
  checked,
  onChange,
  hint,
  tile,
  lang,
  disabled,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  tile?: boolean;
  lang?: string;
  disabled?: boolean;
}) {
  return (
    <div className="usa-checkbox">
      <input
        className={`usa-checkbox__input${tile ? " usa-checkbox__input--tile" : ""}`}
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label className="usa-checkbox__label" htmlFor={id} lang={lang}>
        {label}
        {hint ? (
          <span className="usa-checkbox__label-description" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

export function Radio({
  id,
  name,
  label,
  checked,
  onChange,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  checked: boolean;
  onChange: () => void;
  hint?: string;
}) {
  return (
    <div className="usa-radio">
      <input
        className="usa-radio__input"
        id={id}
        type="radio"
        name={name}
        checked={checked}
        onChange={onChange}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label className="usa-radio__label" htmlFor={id}>
        {label}
        {hint ? (
          <span className="usa-checkbox__label-description" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

/** A group of controls under one legend; the server's message for the group appears under the legend. */
/**
 * The city's credential types as checkboxes (ids `${idPrefix}-${slug}`), for inside a fieldset:
 * loading while they come, a note when the city has none.
 */
export function CredentialCheckboxes({
  credentialTypes,
  selected,
  onToggle,
  idPrefix,
}: {
  credentialTypes: CredentialTypeView[] | undefined;
  selected: string[];
  onToggle: (id: string, checked: boolean) => void;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  if (credentialTypes === undefined) return <Loading />;
  if (credentialTypes.length === 0) return <p>{t("opportunities.editor.noCredentials")}</p>;
  return credentialTypes.map((credential) => (
    <Checkbox
      key={credential.id}
      id={`${idPrefix}-${credential.slug}`}
      label={credential.name}
      checked={selected.includes(credential.id)}
      onChange={(checked) => onToggle(credential.id, checked)}
    />
  ));
}

export function Fieldset({
  id,
  legend,
  hint,
  message,
  children,
  className,
}: {
  id: string;
  legend: string;
  hint?: ReactNode;
  message?: string;
  children: ReactNode;
  className?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : "", message ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      id={id}
      className={`usa-fieldset civitas-shift-fieldset${message ? " usa-form-group--error" : ""}${className ? ` ${className}` : ""}`}
      aria-describedby={describedBy}
    >
      <legend className="usa-legend">{legend}</legend>
      {hint ? (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {message ? <ErrorMessage id={`${id}-error`}>{message}</ErrorMessage> : null}
      {children}
    </fieldset>
  );
}

/** How full a shift is, in words and a colour that never carries the meaning alone. */
export function PlacesTag({ placesLeft, waitlistOpen, cancelled }: { placesLeft: number; waitlistOpen: boolean; cancelled?: boolean }) {
  const { t } = useTranslation();
  if (cancelled) return <Tag className="civitas-tag civitas-tag--muted">{t("shifts.cancelledTag")}</Tag>;
  if (placesLeft > 0) return <Tag className="civitas-tag civitas-tag--open">{t("shifts.placesLeft", { count: placesLeft })}</Tag>;
  if (waitlistOpen) return <Tag className="civitas-tag civitas-tag--waitlist">{t("shifts.waitlistOpen")}</Tag>;
  return <Tag className="civitas-tag civitas-tag--full">{t("shifts.full")}</Tag>;
}

/** The status of hours given: pending, approved or rejected. */
export function HoursStatusTag({ status }: { status: "pending" | "approved" | "rejected" }) {
  const { t } = useTranslation();
  const tone = status === "approved" ? "open" : status === "rejected" ? "full" : "waitlist";
  return <Tag className={`civitas-tag civitas-tag--${tone}`}>{t(`hours.status.${status}`)}</Tag>;
}
