import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ProcessRatesView, ProcessStepView, ProcessView } from "../../../contracts/processes.ts";
import { api, cityApi } from "../../api.ts";
import { Tag } from "../../components/uswds.tsx";
import type { RoleName } from "../../session.ts";

/** Pieces the process pages share. */

/** Who documents processes: agency staff for their own agency, the DSO and city admins for any. */
export const processRoles: RoleName[] = ["city_admin", "dso_staff", "agency_staff"];

export function processesApi(slug: string): string {
  return `${cityApi(slug)}/processes`;
}

export function useProcess(slug: string, processId: string | undefined) {
  return useQuery({
    queryKey: ["process", slug, processId],
    queryFn: () => api.get<ProcessView>(`${processesApi(slug)}/${encodeURIComponent(processId ?? "")}`),
    enabled: !!processId,
    retry: false,
  });
}

/** The city's hourly rate per role, as the cost model reads it. */
export function useRateTable(slug: string) {
  const rates = useQuery({
    queryKey: ["processRates", slug],
    queryFn: () => api.get<ProcessRatesView>(`${cityApi(slug)}/process-rates`),
    staleTime: 60_000,
  });
  const table = new Map((rates.data?.rates ?? []).map((rate) => [rate.role, rate.hourlyRateMinor]));
  return { ...rates, table };
}

/** A new step's key: unique enough within one process, and stable once saved. */
export function newStepKey(taken: readonly string[] = []): string {
  for (;;) {
    const key = `s${Math.random().toString(36).slice(2, 10)}`;
    if (!taken.includes(key)) return key;
  }
}

/** The position (1-based) of each step by its key, for decisions that point at a step. */
export function positionsByKey(steps: readonly Pick<ProcessStepView, "key">[]): Map<string, number> {
  return new Map(steps.map((step, index) => [step.key, index + 1]));
}

/** The actor roles in the order they first act: the swimlanes of the diagram. */
export function rolesInOrder(steps: readonly Pick<ProcessStepView, "actorRole">[]): string[] {
  const roles: string[] = [];
  for (const step of steps) {
    const role = step.actorRole.trim();
    if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}

/** Numbers, minutes, hours and shares in the reader's language. */
export function useProcessFormats() {
  const { i18n } = useTranslation();
  const locale = i18n.language || "en";
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const hours = new Intl.NumberFormat(locale, { style: "unit", unit: "hour", unitDisplay: "long", maximumFractionDigits: 1 });
  const shortMinutes = new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "short", maximumFractionDigits: 2 });
  const shortHours = new Intl.NumberFormat(locale, { style: "unit", unit: "hour", unitDisplay: "short", maximumFractionDigits: 1 });
  const shortDays = new Intl.NumberFormat(locale, { style: "unit", unit: "day", unitDisplay: "long", maximumFractionDigits: 1 });
  return {
    locale,
    number: (value: number) => number.format(value),
    /** A share from 0 to 1: "35 %". */
    share: (value: number) => percent.format(value),
    hours: (value: number) => hours.format(value),
    /** A length of time given in minutes, in the largest unit that reads well: "45 min", "7.5 hr", "6.5 days". */
    duration: (minutes: number) => {
      if (Math.abs(minutes) < 60) return shortMinutes.format(minutes);
      if (Math.abs(minutes) < 48 * 60) return shortHours.format(minutes / 60);
      return shortDays.format(minutes / (24 * 60));
    },
  };
}

export function PublishedTag({ published }: { published: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag className={`civitas-tag civitas-tag--${published ? "open" : "muted"}`}>
      {published ? t("processes.list.published") : t("processes.list.notPublished")}
    </Tag>
  );
}
