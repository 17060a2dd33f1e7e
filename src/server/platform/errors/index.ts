import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from "fastify";
import { isResponseSerializationError } from "fastify-type-provider-zod";
import { type ZodType, z } from "zod";
import { localeOfRequest, translate } from "../i18n/index.ts";
import { DomainError, type FieldProblem, RateLimitedError, type RowsRejectedError } from "./domain-errors.ts";

export * from "./domain-errors.ts";

/**
 * Every error leaves the server as RFC 9457 problem+json: a stable `code`, a `title` and `detail`
 * in the reader's language, the `requestId` to quote to support, and for bad input one entry per
 * field in `errors`.
 */

/** A request that does not match its route's zod schema; keeps the issues for field-level messages. */
export class RequestValidationError extends Error {
  readonly issues: readonly Record<string, unknown>[];
  readonly statusCode = 400;
  validationContext?: string;
  constructor(issues: readonly Record<string, unknown>[]) {
    super("request validation failed");
    this.issues = issues;
  }
}

/**
 * Validates with the route's zod schema. The input is kept in each issue so the message can say
 * "This is required." for an empty field rather than "too short"; it never reaches the response.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues as unknown as Record<string, unknown>[]) };
  };

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: { field: string; message: string; line?: number }[];
  [extension: string]: unknown;
}

export const problemContentType = "application/problem+json; charset=utf-8";

export function problemType(code: string): string {
  return `urn:civitas:problem:${code}`;
}

const titleKeyByStatus: Record<number, string> = {
  400: "errors.titles.badRequest",
  401: "errors.titles.unauthenticated",
  403: "errors.titles.forbidden",
  404: "errors.titles.notFound",
  405: "errors.titles.methodNotAllowed",
  406: "errors.titles.notAcceptable",
  409: "errors.titles.conflict",
  413: "errors.titles.tooLarge",
  415: "errors.titles.unsupportedMediaType",
  422: "errors.titles.badRequest",
  429: "errors.titles.rateLimited",
  500: "errors.titles.internal",
  503: "errors.titles.unavailable",
};

/** Problems whose title says more than their status does. */
const titleKeyByCode: Record<string, string> = {
  "requirements-not-met": "errors.titles.requirementsNotMet",
  "invalid-input": "errors.titles.badRequest",
};

const codeByStatus: Record<number, string> = {
  400: "bad-request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not-found",
  405: "method-not-allowed",
  406: "not-acceptable",
  409: "conflict",
  413: "payload-too-large",
  415: "unsupported-media-type",
  429: "rate-limited",
  500: "internal",
  503: "unavailable",
};

export function buildProblem(
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  fields: { field: string; message: string; line?: number }[] = [],
): ProblemDocument {
  const locale = localeOfRequest(request);
  const problem: ProblemDocument = {
    type: problemType(code),
    title: translate(locale, titleKeyByCode[code] ?? titleKeyByStatus[status] ?? "errors.titles.badRequest"),
    status,
    detail,
    instance: request.url.split("?")[0] ?? request.url,
    code,
    requestId: String(request.id),
  };
  if (fields.length > 0) problem.errors = fields;
  return problem;
}

export function sendProblem(reply: FastifyReply, problem: ProblemDocument): FastifyReply {
  return reply.code(problem.status).type(problemContentType).send(problem);
}

function localiseField(locale: string, field: FieldProblem): { field: string; message: string; line?: number } {
  const localised = { field: field.field, message: field.message ?? translate(locale, field.messageKey, field.params) };
  return typeof field.line === "number" ? { ...localised, line: field.line } : localised;
}

/** Turns one zod issue into a sentence a person understands, in their language. */
export function describeZodIssue(locale: string, issue: Record<string, unknown>): string {
  const code = String(issue.code ?? issue.keyword ?? "");
  if (typeof issue.message === "string" && issue.message.startsWith("errors."))
    return translate(locale, issue.message, (issue.params as Record<string, unknown>) ?? {});
  const origin = String(issue.origin ?? "");
  if ((code === "invalid_type" || code === "too_small") && (issue.input === undefined || issue.input === null || issue.input === "")) {
    return translate(locale, "errors.field.required");
  }
  if (code === "invalid_type")
    return translate(locale, "errors.field.wrongType", {
      expected: translate(locale, `errors.types.${String(issue.expected)}`, { defaultValue: String(issue.expected) }),
    });
  if (code === "too_small" && origin === "string") {
    return Number(issue.minimum) <= 1
      ? translate(locale, "errors.field.required")
      : translate(locale, "errors.field.tooShort", { count: Number(issue.minimum) });
  }
  if (code === "too_big" && origin === "string") return translate(locale, "errors.field.tooLong", { count: Number(issue.maximum) });
  if (code === "too_small" && (origin === "number" || origin === "int" || origin === "bigint"))
    return translate(locale, "errors.field.numberTooSmall", { minimum: issue.minimum });
  if (code === "too_big" && (origin === "number" || origin === "int" || origin === "bigint"))
    return translate(locale, "errors.field.numberTooBig", { maximum: issue.maximum });
  if (code === "too_small" && origin === "array") return translate(locale, "errors.field.tooFewItems", { count: Number(issue.minimum) });
  if (code === "too_big" && origin === "array") return translate(locale, "errors.field.tooManyItems", { count: Number(issue.maximum) });
  if (code === "invalid_format" && issue.format === "email") return translate(locale, "errors.field.email");
  if (code === "invalid_format" && issue.format === "url") return translate(locale, "errors.field.url");
  if (code === "invalid_format" && issue.format === "uuid") return translate(locale, "errors.field.uuid");
  if (code === "invalid_format" && (issue.format === "datetime" || issue.format === "date")) return translate(locale, "errors.field.date");
  if (code === "invalid_format" && issue.format === "regex") return translate(locale, "errors.field.pattern");
  if (code === "invalid_value")
    return translate(locale, "errors.field.oneOf", { values: (issue.values as unknown[] | undefined)?.map(String).join(", ") ?? "" });
  if (code === "unrecognized_keys") return translate(locale, "errors.field.unknownKeys", { keys: (issue.keys as string[] | undefined)?.join(", ") ?? "" });
  if (code === "custom" && typeof issue.message === "string" && issue.message !== "Invalid input") return issue.message;
  const localeFactory = (z.locales as Record<string, (() => { localeError: (issue: unknown) => unknown }) | undefined>)[locale];
  const fromZod = localeFactory?.().localeError({ ...issue, code });
  if (typeof fromZod === "string") return fromZod;
  if (fromZod && typeof fromZod === "object" && "message" in fromZod) return String((fromZod as { message: unknown }).message);
  return String(issue.message ?? translate(locale, "errors.invalidInput"));
}

export function fieldProblemsFromZod(locale: string, issues: readonly Record<string, unknown>[], prefix = ""): { field: string; message: string }[] {
  return issues.map((issue) => {
    const pathParts = (issue.path as (string | number)[] | undefined) ?? [];
    const field = [prefix, ...pathParts.map(String)].filter(Boolean).join(".");
    return { field: field || "body", message: describeZodIssue(locale, issue) };
  });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    const locale = localeOfRequest(request);

    if (error instanceof DomainError) {
      if (error instanceof RateLimitedError) reply.header("retry-after", String(error.retryAfterSeconds));
      const fields = error.fields.map((field) => localiseField(locale, field));
      const detail = translate(locale, error.messageKey, error.params);
      const problem = buildProblem(request, error.status, error.code, detail, fields);
      return sendProblem(reply, problem);
    }

    if (error instanceof RequestValidationError) {
      const context = error.validationContext;
      const prefix = context === "body" ? "" : context === "querystring" ? "query" : context === "params" ? "path" : (context ?? "");
      const fields = fieldProblemsFromZod(locale, error.issues, prefix);
      const detail = fields.map((field) => `${field.field}: ${field.message}`).join("; ");
      return sendProblem(reply, buildProblem(request, 400, "invalid-input", detail, fields));
    }

    const status = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : 500;
    if (status >= 500 || isResponseSerializationError(error as never)) {
      request.log.error({ err: error }, "request failed");
      return sendProblem(reply, buildProblem(request, 500, "internal", translate(locale, "errors.internal", { requestId: request.id })));
    }
    const code = codeByStatus[status] ?? "bad-request";
    const detail =
      status === 400 && (error as FastifyError).code === "FST_ERR_CTP_INVALID_JSON_BODY"
        ? translate(locale, "errors.invalidJson")
        : translate(locale, `errors.byStatus.${status}`, { defaultValue: error.message });
    if (status === 429) reply.header("retry-after", reply.getHeader("retry-after") ?? "60");
    return sendProblem(reply, buildProblem(request, status, code, detail));
  });
}

/**
 * 422 for a file that was read but refused: the usual `errors` and, for people, `rows` with each
 * line, column and message in the reader's language.
 */
export function sendRowProblems(request: FastifyRequest, reply: FastifyReply, error: RowsRejectedError) {
  const locale = localeOfRequest(request);
  const rows = error.rows.map((issue) => ({ row: issue.row, field: issue.field, message: translate(locale, issue.messageKey, issue.params) }));
  const problem = buildProblem(
    request,
    422,
    error.code,
    translate(locale, error.messageKey, error.params),
    rows.map((issue) => ({ field: `rows.${issue.row}.${issue.field}`, message: issue.message })),
  );
  return sendProblem(reply, { ...problem, rows });
}
