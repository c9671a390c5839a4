import { setTimeout as sleep } from 'node:timers/promises';
import { cleanUpLater } from '@events/test-kit/cleanup';
import { waitFor } from '@events/test-kit/polling';
import { readTopic } from '@events/test-kit/read-topic';
import { scratchTcpProxy } from '@events/test-kit/scratch-tcp-proxy';
import { describe, expect, it } from 'vitest';
import type { EventPublisher } from '../src/messaging/event-publisher.ts';
import { announcePendingRows } from '../src/messaging/outbox/outbox-repository.ts';
import {
  backendsOf,
  holdsRelayLock,
  terminateBackends,
  testDatabaseUrl,
  uniqueApplicationName,
} from './helpers/backends.ts';
import { trapUncaughtExceptions } from './helpers/crash-trap.ts';
import { TEST_DATABASE_URL, type TestDatabase, useTestDatabase } from './helpers/database.ts';
import { defaultPublisher, useTestTopic } from './helpers/kafka.ts';
import { postJson, problemBody, userBody } from './helpers/listen.ts';
import { useRelay } from './helpers/relay.ts';
import { useService } from './helpers/service.ts';
import { usersIn } from './helpers/users.ts';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

async function register(url: string, name: string): Promise<string> {
  const response = await postJson(`${url}/users`, { email: `${name}@example.com`, username: name });
  expect(response.status).toBe(201);
  return (await userBody(response)).id;
}

/** Every user id in `ids` has its event on `topic` (a batch published twice may repeat some). */
async function expectPublished(db: TestDatabase, topic: string, ids: string[]): Promise<void> {
  await waitFor('every event is published', async () => (await db.unpublished()) === 0, 30_000);
  await readTopic(topic, (messages) => {
    const keys = new Set(messages.map((message) => message.key?.toString()));
    return ids.every((id) => keys.has(id));
  });
}

async function readiness(url: string): Promise<{ status: number; down: string[] }> {
  const response = await fetch(`${url}/readyz`);
  if (response.ok) return { status: response.status, down: [] };
  return { status: response.status, down: ((await problemBody(response)).errors ?? []).map((e) => e.path) };
}

describe('PostgreSQL cutting the connections of a running service', () => {
  it("keeps running when its pooled connections and its relay's lock session are terminated while idle, and loses nothing", async () => {
    trapUncaughtExceptions();
    const app = uniqueApplicationName();
    // No polling to speak of: after the cut, only the relay's LISTEN, on its new session, can wake it for another's rows.
    const { db, topic, url } = await useService({
      DATABASE_URL: testDatabaseUrl({ applicationName: app }),
      OUTBOX_POLL_INTERVAL_MS: '600000',
    });
    const ids = [await register(url, 'idle1'), await register(url, 'idle2'), await register(url, 'idle3')];
    await waitFor('the relay leads', async () => (await backendsOf(app)).some(holdsRelayLock));
    const [leader] = (await backendsOf(app)).filter(holdsRelayLock);

    expect(await terminateBackends(app)).toBeGreaterThanOrEqual(2);
    await waitFor('the relay leads again on a new session', async () =>
      (await backendsOf(app)).some((backend) => holdsRelayLock(backend) && backend.pid !== leader?.pid),
    );

    ids.push(await register(url, 'after1'), await register(url, 'after2'));
    // Another instance's event, announced: only the new session's LISTEN can bring it to this relay.
    ids.push(
      (await usersIn(db).register({ email: 'other@example.com', username: 'other' }, { traceparent })).user
        .id,
    );
    await announcePendingRows(db.pool);
    await expectPublished(db, topic, ids);
    expect(await readiness(url)).toEqual({ status: 200, down: [] });
  });

  it('answers a registration whose connection is terminated mid-statement with a 503 that wrote nothing', async () => {
    trapUncaughtExceptions();
    const app = uniqueApplicationName();
    const { db, topic, url } = await useService({ DATABASE_URL: testDatabaseUrl({ applicationName: app }) });
    const lock = await db.pool.connect();
    cleanUpLater(async () => lock.release(true));
    // Holds the registration's INSERT inside its statement until the backend is terminated.
    await lock.query('BEGIN; LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
    const pending = postJson(`${url}/users`, { email: 'cut@example.com', username: 'cut' });
    await waitFor('the INSERT waits on the lock', async () =>
      (await backendsOf(app)).some((backend) => backend.waitEventType === 'Lock'),
    );
    expect(await terminateBackends(app, (backend) => backend.waitEventType === 'Lock')).toBe(1);

    const response = await pending;
    expect(response.status).toBe(503);
    // The session ended and the lookup found nothing: it can never commit, so "try again" is the truth.
    expect((await problemBody(response)).code).toBe('UNAVAILABLE');
    await lock.query('ROLLBACK');
    expect(await db.count('users')).toBe(0);

    const id = await register(url, 'cut');
    await expectPublished(db, topic, [id]);
  });

  it("keeps running when the relay's lock session is terminated while it publishes, and publishes the events", async () => {
    trapUncaughtExceptions();
    const db = await useTestDatabase();
    const topic = await useTestTopic();
    const app = uniqueApplicationName();
    const real = defaultPublisher();
    cleanUpLater(() => real.disconnect());
    let inside: () => void = () => undefined;
    const publishing = new Promise<void>((resolve) => {
      inside = resolve;
    });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let sends = 0;
    const held: EventPublisher = {
      async publish(batch) {
        sends += 1;
        if (sends === 1) {
          inside();
          await gate;
        }
        await real.publish(batch);
      },
      disconnect: async () => undefined,
    };
    const users = usersIn(db);
    const ids = [
      (await users.register({ email: 'relay1@example.com', username: 'relay1' }, { traceparent })).user.id,
      (await users.register({ email: 'relay2@example.com', username: 'relay2' }, { traceparent })).user.id,
    ];
    const { relay } = useRelay(db, topic, {
      publisher: held,
      connectionString: testDatabaseUrl({ applicationName: app }),
    });
    relay.start();

    await publishing;
    expect(await terminateBackends(app, holdsRelayLock)).toBe(1);
    // The connection's death reaches the relay while it waits for Kafka, between two statements: its
    // checkpoint write fails, so the batch Kafka took is published again by whoever leads next.
    await sleep(300);
    release();
    await expectPublished(db, topic, ids);
    expect(sends).toBeGreaterThanOrEqual(2);
  });

  it('reports the database down on /readyz while it is unreachable, refuses writes honestly, and recovers', async () => {
    trapUncaughtExceptions();
    const target = new URL(TEST_DATABASE_URL);
    const proxy = await scratchTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const app = uniqueApplicationName();
    const { db, topic, url } = await useService({
      DATABASE_URL: testDatabaseUrl({ applicationName: app, port: proxy.port }),
    });
    const ids = [await register(url, 'up1')];
    await waitFor('the relay leads', async () => (await backendsOf(app)).some(holdsRelayLock));

    await proxy.down();
    await waitFor('/readyz names the database', async () => (await readiness(url)).down.includes('database'));
    const refused = await postJson(`${url}/users`, { email: 'down@example.com', username: 'down' });
    expect(refused.status).toBe(503);
    // No connection could be made, so the statement was never sent: nothing written, and the answer says so.
    expect((await problemBody(refused)).code).toBe('UNAVAILABLE');
    await sleep(1_500);

    await proxy.up();
    await waitFor('/readyz is ready again', async () => (await readiness(url)).status === 200, 20_000);
    ids.push(await register(url, 'down'));
    expect(await db.count('users')).toBe(2);
    await expectPublished(db, topic, ids);
    await waitFor('the relay leads again', async () => (await backendsOf(app)).some(holdsRelayLock), 20_000);
  });
});
