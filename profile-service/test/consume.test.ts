import { waitFor } from '@events/test-kit/polling';
import { beforeAll, describe, expect, it } from 'vitest';
import { totalCommitted } from './helpers/consumer-offsets.ts';
import { encodeEvent, produceEvents, send, userRegister } from './helpers/events.ts';
import { startTestEnvironment } from './helpers/service.ts';
import { requireStack } from './helpers/stack.ts';

beforeAll(requireStack);

async function setup() {
  const environment = await startTestEnvironment();
  const { service } = environment;
  const profile = (userId: string) =>
    waitFor(`the profile of ${userId}`, async () => {
      const response = await fetch(`${service.url}/profiles/${userId}`);
      return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
    });
  return { ...environment, profile };
}

describe('consuming user_register', () => {
  it('creates the profile of an event produced through the contracts and commits past it', async () => {
    const { topics, service, producer, profile } = await setup();
    const event = userRegister({ displayName: 'Ada Lovelace' });
    const value = await encodeEvent(event);
    await send(producer, topics.topic, [{ key: event.userId, value, headers: { 'event-id': 'evt-ada' } }]);

    expect(await profile(event.userId)).toEqual({
      userId: event.userId,
      username: event.username,
      displayName: 'Ada Lovelace',
      email: event.email,
      bio: '',
      registeredAt: event.registeredAt.toISOString(),
      sourceEventId: 'evt-ada',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    await waitFor(
      'the offset commit',
      async () => (await totalCommitted(topics.groupId, topics.topic)) === 1,
    );
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    expect((await fetch(`${service.url}/profiles/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('keeps one unchanged profile when the same event is delivered twice', async () => {
    const { topics, db, producer, profile } = await setup();
    const event = userRegister();
    const value = await encodeEvent(event);
    const message = { key: event.userId, value, headers: { 'event-id': 'evt-once' } };
    await send(producer, topics.topic, [message]);
    await send(producer, topics.topic, [message]);
    const marker = userRegister();
    await produceEvents(producer, topics.topic, [marker]);
    await profile(marker.userId);
    await waitFor(
      'both copies to be consumed',
      async () => (await totalCommitted(topics.groupId, topics.topic)) === 3,
    );

    const rows = await db.query<{ source_event_id: string; unchanged: boolean }>(
      'SELECT source_event_id, created_at = updated_at AS unchanged FROM profiles WHERE user_id = $1',
      [event.userId],
    );
    expect(rows).toEqual([{ source_event_id: 'evt-once', unchanged: true }]);
    expect(await profile(event.userId)).toMatchObject({ displayName: event.username });
  });

  it('never lets an older registration overwrite a newer one, but lets a newer one replace an older', async () => {
    const { topics, producer, profile } = await setup();
    const userId = crypto.randomUUID();
    const newer = userRegister({ userId, username: 'newer', registeredAt: new Date('2025-06-01T00:00:00Z') });
    const older = userRegister({ userId, username: 'older', registeredAt: new Date('2025-01-01T00:00:00Z') });
    const newest = userRegister({
      userId,
      username: 'newest',
      registeredAt: new Date('2025-09-01T00:00:00Z'),
    });
    await produceEvents(producer, topics.topic, [newer]);
    await produceEvents(producer, topics.topic, [older]);
    const marker = userRegister();
    await produceEvents(producer, topics.topic, [marker]);
    await profile(marker.userId);
    await waitFor(
      'the older event to be consumed',
      async () => (await totalCommitted(topics.groupId, topics.topic)) === 3,
    );
    expect(await profile(userId)).toMatchObject({ username: 'newer' });

    await produceEvents(producer, topics.topic, [newest]);
    await waitFor('the newest registration', async () => (await profile(userId)).username === 'newest');
  });

  it('creates correct profiles from events written with schema v1 and with schema v2', async () => {
    const { topics, producer, profile } = await setup();
    const fromV1 = userRegister({ displayName: null });
    const fromV2 = userRegister({ displayName: 'Grace Hopper' });
    await produceEvents(producer, topics.topic, [fromV1], 1);
    await produceEvents(producer, topics.topic, [fromV2], 2);

    expect(await profile(fromV1.userId)).toMatchObject({
      username: fromV1.username,
      displayName: fromV1.username,
      email: fromV1.email,
      registeredAt: fromV1.registeredAt.toISOString(),
    });
    expect(await profile(fromV2.userId)).toMatchObject({
      username: fromV2.username,
      displayName: 'Grace Hopper',
      registeredAt: fromV2.registeredAt.toISOString(),
    });
  });
});
