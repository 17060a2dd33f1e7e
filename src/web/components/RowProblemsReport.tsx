import { useTranslation } from "react-i18next";
import { ApiProblem } from "../api.ts";
import { ProblemAlert } from "./ProblemAlert.tsx";
import { rowProblemsOf } from "./row-problems.ts";
import { Alert, Table } from "./uswds.tsx";

/**
 * What a refused upload (a 422 listing each row's problems) says, as a table of line, column and
 * problem under an alert with the server's summary; any other error as a plain problem alert.
 */
export function RowProblemsReport({ error, heading, caption }: { error: unknown; heading: string; caption: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const rows = rowProblemsOf(error);
  if (rows.length === 0 || !(error instanceof ApiProblem)) return <ProblemAlert error={error} />;
  const columnLabel = (field: string) => (field === "file" || field === "row" ? t(`common.rowProblems.whole.${field}`) : field);
  return (
    <>
      <Alert type="error" headingLevel="h3" heading={heading}>
        <p>{error.detail}</p>
      </Alert>
      <Table stacked caption={caption}>
        <thead>
          <tr>
            <th scope="col">{t("common.rowProblems.line")}</th>
            <th scope="col">{t("common.rowProblems.column")}</th>
            <th scope="col">{t("common.rowProblems.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.row}:${row.field}:${row.message}`}>
              <th scope="row" data-label={t("common.rowProblems.line")}>
                {row.row}
              </th>
              <td data-label={t("common.rowProblems.column")}>{columnLabel(row.field)}</td>
              <td data-label={t("common.rowProblems.problem")}>{row.message}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
