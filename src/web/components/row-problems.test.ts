import { describe, expect, it } from "vitest";
import { ApiProblem } from "../api.ts";
import { rowProblemsOf } from "./row-problems.ts";

describe("rowProblemsOf", () => {
  it("reads each row's problem from a 422, by line", () => {
    const error = new ApiProblem(422, {
      errors: [
        { field: "rows.4.total_amount", message: "Not an amount." },
        { field: "rows.2.fiscal_year", message: "Not a year." },
        { field: "rows.2.federal_amount", message: "Larger than the total." },
        { field: "rows.1.file", message: "A column is missing." },
      ],
    });
    expect(rowProblemsOf(error)).toEqual([
      { row: 1, field: "file", message: "A column is missing." },
      { row: 2, field: "fiscal_year", message: "Not a year." },
      { row: 2, field: "federal_amount", message: "Larger than the total." },
      { row: 4, field: "total_amount", message: "Not an amount." },
    ]);
  });

  it("keeps a column name that holds dots whole", () => {
    const error = new ApiProblem(422, { errors: [{ field: "rows.3.amount.usd", message: "Odd." }] });
    expect(rowProblemsOf(error)).toEqual([{ row: 3, field: "amount.usd", message: "Odd." }]);
  });

  it("finds nothing in other errors", () => {
    expect(rowProblemsOf(new ApiProblem(400, { errors: [{ field: "rows.1.csv", message: "x" }] }))).toEqual([]);
    expect(rowProblemsOf(new ApiProblem(422, { errors: [{ field: "csv", message: "Required." }] }))).toEqual([]);
    expect(rowProblemsOf(new Error("network"))).toEqual([]);
    expect(rowProblemsOf(null)).toEqual([]);
  });
});
