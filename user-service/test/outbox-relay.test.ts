import { randomUUID } from 'node:crypto';
import { cleanUpLater } from '@events/test-kit/cleanup';
import { waitFor } from '@events/test-kit/polling';
import { headerText, readTopic } from '@events/test-kit/read-topic';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { EventPublisher } from '../src/messaging/event-publisher.ts';
import { useTestDatabase } from './helpers/database.ts';
import { defaultPublisher, useTestTopic } from './helpers/kafka.ts';
import { useRelay } from './helpers/relay.ts';
import { usersIn } from './helpers/users.ts';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function capturingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('the outbox relay', () => {
  it('logs once when publishing starts failing and once when it recovers, however many attempts fail', async () => {
    const db = await useTestDatabase();
    const topic = await useTestTopic();
    const real = defaultPublisher();
    cleanUpLater(() => real.disconnect());
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
    const { relay, metrics } = useRelay(db, topic, { publisher: flaky, logger });
    relay.start();
    await waitFor('the event is relayed after the failures', async () => (await db.unpublished()) === 0);

    expect(failuresLeft).toBe(0);
    expect(
      lines.filter((line) => line.msg === 'outbox relay cannot publish; retrying with backoff'),
    ).toHaveLength(1);
    expect(lines.filter((line) => line.msg === 'outbox relay publishing again')).toHaveLength(1);
    // At least the scripted failures; more if the shared broker was restarting at the time.
    const failed =
      (await metrics.eventsFailed.get()).values.find((v) => v.labels.reason === 'transient')?.value ?? 0;
    expect(failed).toBeGreaterThanOrEqual(6);
    expect((await metrics.eventsPublished.get()).values[0]?.value).toBe(1);
  });

  it('parks events that can never be encoded and still publishes the events behind them', async () => {
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

    const { relay, metrics } = useRelay(db, topic);
    relay.start();
    await waitFor('the outbox has nothing left to relay', async () => (await db.unpublished()) === 0);

    const { rows } = await db.pool.query<{ id: string; error: string }>(
      'SELECT id, error FROM outbox_parked ORDER BY parked_at',
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: invalid, error: expect.stringMatching(/^invalid user_register: userId: expected uuid/) },
        { id: unknownTopic, error: 'no contract for the outbox topic "user_deleted"' },
      ]),
    );
    expect(rows).toHaveLength(2);
    expect((await metrics.eventsFailed.get()).values).toContainEqual(
      expect.objectContaining({ labels: { reason: 'permanent' }, value: 2 }),
    );
    const [message] = await readTopic(topic, (messages) => messages.length >= 1);
    if (!message) throw new Error('no message arrived');
    expect(message.key?.toString()).toBe(good.id);
    expect([invalid, unknownTopic]).not.toContain(headerText(message, 'event-id'));
  });
});
