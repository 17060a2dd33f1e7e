#!/usr/bin/env node
// The `civitas` command. The CLI is written in TypeScript and runs on Node's built-in type stripping.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22 || !process.features.typescript) {
  process.stderr.write(`civitas needs Node.js 22.18 or newer with TypeScript support (this is ${process.version}).\n`);
  process.exit(1);
}
await import("../src/cli/main.ts");
