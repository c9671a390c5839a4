import { cleanUpLater } from '@events/test-kit/cleanup';
import { waitFor } from '@events/test-kit/polling';
import { stackPart } from '@events/test-kit/stack-control';
import { beforeAll, describe, expect, it } from 'vitest';
import { produceEvents, userRegister } from './helpers/events.ts';
import { countProfiles } from './helpers/resources.ts';
import { startTestEnvironment, startTestService } from './helpers/service.ts';
import { requireStack } from './helpers/stack.ts';

beforeAll(requireStack);

async function readiness(url: string): Promise<{ status: number; kafka: boolean }> {
  const response = await fetch(`${url}/readyz`);
  // Ready: `checks` lists every check up; not ready: a problem whose `errors` name the failing ones.
  const body = (await response.json()) as { errors?: { path: string }[] };
  return { status: response.status, kafka: !body.errors?.some((error) => error.path === 'kafka') };
}

describe('Kafka outage', () => {
  it('turns readiness red, survives a start without a broker, and catches up once Kafka returns', async () => {
    const { topics, db, service: running, producer } = await startTestEnvironment();
    const before = userRegister();
    await produceEvents(producer, topics.topic, [before]);
    await waitFor(
      'the first profile',
      async () => (await fetch(`${running.url}/profiles/${before.userId}`)).ok,
    );

    let kafkaDown = true;
    cleanUpLater(async () => {
      if (kafkaDown) await stackPart('up', 'kafka');
    });
    await stackPart('down', 'kafka');
    await waitFor('readiness to go red', async () => (await readiness(running.url)).status === 503, 90_000);
    expect((await readiness(running.url)).kafka).toBe(false);

    const startedWithoutBroker = await startTestService({ topics, databaseUrl: db.url });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await readiness(startedWithoutBroker.url)).toEqual({ status: 503, kafka: false });

    await stackPart('up', 'kafka');
    kafkaDown = false;
    for (const service of [running, startedWithoutBroker]) {
      await waitFor(
        'readiness to turn green again',
        async () => (await readiness(service.url)).status === 200,
        120_000,
      );
    }
    const after = Array.from({ length: 12 }, () => userRegister());
    await produceEvents(producer, topics.topic, after);
    await waitFor(
      'the profiles produced after the outage',
      async () => (await countProfiles(db)) === 1 + after.length,
      120_000,
    );
  }, 300_000);
});
