import { ErrorMessage, FormGroup, Label, Select, Textarea, TextInput } from "@trussworks/react-uswds";
import type { ComponentProps } from "react";
import { ApiProblem } from "../api.ts";

/** Form fields that wire label, hint and the server's message for that field to the input. */

interface FieldFrame {
  id: string;
  label: string;
  hint?: string;
  error?: unknown;
  /** The field's name in the API, to find its message in a problem; defaults to `name`. */
  field?: string;
  requiredMark?: boolean;
}

function messageFor(error: unknown, field: string): string | undefined {
  return error instanceof ApiProblem ? error.fieldError(field) : undefined;
}

function describedBy(id: string, hint?: string, message?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : "", message ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

function Frame({
  id,
  label,
  hint,
  message,
  requiredMark,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  message?: string;
  requiredMark?: boolean;
  children: React.ReactNode;
}) {
  return (
    <FormGroup error={!!message}>
      <Label htmlFor={id} error={!!message} requiredMarker={requiredMark}>
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

export function TextField({
  id,
  label,
  hint,
  error,
  field,
  requiredMark,
  name,
  type = "text",
  ...input
}: FieldFrame & Omit<ComponentProps<typeof TextInput>, "id" | "type"> & { type?: ComponentProps<typeof TextInput>["type"] }) {
  const message = messageFor(error, field ?? name);
  return (
    <Frame id={id} label={label} hint={hint} message={message} requiredMark={requiredMark}>
      <TextInput
        id={id}
        name={name}
        type={type}
        validationStatus={message ? "error" : undefined}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, hint, message)}
        {...input}
      />
    </Frame>
  );
}

export function TextAreaField({
  id,
  label,
  hint,
  error,
  field,
  requiredMark,
  name,
  ...input
}: FieldFrame & Omit<ComponentProps<typeof Textarea>, "id" | "error">) {
  const message = messageFor(error, field ?? name);
  return (
    <Frame id={id} label={label} hint={hint} message={message} requiredMark={requiredMark}>
      <Textarea id={id} name={name} error={!!message} aria-invalid={message ? true : undefined} aria-describedby={describedBy(id, hint, message)} {...input} />
    </Frame>
  );
}

export function SelectField({ id, label, hint, error, field, requiredMark, name, children, ...input }: FieldFrame & Omit<ComponentProps<typeof Select>, "id">) {
  const message = messageFor(error, field ?? name);
  return (
    <Frame id={id} label={label} hint={hint} message={message} requiredMark={requiredMark}>
      <Select
        id={id}
        name={name}
        validationStatus={message ? "error" : undefined}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, hint, message)}
        {...input}
      >
        {children}
      </Select>
    </Frame>
  );
}
