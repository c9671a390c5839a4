import { randomUUID } from 'node:crypto';
import { waitFor } from '@events/test-kit/polling';
import { describe, expect, it } from 'vitest';
import { deleteExpiredKeys } from '../src/data-access/idempotency-key-repository.ts';
import { backendsOf, testDatabaseUrl, uniqueApplicationName } from './helpers/backends.ts';
import { type TestDatabase, useTestDatabase } from './helpers/database.ts';
import { holdInsertOf } from './helpers/held-insert.ts';
import { postJson, problemBody, userBody } from './helpers/listen.ts';
import { useService } from './helpers/service.ts';

const ada = { email: 'ada@example.com', username: 'ada', displayName: 'Ada' };

const withKey = (key: string) => ({ 'idempotency-key': `"${key}"` });

async function snapshot(db: TestDatabase) {
  return { users: await db.count('users'), outbox: await db.count('outbox') };
}

const insertWaits = (app: string) =>
  waitFor('the INSERT waits on the lock', async () =>
    (await backendsOf(app)).some((backend) => backend.waitEventType === 'Lock'),
  );

describe('POST /users with an Idempotency-Key', () => {
  it('answers a retry with the same key and body with the original 201, writing nothing more', async () => {
    const { db, url } = await useService();
    const key = randomUUID();
    const first = await postJson(`${url}/users`, ada, withKey(key));
    expect(first.status).toBe(201);
    const original = await first.text();

    // Bare and quoted are the same key; a missing displayName is not the same body as "Ada".
    const retry = await postJson(`${url}/users`, ada, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(await retry.text()).toBe(original);
    expect(await snapshot(db)).toEqual({ users: 1, outbox: 1 });
  });

  it('refuses the same key with another body with a 422 that writes nothing', async () => {
    const { db, url } = await useService();
    const key = randomUUID();
    expect((await postJson(`${url}/users`, ada, withKey(key))).status).toBe(201);
    const other = await postJson(
      `${url}/users`,
      { ...ada, email: 'grace@example.com', username: 'grace' },
      withKey(key),
    );
    expect(other.status).toBe(422);
    expect(await problemBody(other)).toMatchObject({
      type: 'urn:typed-kafka-events:problem:idempotency-key-reused',
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await snapshot(db)).toEqual({ users: 1, outbox: 1 });
  });

  it('refuses a malformed key with a 400 that writes nothing', async () => {
    const { db, url } = await useService();
    const response = await postJson(`${url}/users`, ada, { 'idempotency-key': '"no end' });
    expect(response.status).toBe(400);
    expect((await problemBody(response)).errors).toEqual([
      { path: 'Idempotency-Key', message: expect.any(String) },
    ]);
    expect(await snapshot(db)).toEqual({ users: 0, outbox: 0 });
  });

  it('stores nothing for a refused registration: the same key then gets the same refusal', async () => {
    const { db, url } = await useService();
    expect((await postJson(`${url}/users`, ada)).status).toBe(201);
    const key = randomUUID();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const taken = await postJson(`${url}/users`, { ...ada, username: 'someone' }, withKey(key));
      expect(taken.status).toBe(409);
      expect((await problemBody(taken)).code).toBe('CONFLICT');
    }
    expect(await db.count('users')).toBe(1);
  });

  it('answers a retry while the first request is still in flight with a 409, then with its 201', async () => {
    const app = uniqueApplicationName();
    const { db, url } = await useService({ DATABASE_URL: testDatabaseUrl({ applicationName: app }) });
    const release = await holdInsertOf(db, ada.email);
    const key = randomUUID();
    const first = postJson(`${url}/users`, ada, withKey(key));
    await insertWaits(app);

    const concurrent = await postJson(`${url}/users`, ada, withKey(key));
    expect(concurrent.status).toBe(409);
    expect(await problemBody(concurrent)).toMatchObject({
      type: 'urn:typed-kafka-events:problem:idempotency-key-in-use',
      code: 'IDEMPOTENCY_KEY_IN_USE',
    });

    await release();
    const created = await first;
    expect(created.status).toBe(201);
    const body = await created.text();
    const retry = await postJson(`${url}/users`, ada, withKey(key));
    expect(retry.status).toBe(201);
    expect(await retry.text()).toBe(body);
    expect(await snapshot(db)).toEqual({ users: 1, outbox: 1 });
  });

  it('deletes keys past their retention in batches, oldest first, and keeps the registrations', async () => {
    const { db, url } = await useService();
    for (const name of ['old1', 'old2', 'new1']) {
      const response = await postJson(
        `${url}/users`,
        { email: `${name}@example.com`, username: name },
        withKey(name),
      );
      expect(response.status).toBe(201);
    }
    await db.pool.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '2 days' - make_interval(mins => length(key))
       WHERE key LIKE 'old%'`,
    );
    expect(await deleteExpiredKeys(db.pool, { retentionMinutes: 24 * 60, limit: 1 })).toBe(1);
    expect(await deleteExpiredKeys(db.pool, { retentionMinutes: 24 * 60, limit: 10 })).toBe(1);
    const { rows } = await db.pool.query<{ key: string }>('SELECT key FROM idempotency_keys');
    expect(rows).toEqual([{ key: 'new1' }]);
    expect(await db.count('users')).toBe(3);
  });
});

describe('a registration whose answer is lost (the statement outlives the client-side timeout)', () => {
  const env = (app: string) => ({
    DATABASE_URL: testDatabaseUrl({ applicationName: app }),
    DATABASE_QUERY_TIMEOUT_MS: '500',
  });

  it('is looked up and answered 201 when it commits shortly after the timeout', async () => {
    const app = uniqueApplicationName();
    const { db, url } = await useService(env(app));
    const release = await holdInsertOf(db, ada.email);
    const pending = postJson(`${url}/users`, ada, withKey('late'));
    await insertWaits(app);
    // Past the 500 ms timeout, within the lookups' 3 s.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await release();

    const response = await pending;
    expect(response.status).toBe(201);
    const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM users');
    expect(rows).toEqual([{ id: (await userBody(response)).id }]);
  });

  it('is answered OUTCOME_UNKNOWN when it is still running, and a retry with the key gets the 201 once it commits', async () => {
    const app = uniqueApplicationName();
    const { db, url } = await useService(env(app));
    const release = await holdInsertOf(db, ada.email);
    const pending = postJson(`${url}/users`, ada, withKey('slow'));
    await insertWaits(app);

    const unknown = await pending;
    expect(unknown.status).toBe(503);
    expect(unknown.headers.get('retry-after')).toBe('1');
    const problem = await problemBody(unknown);
    expect(problem).toMatchObject({
      type: 'urn:typed-kafka-events:problem:outcome-unknown',
      code: 'OUTCOME_UNKNOWN',
    });
    expect(problem.detail).toContain('Retry with the same Idempotency-Key');
    // The statement is still waiting on the server, holding its key.
    expect((await postJson(`${url}/users`, ada, withKey('slow'))).status).toBe(409);

    await release();
    await waitFor('the abandoned statement commits', async () => (await db.count('users')) === 1);
    const retry = await postJson(`${url}/users`, ada, withKey('slow'));
    expect(retry.status).toBe(201);
    const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM users');
    expect(rows).toEqual([{ id: (await userBody(retry)).id }]);
    expect(await snapshot(db)).toEqual({ users: 1, outbox: 1 });
  });

  it('without a key, names where to look: GET /users/{id} shows the registration once it commits', async () => {
    const app = uniqueApplicationName();
    const { db, url } = await useService(env(app));
    const release = await holdInsertOf(db, ada.email);
    const pending = postJson(`${url}/users`, ada);
    await insertWaits(app);
    const problem = await problemBody(await pending);
    expect(problem.code).toBe('OUTCOME_UNKNOWN');
    const path = /GET (\/users\/[0-9a-f-]{36})/.exec(problem.detail)?.[1];
    expect(path).toBeDefined();

    await release();
    await waitFor('the registration appears', async () => (await fetch(`${url}${path}`)).status === 200);
  });
});

describe('the Idempotency-Key table', () => {
  it('is created by the migrations with its primary key and retention index', async () => {
    const db = await useTestDatabase();
    const { rows } = await db.pool.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'idempotency_keys' AND schemaname = current_schema()
       ORDER BY indexname`,
    );
    expect(rows.map(({ indexname }) => indexname)).toEqual([
      'idempotency_keys_created_idx',
      'idempotency_keys_pkey',
    ]);
  });
});
