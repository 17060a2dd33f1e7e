import { execFileSync, spawn } from "node:child_process";
import pg from "pg";
import { newId } from "../src/server/db/columns.ts";
import { freePort, freshDatabase, startCivitas } from "./support.ts";

/**
 * Listing: the anonymous first page of the public opportunity listing of a city with 2,000 open
 * opportunities, 50 connections, 20 s (wrk). Baseline: a bare Fastify route returning a static JSON of
 * the same size, served and loaded the same way in the same run.
 */

function wrk(url: string, seconds: number, connections: number): { rps: number; p99: string } {
  const output = execFileSync("wrk", ["-t", "2", "-c", String(connections), "-d", `${seconds}s`, "--latency", url], { encoding: "utf8" });
  const rps = Number(output.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0);
  const nonOk = output.match(/Non-2xx or 3xx responses: (\d+)/);
  if (nonOk) throw new Error(`wrk saw ${nonOk[1]} failed responses from ${url}`);
  return { rps, p99: output.match(/99%\s+([\d.]+\w+)/)?.[1] ?? "" };
}

async function bareFastify(body: string): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const script = `
    import Fastify from "fastify";
    const body = ${JSON.stringify(body)};
    const app = Fastify();
    app.get("/static", async (_request, reply) => reply.type("application/json; charset=utf-8").send(body));
    await app.listen({ host: "127.0.0.1", port: ${port} });
    process.stdout.write("ready\\n");`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => child.stdout?.once("data", () => resolve()));
  return { url: `http://127.0.0.1:${port}/static`, stop: () => child.kill("SIGTERM") };
}

export async function runListing() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 20);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const database = await freshDatabase("civitas_bench_listing");
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const cityId = newId();
  const agencyId = newId();
  await pool.query("insert into cities (id, slug, name, time_zone) values ($1, 'benchville', 'Benchville', 'America/Chicago')", [cityId]);
  await pool.query("insert into agencies (id, city_id, slug, name) values ($1, $2, 'parks', 'Parks and Recreation')", [agencyId, cityId]);
  await pool.query(
    `insert into opportunities (id, city_id, agency_id, title, summary, location_kind, address, neighbourhood, status, published_at)
     select gen_random_uuid(), $1, $2, 'Opportunity ' || n, 'Help your neighbours with task number ' || n || ' this month.', 'in_person', n || ' Main St',
            (array['Downtown','Eastside','Riverside','Northgate','Southeast'])[1 + n % 5], 'published', now()
     from generate_series(1, 2000) n`,
    [cityId, agencyId],
  );
  await pool.query(
    `insert into shifts (id, city_id, opportunity_id, starts_at, ends_at, capacity)
     select gen_random_uuid(), o.city_id, o.id, t.starts_at, t.starts_at + interval '3 hours', 10 + (random() * 40)::int
     from opportunities o, generate_series(1, 3) k,
          lateral (select now() + (k || ' days')::interval + (random() * 10 || ' hours')::interval as starts_at where o.id is not null) t`,
  );
  await pool.end();

  const server = await startCivitas(database.url);
  const listingUrl = `${server.url}/api/v1/cities/benchville/opportunities`;
  const body = await (await fetch(listingUrl)).text();
  const listing = wrk(listingUrl, seconds, connections);
  await server.stop();

  const bare = await bareFastify(body);
  const baseline = wrk(bare.url, seconds, connections);
  bare.stop();
  await database.drop();
  return {
    listing_rps: Math.round(listing.rps),
    baseline_rps: Math.round(baseline.rps),
    ratio: Math.round((listing.rps / baseline.rps) * 100) / 100,
    listing_p99: listing.p99,
    baseline_p99: baseline.p99,
    body_bytes: Buffer.byteLength(body),
    opportunities: 2000,
    seconds,
    connections,
  };
}
