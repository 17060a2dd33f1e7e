import http from "node:http";

/** A plain HTTP client over a pool of keep-alive sockets, for real concurrent requests in tests and benchmarks. */
export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = unknown>(): T;
}

export function httpClient(baseUrl: string, maxSockets = 64) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const base = new URL(baseUrl);
  return {
    request(options: { method: string; path: string; headers?: Record<string, string>; body?: unknown }): Promise<HttpResponse> {
      const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
      return new Promise((resolve, reject) => {
        const request = http.request(
          {
            agent,
            host: base.hostname,
            port: base.port,
            method: options.method,
            path: options.path,
            headers: { ...(payload !== undefined && { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }), ...options.headers },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () => {
              const body = Buffer.concat(chunks).toString("utf8");
              resolve({ status: response.statusCode ?? 0, headers: response.headers, body, json: () => JSON.parse(body) });
            });
            response.on("error", reject);
          },
        );
        request.on("error", reject);
        if (payload !== undefined) request.write(payload);
        request.end();
      });
    },
    close() {
      agent.destroy();
    },
  };
}
