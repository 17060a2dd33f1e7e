import type { OpenDataIndexView, YearImpactView } from "../../../contracts/impact.ts";
import type { Database } from "../../db/connection.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { toCsv } from "../opportunities/index.ts";
import { openDataSourceOf } from "./figures.ts";

/**
 * The open data: every public impact figure as a dataset, in CSV and JSON, each with its fields
 * documented here once and served with the data (docs/open-data.md describes the same). Only
 * aggregates of public records: no dataset has a row per person.
 */

export const openDataLicense = "CC0-1.0";

type Value = string | number | null;
type FieldType = "integer" | "decimal" | "string";
interface Field<Row> {
  name: string;
  type: FieldType;
  description: string;
  value: (row: Row, currency: string) => Value;
}
interface Dataset<Row> {
  id: string;
  title: string;
  description: string;
  fields: Field<Row>[];
  rows: (source: Source) => Row[];
}
type Source = Awaited<ReturnType<typeof openDataSourceOf>>;

/** Minor units as a decimal amount of the currency (cents to dollars), exactly. */
export function decimalAmount(minor: number): number {
  return Number((minor / 100).toFixed(2));
}
/** Basis points as a percentage with two decimals. */
const percent = (basisPoints: number | null) => (basisPoints === null ? null : Number((basisPoints / 100).toFixed(2)));
const hours = (minutes: number) => Number((minutes / 60).toFixed(2));

const currencyField = <Row>(): Field<Row> => ({
  name: "currency",
  type: "string",
  description: "ISO 4217 code of every amount in the row.",
  value: (_row, currency) => currency,
});

function offsetFields(): Field<YearImpactView>[] {
  return [
    {
      name: "volunteer_hours",
      type: "decimal",
      description: "Approved volunteer hours worked in the fiscal year.",
      value: (row) => hours(row.offsets.volunteerMinutes),
    },
    {
      name: "volunteer_value",
      type: "decimal",
      description: "Those hours at the city's value of a volunteer hour.",
      value: (row) => decimalAmount(row.offsets.volunteerValueMinor),
    },
    { name: "bounties_paid", type: "integer", description: "Bounties paid in the fiscal year.", value: (row) => row.offsets.bountiesPaid },
    {
      name: "bounty_savings",
      type: "decimal",
      description: "The staff's market estimates of the paid bounties minus what was paid (bounties with an estimate).",
      value: (row) => decimalAmount(row.offsets.bountySavingsMinor),
    },
    {
      name: "processes_redesigned",
      type: "integer",
      description: "Processes with an as-is and a to-be design, the to-be marked by the end of the fiscal year.",
      value: (row) => row.offsets.processes,
    },
    {
      name: "process_savings",
      type: "decimal",
      description: "Their annual staff cost as-is minus to-be, at the city's current hourly rates.",
      value: (row) => decimalAmount(row.offsets.processSavingsMinor),
    },
    {
      name: "catalog_entries",
      type: "integer",
      description: "Catalog entries with reuse savings added in the fiscal year.",
      value: (row) => row.offsets.catalogEntries,
    },
    {
      name: "reuse_savings",
      type: "decimal",
      description: "The reuse savings recorded on those entries.",
      value: (row) => decimalAmount(row.offsets.reuseSavingsMinor),
    },
    { name: "offsets_total", type: "decimal", description: "The sum of the four offsets.", value: (row) => decimalAmount(row.offsets.totalMinor) },
  ];
}

const budgetLines: Dataset<Source["budget"][number]> = {
  id: "budget-lines",
  title: "Budget lines",
  description: "Each program of the city's budget in each fiscal year, with the part paid by federal funds.",
  fields: [
    { name: "fiscal_year", type: "integer", description: "The fiscal year, named by the calendar year it ends in.", value: (row) => row.fiscalYear },
    { name: "department", type: "string", description: "The department running the program.", value: (row) => row.department },
    { name: "program", type: "string", description: "The program.", value: (row) => row.program },
    { name: "total_amount", type: "decimal", description: "The program's budget from every source.", value: (row) => decimalAmount(row.totalMinor) },
    { name: "federal_amount", type: "decimal", description: "The part of it paid by federal funds.", value: (row) => decimalAmount(row.federalMinor) },
    currencyField(),
  ],
  rows: (source) => source.budget,
};

interface DepartmentYear {
  fiscalYear: number;
  department: string;
  totalMinor: number;
  federalMinor: number;
}

const exposureByDepartment: Dataset<DepartmentYear> = {
  id: "exposure-by-department",
  title: "Federal exposure by department",
  description: "Each department's budget in each fiscal year and the share of it paid by federal funds.",
  fields: [
    { name: "fiscal_year", type: "integer", description: "The fiscal year.", value: (row) => row.fiscalYear },
    { name: "department", type: "string", description: "The department.", value: (row) => row.department },
    { name: "total_amount", type: "decimal", description: "The department's budget from every source.", value: (row) => decimalAmount(row.totalMinor) },
    { name: "federal_amount", type: "decimal", description: "The part of it paid by federal funds.", value: (row) => decimalAmount(row.federalMinor) },
    {
      name: "federal_share_percent",
      type: "decimal",
      description: "federal_amount as a percentage of total_amount.",
      value: (row) => percent(row.totalMinor === 0 ? 0 : Math.round((row.federalMinor * 10_000) / row.totalMinor)),
    },
    currencyField(),
  ],
  rows: (source) => {
    const departments = new Map<string, DepartmentYear>();
    for (const line of source.budget) {
      const key = `${line.fiscalYear}\u0000${line.department.toLowerCase()}`;
      const found = departments.get(key) ?? { fiscalYear: line.fiscalYear, department: line.department, totalMinor: 0, federalMinor: 0 };
      found.totalMinor += line.totalMinor;
      found.federalMinor += line.federalMinor;
      departments.set(key, found);
    }
    return [...departments.values()];
  },
};

const impactByYear: Dataset<YearImpactView & { settings: Source["settings"] }> = {
  id: "impact-by-year",
  title: "Impact by fiscal year",
  description: "The city's budget and federal funds in each fiscal year, and what its volunteers, bounties, processes and shared software offset.",
  fields: [
    { name: "fiscal_year", type: "integer", description: "The fiscal year.", value: (row) => row.fiscalYear },
    {
      name: "budget_total",
      type: "decimal",
      description: "The budget from every source (0 where no budget was published).",
      value: (row) => decimalAmount(row.totalMinor),
    },
    { name: "federal_amount", type: "decimal", description: "The part of the budget paid by federal funds.", value: (row) => decimalAmount(row.federalMinor) },
    {
      name: "federal_share_percent",
      type: "decimal",
      description: "federal_amount as a percentage of budget_total.",
      value: (row) => percent(row.federalShareBasisPoints),
    },
    ...(offsetFields() as Field<YearImpactView & { settings: Source["settings"] }>[]),
    {
      name: "federal_covered_percent",
      type: "decimal",
      description: "offsets_total as a percentage of federal_amount; empty without federal funds.",
      value: (row) => percent(row.coverBasisPoints),
    },
    {
      name: "volunteer_hour_value",
      type: "decimal",
      description: "The value of a volunteer hour used.",
      value: (row) => decimalAmount(row.settings.hourValueMinor),
    },
    { name: "volunteer_hour_value_year", type: "integer", description: "The year that value is for.", value: (row) => row.settings.hourValueYear },
    { name: "volunteer_hour_value_source", type: "string", description: "Who published that value.", value: (row) => row.settings.hourValueSource },
    currencyField(),
  ],
  rows: (source) => source.years.map((year) => ({ ...year, settings: source.settings })),
};

const offsetsByAgency: Dataset<YearImpactView & { agency: string }> = {
  id: "offsets-by-agency",
  title: "Offsets by agency",
  description:
    "What each agency's volunteers, bounties, processes and shared software offset in each fiscal year. A catalog entry listing several agencies is shared equally among them.",
  fields: [
    { name: "fiscal_year", type: "integer", description: "The fiscal year.", value: (row) => row.fiscalYear },
    { name: "agency", type: "string", description: "The agency.", value: (row) => row.agency },
    ...(offsetFields() as Field<YearImpactView & { agency: string }>[]),
    currencyField(),
  ],
  rows: (source) => source.agencies.flatMap((agency) => agency.years.map((year) => ({ ...year, agency: agency.name }))),
};

// biome-ignore lint/suspicious/noExplicitAny: each dataset has its own row type; they are used through the same two functions.
const datasets: Dataset<any>[] = [impactByYear, budgetLines, exposureByDepartment, offsetsByAgency];

export const openDataFormats = ["csv", "json"] as const;
export type OpenDataFormat = (typeof openDataFormats)[number];

/** "budget-lines.csv" → the dataset and format, or null. */
export function openDataFileOf(file: string): { id: string; format: OpenDataFormat } | null {
  const match = /^([a-z-]+)\.(csv|json)$/.exec(file);
  if (!match?.[1] || !datasets.some((dataset) => dataset.id === match[1])) return null;
  return { id: match[1], format: match[2] as OpenDataFormat };
}

export function openDataIndexOf(city: City): OpenDataIndexView {
  const base = `/api/v1/cities/${city.slug}/open-data`;
  return {
    city: city.slug,
    license: openDataLicense,
    currency: city.currency,
    datasets: datasets.map((dataset) => ({
      id: dataset.id,
      title: dataset.title,
      description: dataset.description,
      fields: dataset.fields.map(({ name, type, description }) => ({ name, type, description })),
      csv: `${base}/${dataset.id}.csv`,
      json: `${base}/${dataset.id}.json`,
    })),
  };
}

/** One dataset's file, as text. */
export async function openDataFile(db: Database, city: City, id: string, format: OpenDataFormat): Promise<string> {
  const dataset = datasets.find((candidate) => candidate.id === id);
  if (!dataset) throw new RangeError(`no dataset ${id}`);
  const source = await openDataSourceOf(db, city);
  const rows = dataset.rows(source).map((row) => dataset.fields.map((field) => field.value(row, city.currency)));
  if (format === "csv")
    return toCsv(
      dataset.fields.map((field) => field.name),
      rows,
    );
  return `${JSON.stringify(
    {
      dataset: dataset.id,
      title: dataset.title,
      description: dataset.description,
      city: city.slug,
      license: openDataLicense,
      fields: dataset.fields.map(({ name, type, description }) => ({ name, type, description })),
      rows: rows.map((values) => Object.fromEntries(dataset.fields.map((field, index) => [field.name, values[index] ?? null]))),
    },
    null,
    2,
  )}\n`;
}
