import { cleanUpLater } from '@events/test-kit/cleanup';
import { waitFor } from '@events/test-kit/polling';
import { testKafka } from '@events/test-kit/test-kafka';
import { beforeAll, describe, expect, it } from 'vitest';
import { committedOffsets, totalCommitted } from './helpers/consumer-offsets.ts';
import { produceEvents, userRegister } from './helpers/events.ts';
import { countProfiles, type TestDatabase } from './helpers/resources.ts';
import { startTestEnvironment } from './helpers/service.ts';
import { adminQuery, requireStack } from './helpers/stack.ts';

beforeAll(requireStack);

/** The server keeps running; only this database refuses every connection, and open ones are cut. */
async function refuseConnections(db: TestDatabase): Promise<() => Promise<void>> {
  await adminQuery(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS false`);
  await adminQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [db.name]);
  let restored = false;
  const restore = async () => {
    if (restored) return;
    restored = true;
    await adminQuery(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS true`);
  };
  cleanUpLater(restore);
  return restore;
}

async function highWatermarks(topic: string): Promise<Map<number, number>> {
  const admin = testKafka.admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  } finally {
    await admin.disconnect();
  }
}

describe('database outage', () => {
  it('commits nothing past unprocessed events while the database refuses connections, then stores each profile exactly once', async () => {
    const { topics, db, service, producer } = await startTestEnvironment();
    const before = Array.from({ length: 12 }, () => userRegister());
    await produceEvents(producer, topics.topic, before);
    await waitFor('the first profiles', async () => (await countProfiles(db)) === before.length);
    await waitFor(
      'the first commits',
      async () => (await totalCommitted(topics.groupId, topics.topic)) === before.length,
    );

    const restore = await refuseConnections(db);
    const processedUpTo = await highWatermarks(topics.topic);
    const during = Array.from({ length: 30 }, () => userRegister());
    await produceEvents(producer, topics.topic, during);

    await waitFor('a retried batch', async () => {
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      return /profile_batch_retries_total\{code="DATABASE_UNAVAILABLE"\} [1-9]/.test(metrics);
    });
    const readiness = await fetch(`${service.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({
      code: 'NOT_READY',
      errors: [{ path: 'database', message: 'database is not ready' }],
    });
    // Let several retries pass: none of them may move a committed offset past the last stored event.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const committedDuringOutage = await committedOffsets(topics.groupId, topics.topic);
    for (const [partition, offset] of committedDuringOutage) {
      expect(offset, `partition ${partition}`).toBeLessThanOrEqual(processedUpTo.get(partition) ?? 0);
    }

    await restore();
    await waitFor(
      'every profile after recovery',
      async () => (await countProfiles(db)) === before.length + during.length,
      60_000,
    );
    const rows = await db.query<{ user_id: string }>('SELECT user_id FROM profiles');
    expect(rows.map((r) => r.user_id).sort()).toEqual([...before, ...during].map((e) => e.userId).sort());
    const end = await highWatermarks(topics.topic);
    await waitFor('commits up to the end of the topic', async () => {
      const offsets = await committedOffsets(topics.groupId, topics.topic);
      return [...end].every(([partition, high]) => high === 0 || offsets.get(partition) === high);
    });
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
  });
});
