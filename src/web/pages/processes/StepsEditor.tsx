import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { processChannel } from "../../../contracts/processes.ts";
import { SelectField, TextAreaField, TextField } from "../../components/Fields.tsx";
import { Button } from "../../components/uswds.tsx";
import { newStepKey } from "./parts.tsx";
import { moveStep, newStep, removeStep, type StepDraft } from "./process-draft.ts";

/**
 * The steps of a process as a list of small forms: add, edit, remove, and move up or down with
 * buttons (keyboard first, no dragging). After a move, focus stays on the moved step's button and
 * a polite message says where the step went.
 */

type FocusTarget = { key: string; control: "up" | "down" | "name" } | { key: null; control: "add" };

const idOf = (key: string, control: string) => `process-step-${key}-${control}`;

export function StepsEditor({
  steps,
  onChange,
  error,
  roles,
}: {
  steps: StepDraft[];
  onChange: (steps: StepDraft[]) => void;
  /** The last failed save: its messages appear beside the fields they name. */
  error: unknown;
  /** Roles the city's rate table knows, offered while typing who does a step. */
  roles: string[];
}) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState("");
  const [focus, setFocus] = useState<FocusTarget | null>(null);

  useEffect(() => {
    if (!focus) return;
    if (focus.key === null) document.getElementById("process-add-step")?.focus();
    else {
      const wanted = document.getElementById(idOf(focus.key, focus.control)) as HTMLButtonElement | null;
      // At the top or the bottom of the list one of the two buttons is off: the other takes focus.
      const other = focus.control === "up" ? "down" : focus.control === "down" ? "up" : null;
      if (wanted && !wanted.disabled) wanted.focus();
      else if (other) document.getElementById(idOf(focus.key, other))?.focus();
    }
    setFocus(null);
  }, [focus]);

  const update = (index: number, change: Partial<StepDraft>) => onChange(steps.map((step, at) => (at === index ? { ...step, ...change } : step)));
  const move = (index: number, by: -1 | 1) => {
    const step = steps[index];
    if (!step) return;
    onChange(moveStep(steps, index, by));
    setAnnouncement(
      t(by < 0 ? "processes.editor.steps.movedUp" : "processes.editor.steps.movedDown", { from: index + 1, to: index + 1 + by, name: step.name || "" }),
    );
    setFocus({ key: step.key, control: by < 0 ? "up" : "down" });
  };
  const remove = (index: number) => {
    const next = removeStep(steps, index);
    onChange(next);
    setAnnouncement(t("processes.editor.steps.removed", { number: index + 1 }));
    const after = next[index] ?? next[index - 1];
    setFocus(after ? { key: after.key, control: "name" } : { key: null, control: "add" });
  };
  const add = () => {
    const key = newStepKey(steps.map((step) => step.key));
    onChange([...steps, newStep(key, steps[steps.length - 1])]);
    setAnnouncement(t("processes.editor.steps.added", { number: steps.length + 1 }));
    setFocus({ key, control: "name" });
  };
  const datalistId = "process-step-roles";

  return (
    <div className="civitas-process-steps-editor">
      {steps.length === 0 ? <p>{t("processes.editor.steps.none")}</p> : null}
      <ol className="civitas-process-steps">
        {steps.map((step, index) => {
          const number = index + 1;
          const field = (name: string) => `content.steps.${index}.${name}`;
          const id = (name: string) => idOf(step.key, name);
          const label = step.name.trim() || t("processes.editor.steps.unnamed");
          return (
            <li key={step.key}>
              <fieldset className="usa-fieldset civitas-process-step">
                <legend className="usa-legend">{t("processes.editor.steps.legend", { number, name: step.name.trim() || "…" })}</legend>
                <TextField
                  id={id("name")}
                  name="name"
                  field={field("name")}
                  label={t("processes.step.name")}
                  value={step.name}
                  onChange={(event) => update(index, { name: event.target.value })}
                  error={error}
                  required
                  maxLength={200}
                />
                <div className="civitas-process-step__grid">
                  <TextField
                    id={id("actor")}
                    name="actorRole"
                    field={field("actorRole")}
                    label={t("processes.step.actorRole")}
                    value={step.actorRole}
                    onChange={(event) => update(index, { actorRole: event.target.value })}
                    error={error}
                    list={roles.length > 0 ? datalistId : undefined}
                    autoComplete="off"
                    required
                    maxLength={100}
                  />
                  <SelectField
                    id={id("channel")}
                    name="channel"
                    field={field("channel")}
                    label={t("processes.step.channel")}
                    value={step.channel}
                    onChange={(event) => update(index, { channel: event.target.value as StepDraft["channel"] })}
                    error={error}
                  >
                    {processChannel.options.map((channel) => (
                      <option key={channel} value={channel}>
                        {t(`processes.channel.${channel}`)}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    id={id("system")}
                    name="systemUsed"
                    field={field("systemUsed")}
                    label={t("processes.step.systemUsed")}
                    value={step.systemUsed}
                    onChange={(event) => update(index, { systemUsed: event.target.value })}
                    error={error}
                    maxLength={200}
                  />
                </div>
                <div className="civitas-process-step__grid">
                  <TextField
                    id={id("handling")}
                    name="handlingMinutes"
                    field={field("handlingMinutes")}
                    label={t("processes.step.handlingMinutes")}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={525_600}
                    step="any"
                    value={step.handlingMinutes}
                    onChange={(event) => update(index, { handlingMinutes: event.target.value })}
                    error={error}
                    required
                  />
                  <TextField
                    id={id("waiting")}
                    name="waitingMinutes"
                    field={field("waitingMinutes")}
                    label={t("processes.step.waitingMinutes")}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={525_600}
                    step="any"
                    value={step.waitingMinutes}
                    onChange={(event) => update(index, { waitingMinutes: event.target.value })}
                    error={error}
                    required
                  />
                  <TextField
                    id={id("share")}
                    name="sharePercent"
                    field={field("sharePercent")}
                    label={t("processes.editor.steps.sharePercent")}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={100}
                    step="any"
                    value={step.sharePercent}
                    onChange={(event) => update(index, { sharePercent: event.target.value })}
                    error={error}
                    required
                  />
                </div>
                <TextAreaField
                  id={id("notes")}
                  name="notes"
                  field={field("notes")}
                  label={t("processes.step.notes")}
                  value={step.notes}
                  onChange={(event) => update(index, { notes: event.target.value })}
                  error={error}
                  rows={2}
                  maxLength={5000}
                />
                <div className="civitas-process-step__grid">
                  <TextField
                    id={id("condition")}
                    name="condition"
                    field={field("decision.condition")}
                    label={t("processes.editor.steps.condition")}
                    hint={t("processes.editor.steps.conditionHint")}
                    value={step.condition}
                    onChange={(event) => update(index, { condition: event.target.value })}
                    error={error}
                    maxLength={500}
                  />
                  <SelectField
                    id={id("go-to")}
                    name="goToStepKey"
                    field={field("decision.goToStepKey")}
                    label={t("processes.editor.steps.goTo")}
                    value={step.goToStepKey}
                    onChange={(event) => update(index, { goToStepKey: event.target.value })}
                    error={error}
                  >
                    <option value="">{t("processes.editor.steps.noDecision")}</option>
                    {steps.map((other, at) =>
                      other.key === step.key ? null : (
                        <option key={other.key} value={other.key}>
                          {t("processes.editor.steps.goToOption", { number: at + 1, name: other.name.trim() || "…" })}
                        </option>
                      ),
                    )}
                  </SelectField>
                </div>
                <ul className="usa-button-group civitas-process-step__actions">
                  <li className="usa-button-group__item">
                    <Button id={id("up")} type="button" outline disabled={index === 0} onClick={() => move(index, -1)}>
                      {t("processes.editor.steps.moveUp")}
                      <span className="usa-sr-only">{t("processes.editor.steps.whichStep", { number, name: label })}</span>
                    </Button>
                  </li>
                  <li className="usa-button-group__item">
                    <Button id={id("down")} type="button" outline disabled={index === steps.length - 1} onClick={() => move(index, 1)}>
                      {t("processes.editor.steps.moveDown")}
                      <span className="usa-sr-only">{t("processes.editor.steps.whichStep", { number, name: label })}</span>
                    </Button>
                  </li>
                  <li className="usa-button-group__item">
                    <Button id={id("remove")} type="button" unstyled className="civitas-danger-link" onClick={() => remove(index)}>
                      {t("processes.editor.steps.remove")}
                      <span className="usa-sr-only">{t("processes.editor.steps.whichStep", { number, name: label })}</span>
                    </Button>
                  </li>
                </ul>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {roles.length > 0 ? (
        <datalist id={datalistId}>
          {roles.map((role) => (
            <option key={role} value={role} />
          ))}
        </datalist>
      ) : null}
      <p className="civitas-space-above">
        <Button id="process-add-step" type="button" secondary onClick={add}>
          {t("processes.editor.steps.add")}
        </Button>
      </p>
      <p role="status" className="usa-sr-only" id="process-steps-status">
        {announcement}
      </p>
    </div>
  );
}
