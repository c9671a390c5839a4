import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@events/service-platform/observability';
import type { Pool } from '@events/service-platform/postgres';
import { deletePublishedBefore } from '../db/outbox-repository.ts';

export interface OutboxPrunerDeps {
  pool: Pool;
  logger: Logger;
  retentionMinutes: number;
  /** Rows deleted per statement: small, so a delete never holds locks or I/O long next to registrations. */
  batchSize: number;
  intervalMs: number;
}

export interface OutboxPruner {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Keeps the outbox bounded off the hot path: one small DELETE of published rows past their retention per
 * interval, so it can remove up to batchSize / intervalMs rows a second — set it above the sustained
 * registration rate. Failures (a database outage) are logged once and retried at the next interval.
 */
export function createOutboxPruner(deps: OutboxPrunerDeps): OutboxPruner {
  const log = deps.logger.child({ component: 'outbox-pruner' });
  const stopping = new AbortController();
  let running: Promise<void> | undefined;

  async function loop(): Promise<void> {
    let failing = false;
    while (!stopping.signal.aborted) {
      try {
        const deleted = await deletePublishedBefore(deps.pool, {
          retentionMinutes: deps.retentionMinutes,
          limit: deps.batchSize,
        });
        if (failing) log.info('outbox pruning works again');
        failing = false;
        if (deleted > 0) log.debug({ deleted }, 'pruned published outbox rows');
      } catch (error) {
        if (!failing) log.warn({ err: error }, 'cannot prune the outbox; retrying every interval');
        failing = true;
      }
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
