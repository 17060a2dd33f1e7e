/**
 * Typed errors that operations throw. Each names a message key in the language files so that the
 * person reading the answer gets it in their own language; platform/errors turns them into
 * RFC 9457 problem+json responses.
 */

export interface FieldProblem {
  /** Dotted path of the input field, e.g. `email` or `shifts.0.capacity`. */
  field: string;
  messageKey: string;
  params?: Record<string, unknown>;
  /** Already-localised text, used when the message comes from a library (zod). */
  message?: string;
  /** For input that is a file (a publiccode.yml), the 1-based line the problem is on. */
  line?: number | null;
}

export class DomainError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageKey: string;
  readonly params: Record<string, unknown>;
  readonly fields: FieldProblem[];

  constructor(status: number, code: string, messageKey: string, params: Record<string, unknown> = {}, fields: FieldProblem[] = []) {
    super(`${code}: ${messageKey}`);
    this.status = status;
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
    this.fields = fields;
  }
}

export class NotFoundError extends DomainError {
  constructor(messageKey = "errors.notFound", params: Record<string, unknown> = {}) {
    super(404, "not-found", messageKey, params);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(messageKey = "errors.signInRequired") {
    super(401, "unauthenticated", messageKey);
  }
}

export class ForbiddenError extends DomainError {
  constructor(messageKey = "errors.forbidden", params: Record<string, unknown> = {}) {
    super(403, "forbidden", messageKey, params);
  }
}

export class ConflictError extends DomainError {
  constructor(messageKey: string, params: Record<string, unknown> = {}, fields: FieldProblem[] = []) {
    super(409, "conflict", messageKey, params, fields);
  }
}

/** Input that is well-formed but breaks a rule (a slug already taken, an end before a start). */
export class InvalidInputError extends DomainError {
  constructor(fields: FieldProblem[], messageKey = "errors.invalidInput") {
    super(400, "invalid-input", messageKey, {}, fields);
  }
}

export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(429, "rate-limited", "errors.rateLimited", { seconds: retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A problem with one cell or line of an uploaded file. */
export interface RowProblem {
  row: number;
  field: string;
  messageKey: string;
  params?: Record<string, unknown>;
}

/** 422: a file was read but some of its rows are wrong; `rows` says which and why, and nothing was saved. */
export class RowsRejectedError extends DomainError {
  readonly rows: RowProblem[];
  constructor(rows: RowProblem[]) {
    super(422, "invalid-input", "errors.volunteers.import.rejected", { count: new Set(rows.map((row) => row.row)).size });
    this.rows = rows;
  }
}
