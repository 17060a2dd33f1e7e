import { CsvError, parse } from "csv-parse/sync";

/**
 * RFC 4180 CSV through csv-parse: quoted cells with commas, quotes ("") and line breaks, CRLF, LF or
 * CR line endings, and the byte-order mark spreadsheet programs put first. Each record keeps the
 * line of the file it starts on, so a problem can be reported where a person will find it.
 */

export interface CsvRecord {
  /** 1-based line number in the file where the record starts. */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  readonly reason: "unclosedQuote" | "misplacedQuote" | "unreadable";
  constructor(line: number, reason: CsvSyntaxError["reason"]) {
    super(`CSV syntax error on line ${line}: ${reason}`);
    this.line = line;
    this.reason = reason;
  }
}

const lineBreaks = /\r\n|\r|\n/g;

export function parseCsv(text: string): CsvRecord[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, record_delimiter: ["\r\n", "\n", "\r"], skip_empty_lines: false });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as CsvError & { lines?: number }).lines) || 1;
      const reason = error.code === "CSV_QUOTE_NOT_CLOSED" ? "unclosedQuote" : error.code.includes("QUOTE") ? "misplacedQuote" : "unreadable";
      throw new CsvSyntaxError(line, reason);
    }
    throw error;
  }
  // Every line break in the file either ends a record or sits inside a quoted cell, where it is
  // kept as it was written; counting both gives each record's first line exactly.
  let line = 1;
  return records.map((cells) => {
    const record = { line, cells };
    line += 1 + cells.reduce((breaks, cell) => breaks + (cell.match(lineBreaks)?.length ?? 0), 0);
    return record;
  });
}

/** A record with nothing but blanks, such as an empty line, which the import skips. */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.cells.every((cell) => cell.trim() === "");
}
