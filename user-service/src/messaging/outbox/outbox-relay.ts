import { EVENT_HEADERS, messageContract } from '@events/contracts';
import { backoffDelay } from '@events/service-platform/lifecycle';
import type { Logger } from '@events/service-platform/observability';
import type { Pool, PoolClient } from '@events/service-platform/postgres';
import {
  contextOf,
  failSpan,
  injectInto,
  recordContract,
  type Span,
  startSendSpan,
} from '@events/service-platform/tracing';
import type { Message } from 'kafkajs';
import type { Metrics } from '../../observability/metrics.ts';
import type { EventPublisher, TopicMessages } from '../event-publisher.ts';
import { type EncodeOutboxRow, isPermanentEncodeFailure } from './encode-outbox-row.ts';
import type { Wakeups } from './outbox-notifications.ts';
import {
  announcePendingRows,
  beginAndClaimPending,
  markFailed,
  markPublishedAndCommit,
  type OutboxRow,
  recordAttempt,
} from './outbox-repository.ts';

export interface OutboxRelayDeps {
  pool: Pool;
  publisher: EventPublisher;
  encode: EncodeOutboxRow;
  /** The Kafka topic a contract topic's events land on: itself in production, a scratch topic in tests. */
  destinationOf: (topic: string) => string;
  wakeups?: Wakeups;
  logger: Logger;
  metrics: Metrics;
  batchSize: number;
  pollIntervalMs: number;
  maxBackoffMs: number;
}

export interface OutboxRelay {
  start(): void;
  /**
   * A row was just committed in this process: claim it now. NOTIFY (sent by relays that cannot publish and
   * on shutdown) and polling stay the safety net for rows other instances or a crash left behind.
   */
  wake(): void;
  /** Stops taking new batches, lets the current one finish (publish + mark) and resolves. */
  stop(): Promise<void>;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Encoded {
  row: OutboxRow;
  message: Message;
  /** Joins the request's trace through the context stored with the row; ends when Kafka answers. */
  span: Span;
}

export function createOutboxRelay(deps: OutboxRelayDeps): OutboxRelay {
  const log = deps.logger.child({ component: 'outbox-relay' });
  let running: Promise<void> | undefined;
  let stopping = false;
  let woken = false;
  let wake: (() => void) | undefined;

  const onWakeup = () => {
    woken = true;
    wake?.();
  };
  deps.wakeups?.subscribe(onWakeup);

  /** Sleeps up to `ms`; a NOTIFY (if `onNotify`) or stop() cuts it short. */
  const pause = (ms: number, onNotify: boolean) =>
    new Promise<void>((resolve) => {
      if (stopping || (onNotify && woken)) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = () => {
        if (stopping || onNotify) done();
      };
    });

  async function publishBatch(): Promise<number> {
    const client = await deps.pool.connect();
    let claimed: OutboxRow[] = [];
    let broken = false;
    try {
      claimed = await beginAndClaimPending(client, deps.batchSize);
      const { encoded, parked } = await encodeOrPark(client, claimed);
      if (encoded.length > 0) {
        await deps.publisher.publish(byDestination(encoded)).then(
          () => endSpans(encoded),
          (error: unknown) => {
            endSpans(encoded, error);
            throw error;
          },
        );
        await markPublishedAndCommit(
          client,
          encoded.map(({ row }) => row.id),
        );
      } else {
        await client.query('COMMIT');
      }
      deps.metrics.eventsPublished.inc(encoded.length);
      for (const { row, error } of parked) {
        log.error({ err: error, eventId: row.id }, 'outbox event can never be encoded; parked it');
        deps.metrics.eventsFailed.inc({ reason: 'permanent' });
      }
      return claimed.length;
    } catch (error) {
      broken = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      if (claimed.length > 0) {
        deps.metrics.eventsFailed.inc({ reason: 'transient' }, claimed.length);
        const ids = claimed.map((row) => row.id);
        await recordAttempt(deps.pool, ids, errorMessage(error)).catch(() => undefined);
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Rows that can never be encoded are parked (failed_at) so they do not block the rows behind them. */
  async function encodeOrPark(client: PoolClient, rows: OutboxRow[]) {
    const encoded: Encoded[] = [];
    const parked: Array<{ row: OutboxRow; error: unknown }> = [];
    for (const row of rows) {
      try {
        const value = await deps.encode(row);
        const headers = { ...row.headers, [EVENT_HEADERS.eventId]: row.id };
        const span = startSendSpan(
          { topic: deps.destinationOf(row.topic), key: row.key },
          contextOf(row.headers),
        );
        if (span.isRecording()) recordContract(span, messageContract(row.topic, value));
        injectInto(headers, span);
        encoded.push({ row, message: { key: row.key, value, headers }, span });
      } catch (error) {
        if (!isPermanentEncodeFailure(error)) throw error;
        await markFailed(client, row.id, errorMessage(error));
        parked.push({ row, error });
      }
    }
    return { encoded, parked };
  }

  function endSpans(encoded: Encoded[], error?: unknown): void {
    for (const { span } of encoded) {
      if (error !== undefined) failSpan(span, error);
      span.end();
    }
  }

  /** One send for the whole batch, whatever topics its rows belong to; order within a topic is kept. */
  function byDestination(encoded: Encoded[]): TopicMessages[] {
    const batches = new Map<string, Message[]>();
    for (const { row, message } of encoded) {
      const topic = deps.destinationOf(row.topic);
      const messages = batches.get(topic) ?? [];
      messages.push(message);
      batches.set(topic, messages);
    }
    return [...batches].map(([topic, messages]) => ({ topic, messages }));
  }

  /** Rows this relay cannot publish now: another instance that can should not wait for its next poll. */
  const announce = () =>
    announcePendingRows(deps.pool).catch((error: unknown) =>
      log.debug({ err: error }, 'could not announce pending outbox rows'),
    );

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      woken = false;
      let claimed: number;
      try {
        claimed = await publishBatch();
      } catch (error) {
        failures += 1;
        if (failures === 1) {
          log.warn({ err: error }, 'outbox relay cannot publish; retrying with backoff');
          await announce();
        }
        await pause(backoffDelay(failures, { baseMs: 250, maxMs: deps.maxBackoffMs }), false);
        continue;
      }
      if (failures > 0) log.info({ failedAttempts: failures }, 'outbox relay publishing again');
      failures = 0;
      // A full batch means more rows are probably waiting: go again without sleeping.
      if (claimed < deps.batchSize) await pause(deps.pollIntervalMs, true);
    }
  }

  return {
    start() {
      if (running) return;
      stopping = false;
      log.info('outbox relay started');
      running = loop();
    },
    wake: onWakeup,
    async stop() {
      stopping = true;
      wake?.();
      await running;
      running = undefined;
      log.info('outbox relay stopped');
    },
  };
}
