import { type Job, PgBoss, type SendOptions, type WorkOptions } from "pg-boss";
import type { Logger } from "pino";

/**
 * Background jobs and schedules on pg-boss, in the same PostgreSQL. Modules declare their queues
 * with `define`; a process started with PROCESS_ROLE=web only sends, one with `jobs` only works,
 * the default does both.
 */

export interface QueueDefinition<Data extends object> {
  name: string;
  /** Cron expression (UTC) for a recurring job, if any. */
  schedule?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
  batchSize?: number;
  pollingIntervalSeconds?: number;
  /** Jobs of this queue this process works on at once (each takes its own batch). */
  localConcurrency?: number;
  handle(data: Data, job: Job<Data>): Promise<void>;
}

export interface Jobs {
  define<Data extends object>(definition: QueueDefinition<Data>): void;
  send<Data extends object>(name: string, data: Data, options?: SendOptions): Promise<string | null>;
  start(): Promise<void>;
  stop(): Promise<void>;
  isWorking(): boolean;
  readonly boss: PgBoss;
}

export function createJobs(options: { url: string; work: boolean; logger: Logger; poolSize?: number }): Jobs {
  const boss = new PgBoss({
    connectionString: options.url,
    application_name: "civitas-jobs",
    max: options.poolSize ?? 5,
    supervise: options.work,
    schedule: options.work,
    migrate: true,
  });
  boss.on("error", (error) => options.logger.error({ err: error }, "job queue error"));

  const definitions = new Map<string, QueueDefinition<object>>();
  let started = false;

  return {
    boss,
    define(definition) {
      if (started) throw new Error(`Queue ${definition.name} defined after the job queue started`);
      if (definitions.has(definition.name)) throw new Error(`Queue ${definition.name} is defined twice`);
      definitions.set(definition.name, definition as QueueDefinition<object>);
    },
    async send(name, data, sendOptions) {
      return sendOptions ? boss.send(name, data, sendOptions) : boss.send(name, data);
    },
    async start() {
      await boss.start();
      for (const definition of definitions.values()) {
        await boss.createQueue(definition.name, {
          retryLimit: definition.retryLimit ?? 3,
          retryDelay: definition.retryDelaySeconds ?? 30,
          retryBackoff: definition.retryBackoff ?? true,
          expireInSeconds: definition.expireInSeconds ?? 15 * 60,
        });
      }
      if (options.work) {
        for (const definition of definitions.values()) {
          const workOptions: WorkOptions = {
            batchSize: definition.batchSize ?? 1,
            pollingIntervalSeconds: definition.pollingIntervalSeconds ?? 2,
            localConcurrency: definition.localConcurrency ?? 1,
          };
          await boss.work<object>(definition.name, workOptions, async (jobs: Job<object>[]) => {
            for (const job of jobs) await definition.handle(job.data, job);
          });
          if (definition.schedule) await boss.schedule(definition.name, definition.schedule, {});
        }
      }
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
    isWorking() {
      return started && options.work;
    },
  };
}
