import { deadLetterTopicOf } from '@events/contracts';
import { cleanUpLater } from '@events/test-kit/cleanup';
import { scratchDatabase } from '@events/test-kit/scratch-database';
import { scratchGroupId, scratchTopic } from '@events/test-kit/scratch-topics';
import pg from 'pg';

export interface TestTopics {
  topic: string;
  dlqTopic: string;
  groupId: string;
}

/** A fresh source topic, its DLQ topic and a consumer group id; all deleted when the test finishes. */
export async function createTestTopics({ partitions = 6 } = {}): Promise<TestTopics> {
  const topic = await scratchTopic({ prefix: 'profile-it', partitions });
  // Named by the contracts' DLQ naming, which dlq:replay follows to find a letter's source.
  const dlqTopic = await scratchTopic({ name: deadLetterTopicOf(topic) });
  return { topic, dlqTopic, groupId: scratchGroupId('profile-it') };
}

export interface TestDatabase {
  name: string;
  url: string;
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
}

/** A database of its own with a small pool on it, both gone when the test finishes. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { name, url } = await scratchDatabase('profile_it');
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  cleanUpLater(() => pool.end());
  return { name, url, query: async (sql, params = []) => (await pool.query(sql, params)).rows };
}

export async function countProfiles(db: TestDatabase): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM profiles');
  return row?.n ?? 0;
}
