import type { ContractManifest } from '@events/contracts';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { listen, postJson, problemBody } from '../test/helpers/listen.ts';
import { createApp } from './app.ts';
import type { User } from './domain/user.ts';
import type { Users } from './domain/users.ts';
import { userServiceError } from './errors.ts';
import { describeServiceContract } from './messaging/contract-surface.ts';
import { createMetrics } from './observability/metrics.ts';

const ada: User = {
  id: '0b7e3a8e-8a44-4b0e-9d43-5b0b7c4a2f10',
  email: 'ada@example.com',
  username: 'ada',
  displayName: null,
  registeredAt: new Date('2025-01-02T03:04:05.678Z'),
};

/** The HTTP layer over scripted use cases; the real database is exercised under test/. */
async function startApp(users: Partial<Users>, readiness = {}) {
  const metrics = createMetrics();
  const app = createApp({
    users: {
      register: async () => ({ user: ada, replayed: false }),
      findById: async () => undefined,
      ...users,
    },
    readiness,
    contracts: () => manifest,
    metrics,
    logger: pino({ level: 'silent' }),
  });
  return { url: await listen(app), metrics };
}

const manifest = describeServiceContract('user-service', new URL('../package.json', import.meta.url));

describe('createApp', () => {
  it('shows its contract manifest at GET /contracts: it writes user_register with the compiled schema', async () => {
    const { url } = await startApp({});
    const response = await fetch(`${url}/contracts`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as ContractManifest;
    expect(body).toEqual(manifest);
    expect(body.service).toMatchObject({ name: 'user-service', version: '0.1.0' });
    expect(body.produces.map((topic) => topic.topic)).toEqual(['user_register']);
    expect(body.produces[0]?.writers['events.user.UserRegister']).toMatchObject({
      subject: 'user_register-value',
      schemaId: null,
    });
    expect(body.consumes).toEqual([]);
  });

  it('answers 201 with the user, a Location header and the request id', async () => {
    const { url } = await startApp({});
    const response = await postJson(
      `${url}/users`,
      { email: 'ada@example.com' },
      { 'x-request-id': 'req-1' },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/users/${ada.id}`);
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(await response.json()).toEqual({ ...ada, registeredAt: '2025-01-02T03:04:05.678Z' });
  });

  it('passes the caller trace on to the use case as a child span', async () => {
    let seen = '';
    const { url } = await startApp({
      register: async (_body, context) => {
        seen = context.traceparent;
        return { user: ada, replayed: false };
      },
    });
    await postJson(
      `${url}/user/register`,
      {},
      { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    );
    expect(seen).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-(?!00f067aa0ba902b7)[0-9a-f]{16}-01$/);
  });

  it('hands a valid Idempotency-Key to the use case and counts a replayed registration once', async () => {
    const keys: Array<string | undefined> = [];
    const { url, metrics } = await startApp({
      register: async (_body, context) => {
        keys.push(context.idempotencyKey);
        return { user: ada, replayed: keys.length > 1 };
      },
    });
    for (const key of ['"k-1"', 'k-1']) {
      const response = await postJson(`${url}/users`, {}, { 'idempotency-key': key });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ ...ada, registeredAt: '2025-01-02T03:04:05.678Z' });
    }
    expect(keys).toEqual(['k-1', 'k-1']);
    expect((await metrics.usersRegistered.get()).values[0]?.value).toBe(1);
  });

  it('refuses a malformed Idempotency-Key with a 400 before the use case runs', async () => {
    let called = false;
    const { url } = await startApp({
      register: async () => {
        called = true;
        return { user: ada, replayed: false };
      },
    });
    const response = await postJson(`${url}/users`, {}, { 'idempotency-key': '"unterminated' });
    expect(response.status).toBe(400);
    expect(await problemBody(response)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'Idempotency-Key', message: expect.any(String) }],
    });
    expect(called).toBe(false);
  });

  it.each([
    ['OUTCOME_UNKNOWN', 503, 'urn:typed-kafka-events:problem:outcome-unknown'],
    ['IDEMPOTENCY_KEY_IN_USE', 409, 'urn:typed-kafka-events:problem:idempotency-key-in-use'],
    ['IDEMPOTENCY_KEY_REUSED', 422, 'urn:typed-kafka-events:problem:idempotency-key-reused'],
  ] as const)('answers %s with its own problem type and status %i', async (code, status, type) => {
    const { url } = await startApp({
      register: async () => {
        throw userServiceError(code, 'what happened, and what to do', {
          retriable: code === 'OUTCOME_UNKNOWN',
        });
      },
    });
    const response = await postJson(`${url}/users`, {}, { 'idempotency-key': 'k' });
    expect(response.status).toBe(status);
    expect(await problemBody(response)).toMatchObject({
      type,
      code,
      detail: 'what happened, and what to do',
    });
  });

  it('hides the internals of unexpected failures behind a 500 problem', async () => {
    const { url } = await startApp({
      register: async () => {
        throw new Error('relation "users" does not exist at 10.0.0.5');
      },
    });
    const response = await postJson(`${url}/users`, {}, { 'x-request-id': 'req-2' });
    expect(response.status).toBe(500);
    expect(await problemBody(response)).toEqual({
      type: 'urn:typed-kafka-events:problem:internal',
      title: 'Internal server error',
      status: 500,
      detail: 'Internal server error.',
      instance: '/users',
      code: 'INTERNAL',
      requestId: 'req-2',
    });
  });

  it('answers 503 with Retry-After when the database is unavailable', async () => {
    const { url } = await startApp({
      findById: async () => {
        throw userServiceError('DATABASE_UNAVAILABLE', 'The database is unavailable.', {
          retriable: true,
        });
      },
    });
    const response = await fetch(`${url}/users/${ada.id}`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect((await problemBody(response)).code).toBe('UNAVAILABLE');
  });

  it('answers 404 for unknown routes and ids', async () => {
    const { url } = await startApp({});
    for (const path of ['/nope', `/users/${ada.id}`]) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(404);
      expect(await problemBody(response)).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
    }
  });

  it('answers 400 for an id that is not a UUID, as profile-service does', async () => {
    const { url } = await startApp({});
    const response = await fetch(`${url}/users/not-a-uuid`);
    expect(response.status).toBe(400);
    expect(await problemBody(response)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'id', message: 'id must be a UUID' }],
    });
  });

  it('reports readiness per dependency and 503 naming the ones that are down', async () => {
    const up = async () => undefined;
    const down = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    const ready = await startApp({}, { database: up, kafka: up });
    expect(await (await fetch(`${ready.url}/readyz`)).json()).toEqual({
      status: 'ready',
      checks: { database: 'up', kafka: 'up' },
    });

    const notReady = await startApp({}, { database: up, kafka: down });
    const response = await fetch(`${notReady.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await problemBody(response)).toMatchObject({
      code: 'NOT_READY',
      errors: [{ path: 'kafka', message: 'kafka is not ready' }],
    });
  });

  it('records request latency by route template and status, never by raw URL', async () => {
    const { url, metrics } = await startApp({});
    await fetch(`${url}/users/${ada.id}`);
    await fetch(`${url}/nope`);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/users/:id",status_code="404"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"} 1',
    );
    expect(text).not.toContain(ada.id);
    expect(metrics.registry.contentType).toContain('text/plain');
  });
});
