import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@events/service-platform/observability';

/** One kind of expired rows: `prune` deletes a small batch of them and says how many. */
export interface RetentionTask {
  name: string;
  prune: () => Promise<number>;
}

export interface RetentionPrunerDeps {
  logger: Logger;
  intervalMs: number;
  tasks: RetentionTask[];
}

export interface RetentionPruner {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Keeps tables bounded off the hot path: each task deletes one small batch per interval, so it removes up to
 * batch size / interval rows a second (set it above the sustained registration rate), never one row per
 * request. A failing task (a database outage) is logged once and retried at the next interval.
 */
export function createRetentionPruner(deps: RetentionPrunerDeps): RetentionPruner {
  const log = deps.logger.child({ component: 'retention-pruner' });
  const stopping = new AbortController();
  const failing = new Set<string>();
  let running: Promise<void> | undefined;

  async function pruneOnce({ name, prune }: RetentionTask): Promise<void> {
    try {
      const deleted = await prune();
      if (failing.delete(name)) log.info({ task: name }, 'pruning works again');
      if (deleted > 0) log.debug({ task: name, deleted }, 'pruned expired rows');
    } catch (error) {
      if (!failing.has(name)) log.warn({ err: error, task: name }, 'cannot prune; retrying every interval');
      failing.add(name);
    }
  }

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      for (const task of deps.tasks) await pruneOnce(task);
      await sleep(deps.intervalMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  }

  return {
    start() {
      running ??= loop();
    },
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
