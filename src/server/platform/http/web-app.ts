import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { buildProblem, sendProblem } from "../errors/index.ts";
import { localeOfRequest, translate } from "../i18n/index.ts";

/**
 * Serves the built web app (Vite output): hashed assets cached for a year, pre-compressed variants
 * when present, and index.html for every page path so the client router can take over.
 */
export async function registerWebApp(app: FastifyInstance, options: { distDirectory: string }): Promise<void> {
  const root = path.resolve(options.distDirectory);
  const indexFile = path.join(root, "index.html");
  const built = existsSync(indexFile);
  const indexHtml = built ? readFileSync(indexFile) : null;

  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      preCompressed: true,
      setHeaders(response, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        response.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "public, max-age=300");
      },
      allowedPath: (pathName) => pathName !== "/index.html",
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isPage =
      (request.method === "GET" || request.method === "HEAD") && !request.url.startsWith("/api/") && !path.extname(request.url.split("?")[0] ?? "");
    if (isPage && indexHtml) {
      return reply.code(200).type("text/html; charset=utf-8").header("cache-control", "no-cache").send(indexHtml);
    }
    if (isPage) {
      return reply.code(503).type("text/plain; charset=utf-8").send("The web app has not been built yet: run `npm run build`, then reload.");
    }
    const locale = localeOfRequest(request);
    return sendProblem(
      reply,
      buildProblem(request, 404, "not-found", translate(locale, "errors.routeNotFound", { method: request.method, path: request.url.split("?")[0] })),
    );
  });
}
