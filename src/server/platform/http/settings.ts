import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { settingsResponse } from "../../../contracts/platform.ts";
import type { Config } from "../../config.ts";
import { supportedLocales } from "../i18n/index.ts";

/** What the web app needs to know about this deployment before anyone signs in. */
export function registerSettingsRoute(app: FastifyInstance, deps: { config: Config; mailTransport: "smtp" | "outbox" }): void {
  app.withTypeProvider<ZodTypeProvider>().get("/api/v1/settings", {
    schema: { tags: ["platform"], summary: "Languages and sign-in methods of this deployment", response: { 200: settingsResponse } },
    config: { access: "public" },
    handler: async () => ({
      locales: supportedLocales,
      singleSignOn: deps.config.oidc ? { providerId: "oidc", name: deps.config.oidc.name } : null,
      mailTransport: deps.mailTransport,
    }),
  });
}
