#!/usr/bin/env node
// The `civitas` command. The CLI is TypeScript, run by Node's own type stripping (on by default
// from Node 22.18; behind a flag on 22.12 to 22.17, so the command re-runs itself with the flag).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`civitas needs Node.js 22.12 or newer (this is ${process.version}).\n`);
  process.exit(1);
}
const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
if (process.features.typescript) {
  await import(main);
} else {
  const result = spawnSync(process.execPath, ["--experimental-strip-types", "--no-warnings", main, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
