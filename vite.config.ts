import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { civitasMessages } from "./src/web/i18n/message-split.ts";

export default defineConfig({
  root: "src/web",
  // Each page downloads the sections of the language file it uses, in the reader's language only.
  plugins: [civitasMessages(), react()],
  css: {
    preprocessorOptions: {
      scss: { loadPaths: ["node_modules/@uswds/uswds/packages"], quietDeps: true, silenceDeprecations: ["import", "global-builtin"] },
    },
  },
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    target: "es2022",
    // Everything ships as files: the Content-Security-Policy allows no inline fonts or scripts.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
