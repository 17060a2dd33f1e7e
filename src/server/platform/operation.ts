import type { FastifyRequest } from "fastify";
import type { Database } from "../db/connection.ts";
import type { Actor } from "./auth/index.ts";
import type { City } from "./tenancy/index.ts";
import { cityOf } from "./tenancy/index.ts";

/**
 * What every operation receives besides its input: the database, the city it acts in, who acts,
 * and the request id that ties its audit entries to the log.
 */
export interface OperationContext {
  db: Database;
  city: City;
  actor: Actor | null;
  requestId: string | null;
}

export function contextOf(request: FastifyRequest, db: Database): OperationContext {
  return { db, city: cityOf(request), actor: request.actor, requestId: String(request.id) };
}

/** Postgres unique-violation, for turning a lost race into a clear 409. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const pgError = cause as { code?: string; constraint?: string };
  return pgError.code === "23505" && (!constraint || pgError.constraint === constraint);
}
