import { fileURLToPath } from 'node:url';
import type { NodeProcess } from '@events/test-kit/node-process';
import { waitFor } from '@events/test-kit/polling';
import { startedProcess } from '@events/test-kit/started-process';
import { scratchProducer } from '@events/test-kit/test-kafka';
import { beforeAll, describe, expect, it } from 'vitest';
import { produceEvents, userRegister } from './helpers/events.ts';
import { countProfiles, createTestDatabase, createTestTopics, type TestTopics } from './helpers/resources.ts';

import { requireStack } from './helpers/stack.ts';

beforeAll(requireStack);

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

interface Instance {
  process: NodeProcess;
  /** Partitions of the latest group join. */
  partitions: number[] | undefined;
}

/** A real service process (`node src/main.ts`); stopped after the test if still alive. */
function startInstance(name: string, topics: TestTopics, databaseUrl: string): Instance {
  const instance: Instance = {
    partitions: undefined,
    process: startedProcess({
      name,
      entry: 'src/main.ts',
      cwd: serviceDir,
      env: {
        PORT: '0',
        LOG_LEVEL: 'info',
        DATABASE_URL: databaseUrl,
        SOURCE_TOPIC: topics.topic,
        DLQ_TOPIC: topics.dlqTopic,
        CONSUMER_GROUP: topics.groupId,
        KAFKA_SESSION_TIMEOUT_MS: '8000',
      },
      onLine: (line) => {
        if (line.includes('"joined the consumer group"'))
          instance.partitions = (JSON.parse(line) as { partitions?: number[] }).partitions ?? [];
      },
    }),
  };
  return instance;
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

describe('several instances in one group', () => {
  it('split the partitions, and a killed instance hands its partitions over with no lost and no duplicated profile', async () => {
    const topics = await createTestTopics({ partitions: 6 });
    const db = await createTestDatabase();
    const producer = await scratchProducer();
    const a = startInstance('a', topics, db.url);
    const b = startInstance('b', topics, db.url);

    await waitFor(
      'both instances to share the six partitions',
      async () => {
        const [pa, pb] = [a.partitions ?? [], b.partitions ?? []];
        return pa.length > 0 && pb.length > 0 && sorted([...pa, ...pb]).join() === '0,1,2,3,4,5';
      },
      60_000,
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}\n--- a ---\n${a.process.output.join('\n')}\n--- b ---\n${b.process.output.join('\n')}`,
      );
    });

    const first = Array.from({ length: 60 }, () => userRegister());
    await produceEvents(producer, topics.topic, first);
    await waitFor('the first wave', async () => (await countProfiles(db)) === first.length);

    const second = Array.from({ length: 60 }, () => userRegister());
    const sending = produceEvents(producer, topics.topic, second.slice(0, 30));
    const killed = a.process.kill();
    await sending;
    await killed;
    await produceEvents(producer, topics.topic, second.slice(30));

    await waitFor('the survivor to own every partition', async () => b.partitions?.length === 6, 60_000);
    await waitFor(
      'every profile',
      async () => (await countProfiles(db)) === first.length + second.length,
      60_000,
    );
    const rows = await db.query<{ user_id: string; unchanged: boolean }>(
      'SELECT user_id, created_at = updated_at AS unchanged FROM profiles',
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([...first, ...second].map((e) => e.userId).sort());
    // A redelivered event after the handover is a no-op: no profile was written twice.
    expect(rows.every((r) => r.unchanged)).toBe(true);
  });
});
