import { stackAddresses } from '@events/test-kit/stack-addresses';
import { startedService } from '@events/test-kit/started-service';
import { scratchProducer } from '@events/test-kit/test-kafka';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { type RunningService, startService } from '../../src/start-service.ts';
import { createTestDatabase, createTestTopics, type TestTopics } from './resources.ts';

/** The service in-process on a random port, against the given topics and database; stopped after the test. */
export function startTestService(
  { topics, databaseUrl }: { topics: TestTopics; databaseUrl: string },
  env: Record<string, string> = {},
): Promise<RunningService> {
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    SOURCE_TOPIC: topics.topic,
    DLQ_TOPIC: topics.dlqTopic,
    CONSUMER_GROUP: topics.groupId,
    RETRY_INITIAL_MS: '200',
    RETRY_MAX_MS: '2000',
    KAFKA_BROKERS: stackAddresses.brokers.join(','),
    SCHEMA_REGISTRY_URL: stackAddresses.registryUrl,
    ...env,
  });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  return startedService(startService(config, logger));
}

/** Fresh topics and database, the service consuming them and a producer; all cleaned up after the test. */
export async function startTestEnvironment() {
  const topics = await createTestTopics();
  const db = await createTestDatabase();
  const service = await startTestService({ topics, databaseUrl: db.url });
  const producer = await scratchProducer();
  return { topics, db, service, producer };
}
