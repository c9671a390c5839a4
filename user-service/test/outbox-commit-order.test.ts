import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createSerde } from '@events/contracts';
import type { NodeProcess } from '@events/test-kit/node-process';
import { waitFor } from '@events/test-kit/polling';
import { headerText, readTopic } from '@events/test-kit/read-topic';
import { startedProcess } from '@events/test-kit/started-process';
import { describe, expect, it } from 'vitest';
import { relayLag } from '../src/messaging/outbox/outbox-repository.ts';
import { TEST_DATABASE_URL, type TestDatabase, useTestDatabase } from './helpers/database.ts';
import { useTestTopic } from './helpers/kafka.ts';

const SERVICE_DIR = fileURLToPath(new URL('..', import.meta.url));
const RELAY_MAIN = fileURLToPath(new URL('./helpers/relay-process-main.ts', import.meta.url));
const KEYS = 24;
const EVENTS_PER_KEY = 40;
const WRITERS = 4;
const serde = createSerde({ registry: { url: 'http://127.0.0.1:4/unused' } });

/** A relay in a child process of its own; stopped when the test ends if it still runs. */
function startRelayProcess(db: TestDatabase, topic: string, instance: string): NodeProcess {
  return startedProcess({
    name: instance,
    entry: RELAY_MAIN,
    cwd: SERVICE_DIR,
    env: {
      DATABASE_URL: TEST_DATABASE_URL,
      SCHEMA: db.schema,
      TOPIC: topic,
      INSTANCE: instance,
      BATCH_SIZE: '25',
      LOG_LEVEL: 'silent',
    },
  });
}

/** Each key's events written one transaction at a time, in order; the keys of the writers interleave. */
async function writeEvents(db: TestDatabase, keys: string[]): Promise<void> {
  for (let seq = 1; seq <= EVENTS_PER_KEY; seq += 1) {
    for (const key of keys) {
      const payload = serde.toJSON('user_register', {
        userId: key,
        email: `${key}@example.com`,
        username: `u${seq}`,
        registeredAt: new Date(),
        displayName: null,
      });
      await db.pool.query(
        `INSERT INTO outbox (id, aggregate_id, topic, payload, headers)
         VALUES ($1, $2, 'user_register', $3, $4)`,
        [randomUUID(), key, payload, { seq: String(seq) }],
      );
    }
  }
}

describe('relays competing for one outbox, the active one SIGKILLed mid-stream', () => {
  it("publishes every key's events in commit order, none missing, whichever relay takes over", async () => {
    const db = await useTestDatabase();
    const topic = await useTestTopic();
    const children = new Map(
      ['relay-a', 'relay-b', 'relay-c'].map((name) => [name, startRelayProcess(db, topic, name)]),
    );
    const keys = Array.from({ length: KEYS }, () => randomUUID());
    const writing = Promise.all(
      Array.from({ length: WRITERS }, (_, w) =>
        writeEvents(
          db,
          keys.filter((_, i) => i % WRITERS === w),
        ),
      ),
    );

    const leaders: string[] = [];
    for (let kill = 0; kill < 2; kill += 1) {
      const leader = await waitFor(
        'a new relay leads and has relayed more events',
        async () => {
          const { activeRelay } = await relayLag(db.pool);
          const { rows } = await db.pool.query<{ relayed: number }>(
            `SELECT count(*)::int AS relayed FROM outbox o, outbox_checkpoint c
             WHERE (o.xact_id, o.position) <= (c.xact_id, c.position)`,
          );
          const relayed = rows[0]?.relayed ?? 0;
          const fresh = activeRelay !== null && !leaders.includes(activeRelay);
          return fresh && relayed > (kill + 1) * 150 ? activeRelay : undefined;
        },
        30_000,
      );
      leaders.push(leader);
      const child = children.get(leader);
      if (!child) throw new Error(`no relay process named ${leader}`);
      await child.kill();
    }
    await writing;
    await waitFor('every event is relayed', async () => (await db.unpublished()) === 0, 60_000);

    const total = KEYS * EVENTS_PER_KEY;
    const messages = await readTopic(
      topic,
      (received) => new Set(received.map((m) => headerText(m, 'event-id'))).size >= total,
      60_000,
    );
    // At least once: a relay killed after Kafka took a batch and before its checkpoint sends it again.
    const firstSeen = new Map<string, number[]>();
    const seen = new Set<string>();
    for (const message of messages) {
      const id = headerText(message, 'event-id') ?? '';
      if (seen.has(id)) continue;
      seen.add(id);
      const key = message.key?.toString() ?? '';
      firstSeen.set(key, [...(firstSeen.get(key) ?? []), Number(headerText(message, 'seq'))]);
    }
    const inOrder = Array.from({ length: EVENTS_PER_KEY }, (_, i) => i + 1);
    expect(firstSeen.size).toBe(KEYS);
    for (const key of keys) expect(firstSeen.get(key), `events of ${key}`).toEqual(inOrder);
    expect(leaders).toHaveLength(2);
    expect((await relayLag(db.pool)).activeRelay).not.toBeNull();
  }, 180_000);
});
