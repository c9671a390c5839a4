import { waitFor } from '@events/test-kit/polling';
import { stackPart } from '@events/test-kit/stack-control';
import { countMessages } from '@events/test-kit/topic-admin';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './helpers/database.ts';
import { useTestTopic } from './helpers/kafka.ts';
import { postJson, problemBody } from './helpers/listen.ts';
import { startTestService } from './helpers/service.ts';

describe('a schema registry outage', () => {
  it('does not fail registrations, even from a cold start, and they are published once it is back', async () => {
    const db = await useTestDatabase();
    const topic = await useTestTopic();
    const pending = () => db.unpublished();

    await stackPart('down', 'registry');
    // Started while the registry is down: its serde has never looked up a schema id.
    const service = await startTestService({ db, topic }).catch(async (error: unknown) => {
      await stackPart('up', 'registry');
      throw error;
    });
    try {
      try {
        for (let i = 0; i < 5; i += 1) {
          const response = await postJson(`${service.url}/users`, {
            email: `reg${i}@example.com`,
            username: `reg${i}`,
          });
          expect(response.status).toBe(201);
        }
        const readiness = await fetch(`${service.url}/readyz`);
        expect(readiness.status).toBe(503);
        expect((await problemBody(readiness)).errors).toEqual([
          { path: 'registry', message: 'registry is not ready' },
        ]);
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(await pending()).toBe(5);
      } finally {
        await stackPart('up', 'registry');
      }
      await waitFor('the backlog drains', async () => (await pending()) === 0, 90_000);
      expect(await countMessages(topic)).toBe(5);
    } finally {
      await service.stop();
    }
    // The registry's JVM alone takes 30-37 s to start again on a busy 2-core machine (its log), and the drain
    // may wait 90 s: the default 60 s timed the test out while everything it checks was on its way.
  }, 180_000);
});
