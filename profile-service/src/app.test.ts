import type { AddressInfo } from 'node:net';
import type { ContractManifest } from '@events/contracts';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import type { Profile } from './domain/profile.ts';
import { profileServiceError } from './errors.ts';
import { describeServiceContract } from './messaging/contract-surface.ts';
import { createMessageReader } from './messaging/read-message.ts';

const profile: Profile = {
  userId: '2b5f3c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f',
  username: 'ada',
  displayName: 'ada',
  email: 'ada@example.com',
  bio: '',
  registeredAt: new Date('2025-01-01T00:00:00Z'),
  sourceEventId: 'evt-1',
  createdAt: new Date('2025-01-01T00:00:01Z'),
  updatedAt: new Date('2025-01-01T00:00:01Z'),
};

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function start(
  options: { findById?: (id: string) => Promise<Profile | undefined>; ready?: boolean } = {},
) {
  const registry = new Registry();
  const app = createApp({
    profiles: { findById: options.findById ?? (async (id) => (id === profile.userId ? profile : undefined)) },
    readiness: {
      database: async () => undefined,
      kafka: async () => {
        if (options.ready === false) throw new Error('not in the group');
      },
    },
    contracts: () => manifest,
    registry,
    logger: pino({ level: 'silent' }),
  });
  const server = app.listen(0);
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (path: string) => fetch(`${base}${path}`);
}

const manifest = describeServiceContract(
  'profile-service',
  new URL('../package.json', import.meta.url),
  createMessageReader({ serde: { decode: async () => profile } as never }).router,
);

describe('createApp', () => {
  it('shows its contract manifest at GET /contracts: the topic it reads and what its router does with each event type', async () => {
    const get = await start();
    const response = await get('/contracts');
    expect(response.status).toBe(200);
    const body = (await response.json()) as ContractManifest;
    expect(body).toEqual(manifest);
    expect(body.produces).toEqual([]);
    expect(body.consumes).toMatchObject([
      {
        topic: 'user_register',
        unknownEventTypes: 'dead-letter',
        events: {
          'events.user.UserRegister': { handling: 'handled', reader: { subject: 'user_register-value' } },
        },
      },
    ]);
  });

  it('returns a stored profile as JSON', async () => {
    const get = await start();
    const response = await get(`/profiles/${profile.userId}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(profile)));
  });

  it('answers 404 for an unknown user and 400 for an id that is not a UUID, as user-service does', async () => {
    const get = await start();
    expect((await get('/profiles/0b5f3c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f')).status).toBe(404);
    const bad = await get('/profiles/42');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await bad.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'userId', message: 'userId must be a UUID' }],
    });
  });

  it('answers 503 without internals when the database is unavailable', async () => {
    const get = await start({
      findById: async () => {
        throw profileServiceError('DATABASE_UNAVAILABLE', 'connect ECONNREFUSED 127.0.0.1:5432');
      },
    });
    const response = await get(`/profiles/${profile.userId}`);
    expect(response.status).toBe(503);
    expect(await response.text()).not.toMatch(/ECONNREFUSED/);
  });

  it('answers 500 without internals on an unexpected error', async () => {
    const get = await start({
      findById: async () => {
        throw new Error('secret stack detail');
      },
    });
    const response = await get(`/profiles/${profile.userId}`);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toMatch(/secret/);
  });

  it('reports readiness per check and goes 503 when one fails', async () => {
    expect((await (await start())('/readyz')).status).toBe(200);
    const notReady = await (await start({ ready: false }))('/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      code: 'NOT_READY',
      errors: [{ path: 'kafka', message: 'kafka is not ready' }],
    });
    expect((await (await start())('/healthz')).status).toBe(200);
  });

  it('serves Prometheus metrics', async () => {
    const response = await (await start())('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
  });
});
