import { createSerde, type UserRegister } from '@events/contracts';
import { waitFor } from '@events/test-kit/polling';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createOutboxEncoder } from '../src/messaging/outbox/encode-outbox-row.ts';
import { listenForOutboxRows, type Wakeups } from '../src/messaging/outbox/outbox-notifications.ts';
import { createOutboxRelay } from '../src/messaging/outbox/outbox-relay.ts';
import { announcePendingRows } from '../src/messaging/outbox/outbox-repository.ts';
import { createMetrics } from '../src/observability/metrics.ts';
import { registerCleanup } from './helpers/cleanup.ts';
import { TEST_DATABASE_URL, type TestDatabase, useTestDatabase } from './helpers/database.ts';
import { countMessages, defaultPublisher, header, readTopic, useTestTopic } from './helpers/kafka.ts';
import { postJson, userBody } from './helpers/listen.ts';
import { useService } from './helpers/service.ts';
import { usersIn } from './helpers/users.ts';

const config = loadConfig({});
const serde = createSerde({ registry: { url: config.registry.url } });

describe('publishing registrations', () => {
  let db: TestDatabase;
  let topic: string;
  let url: string;

  beforeAll(async () => {
    ({ db, topic, url } = await useService());
  });

  it('puts an event on the topic that decodes through the registry to exactly the registered user', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await postJson(
      `${url}/users`,
      { email: 'grace@example.com', username: 'grace', displayName: 'Grace Hopper 🚢' },
      { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    );
    expect(response.status).toBe(201);
    const user = await userBody(response);

    const [message] = await readTopic(topic, (messages) => messages.length >= 1);
    if (!message?.value) throw new Error('the event has no value');
    expect(message.key?.toString()).toBe(user.id);
    expect(message.value[0]).toBe(0);
    const event: UserRegister = await serde.decode('user_register', message.value);
    expect(event).toEqual({
      userId: user.id,
      email: 'grace@example.com',
      username: 'grace',
      displayName: 'Grace Hopper 🚢',
      registeredAt: new Date(user.registeredAt),
    });

    const { rows } = await db.pool.query<{ id: string; payload: string }>('SELECT id, payload FROM outbox');
    expect(rows).toHaveLength(1);
    // Stored in the contract's JSON form, read back to exactly the event that was published.
    expect({ ...serde.fromJSON('user_register', rows[0]?.payload ?? '') }).toEqual(event);
    expect(header(message, 'event-id')).toBe(rows[0]?.id);
    expect(header(message, 'traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(header(message, 'traceparent')).not.toContain('00f067aa0ba902b7');
    await waitFor('the outbox row is marked published', async () => {
      const { rows: marked } = await db.pool.query('SELECT 1 FROM outbox WHERE published_at IS NOT NULL');
      return marked.length === 1;
    });
  });
});

describe('the relay wake-up', () => {
  /** A relay whose poll is far longer than any test waits: only a wake-up can make it publish in time. */
  function idleRelay(db: TestDatabase, topic: string, wakeups?: Wakeups) {
    const logger = pino({ level: 'silent' });
    const publisher = defaultPublisher();
    const relay = createOutboxRelay({
      pool: db.pool,
      publisher,
      encode: createOutboxEncoder({ serde }),
      destinationOf: () => topic,
      ...(wakeups === undefined ? {} : { wakeups }),
      logger,
      metrics: createMetrics(),
      batchSize: 10,
      pollIntervalMs: 300_000,
      maxBackoffMs: 500,
    });
    registerCleanup(async () => {
      await relay.stop();
      await publisher.disconnect();
    });
    return relay;
  }
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  // Let the relay find the empty outbox and settle into its (long) poll wait first.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

  it('publishes a row its own process committed at once, without NOTIFY or polling', async () => {
    const db = await useTestDatabase();
    const relay = idleRelay(db, await useTestTopic());
    const users = usersIn(db, { onEventStored: relay.wake });
    relay.start();
    await settle();
    await users.register({ email: 'local@example.com', username: 'local' }, { traceparent });
    await waitFor('the row is published', async () => (await db.unpublished()) === 0, 30_000);
  });

  it('publishes rows another instance announces (NOTIFY), also after the listener lost its connection', async () => {
    const db = await useTestDatabase();
    const logger = pino({ level: 'silent' });
    const wakeups = listenForOutboxRows({ connectionString: TEST_DATABASE_URL, schema: db.schema, logger });
    registerCleanup(() => wakeups.close());
    const relay = idleRelay(db, await useTestTopic(), wakeups);
    const users = usersIn(db);
    const drained = async () => (await db.unpublished()) === 0;
    relay.start();
    await settle();
    await users.register({ email: 'notify@example.com', username: 'notify' }, { traceparent });
    await announcePendingRows(db.pool);
    await waitFor('the first row is published', drained, 30_000);

    const { rowCount } = await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'user-service-outbox-listener' AND datname = current_database()`,
    );
    expect(rowCount).toBeGreaterThan(0);
    await settle();
    await users.register({ email: 'again@example.com', username: 'again' }, { traceparent });
    await announcePendingRows(db.pool);
    await waitFor('the row written after the reconnect is published', drained, 30_000);
  });
});

describe('two relay instances on one database', () => {
  it('publish every outbox row exactly once', async () => {
    const db = await useTestDatabase();
    const topic = await useTestTopic();
    const users = usersIn(db);
    const total = 300;
    for (let i = 0; i < total; i += 1) {
      await users.register(
        { email: `user${i}@example.com`, username: `user${i}` },
        { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      );
    }

    const logger = pino({ level: 'silent' });
    const relays = [1, 2].map(() => {
      const publisher = defaultPublisher();
      const metrics = createMetrics();
      const relay = createOutboxRelay({
        pool: db.pool,
        publisher,
        encode: createOutboxEncoder({ serde }),
        destinationOf: () => topic,
        logger,
        metrics,
        batchSize: 20,
        pollIntervalMs: 100,
        maxBackoffMs: 500,
      });
      return { relay, publisher, metrics };
    });
    for (const { relay } of relays) relay.start();
    try {
      await waitFor('the outbox is drained', async () => (await db.unpublished()) === 0);
    } finally {
      for (const { relay, publisher } of relays) {
        await relay.stop();
        await publisher.disconnect();
      }
    }

    expect(await countMessages(topic)).toBe(total);
    const messages = await readTopic(topic, (received) => received.length >= total);
    const eventIds = messages.map((message) => header(message, 'event-id'));
    expect(new Set(eventIds).size).toBe(total);
    const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM outbox');
    expect(new Set(eventIds)).toEqual(new Set(rows.map((row) => row.id)));

    const published = await Promise.all(
      relays.map(async ({ metrics }) => (await metrics.eventsPublished.get()).values[0]?.value ?? 0),
    );
    expect(published.reduce((sum, count) => sum + count, 0)).toBe(total);
  });
});
