import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * The language files hold the server's messages too (emails, and error messages it sends already
 * translated). The browser never shows those, so they are left out of its copy: every resident's
 * first page downloads a few kilobytes less. The titles of errors stay, for problems the browser
 * reports itself.
 */
function browserMessagesOnly(): Plugin {
  const serverOnly = ["mail"];
  return {
    name: "civitas-browser-messages-only",
    enforce: "pre",
    transform(code, id) {
      if (!/[\\/]src[\\/]web[\\/]i18n[\\/][a-z]{2}(-[A-Z]{2})?\.json$/.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, unknown>;
      for (const key of serverOnly) delete messages[key];
      const errors = messages.errors as Record<string, unknown> | undefined;
      if (errors) messages.errors = { titles: errors.titles };
      return { code: JSON.stringify(messages), map: null };
    },
  };
}

export default defineConfig({
  root: "src/web",
  plugins: [browserMessagesOnly(), react()],
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
