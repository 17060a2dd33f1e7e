import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

/**
 * `npm test`: every check the project has, in one run. Lint and types, then the web build, then
 * Vitest (unit and integration tests on real PostgreSQL), then Playwright in Chromium. Every stage
 * runs even when an earlier one failed, and the run ends with one line: `N passed, N failed`.
 */

interface Stage {
  name: string;
  command: string[];
  /** Reads the stage's own report and returns how many of its tests passed and failed. */
  count?: () => { passed: number; failed: number } | null;
}

const reports = "reports";
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

function readJson(file: string): Record<string, unknown> | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

const stages: Stage[] = [
  { name: "lint (biome)", command: ["npx", "biome", "check", "."] },
  { name: "types (tsc)", command: ["npx", "tsc", "--noEmit", "-p", "."] },
  { name: "web build", command: ["npm", "run", "build", "--silent"] },
  {
    name: "unit and integration tests (vitest)",
    command: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`],
    count: () => {
      const report = readJson(`${reports}/vitest.json`);
      if (!report) return null;
      return { passed: Number(report.numPassedTests ?? 0), failed: Number(report.numFailedTests ?? 0) + Number(report.numTodoTests ?? 0) };
    },
  },
  {
    name: "browser tests (playwright)",
    command: ["npx", "playwright", "test"],
    count: () => {
      const report = readJson(`${reports}/playwright.json`);
      const stats = report?.stats as { expected?: number; unexpected?: number; flaky?: number; skipped?: number } | undefined;
      if (!stats) return null;
      return { passed: Number(stats.expected ?? 0), failed: Number(stats.unexpected ?? 0) + Number(stats.flaky ?? 0) + Number(stats.skipped ?? 0) };
    },
  },
];

let passed = 0;
let failed = 0;
const lines: string[] = [];
for (const stage of stages) {
  process.stdout.write(`\n=== ${stage.name}: ${stage.command.join(" ")}\n`);
  const started = Date.now();
  const result = spawnSync(stage.command[0] ?? "", stage.command.slice(1), {
    stdio: "inherit",
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "0" },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  const counted = stage.count?.() ?? null;
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
    // A runner that exits non-zero without a failed test (a crash, a failed setup) is one failure.
    if (!ok && counted.failed === 0) failed += 1;
    lines.push(`${ok ? "ok  " : "FAIL"} ${stage.name}: ${counted.passed} passed, ${counted.failed} failed (${seconds} s)`);
  } else {
    if (ok) passed += 1;
    else failed += 1;
    lines.push(`${ok ? "ok  " : "FAIL"} ${stage.name} (${seconds} s)`);
  }
}

process.stdout.write(`\n${lines.join("\n")}\n`);
writeFileSync(`${reports}/summary.json`, `${JSON.stringify({ passed, failed }, null, 2)}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
