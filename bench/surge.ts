import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { newId } from "../src/server/db/columns.ts";
import { createBulkVolunteers } from "../src/server/testing/bulk-volunteers.ts";
import { httpClient } from "../src/server/testing/http-client.ts";
import { benchSecret, freshDatabase, percentile, pgbenchTps, startCivitas } from "./support.ts";

/**
 * Surge: one opportunity with 20 shifts of 100 places, waitlists on; 50 connections, each request a
 * different signed-in volunteer signing up for a random shift of the 20, for 20 seconds (the shifts
 * fill and later requests land on waitlists). Baseline: pgbench -N on the same server, same run,
 * before and after.
 */
export async function runSurge() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 20);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const volunteersWanted = Number(process.env.BENCH_VOLUNTEERS ?? 200_000);

  // The baseline is measured before and after the sign-ups and averaged, so that a shared machine's
  // load changing during the run weighs on both sides alike.
  const pgbenchBefore = await pgbenchTps(seconds, connections);

  const database = await freshDatabase("civitas_bench_surge");
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const cityId = newId();
  const agencyId = newId();
  const opportunityId = newId();
  await pool.query("insert into cities (id, slug, name, time_zone) values ($1, 'benchville', 'Benchville', 'America/Chicago')", [cityId]);
  await pool.query("insert into agencies (id, city_id, slug, name) values ($1, $2, 'emergency', 'Emergency')", [agencyId, cityId]);
  await pool.query(
    "insert into opportunities (id, city_id, agency_id, title, summary, location_kind, address, status) values ($1, $2, $3, 'Sandbags', 'Fill sandbags before the flood.', 'in_person', 'Depot', 'published')",
    [opportunityId, cityId, agencyId],
  );
  const shiftIds: string[] = [];
  for (let index = 0; index < 20; index++) {
    const id = newId();
    const startsAt = new Date(Date.now() + 86_400_000 + index * 4 * 3_600_000);
    await pool.query(
      "insert into shifts (id, city_id, opportunity_id, starts_at, ends_at, capacity, waitlist_enabled) values ($1, $2, $3, $4, $5, 100, true)",
      [id, cityId, opportunityId, startsAt, new Date(startsAt.getTime() + 3 * 3_600_000)],
    );
    shiftIds.push(id);
  }
  const volunteers = await createBulkVolunteers(pool, { cityId, count: volunteersWanted, secret: benchSecret, prefix: "surge" });

  const server = await startCivitas(database.url);
  const client = httpClient(server.url, connections);
  // Warm up the server (JIT, prepared statements) on another opportunity-less path.
  for (let index = 0; index < 200; index++) await client.request({ method: "GET", path: "/api/v1/cities/benchville/opportunities" });

  let next = 0;
  const latencies: number[] = [];
  const acknowledged: string[] = [];
  const statuses = new Map<number, number>();
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let exhausted = false;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const volunteer = volunteers[next++];
        if (!volunteer) {
          exhausted = true;
          return;
        }
        const shiftId = shiftIds[randomInt(shiftIds.length)];
        const before = performance.now();
        const response = await client.request({
          method: "POST",
          path: `/api/v1/cities/benchville/shifts/${shiftId}/signups`,
          headers: { cookie: volunteer.cookie, origin: server.url },
        });
        latencies.push(performance.now() - before);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 200 || response.status === 201) acknowledged.push(response.json<{ id: string }>().id);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  client.close();
  await server.stop();
  const pgbenchAfter = await pgbenchTps(seconds, connections);
  const pgbench = (pgbenchBefore + pgbenchAfter) / 2;

  const overCapacity = await pool.query<{ count: number }>(`
    select count(*)::int as count from shifts s
    where s.confirmed_count > s.capacity
       or (select count(*) from signups g where g.shift_id = s.id and g.status = 'confirmed') > s.capacity
       or (select count(*) from signups g where g.shift_id = s.id and g.status = 'confirmed') <> s.confirmed_count`);
  const stored = new Set((await pool.query<{ id: string }>("select id from signups")).rows.map((row) => row.id));
  const lost = acknowledged.filter((id) => !stored.has(id)).length;
  await pool.end();
  await database.drop();

  latencies.sort((a, b) => a - b);
  const signupsPerSecond = Math.round(latencies.length / elapsed);
  return {
    signups_per_s: signupsPerSecond,
    pgbench_n_tps: Math.round(pgbench),
    pgbench_n_tps_before_after: [Math.round(pgbenchBefore), Math.round(pgbenchAfter)],
    ratio: Math.round((signupsPerSecond / pgbench) * 100) / 100,
    p50_ms: percentile(latencies, 0.5),
    p99_ms: percentile(latencies, 0.99),
    over_capacity: overCapacity.rows[0]?.count ?? -1,
    lost,
    requests: latencies.length,
    statuses: Object.fromEntries(statuses),
    seconds: Math.round(elapsed * 10) / 10,
    connections,
    volunteers_exhausted: exhausted,
  };
}
