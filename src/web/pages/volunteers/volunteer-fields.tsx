import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type AvailabilitySlot, availabilityDays, availabilityParts, type SkillView } from "../../../contracts/volunteers.ts";
import { ErrorMessage } from "../../components/uswds.tsx";

export { messageWithin } from "../../components/Fields.tsx";
export { useLanguageName } from "../../components/languages.ts";

/** Pieces the volunteer pages share: language and time-slot names, checkboxes, fieldsets that show their field's error. */

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
