import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { cleanUpLater } from '@events/test-kit/cleanup';
import { waitFor } from '@events/test-kit/polling';
import { scratchProducer } from '@events/test-kit/test-kafka';
import { beforeAll, describe, expect, it } from 'vitest';
import { produceEvents, userRegister } from './helpers/events.ts';
import { countProfiles, createTestDatabase, createTestTopics, type TestTopics } from './helpers/resources.ts';

import { requireStack } from './helpers/stack.ts';

beforeAll(requireStack);

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

interface Instance {
  child: ChildProcess;
  /** Partitions of the latest group join. */
  partitions: number[] | undefined;
  output: string[];
}

/** A real service process (`node src/main.ts`); SIGKILLed after the test if still alive. */
function spawnInstance(topics: TestTopics, databaseUrl: string): Instance {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: serviceDir,
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: databaseUrl,
      SOURCE_TOPIC: topics.topic,
      DLQ_TOPIC: topics.dlqTopic,
      CONSUMER_GROUP: topics.groupId,
      KAFKA_SESSION_TIMEOUT_MS: '8000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance: Instance = { child, partitions: undefined, output: [] };
  cleanUpLater(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    instance.output.push(line);
    try {
      const entry = JSON.parse(line) as { msg?: string; partitions?: number[] };
      if (entry.msg === 'joined the consumer group') instance.partitions = entry.partitions ?? [];
    } catch {
      // Not a log line (e.g. a Node warning): kept in `output` for the failure message only.
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => instance.output.push(chunk.toString()));
  return instance;
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

describe('several instances in one group', () => {
  it('split the partitions, and a killed instance hands its partitions over with no lost and no duplicated profile', async () => {
    const topics = await createTestTopics({ partitions: 6 });
    const db = await createTestDatabase();
    const producer = await scratchProducer();
    const a = spawnInstance(topics, db.url);
    const b = spawnInstance(topics, db.url);

    await waitFor(
      'both instances to share the six partitions',
      async () => {
        const [pa, pb] = [a.partitions ?? [], b.partitions ?? []];
        return pa.length > 0 && pb.length > 0 && sorted([...pa, ...pb]).join() === '0,1,2,3,4,5';
      },
      60_000,
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}\n--- a ---\n${a.output.join('\n')}\n--- b ---\n${b.output.join('\n')}`,
      );
    });

    const first = Array.from({ length: 60 }, () => userRegister());
    await produceEvents(producer, topics.topic, first);
    await waitFor('the first wave', async () => (await countProfiles(db)) === first.length);

    const second = Array.from({ length: 60 }, () => userRegister());
    const sending = produceEvents(producer, topics.topic, second.slice(0, 30));
    a.child.kill('SIGKILL');
    await sending;
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
