import { createSerde, type UserRegister } from '@events/contracts';
import { waitFor } from '@events/test-kit/polling';
import { headerText, readTopic } from '@events/test-kit/read-topic';
import { countMessages } from '@events/test-kit/topic-admin';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { relayLag } from '../src/messaging/outbox/outbox-repository.ts';
import { terminateBackends, testDatabaseUrl, uniqueApplicationName } from './helpers/backends.ts';
import { type TestDatabase, useTestDatabase } from './helpers/database.ts';
import { useTestTopic } from './helpers/kafka.ts';
import { postJson, userBody } from './helpers/listen.ts';
import { useRelay } from './helpers/relay.ts';
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
    expect(headerText(message, 'event-id')).toBe(rows[0]?.id);
    expect(headerText(message, 'traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(headerText(message, 'traceparent')).not.toContain('00f067aa0ba902b7');
    await waitFor('the checkpoint passes the event', async () => (await db.unpublished()) === 0);
  });
});

describe('the relay wake-up', () => {
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  /** A leader whose poll is far longer than any test waits: only a wake-up can make it publish in time. */
  async function idleLeader(db: TestDatabase, topic: string) {
    const { relay } = useRelay(db, topic, { instance: 'leader', pollIntervalMs: 300_000 });
    relay.start();
    await waitFor('the relay leads', () => relay.leading);
    // Let it find the empty outbox and settle into its (long) poll wait.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return relay;
  }

  it('publishes an event its own process committed at once, without NOTIFY or polling', async () => {
    const db = await useTestDatabase();
    const relay = await idleLeader(db, await useTestTopic());
    const users = usersIn(db, { onEventStored: relay.wake });
    await users.register({ email: 'local@example.com', username: 'local' }, { traceparent });
    await waitFor('the event is relayed', async () => (await db.unpublished()) === 0, 10_000);
  });

  it("publishes an event a standby's process committed: the standby NOTIFYs the leader, also after the leader's session was cut", async () => {
    const db = await useTestDatabase();
    const topic = await useTestTopic();
    const app = uniqueApplicationName();
    const { relay: leader } = useRelay(db, topic, {
      instance: 'leader',
      pollIntervalMs: 300_000,
      connectionString: testDatabaseUrl({ applicationName: app }),
    });
    leader.start();
    await waitFor('the first relay leads', () => leader.leading);
    const { relay: standby } = useRelay(db, topic, { instance: 'standby' });
    standby.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(standby.leading).toBe(false);
    const users = usersIn(db, { onEventStored: standby.wake });
    await users.register({ email: 'notify@example.com', username: 'notify' }, { traceparent });
    await waitFor('the first event is relayed', async () => (await db.unpublished()) === 0, 10_000);

    // Its lock goes with the session: whichever relay takes it next must still hear the standby's NOTIFY.
    expect(await terminateBackends(app)).toBe(1);
    await waitFor('a relay leads again', async () => (await relayLag(db.pool)).activeRelay !== null);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const next = leader.leading ? standby : leader;
    await usersIn(db, { onEventStored: next.wake }).register(
      { email: 'again@example.com', username: 'again' },
      { traceparent },
    );
    await waitFor(
      'the event written after the cut is relayed',
      async () => (await db.unpublished()) === 0,
      10_000,
    );
  });
});

describe('two relay instances on one database', () => {
  it('only the one holding the lock publishes: every event exactly once', async () => {
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

    const relays = [1, 2].map((n) => useRelay(db, topic, { instance: `relay-${n}`, batchSize: 20 }));
    for (const { relay } of relays) relay.start();
    await waitFor('the outbox is relayed', async () => (await db.unpublished()) === 0);

    expect(await countMessages(topic)).toBe(total);
    const messages = await readTopic(topic, (received) => received.length >= total);
    const eventIds = messages.map((message) => headerText(message, 'event-id'));
    expect(new Set(eventIds).size).toBe(total);
    const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM outbox');
    expect(new Set(eventIds)).toEqual(new Set(rows.map((row) => row.id)));

    const published = await Promise.all(
      relays.map(async ({ metrics }) => (await metrics.eventsPublished.get()).values[0]?.value ?? 0),
    );
    expect([...published].sort((a, b) => a - b)).toEqual([0, total]);
    expect(relays.filter(({ relay }) => relay.leading)).toHaveLength(1);
  });
});
