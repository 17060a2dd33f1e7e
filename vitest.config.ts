import { defineConfig } from "vitest/config";
import { civitasMessages } from "./src/web/i18n/message-split.ts";

export default defineConfig({
  // The web app's modules import its messages through this plugin.
  plugins: [civitasMessages()],
  test: {
    include: ["src/**/*.test.ts", "bin/**/*.test.ts"],
    globalSetup: ["src/server/testing/global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
