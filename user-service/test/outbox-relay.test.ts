import { randomUUID } from 'node:crypto';
import { createSerde } from '@events/contracts';
import { waitFor } from '@events/test-kit/polling';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import type { EventPublisher } from '../src/messaging/event-publisher.ts';
import { createOutboxEncoder } from '../src/messaging/outbox/encode-outbox-row.ts';
import { createOutboxRelay } from '../src/messaging/outbox/outbox-relay.ts';
import { countPending } from '../src/messaging/outbox/outbox-repository.ts';
import { createMetrics } from '../src/observability/metrics.ts';
import { type TestDatabase, useTestDatabase } from './helpers/database.ts';
import { defaultPublisher, header, readTopic, useTestTopic } from './helpers/kafka.ts';
import { usersIn } from './helpers/users.ts';

const config = loadConfig({});
const serde = createSerde({ registry: { url: config.registry.url } });
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function capturingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function relayFor(
  db: TestDatabase,
  topic: string,
  publisher: EventPublisher,
  logger = pino({ level: 'silent' }),
) {
  const metrics = createMetrics();
  const relay = createOutboxRelay({
    pool: db.pool,
    publisher,
    encode: createOutboxEncoder({ serde }),
    destinationOf: () => topic,
    logger,
    metrics,
    batchSize: 10,
    pollIntervalMs: 100,
    maxBackoffMs: 200,
  });
  return { relay, metrics };
}

describe('the outbox relay', () => {
  it('logs once when publishing starts failing and once when it recovers, however many attempts fail', async () => {
    const db = await useTestDatabase();
    const topic = await useTestTopic();
    const real = defaultPublisher();
    let failuresLeft = 6;
    const flaky: EventPublisher = {
      async publish(batch) {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('broker unreachable');
        }
        await real.publish(batch);
      },
      disconnect: () => real.disconnect(),
    };
    await usersIn(db).register({ email: 'flaky@example.com', username: 'flaky' }, { traceparent });

    const { logger, lines } = capturingLogger();
    const { relay, metrics } = relayFor(db, topic, flaky, logger);
    relay.start();
    try {
      await waitFor(
        'the row is published after the failures',
        async () => (await countPending(db.pool)) === 0,
      );
    } finally {
      await relay.stop();
      await real.disconnect();
    }

    expect(failuresLeft).toBe(0);
    expect(
      lines.filter((line) => line.msg === 'outbox relay cannot publish; retrying with backoff'),
    ).toHaveLength(1);
    expect(lines.filter((line) => line.msg === 'outbox relay publishing again')).toHaveLength(1);
    // At least the scripted failures; more if the shared broker was restarting at the time.
    const failed =
      (await metrics.eventsFailed.get()).values.find((v) => v.labels.reason === 'transient')?.value ?? 0;
    expect(failed).toBeGreaterThanOrEqual(6);
    const { rows } = await db.pool.query<{ attempts: number }>('SELECT attempts FROM outbox');
    expect(rows).toEqual([{ attempts: failed + 1 }]);
  });

  it('parks rows that can never be encoded and still publishes the rows behind them', async () => {
    const db = await useTestDatabase();
    const topic = await useTestTopic();
    const invalid = randomUUID();
    const unknownTopic = randomUUID();
    const insert =
      'INSERT INTO outbox (id, aggregate_id, topic, payload, headers) VALUES ($1, $2, $3, $4, $5)';
    await db.pool.query(insert, [
      invalid,
      randomUUID(),
      'user_register',
      '{"userId":"x","email":42}',
      { traceparent },
    ]);
    await db.pool.query(insert, [unknownTopic, randomUUID(), 'user_deleted', '{}', { traceparent }]);
    const { user: good } = await usersIn(db).register(
      { email: 'good@example.com', username: 'good' },
      { traceparent },
    );

    const publisher = defaultPublisher();
    const { relay, metrics } = relayFor(db, topic, publisher);
    relay.start();
    try {
      await waitFor(
        'the outbox has nothing left to publish',
        async () => (await countPending(db.pool)) === 0,
      );
    } finally {
      await relay.stop();
      await publisher.disconnect();
    }

    const { rows } = await db.pool.query<{ id: string; failed_at: Date | null; last_error: string | null }>(
      'SELECT id, failed_at, last_error FROM outbox WHERE published_at IS NULL',
    );
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          id: invalid,
          failed_at: expect.any(Date),
          last_error: expect.stringMatching(/^invalid user_register: userId: expected uuid/),
        },
        {
          id: unknownTopic,
          failed_at: expect.any(Date),
          last_error: 'no contract for the outbox topic "user_deleted"',
        },
      ]),
    );
    expect((await metrics.eventsFailed.get()).values).toContainEqual(
      expect.objectContaining({ labels: { reason: 'permanent' }, value: 2 }),
    );
    const [message] = await readTopic(topic, (messages) => messages.length >= 1);
    if (!message) throw new Error('no message arrived');
    expect(message.key?.toString()).toBe(good.id);
    expect([invalid, unknownTopic]).not.toContain(header(message, 'event-id'));
  });
});
