import "./volunteers.css";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { volunteerLanguages } from "../../../contracts/languages.ts";
import { type AvailabilitySlot, availabilityDays, availabilityParts, type SkillView } from "../../../contracts/volunteers.ts";
import { useLanguageName } from "../../components/languages.ts";
import { ErrorMessage, TextInput } from "../../components/uswds.tsx";

export { messageWithin } from "../../components/Fields.tsx";
export { useLanguageName };

/**
 * Pieces the volunteer pages share, and the pages that pick volunteers by the same traits (campaign
 * audiences): language and time-slot names, checkboxes, fieldsets that show their field's error,
 * the language list and the weekly availability grid.
 */

/** The list with `value` added (once) or taken out. */
export function toggled(list: string[], value: string, on: boolean): string[] {
  return on ? [...new Set([...list, value])] : list.filter((item) => item !== value);
}

export function useSlotLabel(): (slot: string) => string {
  const { t } = useTranslation();
  return (slot: string) => {
    const [day, part] = slot.split("-");
    return t(`volunteers.slots.${part}`, { day: t(`volunteers.days.${day}`) });
  };
}

/** The slots in week order, as the table shows them. */
export function sortSlots(slots: readonly string[]): AvailabilitySlot[] {
  const order = availabilityDays.flatMap((day) => availabilityParts.map((part) => `${day}-${part}` as AvailabilitySlot));
  return order.filter((slot) => slots.includes(slot));
}

export function Checkbox({
  id,
  label,
  checked,
  onChange,
  hint,
  labelHidden,
  lang,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  labelHidden?: boolean;
  lang?: string;
}) {
  return (
    <div className="usa-checkbox">
      <input className="usa-checkbox__input" id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label className="usa-checkbox__label" htmlFor={id} lang={lang}>
        {labelHidden ? <span className="usa-sr-only">{label}</span> : label}
        {hint ? <span className="usa-checkbox__label-description">{hint}</span> : null}
      </label>
    </div>
  );
}

/** A group of controls under one legend; the server's message for the group appears under the legend. */
export function Fieldset({
  id,
  legend,
  hint,
  message,
  children,
  className,
  small,
}: {
  id: string;
  legend: string;
  hint?: ReactNode;
  message?: string;
  children: ReactNode;
  className?: string;
  /** A legend the size of a label, for a group inside a larger form section. */
  small?: boolean;
}) {
  const describedBy = [hint ? `${id}-hint` : "", message ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      id={id}
      className={`usa-fieldset civitas-fieldset${message ? " usa-form-group--error" : ""}${className ? ` ${className}` : ""}`}
      aria-describedby={describedBy}
    >
      <legend className={small ? "usa-legend" : "usa-legend usa-legend--large"}>{legend}</legend>
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

/** Skills as nested lists of checkboxes that follow the city's tree. */
export function SkillCheckboxes({
  skills,
  selected,
  onToggle,
  parentId = null,
  idPrefix,
}: {
  skills: SkillView[];
  selected: ReadonlySet<string>;
  onToggle: (id: string, checked: boolean) => void;
  parentId?: string | null;
  idPrefix: string;
}) {
  const children = skills.filter((skill) => skill.parentId === parentId);
  if (children.length === 0) return null;
  return (
    <ul className="usa-list usa-list--unstyled civitas-skill-tree">
      {children.map((skill) => (
        <li key={skill.id}>
          <Checkbox id={`${idPrefix}-${skill.slug}`} label={skill.name} checked={selected.has(skill.id)} onChange={(checked) => onToggle(skill.id, checked)} />
          <SkillCheckboxes skills={skills} selected={selected} onToggle={onToggle} parentId={skill.id} idPrefix={idPrefix} />
        </li>
      ))}
    </ul>
  );
}

/** Today's date on the city's calendar, as the server counts it. */
export function todayInZone(timeZone: string | undefined): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/**
 * What a fieldset of choices takes: the values chosen and the list to put in their place, the
 * server's message for it, a prefix that keeps ids unique when a page has more than one, and a legend
 * and hint instead of its own.
 */
type ChoicesProps = {
  selected: string[];
  onChange: (values: string[]) => void;
  message?: string;
  idPrefix?: string;
  legend?: string;
  hint?: string;
  small?: boolean;
  className?: string;
};

/**
 * Languages as checkboxes, narrowed by a filter; choices hidden by the filter stay chosen. `idPrefix`
 * keeps the ids unique when a page has more than one list.
 */
export function LanguageCheckboxes({ selected, onChange, message, idPrefix = "", legend, hint, small, className }: ChoicesProps) {
  const { t, i18n } = useTranslation();
  const languageName = useLanguageName();
  const [filter, setFilter] = useState("");
  const sorted = useMemo(
    () => [...volunteerLanguages].map((code) => ({ code, name: languageName(code) })).sort((a, b) => a.name.localeCompare(b.name, i18n.language)),
    [languageName, i18n.language],
  );
  const needle = filter.trim().toLocaleLowerCase(i18n.language);
  const shown = needle ? sorted.filter((item) => item.name.toLocaleLowerCase(i18n.language).includes(needle) || item.code === needle) : sorted;
  return (
    <Fieldset
      id={`${idPrefix}languages`}
      legend={legend ?? t("volunteers.fields.languages")}
      hint={hint ?? t("volunteers.profile.languagesHint")}
      message={message}
      small={small}
      className={className}
    >
      <p className="civitas-chosen" aria-live="polite">
        {selected.length > 0
          ? t("volunteers.profile.languagesChosen", { languages: selected.map(languageName).join(", ") })
          : t("volunteers.profile.noLanguagesChosen")}
      </p>
      <label className="usa-label" htmlFor={`${idPrefix}language-filter`}>
        {t("volunteers.profile.languageFilter")}
      </label>
      <TextInput
        id={`${idPrefix}language-filter`}
        type="search"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        aria-controls={`${idPrefix}language-options`}
      />
      <div id={`${idPrefix}language-options`} className="civitas-language-options">
        {shown.length === 0 ? <p>{t("volunteers.profile.noLanguageMatches")}</p> : null}
        {shown.map((item) => (
          <Checkbox
            key={item.code}
            id={`${idPrefix}language-${item.code}`}
            label={item.name}
            checked={selected.includes(item.code)}
            onChange={(checked) => onChange(toggled(selected, item.code, checked))}
          />
        ))}
      </div>
    </Fieldset>
  );
}

/** Seven days by three parts of the day: a real table, each checkbox named for its day and time. */
export function AvailabilityGrid({ selected, onChange, message, idPrefix = "", legend, hint, small, className }: ChoicesProps) {
  const { t } = useTranslation();
  const slotLabel = useSlotLabel();
  return (
    <Fieldset
      id={`${idPrefix}availability`}
      legend={legend ?? t("volunteers.fields.availability")}
      hint={hint ?? t("volunteers.profile.availabilityHint")}
      message={message}
      small={small}
      className={className}
    >
      <table className="usa-table usa-table--borderless civitas-availability">
        <caption className="usa-sr-only">{t("volunteers.profile.availabilityCaption")}</caption>
        <thead>
          <tr>
            <td />
            {availabilityParts.map((part) => (
              <th key={part} scope="col">
                {t(`volunteers.parts.${part}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {availabilityDays.map((day) => (
            <tr key={day}>
              <th scope="row">{t(`volunteers.days.${day}`)}</th>
              {availabilityParts.map((part) => {
                const slot = `${day}-${part}`;
                return (
                  <td key={part}>
                    <Checkbox
                      id={`${idPrefix}availability-${slot}`}
                      label={slotLabel(slot)}
                      labelHidden
                      checked={selected.includes(slot)}
                      onChange={(checked) => onChange(toggled(selected, slot, checked))}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Fieldset>
  );
}
