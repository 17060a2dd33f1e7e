import { performance } from "node:perf_hooks";
import { newId } from "../src/server/db/columns.ts";
import { openDatabase } from "../src/server/db/connection.ts";
import { recommendOpportunities, suggestVolunteers } from "../src/server/modules/opportunities/matching.ts";
import { freshDatabase, percentile } from "./support.ts";

/**
 * Matching: 100,000 generated volunteer profiles in one city (skills from a tree, languages,
 * weekly availability, homes spread around the centre, some credentials) and 1,000 different
 * opportunities; p95 of ranking the top 50 volunteers for each.
 */
export async function runMatching() {
  const profiles = Number(process.env.BENCH_PROFILES ?? 100_000);
  const opportunityCount = Number(process.env.BENCH_OPPORTUNITIES ?? 1000);
  const database = await freshDatabase("civitas_bench_matching");
  const handle = openDatabase(database.url, 4, "civitas-bench");
  const { pool } = handle;
  const cityId = newId();
  const agencyId = newId();
  await pool.query("insert into cities (id, slug, name, time_zone) values ($1, 'benchville', 'Benchville', 'America/Chicago')", [cityId]);
  await pool.query("insert into agencies (id, city_id, slug, name) values ($1, $2, 'parks', 'Parks')", [agencyId, cityId]);
  // Five branches of five skills.
  await pool.query(
    `insert into skills (id, city_id, slug, names, position) select gen_random_uuid(), $1, 'branch-' || b, jsonb_build_object('en', 'Branch ' || b), b from generate_series(1, 5) b`,
    [cityId],
  );
  await pool.query(
    `insert into skills (id, city_id, parent_id, slug, names, position)
     select gen_random_uuid(), $1, p.id, p.slug || '-skill-' || k, jsonb_build_object('en', p.slug || ' skill ' || k), k
     from skills p, generate_series(1, 5) k where p.city_id = $1`,
    [cityId],
  );
  await pool.query(
    "insert into credential_types (id, city_id, slug, names, validity_months) values (gen_random_uuid(), $1, 'background-check', '{\"en\":\"Background check\"}', 24)",
    [cityId],
  );
  const started = performance.now();
  await pool.query(
    `insert into users (id, name, email, email_verified)
     select gen_random_uuid(), 'Volunteer ' || n, 'matching-' || n || '@volunteers.example', true from generate_series(1, $1) n`,
    [profiles],
  );
  // Skills: up to four, the earlier ones more common; homes normally spread (σ ≈ 6 km) around 39.80 N, 89.65 W.
  await pool.query(
    `insert into volunteer_profiles (id, city_id, user_id, calendar_token, languages, skill_ids, latitude, longitude, availability, birth_date, consent_email)
     select gen_random_uuid(), $1, u.id, md5(u.id::text),
            case when random() < 0.3 then array['en','es'] when random() < 0.05 then array['en','vi'] else array['en'] end,
            coalesce((select array_agg(s.id) from (select id from skills where city_id = $1 and parent_id is not null and u.id is not null
                                                   order by random() * (position + 1) limit (random() * 4)::int) s), '{}'),
            39.80 + (sqrt(-2 * ln(random())) * cos(2 * pi() * random())) * 0.054,
            -89.65 + (sqrt(-2 * ln(random())) * cos(2 * pi() * random())) * 0.07,
            (random() * 2097151)::int & (random() * 2097151)::int,
            date '1950-01-01' + (random() * 25000)::int,
            random() < 0.8
     from users u where u.email like 'matching-%'`,
    [cityId],
  );
  await pool.query(
    `insert into volunteer_credentials (id, city_id, volunteer_id, credential_type_id, issued_on, expires_on)
     select gen_random_uuid(), $1, p.id, c.id, current_date - 100, current_date + 600
     from volunteer_profiles p, credential_types c where p.city_id = $1 and random() < 0.05`,
    [cityId],
  );
  const credential = (await pool.query<{ id: string }>("select id from credential_types where city_id = $1", [cityId])).rows[0]?.id;
  await pool.query(
    `insert into opportunities (id, city_id, agency_id, title, summary, location_kind, address, latitude, longitude, required_skill_ids, required_languages, required_credential_type_ids, status)
     select gen_random_uuid(), $1, $2, 'Opportunity ' || n, 'Something to help with.', case when n % 5 = 0 then 'remote'::location_kind else 'in_person'::location_kind end,
            case when n % 5 = 0 then null else n || ' Main St' end,
            case when n % 5 = 0 then null else 39.80 + (random() - 0.5) * 0.2 end,
            case when n % 5 = 0 then null else -89.65 + (random() - 0.5) * 0.26 end,
            coalesce((select array_agg(s.id) from (select id from skills where city_id = $1 and n > 0 order by random() limit (n % 3)) s), '{}'),
            case when n % 7 = 0 then array['es'] else '{}' end,
            case when n % 10 = 0 then array[$3::uuid] else '{}' end,
            'published'
     from generate_series(1, $4) n`,
    [cityId, agencyId, credential, opportunityCount],
  );
  await pool.query(
    `insert into shifts (id, city_id, opportunity_id, starts_at, ends_at, capacity)
     select gen_random_uuid(), t.city_id, t.id, t.starts_at, t.starts_at + interval '3 hours', 20
     from (select o.city_id, o.id, date_trunc('hour', now()) + ((k * 2 + (random() * 6)::int) || ' days')::interval + ((8 + (random() * 10)::int) || ' hours')::interval as starts_at
           from opportunities o, generate_series(1, 2) k where o.city_id = $1) t`,
    [cityId],
  );
  await pool.query("analyze");
  const generated = (performance.now() - started) / 1000;

  const city = { id: cityId, timeZone: "America/Chicago" };
  const ids = (await pool.query<{ id: string }>("select id from opportunities where city_id = $1 order by random()", [cityId])).rows.map((row) => row.id);
  const { findOpportunity } = await import("../src/server/modules/opportunities/find-opportunity.ts");
  // Warm-up: prepare the statement and the caches.
  for (const id of ids.slice(0, 20)) await suggestVolunteers(handle.db, pool, city, id);
  const durations: number[] = [];
  let returned = 0;
  for (const id of ids) {
    const opportunity = await findOpportunity(handle.db, cityId, id);
    if (!opportunity) continue;
    const before = performance.now();
    const ranked = await suggestVolunteers(handle.db, pool, city, opportunity, { limit: 50 });
    durations.push(performance.now() - before);
    returned += ranked.length;
  }
  durations.sort((a, b) => a - b);

  const userIds = (await pool.query<{ user_id: string }>("select user_id from volunteer_profiles where city_id = $1 order by random() limit 200", [cityId]))
    .rows;
  const forYou: number[] = [];
  for (const row of userIds) {
    const before = performance.now();
    await recommendOpportunities(handle.db, city, row.user_id, { limit: 20 });
    forYou.push(performance.now() - before);
  }
  forYou.sort((a, b) => a - b);
  await handle.close();
  if (!process.env.BENCH_KEEP) await database.drop();
  return {
    profiles,
    opportunities: durations.length,
    p50_ms: percentile(durations, 0.5),
    p95_ms: percentile(durations, 0.95),
    max_ms: percentile(durations, 1),
    average_results: Math.round(returned / Math.max(1, durations.length)),
    for_you_p95_ms: percentile(forYou, 0.95),
    generation_s: Math.round(generated),
  };
}
