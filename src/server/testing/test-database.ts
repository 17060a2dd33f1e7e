import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../db/connection.ts";

/** A database of the test file's own, copied from the migrated template: isolated and fast. */
export interface TestDatabase extends DatabaseHandle {
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function createTestDatabase(poolSize = 10): Promise<TestDatabase> {
  const serverUrl = inject("serverUrl");
  const template = inject("templateDatabase");
  const runPid = template.split("_")[2];
  const name = `civitas_t_${runPid}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    // Copying a template needs it free of other sessions; parallel test files may race for it.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  } finally {
    await admin.end();
  }
  const handle = openDatabase(withDatabase(serverUrl, name), poolSize, "civitas-test");
  return {
    ...handle,
    name,
    async drop() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
