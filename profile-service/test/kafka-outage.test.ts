import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { produceEvents, userRegister } from './helpers/events.ts';
import { countProfiles } from './helpers/resources.ts';
import { startTestEnvironment, startTestService, waitFor } from './helpers/service.ts';
import { requireStack } from './helpers/stack.ts';

beforeAll(requireStack);

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function stack(action: 'up' | 'down', part: string): Promise<void> {
  const child = spawn('npm', ['run', '-s', `stack:${action}`, '--', part], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`stack:${action} ${part} exited ${code}`)),
    ),
  );
}

async function readiness(url: string): Promise<{ status: number; kafka: boolean }> {
  const response = await fetch(`${url}/readyz`);
  const body = (await response.json()) as { checks: { kafka: boolean } };
  return { status: response.status, kafka: body.checks.kafka };
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
    onTestFinished(async () => {
      if (kafkaDown) await stack('up', 'kafka');
    });
    await stack('down', 'kafka');
    await waitFor('readiness to go red', async () => (await readiness(running.url)).status === 503, 90_000);
    expect((await readiness(running.url)).kafka).toBe(false);

    const startedWithoutBroker = await startTestService({ topics, databaseUrl: db.url });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await readiness(startedWithoutBroker.url)).toEqual({ status: 503, kafka: false });

    await stack('up', 'kafka');
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
