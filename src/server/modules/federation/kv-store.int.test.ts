import { Temporal } from "@js-temporal/polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../testing/test-app.ts";
import { PostgresKvStore } from "./kv-store.ts";

let t: TestApp;
let kv: PostgresKvStore;

beforeAll(async () => {
  t = await startTestApp({ PROCESS_ROLE: "web" });
  kv = new PostgresKvStore(t.database.db);
});
afterAll(async () => t?.close());

const ttl = (milliseconds: number) => Temporal.Duration.from({ milliseconds }) as unknown as globalThis.Temporal.Duration;

describe("Fedify's key–value store in PostgreSQL", () => {
  it("keeps values of any JSON shape, null apart from absent, and replaces and deletes them", async () => {
    expect(await kv.get(["absent"])).toBeUndefined();
    await kv.set(["doc", "https://a.example/actor"], { id: "https://a.example/actor", n: [1, 2] });
    await kv.set(["null"], null);
    expect(await kv.get(["doc", "https://a.example/actor"])).toEqual({ id: "https://a.example/actor", n: [1, 2] });
    expect(await kv.get(["null"])).toBeNull();
    await kv.set(["doc", "https://a.example/actor"], "replaced");
    expect(await kv.get(["doc", "https://a.example/actor"])).toBe("replaced");
    await kv.delete(["doc", "https://a.example/actor"]);
    expect(await kv.get(["doc", "https://a.example/actor"])).toBeUndefined();
  });

  it("forgets a value after its time to live, and sweeps it away", async () => {
    await kv.set(["short"], 1, { ttl: ttl(50) });
    await kv.set(["long"], 2, { ttl: ttl(60_000) });
    expect(await kv.get(["short"])).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await kv.get(["short"])).toBeUndefined();
    expect(await kv.get(["long"])).toBe(2);
    await kv.sweep();
    const rows = await t.database.pool.query("select key from federation_kv where key = array['short']");
    expect(rows.rowCount).toBe(0);
  });

  it("compares and swaps only from the expected value, once under concurrent swaps", async () => {
    await kv.set(["counter"], 0);
    expect(await kv.cas?.(["counter"], 5, 6)).toBe(false);
    const results = await Promise.all(Array.from({ length: 8 }, () => kv.cas?.(["counter"], 0, 1)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await kv.get(["counter"])).toBe(1);
    expect(await kv.cas?.(["fresh"], undefined, "first")).toBe(true);
    expect(await kv.get(["fresh"])).toBe("first");
  });

  it("lists the entries under a key prefix", async () => {
    await kv.set(["list", "a", "1"], "a1");
    await kv.set(["list", "a", "2"], "a2");
    await kv.set(["list", "b", "1"], "b1");
    const listed: { key: readonly string[]; value: unknown }[] = [];
    for await (const entry of kv.list(["list", "a"])) listed.push(entry);
    expect(listed.map((entry) => [entry.key.join("/"), entry.value]).sort()).toEqual([
      ["list/a/1", "a1"],
      ["list/a/2", "a2"],
    ]);
  });
});
