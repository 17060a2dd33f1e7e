import { performance } from "node:perf_hooks";
import { openDatabase } from "../src/server/db/connection.ts";
import { countAudience } from "../src/server/modules/campaigns/audience.ts";
import { startCampaignSending } from "../src/server/modules/campaigns/send-campaign.ts";
import { createBulkVolunteers } from "../src/server/testing/bulk-volunteers.ts";
import { freshDatabase } from "./support.ts";

const database = await freshDatabase("civitas_perf_audience");
const handle = openDatabase(database.url, 4, "perf");
const { pool } = handle;
const city = (await pool.query("insert into cities (id, slug, name, time_zone) values (gen_random_uuid(), 'perf', 'Perf', 'America/Chicago') returning id")).rows[0].id;
let t = performance.now();
await createBulkVolunteers(pool, { cityId: city, count: 100_000, secret: "x".repeat(40), languages: ["en", "es"] });
console.log("created", Math.round(performance.now() - t));
await pool.query(`update volunteer_profiles set latitude = 39.7 + random() * 0.2, longitude = -89.75 + random() * 0.2, availability = (random() * 2097151)::int, neighbourhood = 'N' || (random()*30)::int`);
await pool.query("vacuum analyze volunteer_profiles");
await pool.query("analyze users");
const all = { skillIds: [], languages: [], neighbourhoods: [], near: null, availability: 0, credentialTypeIds: [], attendedWithinDays: null, groupIds: [] };
for (const [label, audience] of [
  ["all", all],
  ["near", { ...all, near: { latitude: 39.8, longitude: -89.65, radiusKm: 3 } }],
  ["lang+avail+hood", { ...all, languages: ["es"], availability: 7, neighbourhoods: ["n3", "n4"] }],
] as const) {
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const result = await countAudience(handle.db, city, "email", audience as never);
    console.log("count", label, result, Math.round(performance.now() - t), "ms");
  }
}
const campaign = (
  await pool.query(
    `insert into campaigns (id, city_id, name, audience, messages) values (gen_random_uuid(), $1, 'perf', $2, $3) returning id`,
    [city, JSON.stringify(all), JSON.stringify({ en: { subject: "s", body: "b" }, es: { subject: "s", body: "b" } })],
  )
).rows[0].id;
t = performance.now();
console.log(await startCampaignSending(handle.db, campaign), "queued in", Math.round(performance.now() - t), "ms");
await handle.close?.();
await pool.end().catch(() => {});
console.log(database.name);
process.exit(0);
