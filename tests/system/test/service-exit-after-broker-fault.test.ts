import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createRunContext,
  createTopics,
  dropDatabase,
  onBrokers,
  recreateDatabase,
} from '@events/harness/run-context';
import { scratchKafka } from '@events/harness/scratch-kafka';
import {
  assertServicesBuilt,
  profileServiceSpec,
  ServiceProcess,
  userServiceSpec,
} from '@events/harness/service-process';
import { logsDir } from '@events/stack/paths';
import { runRootScript } from '@events/test-kit/stack-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** What an orchestrator allows before its SIGKILL is far longer; a rolling restart should not wait for it. */
const EXIT_BOUND_MS = 5_000;

/**
 * A service whose broker died (SIGKILL: no controlled shutdown) still exits soon after SIGTERM, whatever
 * kafkajs leaves behind while it tries to reconnect.
 */
describe('a service stopped while its broker is dead', () => {
  const broker = scratchKafka();
  const run = onBrokers(createRunContext('e2e'), broker.brokers);
  const topic = `exit-test.user_register.${run.runId}`;
  const databases = {
    users: `user_service_exit_${run.runId}`,
    profiles: `profile_service_exit_${run.runId}`,
  };
  const wiring = { brokers: broker.brokers, registryUrl: run.registryUrl, topic };

  let brokerUp = false;

  beforeAll(async () => {
    assertServicesBuilt();
    await Promise.all([broker.start(), runRootScript(['schemas:register'])]);
    brokerUp = true;
    await createTopics(run, [topic, `${topic}.dlq`]);
  }, 180_000);
  afterAll(async () => {
    await broker.close();
    await Promise.all(Object.values(databases).map((name) => dropDatabase(run, name)));
  });

  const services = {
    'user-service': async () =>
      userServiceSpec(
        { ...wiring, databaseUrl: await recreateDatabase(run, databases.users) },
        { port: 3190, logFile: join(logsDir, 'exit-test-user-service.log') },
      ),
    'profile-service': async () =>
      profileServiceSpec(
        {
          ...wiring,
          databaseUrl: await recreateDatabase(run, databases.profiles),
          dlqTopic: `${topic}.dlq`,
          group: `exit-test-${run.runId}`,
        },
        { port: 3191, logFile: join(logsDir, 'exit-test-profile-service.log') },
      ),
  };

  it.each(Object.keys(services) as (keyof typeof services)[])(
    '%s exits within 5 s of SIGTERM, with code 0',
    { timeout: 180_000 },
    async (name) => {
      if (!brokerUp) await broker.start();
      brokerUp = true;
      const service = new ServiceProcess(await services[name]());
      await service.start();
      try {
        await service.waitFor('/readyz');
        await broker.kill();
        brokerUp = false;
        // Long enough for the clients to notice and start their reconnect and retry loops.
        await sleep(8_000);
        const stopping = performance.now();
        await service.stop();
        const tookMs = performance.now() - stopping;

        expect(service.crashes).toEqual([]);
        expect(service.exitStatus).toBe(0);
        expect(tookMs).toBeLessThan(EXIT_BOUND_MS);
      } finally {
        if (service.running) await service.kill();
      }
    },
  );
});
