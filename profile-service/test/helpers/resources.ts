import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { adminQuery, stack, testKafka } from './stack.ts';

const suffix = () => randomBytes(4).toString('hex');

export interface TestTopics {
  topic: string;
  dlqTopic: string;
  groupId: string;
}

/** A fresh source topic, its DLQ topic and a consumer group id; all deleted when the test finishes. */
export async function createTestTopics({ partitions = 6 } = {}): Promise<TestTopics> {
  const id = suffix();
  const topics = { topic: `profile-it-${id}`, dlqTopic: `profile-it-${id}.dlq`, groupId: `profile-it-${id}` };
  const admin = testKafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: topics.topic, numPartitions: partitions },
        { topic: topics.dlqTopic, numPartitions: 1 },
      ],
    });
  } finally {
    await admin.disconnect();
  }
  onTestFinished(async () => {
    const cleanup = testKafka.admin();
    await cleanup.connect();
    await cleanup.deleteGroups([topics.groupId]).catch(() => {});
    await cleanup.deleteTopics({ topics: [topics.topic, topics.dlqTopic] }).catch(() => {});
    await cleanup.disconnect();
  });
  return topics;
}

export interface TestDatabase {
  name: string;
  url: string;
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
}

/** A database of its own, dropped (even with connections still open) when the test finishes. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `profile_it_${suffix()}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = stack.adminDatabaseUrl.replace(/\/[^/]*$/, `/${name}`);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  onTestFinished(async () => {
    await pool.end();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return { name, url, query: async (sql, params = []) => (await pool.query(sql, params)).rows };
}

export async function countProfiles(db: TestDatabase): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM profiles');
  return row?.n ?? 0;
}

export async function createTestProducer() {
  const producer = testKafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  onTestFinished(() => producer.disconnect());
  return producer;
}
