import { describe, expect, it } from "vitest";
import { CsvSyntaxError, isBlankRecord, parseCsv } from "./parse-csv.ts";

describe("CSV parsing", () => {
  it("reads quoted cells with commas, doubled quotes and line breaks, and numbers each record by the line it starts on", () => {
    const text = 'name,note\n"Kim, Dana","said ""hi"""\n"Luis","two\nlines"\nPriya,"three\r\nlines\r\nhere"\nTom,plain\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ["name", "note"] },
      { line: 2, cells: ["Kim, Dana", 'said "hi"'] },
      { line: 3, cells: ["Luis", "two\nlines"] },
      { line: 5, cells: ["Priya", "three\r\nlines\r\nhere"] },
      { line: 8, cells: ["Tom", "plain"] },
    ]);
  });

  it("drops the byte-order mark and accepts CRLF, LF and CR line endings", () => {
    expect(parseCsv("\uFEFFname,email\r\nA,a@x.example\r\nB,b@x.example").map((record) => record.cells)).toEqual([
      ["name", "email"],
      ["A", "a@x.example"],
      ["B", "b@x.example"],
    ]);
    expect(parseCsv("name\rA\rB\r").map((record) => [record.line, record.cells[0]])).toEqual([
      [1, "name"],
      [2, "A"],
      [3, "B"],
    ]);
  });

  it("counts empty lines, so the lines after them keep their numbers", () => {
    const records = parseCsv("name\n\nA\n   \nB\n");
    expect(records.filter((record) => !isBlankRecord(record)).map((record) => [record.line, record.cells[0]])).toEqual([
      [1, "name"],
      [3, "A"],
      [5, "B"],
    ]);
  });

  it("names the line of a quote left open", () => {
    expect(() => parseCsv('name,email\nA,a@x.example\n"B,b@x.example\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('name,email\nA,a@x.example\n"B,b@x.example\n');
    } catch (error) {
      expect((error as CsvSyntaxError).reason).toBe("unclosedQuote");
      expect((error as CsvSyntaxError).line).toBeGreaterThanOrEqual(3);
    }
  });
});
