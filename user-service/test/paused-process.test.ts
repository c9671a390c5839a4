import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from '@events/test-kit/polling';
import { readTopic } from '@events/test-kit/read-topic';
import { beforeAll, describe, expect, it } from 'vitest';
import { backendsOf, terminateBackends, testDatabaseUrl, uniqueApplicationName } from './helpers/backends.ts';
import { type TestDatabase, useTestDatabase } from './helpers/database.ts';
import { holdInsertOf } from './helpers/held-insert.ts';
import { useTestTopic } from './helpers/kafka.ts';
import { postJson, problemBody, userBody } from './helpers/listen.ts';
import { type ServiceProcess, useServiceProcess } from './helpers/service-process.ts';

const QUERY_TIMEOUT_MS = 1_000;

let db: TestDatabase;
let topic: string;
let app: string;
let service: ServiceProcess;

beforeAll(async () => {
  db = await useTestDatabase();
  topic = await useTestTopic();
  app = uniqueApplicationName('us-paused');
  service = await useServiceProcess({
    DATABASE_URL: testDatabaseUrl({ applicationName: app, schema: db.schema }),
    DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
    USER_REGISTER_TOPIC: topic,
    OUTBOX_POLL_INTERVAL_MS: '500',
  });
});

const insertWaits = () =>
  waitFor('the INSERT waits inside its statement', async () =>
    (await backendsOf(app)).some((backend) => backend.waitEventType === 'Lock'),
  );

/** The id stored for `email`: exactly one user, or none yet. */
async function storedIdOf(email: string): Promise<string | undefined> {
  const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0]?.id;
}

/**
 * What the client ends up with: the first answer if it is a 201, else (it must be OUTCOME_UNKNOWN, never a
 * failure or a conflict) the answer to a retry with its key. Returns the registered id.
 */
async function outcome(first: Response, body: object, key: string): Promise<string> {
  if (first.status !== 201) {
    expect(first.status).toBe(503);
    expect((await problemBody(first)).code).toBe('OUTCOME_UNKNOWN');
    first = await postJson(`${service.url}/users`, body, { 'idempotency-key': key });
  }
  expect(first.status).toBe(201);
  return (await userBody(first)).id;
}

function expectAlive(): void {
  expect(service.process.crashes, service.process.output.slice(-30).join('\n')).toEqual([]);
  expect(service.process.output.filter((line) => line.includes('uncaught exception'))).toEqual([]);
}

/** registration_lost_answers_total{outcome} as the service reports it. */
async function lostAnswers(outcome: 'stored' | 'unknown'): Promise<number> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`registration_lost_answers_total{outcome="${outcome}"}`));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

async function expectPublished(id: string): Promise<void> {
  await readTopic(topic, (messages) => messages.some((message) => message.key?.toString() === id));
}

describe('a user-service process paused (SIGSTOP) between sending its INSERT and reading the answer', () => {
  it('answers 201, or OUTCOME_UNKNOWN and then the same 201 to a retry with the key, when the commit landed and its connection was cut', async () => {
    const body = { email: 'paused@example.com', username: 'paused' };
    const key = randomUUID();
    const release = await holdInsertOf(db, body.email);
    const pending = postJson(`${service.url}/users`, body, { 'idempotency-key': key });
    await insertWaits();

    service.process.pause();
    await release();
    await waitFor('the INSERT commits', async () => (await storedIdOf(body.email)) !== undefined);
    expect(await terminateBackends(app)).toBeGreaterThan(0);
    // Longer than the client-side query timeout: on waking, the timer and the answer race.
    await sleep(QUERY_TIMEOUT_MS * 1.5);
    service.process.resume();

    const id = await outcome(await pending, body, key);
    expect(id).toBe(await storedIdOf(body.email));
    expectAlive();
    await expectPublished(id);
  });

  it('looks the registration up when its timeout fires on waking, and answers 201 once the INSERT commits', async () => {
    const body = { email: 'woken@example.com', username: 'woken' };
    const key = randomUUID();
    const foundBefore = await lostAnswers('stored');
    const release = await holdInsertOf(db, body.email);
    const pending = postJson(`${service.url}/users`, body, { 'idempotency-key': key });
    await insertWaits();

    service.process.pause();
    await sleep(QUERY_TIMEOUT_MS * 1.5);
    service.process.resume();
    // The timeout has fired (nothing else was ready to read): the lookups run while the INSERT still waits.
    await sleep(300);
    await release();
    await waitFor('the INSERT commits', async () => (await storedIdOf(body.email)) !== undefined);
    await terminateBackends(app, (backend) => backend.state !== 'active');

    const id = await outcome(await pending, body, key);
    expect(id).toBe(await storedIdOf(body.email));
    // The answer came from the lookup, not from the INSERT's own result.
    expect(await lostAnswers('stored')).toBe(foundBefore + 1);
    expectAlive();
    await expectPublished(id);
  });

  it('gives a client whose answer was lost the same 201 when it retries with its key, never a 409', async () => {
    const body = { email: 'gaveup@example.com', username: 'gaveup' };
    const key = randomUUID();
    const release = await holdInsertOf(db, body.email);
    const client = new AbortController();
    const abandoned = postJson(`${service.url}/users`, body, { 'idempotency-key': key }, client.signal);
    await insertWaits();

    service.process.pause();
    client.abort();
    await expect(abandoned).rejects.toThrow();
    await release();
    await waitFor('the INSERT commits', async () => (await storedIdOf(body.email)) !== undefined);
    expect(await terminateBackends(app)).toBeGreaterThan(0);
    await sleep(QUERY_TIMEOUT_MS * 1.5);
    service.process.resume();

    const retry = await postJson(`${service.url}/users`, body, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    const id = (await userBody(retry)).id;
    expect(id).toBe(await storedIdOf(body.email));
    expectAlive();
    await expectPublished(id);
  });
});
