import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { CityFederation } from "./city-federation.ts";

/**
 * Hands ActivityPub and WebFinger requests to Fedify. Their bodies stay raw bytes, since HTTP
 * Signatures cover the digest of exactly what was sent. A browser asking for a city's actor gets
 * the city's catalog page instead.
 */
export function registerFederationBridge(app: FastifyInstance, federation: CityFederation): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));

    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      const url = new URL(request.url, federation.origin);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (Array.isArray(value)) for (const each of value) headers.append(name, each);
        else if (value !== undefined) headers.set(name, String(value));
      }
      const raw = request.method === "GET" || request.method === "HEAD" ? undefined : (request.body as Buffer | undefined);
      // A copy in an ArrayBuffer of its own: what the Fetch API takes as a body.
      const body = raw ? Uint8Array.from(raw).buffer : undefined;
      const response = await federation.federation.fetch(new Request(url, { method: request.method, headers, body }), {
        contextData: undefined,
        onNotFound: () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } }),
        onNotAcceptable: () => {
          const actor = /^\/ap\/cities\/([a-z0-9-]+)$/.exec(url.pathname);
          if (actor) return new Response(null, { status: 302, headers: { location: `/${actor[1]}/catalog` } });
          return new Response("Ask for application/activity+json", { status: 406, headers: { "content-type": "text/plain; charset=utf-8" } });
        },
      });
      reply.code(response.status);
      response.headers.forEach((value, name) => {
        if (name !== "content-length" && name !== "transfer-encoding") reply.header(name, value);
      });
      return reply.send(Buffer.from(await response.arrayBuffer()));
    };

    scope.route({ method: ["GET", "POST"], url: "/ap/*", handler: handle, schema: { hide: true } });
    scope.route({ method: ["GET"], url: "/.well-known/webfinger", handler: handle, schema: { hide: true } });
  });
}
