import { describe, expect, it } from "vitest";
import { decimalAmount, openDataFileOf, openDataIndexOf } from "./open-data.ts";

const city = {
  id: "c",
  slug: "springfield",
  name: "Springfield",
  timeZone: "America/Chicago",
  defaultLocale: "en",
  currency: "USD",
  createdAt: new Date(),
  updatedAt: new Date(),
};

describe("the open data's files", () => {
  it("are named by dataset and format, and nothing else is", () => {
    expect(openDataFileOf("budget-lines.csv")).toEqual({ id: "budget-lines", format: "csv" });
    expect(openDataFileOf("impact-by-year.json")).toEqual({ id: "impact-by-year", format: "json" });
    for (const wrong of ["budget-lines.xlsx", "budget-lines", "people.csv", "../budget-lines.csv", "BUDGET-LINES.csv"])
      expect(openDataFileOf(wrong)).toBeNull();
  });

  it("are listed with every field documented and both addresses", () => {
    const index = openDataIndexOf(city);
    expect(index.datasets.map((dataset) => dataset.id)).toEqual(["impact-by-year", "budget-lines", "exposure-by-department", "offsets-by-agency"]);
    for (const dataset of index.datasets) {
      expect(dataset.csv).toBe(`/api/v1/cities/springfield/open-data/${dataset.id}.csv`);
      expect(dataset.json).toBe(`/api/v1/cities/springfield/open-data/${dataset.id}.json`);
      expect(dataset.fields.map((field) => field.name)).toContain("fiscal_year");
      for (const field of dataset.fields) expect(field.description.length).toBeGreaterThan(5);
      expect(new Set(dataset.fields.map((field) => field.name)).size).toBe(dataset.fields.length);
    }
  });
});

describe("decimalAmount", () => {
  it("writes minor units as the currency's decimal amount, negative ones too", () => {
    expect(decimalAmount(123_456)).toBe(1234.56);
    expect(decimalAmount(5)).toBe(0.05);
    expect(decimalAmount(-2_500)).toBe(-25);
    expect(decimalAmount(0)).toBe(0);
  });
});
