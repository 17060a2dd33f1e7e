import { sql } from "drizzle-orm";
import type { PrivateImpactView } from "../../../contracts/impact.ts";
import type { Database } from "../../db/connection.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { currentFiscalYear, fiscalYearDays, volunteerTimeValueMinor } from "./offsets.ts";
import { impactSettingsOf } from "./settings.ts";

/**
 * What the city's staff see beyond the public figures, for one fiscal year: hours waiting for review
 * or refused, approved hours per volunteer (by name: this never leaves the admin dashboard) and per
 * opportunity. A volunteer who asked to be erased is counted without a name.
 */
export async function privateImpactOf(db: Database, city: City, fiscalYear: number | undefined, now = new Date()): Promise<PrivateImpactView> {
  return db.transaction(
    async (tx) => {
      const settings = await impactSettingsOf(tx, city);
      const year = fiscalYear ?? currentFiscalYear(city.timeZone, settings.fiscalYearStartMonth, now);
      const { first, last } = fiscalYearDays(year, settings.fiscalYearStartMonth);
      const inYear = sql`h.city_id = ${city.id} and h.worked_on between ${first}::date and ${last}::date`;

      const [review] = (
        await tx.execute<{ pending_entries: number; pending_minutes: string; rejected_entries: number }>(sql`
          select count(*) filter (where h.status = 'pending')::int as pending_entries,
                 coalesce(sum(h.minutes) filter (where h.status = 'pending'), 0)::text as pending_minutes,
                 count(*) filter (where h.status = 'rejected')::int as rejected_entries
          from volunteer_hours h where ${inYear}`)
      ).rows;

      const volunteers = await tx.execute<{ volunteer_id: string; name: string | null; erased: boolean; minutes: string; entries: number }>(sql`
        select h.volunteer_id, u.name, v.erased_at is not null as erased, sum(h.minutes)::text as minutes, count(*)::int as entries
        from volunteer_hours h
        join volunteer_profiles v on v.id = h.volunteer_id
        left join users u on u.id = v.user_id
        where ${inYear} and h.status = 'approved'
        group by h.volunteer_id, u.name, v.erased_at
        order by sum(h.minutes) desc, u.name
        limit 500`);

      const opportunities = await tx.execute<{ opportunity_id: string; title: string; agency_name: string | null; minutes: string; volunteers: number }>(sql`
        select o.id as opportunity_id, o.title, a.name as agency_name, sum(h.minutes)::text as minutes, count(distinct h.volunteer_id)::int as volunteers
        from volunteer_hours h
        join opportunities o on o.id = h.opportunity_id
        left join agencies a on a.id = o.agency_id
        where ${inYear} and h.status = 'approved'
        group by o.id, o.title, a.name
        order by sum(h.minutes) desc, o.title
        limit 500`);

      return {
        currency: city.currency,
        fiscalYear: year,
        hourValueMinor: settings.hourValueMinor,
        pendingEntries: review?.pending_entries ?? 0,
        pendingMinutes: Number(review?.pending_minutes ?? 0),
        rejectedEntries: review?.rejected_entries ?? 0,
        volunteers: volunteers.rows.map((row) => ({
          volunteerId: row.volunteer_id,
          name: row.erased ? "" : (row.name ?? ""),
          approvedMinutes: Number(row.minutes),
          valueMinor: volunteerTimeValueMinor(Number(row.minutes), settings.hourValueMinor),
          entries: row.entries,
        })),
        opportunities: opportunities.rows.map((row) => ({
          opportunityId: row.opportunity_id,
          title: row.title,
          agencyName: row.agency_name,
          approvedMinutes: Number(row.minutes),
          volunteers: row.volunteers,
        })),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
