import { pino } from 'pino';
import { onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningService, startService } from '../../src/start-service.ts';
import { createTestDatabase, createTestProducer, createTestTopics, type TestTopics } from './resources.ts';
import { stack } from './stack.ts';

export interface ServiceUnderTest extends RunningService {
  url: string;
}

/** The service in-process on a random port, against the given topics and database; stopped after the test. */
export async function startTestService(
  { topics, databaseUrl }: { topics: TestTopics; databaseUrl: string },
  env: Record<string, string> = {},
): Promise<ServiceUnderTest> {
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    SOURCE_TOPIC: topics.topic,
    DLQ_TOPIC: topics.dlqTopic,
    CONSUMER_GROUP: topics.groupId,
    RETRY_INITIAL_MS: '200',
    RETRY_MAX_MS: '2000',
    KAFKA_BROKERS: stack.brokers.join(','),
    SCHEMA_REGISTRY_URL: stack.registryUrl,
    ...env,
  });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const service = await startService(config, logger);
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= service.stop();
    return stopped;
  };
  onTestFinished(stop);
  return { ...service, url: `http://127.0.0.1:${service.port}`, stop };
}

/** Fresh topics and database, the service consuming them and a producer; all cleaned up after the test. */
export async function startTestEnvironment() {
  const topics = await createTestTopics();
  const db = await createTestDatabase();
  const service = await startTestService({ topics, databaseUrl: db.url });
  const producer = await createTestProducer();
  return { topics, db, service, producer };
}
