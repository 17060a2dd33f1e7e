import i18next from "i18next";

/** The web app's only way to talk to the API: JSON in, JSON out, problem+json turned into ApiProblem. */

export interface FieldError {
  field: string;
  message: string;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;

  constructor(status: number, body: { code?: string; title?: string; detail?: string; errors?: FieldError[]; requestId?: string }) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = body.code ?? "error";
    this.title = body.title ?? "";
    this.detail = body.detail ?? "";
    this.fields = body.errors ?? [];
    this.requestId = body.requestId;
  }

  fieldError(field: string): string | undefined {
    return this.fields.find((error) => error.field === field)?.message;
  }
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "accept-language": i18next.language || "en" };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  } catch {
    throw new ApiProblem(0, { code: "network", title: i18next.t("common.networkErrorTitle"), detail: i18next.t("common.networkError") });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) throw new ApiProblem(response.status, (parsed ?? {}) as ConstructorParameters<typeof ApiProblem>[1]);
  return parsed as T;
}

export const api = {
  get: <T>(url: string) => call<T>("GET", url),
  post: <T>(url: string, body: unknown = {}) => call<T>("POST", url, body),
  patch: <T>(url: string, body: unknown) => call<T>("PATCH", url, body),
  put: <T>(url: string, body: unknown) => call<T>("PUT", url, body),
  delete: <T = void>(url: string, body?: unknown) => call<T>("DELETE", url, body),
};

export function cityApi(city: string): string {
  return `/api/v1/cities/${encodeURIComponent(city)}`;
}
