import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from "@fedify/fedify";
import type { Jobs } from "../../platform/jobs/index.ts";

export const federationQueueName = "federation.activities";

/**
 * Fedify's queue of outgoing and incoming activities on pg-boss, in the same PostgreSQL: a delivery
 * survives a restart, a failed one comes back after Fedify's backoff (the `delay`), and several
 * deliveries run at once so that one slow peer does not hold up the others.
 */
export class PgBossMessageQueue implements MessageQueue {
  readonly nativeRetrial = false;
  readonly #jobs: Jobs;
  #handler: ((message: unknown) => Promise<void> | void) | null = null;

  constructor(jobs: Jobs, options: { concurrency: number }) {
    this.#jobs = jobs;
    jobs.define<{ message: unknown }>({
      name: federationQueueName,
      // Fedify retries deliveries itself, with its own backoff; a job that fails is not run again.
      retryLimit: 0,
      expireInSeconds: 5 * 60,
      pollingIntervalSeconds: 0.5,
      localConcurrency: options.concurrency,
      handle: async (data) => {
        if (!this.#handler) throw new Error("Federation activity taken before the queue listens");
        await this.#handler(data.message);
      },
    });
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    const seconds = options?.delay ? Math.max(0, Math.ceil(options.delay.total({ unit: "second" }))) : 0;
    await this.#jobs.send(federationQueueName, { message }, seconds > 0 ? { startAfter: seconds } : undefined);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    for (const message of messages) await this.enqueue(message, options);
  }

  listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    this.#handler = handler;
    return new Promise((resolve) => {
      if (options?.signal?.aborted) resolve();
      options?.signal?.addEventListener("abort", () => resolve());
    });
  }
}
