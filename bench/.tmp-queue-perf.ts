import { performance } from "node:perf_hooks";
import pg from "pg";
import { openDatabase } from "../src/server/db/connection.ts";
import { startCampaignSending } from "../src/server/modules/campaigns/send-campaign.ts";
const url = "postgres://postgres@127.0.0.1:5432/civitas_perf_audience_15203";
const handle = openDatabase(url, 4, "perf");
const client = new pg.Client({ connectionString: url });
await client.connect();
for (let i = 0; i < 3; i++) {
  const id = (await client.query("insert into campaigns (id, city_id, name, audience, messages) select gen_random_uuid(), city_id, 'q', audience, messages from campaigns limit 1 returning id")).rows[0].id;
  const t = performance.now();
  const result = await startCampaignSending(handle.db, id);
  console.log(result, Math.round(performance.now() - t), "ms");
}
await client.query("delete from campaigns where name = 'q'");
await client.end();
process.exit(0);
