import { hostname } from 'node:os';
import { waitFor } from '@events/test-kit/polling';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestDatabase } from './helpers/database.ts';
import { postJson, problemBody, userBody } from './helpers/listen.ts';
import { useService } from './helpers/service.ts';

let db: TestDatabase;
let url: string;

beforeAll(async () => {
  ({ db, url } = await useService());
});

const ada = { email: 'Ada@Example.com', username: 'ada_lovelace', displayName: 'Ada Lovelace' };

/** Asserts the request changed nothing: no user and no outbox event beyond what existed before. */
async function expectNothingWritten(before: { users: number; outbox: number }) {
  expect({ users: await db.count('users'), outbox: await db.count('outbox') }).toEqual(before);
}

async function snapshot() {
  return { users: await db.count('users'), outbox: await db.count('outbox') };
}

describe('POST /users', () => {
  beforeEach(async () => {
    await db.pool.query('TRUNCATE users, outbox');
  });

  it('registers a user: 201, Location, the stored user and one outbox event in the same transaction', async () => {
    const response = await postJson(`${url}/users`, ada);
    expect(response.status).toBe(201);
    const body = await userBody(response);
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ...ada,
      registeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(response.headers.get('location')).toBe(`/users/${body.id}`);
    expect(await snapshot()).toEqual({ users: 1, outbox: 1 });

    const fetched = await fetch(`${url}${response.headers.get('location')}`);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(body);
  });

  it('keeps POST /user/register as an alias with the same contract', async () => {
    const response = await postJson(`${url}/user/register`, { email: 'b@example.com', username: 'bob' });
    expect(response.status).toBe(201);
    expect((await userBody(response)).displayName).toBeNull();
    expect(await snapshot()).toEqual({ users: 1, outbox: 1 });
  });

  it('round-trips unicode usernames and display names byte for byte', async () => {
    const unicode = { email: 'zoe@example.com', username: 'Zoë-明日', displayName: 'Zoë 明日 🚀 नमस्ते' };
    const created = await userBody(await postJson(`${url}/users`, unicode));
    const fetched = await userBody(await fetch(`${url}/users/${created.id}`));
    expect(Buffer.from(fetched.username)).toEqual(Buffer.from(unicode.username));
    expect(Buffer.from(fetched.displayName ?? '')).toEqual(Buffer.from(unicode.displayName));
  });

  it('answers 400 listing each invalid field and writes nothing', async () => {
    const before = await snapshot();
    const response = await postJson(`${url}/users`, {
      email: 'nope',
      username: 'x',
      displayName: '',
      admin: true,
    });
    expect(response.status).toBe(400);
    const error = await problemBody(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.requestId).toEqual(response.headers.get('x-request-id'));
    expect((error.errors ?? []).map((field) => field.path).sort()).toEqual([
      'admin',
      'displayName',
      'email',
      'username',
    ]);
    await expectNothingWritten(before);
  });

  it('answers 409 for an email taken in any letter case and writes nothing', async () => {
    await postJson(`${url}/users`, ada);
    const before = await snapshot();
    const response = await postJson(`${url}/users`, {
      ...ada,
      email: 'ADA@example.COM',
      username: 'someone_else',
    });
    expect(response.status).toBe(409);
    expect(await problemBody(response)).toMatchObject({
      code: 'CONFLICT',
      errors: [{ path: 'email', message: 'email is already taken' }],
    });
    await expectNothingWritten(before);
  });

  it('answers 409 for a username taken in any letter case and writes nothing', async () => {
    await postJson(`${url}/users`, ada);
    const before = await snapshot();
    const response = await postJson(`${url}/users`, { email: 'other@example.com', username: 'ADA_Lovelace' });
    expect(response.status).toBe(409);
    expect((await problemBody(response)).errors).toEqual([
      { path: 'username', message: 'username is already taken' },
    ]);
    await expectNothingWritten(before);
  });

  it('lets exactly one of many concurrent registrations of one email win', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postJson(`${url}/users`, { email: 'race@example.com', username: `racer${i}` }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(await snapshot()).toEqual({ users: 1, outbox: 1 });
  });

  it.each([
    ['no content type', undefined],
    ['text/plain', 'text/plain'],
    ['form encoding', 'application/x-www-form-urlencoded'],
  ])('answers 415 for a body sent as %s and writes nothing', async (_name, contentType) => {
    const before = await snapshot();
    const response = await fetch(`${url}/users`, {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
      body: JSON.stringify(ada),
    });
    expect(response.status).toBe(415);
    expect((await problemBody(response)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await expectNothingWritten(before);
  });

  it('answers 413 for a body over the 16 kB limit and writes nothing', async () => {
    const before = await snapshot();
    const response = await postJson(`${url}/users`, { ...ada, displayName: 'x'.repeat(20_000) });
    expect(response.status).toBe(413);
    expect((await problemBody(response)).code).toBe('PAYLOAD_TOO_LARGE');
    await expectNothingWritten(before);
  });

  it.each([
    ['truncated JSON', '{"email": "a@example.com"'],
    ['a bare string', '"hello"'],
    ['an empty body', ''],
  ])('answers 400 (not 500) for %s and writes nothing', async (_name, raw) => {
    const before = await snapshot();
    const response = await postJson(`${url}/users`, raw);
    expect(response.status).toBe(400);
    expect((await problemBody(response)).code).toMatch(/^(MALFORMED_BODY|VALIDATION_FAILED)$/);
    await expectNothingWritten(before);
  });
});

describe('GET /users/:id', () => {
  it('answers a 404 problem for an unknown id', async () => {
    const response = await fetch(`${url}/users/6f1c1c9e-8a8e-4d8b-9a43-3d2c9e0b1a77`);
    expect(response.status).toBe(404);
    expect(await problemBody(response)).toMatchObject({
      code: 'NOT_FOUND',
      detail: 'No user with this id.',
    });
  });
});

describe('operations endpoints', () => {
  it('answers /healthz while the process is alive', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when the database, Kafka and the registry are reachable, with the relay it leads', async () => {
    await waitFor('the relay leads', async () => {
      const body = (await (await fetch(`${url}/readyz`)).json()) as {
        checks: { relay: { leading: boolean } };
      };
      return body.checks.relay.leading;
    });
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(200);
    const instance = `${hostname()}:${process.pid}`;
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: {
        database: 'up',
        kafka: 'up',
        registry: 'up',
        relay: {
          status: 'up',
          activeRelay: instance,
          thisInstance: instance,
          leading: true,
          lagEvents: expect.any(Number),
          lagSeconds: expect.any(Number),
        },
      },
    });
  });

  it('exposes request latency, the outbox backlog and publish counters on /metrics', async () => {
    await postJson(`${url}/users`, { email: 'metrics@example.com', username: 'metrics' });
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/users",status_code="201"\} \d+/,
    );
    expect(text).toMatch(/^users_registered_total [1-9]\d*$/m);
    expect(text).toMatch(/^outbox_backlog \d+$/m);
    expect(text).toMatch(/^outbox_relay_lag_seconds [\d.e-]+$/m);
    expect(text).toMatch(/^outbox_relay_active 1$/m);
    expect(text).toMatch(/^outbox_events_published_total \d+$/m);
    expect(text).toContain('# TYPE outbox_events_failed_total counter');
    expect(text).toContain('process_cpu_seconds_total');
  });
});
