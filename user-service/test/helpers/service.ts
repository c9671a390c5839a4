import { startedService } from '@events/test-kit/started-service';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { type RunningService, startService } from '../../src/start-service.ts';
import { TEST_DATABASE_URL, type TestDatabase, useTestDatabase } from './database.ts';
import { useTestTopic } from './kafka.ts';

interface ServiceOptions {
  db: TestDatabase;
  topic: string;
  /** Extra variables, e.g. shorter HTTP timeouts. */
  env?: Record<string, string>;
}

/** The whole service as `npm start` wires it, on a free port, against a test schema and topic; stopped when the test (or file) ends. */
export function startTestService(options: ServiceOptions): Promise<RunningService> {
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: TEST_DATABASE_URL,
    USER_REGISTER_TOPIC: options.topic,
    OUTBOX_POLL_INTERVAL_MS: '500',
    OUTBOX_MAX_BACKOFF_MS: '1000',
    ...options.env,
  });
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  return startedService(startService(config, logger, { schema: options.db.schema }));
}

/** A fresh test schema and topic with the service wired to them, all cleaned up when the calling test (or file) ends. */
export async function useService(
  env: Record<string, string> = {},
): Promise<{ db: TestDatabase; topic: string; url: string }> {
  const db = await useTestDatabase();
  const topic = await useTestTopic();
  const service = await startTestService({ db, topic, env });
  return { db, topic, url: service.url };
}
