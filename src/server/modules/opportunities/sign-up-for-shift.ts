import type pg from "pg";
import { newId } from "../../db/columns.ts";
import { ConflictError, DomainError, NotFoundError } from "../../platform/errors/index.ts";
import { ensureVolunteerProfile } from "../volunteers/index.ts";

/**
 * Signing up for a shift: the surge path. Everything is decided by ONE prepared statement, so a
 * sign-up costs one round trip and no lock is held between statements:
 *
 *  - the volunteer's profile, the shift (published opportunity, scheduled, not started) and the
 *    opportunity's requirements (languages, minimum age on the shift's local date, credentials
 *    valid through the shift) are read together;
 *  - a place is taken by `UPDATE shifts SET confirmed_count = confirmed_count + 1 WHERE
 *    confirmed_count < capacity`: PostgreSQL re-checks that condition on the locked row, so
 *    concurrent sign-ups queue on the shift row and exactly `capacity` of them win; a CHECK
 *    constraint on the table refuses any row over capacity as a second line of defence;
 *  - whoever finds no place joins the waitlist, if the shift has one (first come, first served by
 *    the time-ordered id);
 *  - the notice owed to the volunteer (confirmed or waitlisted) is written in the same statement.
 *
 * It reads the volunteers module's profile and credential tables directly: one round trip is the
 * point of this statement. Two sign-ups of one volunteer that race for overlapping shifts are
 * stopped by the exclusion constraint on `signups`; the loser is answered like any other clash.
 */

const signUpStatement = `
with
v as (
  select p.id, p.languages, p.birth_date
  from volunteer_profiles p
  where p.city_id = $1 and p.user_id = $3 and p.erased_at is null
),
sh as (
  select s.id, s.starts_at, s.ends_at, s.waitlist_enabled, s.status, o.required_languages, o.minimum_age, o.required_credential_type_ids
  from shifts s join opportunities o on o.id = s.opportunity_id
  where s.id = $2 and s.city_id = $1 and o.status = 'published'
),
unmet as (
  select
    coalesce((select array_agg(l) from unnest(sh.required_languages) l where not (l = any (v.languages))), '{}') as languages,
    case when sh.minimum_age is not null
          and (v.birth_date is null or v.birth_date > ((sh.starts_at at time zone $5)::date - make_interval(years => sh.minimum_age))::date)
         then sh.minimum_age end as age,
    coalesce((select array_agg(c) from unnest(sh.required_credential_type_ids) c
              where not exists (select 1 from volunteer_credentials vc
                                where vc.volunteer_id = v.id and vc.credential_type_id = c
                                  and (vc.expires_on is null or vc.expires_on >= (sh.ends_at at time zone $5)::date))), '{}') as credentials
  from v, sh
),
existing as (
  select e.id, e.status from signups e, v
  where e.shift_id = $2 and e.volunteer_id = v.id and e.status in ('confirmed', 'waitlisted')
),
clash as (
  select c.shift_id from signups c, v, sh
  where c.volunteer_id = v.id and c.status = 'confirmed' and c.shift_id <> sh.id
    and tstzrange(c.starts_at, c.ends_at) && tstzrange(sh.starts_at, sh.ends_at)
  limit 1
),
eligible as (
  select 1 from v, sh, unmet
  where sh.status = 'scheduled' and sh.starts_at > now()
    and cardinality(unmet.languages) = 0 and unmet.age is null and cardinality(unmet.credentials) = 0
    and not exists (select 1 from existing) and not exists (select 1 from clash)
),
seat as (
  update shifts set confirmed_count = confirmed_count + 1
  where id = $2 and confirmed_count < capacity and exists (select 1 from eligible)
  returning id
),
inserted as (
  insert into signups (id, city_id, shift_id, volunteer_id, status, starts_at, ends_at, confirmed_at)
  select $4, $1, sh.id, v.id,
         case when exists (select 1 from seat) then 'confirmed'::signup_status else 'waitlisted'::signup_status end,
         sh.starts_at, sh.ends_at,
         case when exists (select 1 from seat) then now() end
  from v, sh
  where exists (select 1 from eligible) and (exists (select 1 from seat) or sh.waitlist_enabled)
  returning id, status
),
notice as (
  insert into shift_notices (city_id, signup_id, kind)
  select $1, id, status::text from inserted
)
select
  (select id from v) as volunteer_id,
  (select status from sh) as shift_status,
  (select starts_at from sh) as starts_at,
  (select waitlist_enabled from sh) as waitlist_enabled,
  (select id from inserted) as signup_id,
  (select status from inserted) as status,
  -- Everyone waiting whom this statement can see came first (ids and times only grow).
  case when (select status from inserted) = 'waitlisted'
       then (select count(*)::int + 1 from signups w where w.shift_id = $2 and w.status = 'waitlisted') end as waitlist_position,
  (select id from existing) as existing_id,
  (select status from existing) as existing_status,
  (select shift_id from clash) as clash_shift_id,
  (select languages from unmet) as unmet_languages,
  (select age from unmet) as unmet_age,
  (select credentials from unmet) as unmet_credentials`;

interface StatementRow {
  volunteer_id: string | null;
  shift_status: "scheduled" | "cancelled" | null;
  starts_at: Date | null;
  waitlist_enabled: boolean | null;
  signup_id: string | null;
  status: "confirmed" | "waitlisted" | null;
  waitlist_position: number | null;
  existing_id: string | null;
  existing_status: "confirmed" | "waitlisted" | null;
  clash_shift_id: string | null;
  unmet_languages: string[] | null;
  unmet_age: number | null;
  unmet_credentials: string[] | null;
}

export interface SignUpInput {
  cityId: string;
  timeZone: string;
  shiftId: string;
  userId: string;
}

export interface SignUpOutcome {
  signupId: string;
  status: "confirmed" | "waitlisted";
  /** False when the person already held this place; the answer is then the same, not an error. */
  created: boolean;
  /** For a new place on the waitlist, its number; otherwise null (ask waitlistPosition). */
  waitlistPosition: number | null;
}

/** Thrown when the opportunity's requirements are not met; the caller names them for the reader. */
export class RequirementsNotMetError extends DomainError {
  readonly unmet: { languages: string[]; minimumAge: number | null; credentialTypeIds: string[] };
  /** A guest has no profile on which the requirements could be checked. */
  readonly forGuest: boolean;
  constructor(unmet: RequirementsNotMetError["unmet"], forGuest = false) {
    super(409, "requirements-not-met", forGuest ? "errors.shifts.guestNeedsProfile" : "errors.shifts.requirementsNotMet");
    this.unmet = unmet;
    this.forGuest = forGuest;
  }
}

/** Thrown when the volunteer holds a confirmed place on an overlapping shift. */
export class ShiftClashError extends DomainError {
  readonly clashingShiftId: string;
  constructor(clashingShiftId: string) {
    super(409, "shift-clash", "errors.shifts.clash");
    this.clashingShiftId = clashingShiftId;
  }
}

function asArray(value: string[] | string | null): string[] {
  if (Array.isArray(value)) return value;
  if (!value || value === "{}") return [];
  return value.replace(/^\{|\}$/g, "").split(",");
}

async function runStatement(pool: pg.Pool, input: SignUpInput): Promise<StatementRow> {
  const result = await pool.query<StatementRow>({
    name: "sign-up-for-shift-v2",
    text: signUpStatement,
    values: [input.cityId, input.shiftId, input.userId, newId(), input.timeZone],
  });
  const row = result.rows[0];
  if (!row) throw new Error("the sign-up statement returned no row");
  return row;
}

export async function signUpForShift(pool: pg.Pool, db: Parameters<typeof ensureVolunteerProfile>[0], input: SignUpInput): Promise<SignUpOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    let row: StatementRow;
    try {
      row = await runStatement(pool, input);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Lost a race with a concurrent sign-up of the same person: run again and answer what is now true.
      if ((code === "23505" || code === "23P01") && attempt < 2) continue;
      throw error;
    }
    if (!row.volunteer_id) {
      if (attempt > 0) throw new Error("the volunteer profile vanished during sign-up");
      await ensureVolunteerProfile(db, input.cityId, input.userId);
      continue;
    }
    if (!row.shift_status) throw new NotFoundError("errors.shifts.notFound");
    if (row.signup_id && row.status) return { signupId: row.signup_id, status: row.status, created: true, waitlistPosition: row.waitlist_position };
    if (row.existing_id && row.existing_status) return { signupId: row.existing_id, status: row.existing_status, created: false, waitlistPosition: null };
    if (row.shift_status === "cancelled") throw new ConflictError("errors.shifts.cancelled");
    if (row.starts_at && row.starts_at.getTime() <= Date.now()) throw new ConflictError("errors.shifts.started");
    const languages = asArray(row.unmet_languages);
    const credentials = asArray(row.unmet_credentials);
    if (languages.length || credentials.length || row.unmet_age !== null) {
      throw new RequirementsNotMetError({ languages, minimumAge: row.unmet_age, credentialTypeIds: credentials });
    }
    if (row.clash_shift_id) throw new ShiftClashError(row.clash_shift_id);
    // Eligible, no place left and no waitlist.
    throw new ConflictError("errors.shifts.full");
  }
  throw new ConflictError("errors.shifts.busy");
}
