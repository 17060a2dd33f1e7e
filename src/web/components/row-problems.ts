import { ApiProblem } from "../api.ts";

/** One problem of a refused upload: the line of the file, the column (or "file", "row") and what is wrong. */
export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

/**
 * A refused upload's report travels in a 422's `errors` as `rows.<line>.<column>`; read back for a
 * table, in the file's order (line, then as the server listed them). Empty for any other error.
 */
export function rowProblemsOf(error: unknown): RowProblem[] {
  if (!(error instanceof ApiProblem) || error.status !== 422) return [];
  const rows = error.fields.flatMap((item, index) => {
    const match = /^rows\.(\d+)\.(.*)$/.exec(item.field);
    return match ? [{ row: Number(match[1]), field: match[2] ?? "", message: item.message, index }] : [];
  });
  return rows.sort((a, b) => a.row - b.row || a.index - b.index).map(({ row, field, message }) => ({ row, field, message }));
}
