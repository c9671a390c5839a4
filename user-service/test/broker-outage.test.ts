import { createSerde } from '@events/contracts';
import { waitFor } from '@events/test-kit/polling';
import { headerText, readTopic } from '@events/test-kit/read-topic';
import { stackPart } from '@events/test-kit/stack-control';
import { countMessages } from '@events/test-kit/topic-admin';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import type { TestDatabase } from './helpers/database.ts';
import { postJson, problemBody, userBody } from './helpers/listen.ts';
import { useService } from './helpers/service.ts';

const serde = createSerde({ registry: { url: loadConfig({}).registry.url } });

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (!line) throw new Error(`metric ${name} is missing`);
  return Number(line.split(' ')[1]);
}

describe('a broker outage', () => {
  let db: TestDatabase;
  let topic: string;
  let url: string;

  beforeAll(async () => {
    ({ db, topic, url } = await useService());
  });

  it('does not fail registrations, and every one is published exactly once after the broker returns', async () => {
    // One event before the outage, so the producer is connected and must recover rather than connect fresh.
    expect((await postJson(`${url}/users`, { email: 'before@example.com', username: 'before' })).status).toBe(
      201,
    );
    await waitFor('the first event is published', async () => (await db.unpublished()) === 0);

    const registered: string[] = [];
    await stackPart('down', 'kafka');
    try {
      for (let i = 0; i < 20; i += 1) {
        const response = await postJson(`${url}/users`, {
          email: `down${i}@example.com`,
          username: `down${i}`,
        });
        expect(response.status).toBe(201);
        registered.push((await userBody(response)).id);
      }
      expect(await db.unpublished()).toBe(20);
      expect(await metric(url, 'outbox_backlog')).toBe(20);
      const readiness = await fetch(`${url}/readyz`);
      expect(readiness.status).toBe(503);
      expect((await problemBody(readiness)).errors).toContainEqual({
        path: 'kafka',
        message: 'kafka is not ready',
      });
      await waitFor('a failed publish attempt is counted', async () => {
        const text = await (await fetch(`${url}/metrics`)).text();
        return /outbox_events_failed_total\{reason="transient"\} [1-9]/.test(text);
      });
    } finally {
      await stackPart('up', 'kafka');
    }

    await waitFor('the backlog drains', async () => (await db.unpublished()) === 0, 90_000);
    expect(await metric(url, 'outbox_backlog')).toBe(0);
    expect(await countMessages(topic)).toBe(21);

    const messages = await readTopic(topic, (received) => received.length >= 21);
    const eventIds = new Set(messages.map((message) => headerText(message, 'event-id')));
    expect(eventIds.size).toBe(21);
    const userIds = await Promise.all(
      messages.map(async (message) => {
        if (!message.value) throw new Error('an event has no value');
        return (await serde.decode('user_register', message.value)).userId;
      }),
    );
    expect(userIds).toEqual(expect.arrayContaining(registered));
    expect(new Set(userIds).size).toBe(21);
  });
});
