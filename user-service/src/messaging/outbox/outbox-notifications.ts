import { backoffDelay } from '@events/service-platform/lifecycle';
import type { Logger } from '@events/service-platform/observability';
import pg from 'pg';
import { OUTBOX_CHANNEL } from './outbox-repository.ts';

export interface Wakeups {
  /** Called on every NOTIFY and after each (re)connection, since notifications sent meanwhile are lost. */
  subscribe(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * LISTENs on a dedicated connection (a pooled one would be handed to other work) and reconnects with
 * backoff when it drops. The relay's polling covers the gaps, so failures here only cost latency.
 */
export function listenForOutboxRows(deps: {
  connectionString: string;
  schema?: string;
  logger: Logger;
}): Wakeups {
  const log = deps.logger.child({ component: 'outbox-notifications' });
  const listeners: Array<() => void> = [];
  const notify = () => {
    for (const listener of listeners) listener();
  };
  let client: pg.Client | undefined;
  let closed = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  const scheduleReconnect = (error: unknown) => {
    if (closed || retryTimer) return;
    failures += 1;
    if (failures === 1)
      log.warn({ err: error }, 'lost the outbox notification connection; polling until it is back');
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        void connect();
      },
      backoffDelay(failures, { baseMs: 500, maxMs: 15_000 }),
    );
  };

  const connect = async () => {
    const next = new pg.Client({
      connectionString: deps.connectionString,
      application_name: 'user-service-outbox-listener',
      ...(deps.schema === undefined ? {} : { options: `-c search_path=${deps.schema}` }),
    });
    client = next;
    next.on('notification', notify);
    next.on('error', (error) => {
      next.end().catch(() => undefined);
      scheduleReconnect(error);
    });
    next.on('end', () => scheduleReconnect(new Error('notification connection ended')));
    try {
      await next.connect();
      await next.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      next.end().catch(() => undefined);
      scheduleReconnect(error);
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    if (failures > 0) log.info('outbox notification connection restored');
    failures = 0;
    notify();
  };

  void connect();

  return {
    subscribe(listener) {
      listeners.push(listener);
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => undefined);
    },
  };
}
