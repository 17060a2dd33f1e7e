import { type SQL, sql } from "drizzle-orm";
import type { AgencyImpactView, ImpactOverviewView, ImpactSettingsView, OffsetFiguresView, YearImpactView } from "../../../contracts/impact.ts";
import type { Database, Executor } from "../../db/connection.ts";
import { NotFoundError } from "../../platform/errors/index.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { processSavingsOf } from "../processes/index.ts";
import { currentFiscalYear, volunteerTimeValueMinor } from "./offsets.ts";
import { impactSettingsOf } from "./settings.ts";

/**
 * The impact figures, each counted from the records of the module that owns them and never typed in:
 * approved volunteer hours at the city's value of an hour, bounties paid against the staff's market
 * estimates, the annual staff cost the city's redesigned processes save, and the reuse savings on
 * catalog entries — per fiscal year, beside the budget and its federal funds.
 *
 * An agency's budget is the department of the same name (letter case aside); its offsets are those
 * of its opportunities, of bounties on its problems, of its processes, and an equal share of each
 * catalog entry that lists it.
 */

/** One offset counted from a record, in the fiscal year it belongs to. */
export interface OffsetRecord {
  fiscalYear: number;
  agencyId: string | null;
  figures: Partial<Omit<OffsetFiguresView, "totalMinor">>;
}

export interface BudgetRecord {
  fiscalYear: number;
  agencyId: string | null;
  totalMinor: number;
  federalMinor: number;
}

export const emptyOffsets = (): OffsetFiguresView => ({
  volunteerMinutes: 0,
  volunteerValueMinor: 0,
  bountiesPaid: 0,
  bountySavingsMinor: 0,
  processes: 0,
  processSavingsMinor: 0,
  catalogEntries: 0,
  reuseSavingsMinor: 0,
  totalMinor: 0,
});

function addOffsets(into: OffsetFiguresView, figures: OffsetRecord["figures"]): void {
  for (const [key, value] of Object.entries(figures) as [keyof OffsetFiguresView, number][]) into[key] += value;
}

/**
 * The years of the given records, oldest first, each with its budget, offsets and how much of the
 * federal funds the offsets make up. Volunteer time is valued here, on the year's total minutes, so
 * a year's value does not depend on how its hours were split into entries.
 */
export function yearsOf(budget: readonly BudgetRecord[], offsets: readonly OffsetRecord[], hourValueMinor: number): YearImpactView[] {
  const years = new Map<number, { totalMinor: number; federalMinor: number; offsets: OffsetFiguresView }>();
  const year = (fiscalYear: number) => {
    let found = years.get(fiscalYear);
    if (!found) {
      found = { totalMinor: 0, federalMinor: 0, offsets: emptyOffsets() };
      years.set(fiscalYear, found);
    }
    return found;
  };
  for (const line of budget) {
    const found = year(line.fiscalYear);
    found.totalMinor += line.totalMinor;
    found.federalMinor += line.federalMinor;
  }
  for (const record of offsets) addOffsets(year(record.fiscalYear).offsets, record.figures);
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([fiscalYear, found]) => {
      const offsetsOfYear = { ...found.offsets, volunteerValueMinor: volunteerTimeValueMinor(found.offsets.volunteerMinutes, hourValueMinor) };
      offsetsOfYear.totalMinor =
        offsetsOfYear.volunteerValueMinor + offsetsOfYear.bountySavingsMinor + offsetsOfYear.processSavingsMinor + offsetsOfYear.reuseSavingsMinor;
      return {
        fiscalYear,
        totalMinor: found.totalMinor,
        federalMinor: found.federalMinor,
        federalShareBasisPoints: found.totalMinor === 0 ? 0 : Math.round((found.federalMinor * 10_000) / found.totalMinor),
        offsets: offsetsOfYear,
        coverBasisPoints: found.federalMinor === 0 ? null : Math.round((offsetsOfYear.totalMinor * 10_000) / found.federalMinor),
      };
    });
}

/** Splits an amount into `parts` whole shares that add up to it, the remainder going to the first. */
export function equalShares(amount: number, parts: number): number[] {
  if (parts <= 0) return [];
  const share = Math.trunc(amount / parts);
  return Array.from({ length: parts }, (_, index) => (index === 0 ? amount - share * (parts - 1) : share));
}

/** The fiscal year of a date column, on the city's calendar for instants. */
function fiscalYearSql(day: SQL, startMonth: number): SQL {
  return sql`(extract(year from (${day} - make_interval(months => ${startMonth - 1}::int)))::int + ${startMonth === 1 ? 0 : 1}::int)`;
}

interface Source {
  settings: ImpactSettingsView;
  currentFiscalYear: number;
  agencies: { id: string; slug: string; name: string; description: string }[];
  budget: (BudgetRecord & { department: string; program: string })[];
  offsets: OffsetRecord[];
}

async function readSource(db: Executor, city: City, now: Date): Promise<Source> {
  const settings = await impactSettingsOf(db, city);
  const startMonth = settings.fiscalYearStartMonth;
  const thisYear = currentFiscalYear(city.timeZone, startMonth, now);
  const localDay = (column: SQL) => sql`(${column} at time zone ${city.timeZone})::date`;

  const agencies = (
    await db.execute<{ id: string; slug: string; name: string; description: string }>(
      sql`select id, slug, name, description from agencies where city_id = ${city.id} order by name`,
    )
  ).rows;

  const budget = (
    await db.execute<{ fiscal_year: number; agency_id: string | null; department: string; program: string; total_minor: string; federal_minor: string }>(sql`
      select b.fiscal_year, a.id as agency_id, b.department, b.program, b.total_minor::text, b.federal_minor::text
      from budget_lines b
      left join agencies a on a.city_id = b.city_id and lower(a.name) = lower(b.department)
      where b.city_id = ${city.id}
      order by b.fiscal_year, b.department, b.program`)
  ).rows.map((row) => ({
    fiscalYear: row.fiscal_year,
    agencyId: row.agency_id,
    department: row.department,
    program: row.program,
    totalMinor: Number(row.total_minor),
    federalMinor: Number(row.federal_minor),
  }));

  const offsets: OffsetRecord[] = [];

  // Approved volunteer hours, in the year they were worked.
  const hours = await db.execute<{ fiscal_year: number; agency_id: string | null; minutes: string }>(sql`
    select ${fiscalYearSql(sql`h.worked_on`, startMonth)} as fiscal_year, o.agency_id, sum(h.minutes)::text as minutes
    from volunteer_hours h
    join opportunities o on o.id = h.opportunity_id
    where h.city_id = ${city.id} and h.status = 'approved'
    group by 1, 2`);
  for (const row of hours.rows) offsets.push({ fiscalYear: row.fiscal_year, agencyId: row.agency_id, figures: { volunteerMinutes: Number(row.minutes) } });

  // Bounties paid, in the year they were paid; the saving counts those the staff estimated.
  const bounties = await db.execute<{ fiscal_year: number; agency_id: string | null; paid: number; savings: string }>(sql`
    select ${fiscalYearSql(localDay(sql`s.paid_at`), startMonth)} as fiscal_year, p.agency_id, count(*)::int as paid,
           coalesce(sum(b.market_estimate_minor - s.amount_minor) filter (where b.market_estimate_minor is not null), 0)::text as savings
    from submissions s
    join bounties b on b.id = s.bounty_id and b.city_id = s.city_id
    left join problems p on p.id = b.problem_id
    where s.city_id = ${city.id} and s.status = 'paid' and s.paid_at is not null and s.currency = ${city.currency}
    group by 1, 2`);
  for (const row of bounties.rows)
    offsets.push({ fiscalYear: row.fiscal_year, agencyId: row.agency_id, figures: { bountiesPaid: row.paid, bountySavingsMinor: Number(row.savings) } });

  // Redesigned processes: the annual saving, in every year from the one the to-be design was marked in to this one.
  const savings = await processSavingsOf(db, city.id);
  if (savings.length > 0) {
    const marked = await db.execute<{ process_id: string; fiscal_year: number }>(sql`
      select p.id as process_id, ${fiscalYearSql(localDay(sql`r.created_at`), startMonth)} as fiscal_year
      from processes p
      join process_revisions r on r.process_id = p.id and r.number = p.to_be_revision
      where p.city_id = ${city.id}`);
    const firstYear = new Map(marked.rows.map((row) => [row.process_id, row.fiscal_year]));
    for (const saving of savings) {
      const from = firstYear.get(saving.processId);
      if (from === undefined) continue;
      for (let fiscalYear = from; fiscalYear <= thisYear; fiscalYear++)
        offsets.push({ fiscalYear, agencyId: saving.agencyId, figures: { processes: 1, processSavingsMinor: saving.annualCostSavedMinor } });
    }
  }

  // Reuse savings recorded on catalog entries, in the year the entry was added, shared among the agencies it lists.
  const entries = await db.execute<{ fiscal_year: number; agency_ids: string[]; savings: string }>(sql`
    select ${fiscalYearSql(localDay(sql`created_at`), startMonth)} as fiscal_year, agency_ids, reuse_savings_minor::text as savings
    from catalog_entries
    where city_id = ${city.id} and reuse_savings_minor > 0 and currency = ${city.currency}`);
  for (const row of entries.rows) {
    const amount = Number(row.savings);
    const known = row.agency_ids.filter((id) => agencies.some((agency) => agency.id === id));
    if (known.length === 0) {
      offsets.push({ fiscalYear: row.fiscal_year, agencyId: null, figures: { catalogEntries: 1, reuseSavingsMinor: amount } });
      continue;
    }
    // The entry is counted once, with its first agency; each agency gets its share of the saving.
    const shares = equalShares(amount, known.length);
    for (const [index, share] of shares.entries())
      offsets.push({ fiscalYear: row.fiscal_year, agencyId: known[index] ?? null, figures: { catalogEntries: index === 0 ? 1 : 0, reuseSavingsMinor: share } });
  }

  return { settings, currentFiscalYear: thisYear, agencies, budget, offsets };
}

/** One agency's years: its department's budget (unless left out) beside its own offsets. */
function agencyYears(source: Source, agencyId: string, options: { budget: boolean }): YearImpactView[] {
  return yearsOf(
    options.budget ? source.budget.filter((line) => line.agencyId === agencyId) : [],
    source.offsets.filter((record) => record.agencyId === agencyId),
    source.settings.hourValueMinor,
  );
}

/** Reads every figure in one snapshot, so that they agree with each other. */
function inSnapshot<T>(db: Database, read: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(read, { isolationLevel: "repeatable read", accessMode: "read only" });
}

export function impactOverviewOf(db: Database, city: City, now = new Date()): Promise<ImpactOverviewView> {
  return inSnapshot(db, async (tx) => {
    const source = await readSource(tx, city, now);
    return {
      currency: city.currency,
      settings: source.settings,
      currentFiscalYear: source.currentFiscalYear,
      years: yearsOf(source.budget, source.offsets, source.settings.hourValueMinor),
      agencies: source.agencies.map((agency) => ({ slug: agency.slug, name: agency.name, years: agencyYears(source, agency.id, { budget: true }) })),
    };
  });
}

export function agencyImpactOf(db: Database, city: City, slug: string, now = new Date()): Promise<AgencyImpactView> {
  return inSnapshot(db, async (tx) => {
    const source = await readSource(tx, city, now);
    const agency = source.agencies.find((candidate) => candidate.slug === slug);
    if (!agency) throw new NotFoundError("errors.agencies.notFound");
    return {
      currency: city.currency,
      settings: source.settings,
      currentFiscalYear: source.currentFiscalYear,
      agency: { slug: agency.slug, name: agency.name, description: agency.description },
      years: agencyYears(source, agency.id, { budget: true }),
      programs: source.budget
        .filter((line) => line.agencyId === agency.id)
        .map((line) => ({ fiscalYear: line.fiscalYear, program: line.program, totalMinor: line.totalMinor, federalMinor: line.federalMinor })),
    };
  });
}

/** The raw material of the open data: the budget's lines, the city's years, and each agency's offsets (years with any). */
export function openDataSourceOf(db: Database, city: City, now = new Date()) {
  return inSnapshot(db, async (tx) => {
    const source = await readSource(tx, city, now);
    return {
      settings: source.settings,
      budget: source.budget,
      years: yearsOf(source.budget, source.offsets, source.settings.hourValueMinor),
      agencies: source.agencies.map((agency) => ({ name: agency.name, years: agencyYears(source, agency.id, { budget: false }) })),
    };
  });
}
