import { stopEmbedded } from "./support.ts";

/** `npm run bench -- <name>`: runs one benchmark and prints its JSON line. */
const benchmarks: Record<string, () => Promise<Record<string, unknown>>> = {
  surge: async () => (await import("./surge.ts")).runSurge(),
  listing: async () => (await import("./listing.ts")).runListing(),
  matching: async () => (await import("./matching.ts")).runMatching(),
  campaign: async () => (await import("./campaign.ts")).runCampaign(),
  weight: async () => (await import("./page-weight.ts")).runPageWeight(),
};

const name = process.argv[2];
const run = name ? benchmarks[name] : undefined;
if (!run) {
  process.stderr.write(`Usage: npm run bench -- <${Object.keys(benchmarks).join("|")}>\n`);
  process.exit(64);
}
try {
  const result = await run();
  process.stdout.write(`${JSON.stringify({ benchmark: name, ...result })}\n`);
} finally {
  await stopEmbedded();
}
process.exit(0);
