import type { Database, Transaction } from "../../db/connection.ts";
import type { Actor } from "../auth/index.ts";

/**
 * A person's data, wherever it lives. Each module that keeps personal data registers a provider that
 * can export it and erase it; "download my data" and "delete my account" walk every provider, so a
 * module added later is covered by registering, not by editing these two features.
 */

export interface PersonalDataProvider {
  /** Section name in the export, e.g. "volunteerProfiles". */
  name: string;
  /** Everything this module keeps about the person, across all cities, as plain JSON. */
  export(db: Database, userId: string): Promise<unknown>;
  /**
   * Erases or anonymises the person's data in the same transaction as the account's deletion.
   * Records the city must keep (hours given, money paid) stay, without anything that identifies them.
   */
  erase(tx: Transaction, person: Actor, context: ErasureContext): Promise<void>;
}

export interface ErasureContext {
  requestId: string | null;
  /** Work to do after the transaction commits, such as telling people promoted from a waitlist. */
  afterCommit(task: () => Promise<void>): void;
}

export class PersonalDataRegistry {
  private readonly providers: PersonalDataProvider[] = [];

  register(provider: PersonalDataProvider): void {
    if (this.providers.some((existing) => existing.name === provider.name)) throw new Error(`personal data provider ${provider.name} registered twice`);
    this.providers.push(provider);
  }

  list(): readonly PersonalDataProvider[] {
    return this.providers;
  }
}
