import type { ComponentProps, ReactNode } from "react";
import { ApiProblem } from "../api.ts";
import { ErrorMessage, FormGroup, Label, Select, Textarea, TextInput } from "./uswds.tsx";

/** Form fields that wire label, hint and the server's message for that field to the input. */

interface FieldFrame {
  id: string;
  label: string;
  hint?: string;
  /** The last failed request; its message for this field is shown under the label. */
  error?: unknown;
  /** The field's name in the API, to find its message in a problem; defaults to `name`. */
  field?: string;
  name: string;
}

function messageFor(error: unknown, field: string): string | undefined {
  return error instanceof ApiProblem ? error.fieldError(field) : undefined;
}

function describedBy(id: string, hint?: string, message?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : "", message ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

function Frame({ id, label, hint, message, children }: { id: string; label: string; hint?: string; message?: string; children: ReactNode }) {
  return (
    <FormGroup error={!!message}>
      <Label htmlFor={id} error={!!message}>
        {label}
      </Label>
      {hint ? (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {message ? <ErrorMessage id={`${id}-error`}>{message}</ErrorMessage> : null}
      {children}
    </FormGroup>
  );
}

export function TextField({ id, label, hint, error, field, name, type = "text", ...input }: FieldFrame & Omit<ComponentProps<"input">, "id" | "name">) {
  const message = messageFor(error, field ?? name);
  return (
    <Frame id={id} label={label} hint={hint} message={message}>
      <TextInput
        id={id}
        name={name}
        type={type}
        invalid={!!message}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, hint, message)}
        {...input}
      />
    </Frame>
  );
}

export function TextAreaField({ id, label, hint, error, field, name, ...input }: FieldFrame & Omit<ComponentProps<"textarea">, "id" | "name">) {
  const message = messageFor(error, field ?? name);
  return (
    <Frame id={id} label={label} hint={hint} message={message}>
      <Textarea
        id={id}
        name={name}
        invalid={!!message}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, hint, message)}
        {...input}
      />
    </Frame>
  );
}

export function SelectField({ id, label, hint, error, field, name, children, ...input }: FieldFrame & Omit<ComponentProps<"select">, "id" | "name">) {
  const message = messageFor(error, field ?? name);
  return (
    <Frame id={id} label={label} hint={hint} message={message}>
      <Select id={id} name={name} invalid={!!message} aria-invalid={message ? true : undefined} aria-describedby={describedBy(id, hint, message)} {...input}>
        {children}
      </Select>
    </Frame>
  );
}

/** The first message the server gave for a field or anything inside it (`requiredLanguages`, `requiredLanguages.2`). */
export function messageWithin(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  return error.fields.find((item) => item.field === field || item.field.startsWith(`${field}.`))?.message;
}
