/**
 * Federal-funding exposure of a city's budget for one fiscal year, and what a cut of federal funds
 * by a given percentage puts at risk. Money stays in integer minor units; a share is given in basis
 * points (1 % = 100) so that it can be shown in any language without rounding twice.
 */

export interface ExposureInputLine {
  department: string;
  program: string;
  totalMinor: number;
  federalMinor: number;
}

export interface ExposureFigure {
  totalMinor: number;
  federalMinor: number;
  /** Federal share of the total in basis points, rounded half up; 0 where the total is 0. */
  federalShareBasisPoints: number;
  /** Federal money lost if federal funds are cut by the scenario's percentage. */
  atRiskMinor: number;
}

export interface DepartmentExposure extends ExposureFigure {
  department: string;
  programs: (ExposureFigure & { program: string })[];
}

export interface Exposure {
  cutPercent: number;
  overall: ExposureFigure;
  /** Most money at risk first, then most federal money, then by name. */
  departments: DepartmentExposure[];
}

export function isCutPercent(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 100;
}

function figure(totalMinor: number, federalMinor: number, cutPercent: number): ExposureFigure {
  return {
    totalMinor,
    federalMinor,
    federalShareBasisPoints: totalMinor === 0 ? 0 : Math.round((federalMinor * 10_000) / totalMinor),
    atRiskMinor: Math.round((federalMinor * cutPercent) / 100),
  };
}

const byRisk =
  <T extends ExposureFigure>(name: (item: T) => string) =>
  (a: T, b: T) =>
    b.atRiskMinor - a.atRiskMinor || b.federalMinor - a.federalMinor || name(a).localeCompare(name(b));

export function exposureOf(lines: readonly ExposureInputLine[], cutPercent: number): Exposure {
  if (!isCutPercent(cutPercent)) throw new RangeError(`a cut is a whole percentage from 0 to 100, not ${cutPercent}`);
  const departments = new Map<string, ExposureInputLine[]>();
  for (const line of lines) departments.set(line.department, [...(departments.get(line.department) ?? []), line]);
  const sum = (items: readonly ExposureInputLine[], key: "totalMinor" | "federalMinor") => items.reduce((total, item) => total + item[key], 0);
  return {
    cutPercent,
    overall: figure(sum(lines, "totalMinor"), sum(lines, "federalMinor"), cutPercent),
    departments: [...departments.entries()]
      .map(([department, items]) => ({
        department,
        ...figure(sum(items, "totalMinor"), sum(items, "federalMinor"), cutPercent),
        programs: items
          .map((item) => ({ program: item.program, ...figure(item.totalMinor, item.federalMinor, cutPercent) }))
          .sort(byRisk((item) => item.program)),
      }))
      .sort(byRisk((item) => item.department)),
  };
}
