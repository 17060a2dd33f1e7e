import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../api.ts";
import { Alert } from "./uswds.tsx";

/** Shows what went wrong, in the reader's language, with one line per field; takes focus when it appears. */
export function ProblemAlert({ error, fieldLabels = {} }: { error: unknown; fieldLabels?: Record<string, string> }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) container.current?.focus();
  }, [error]);
  if (!error) return null;
  const problem =
    error instanceof ApiProblem ? error : new ApiProblem(0, { title: t("common.unexpectedError"), detail: String((error as Error).message ?? error) });
  return (
    <div ref={container} tabIndex={-1} className="civitas-problem">
      <Alert type="error" headingLevel="h2" heading={problem.title || t("common.unexpectedError")}>
        {problem.fields.length > 0 ? (
          <ul className="usa-list">
            {problem.fields.map((field) => (
              <li key={`${field.field}:${field.message}`}>
                {fieldLabels[field.field] ? <strong>{fieldLabels[field.field]}: </strong> : null}
                {field.message}
              </li>
            ))}
          </ul>
        ) : (
          <p>{problem.detail}</p>
        )}
        {problem.status >= 500 && problem.requestId ? <p>{t("common.reference", { id: problem.requestId })}</p> : null}
      </Alert>
    </div>
  );
}
