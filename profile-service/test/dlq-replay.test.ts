import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@events/test-kit/polling';
import { headerText, readTopic } from '@events/test-kit/read-topic';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeEvent, send, userRegister } from './helpers/events.ts';
import { startTestEnvironment } from './helpers/service.ts';
import { requireStack } from './helpers/stack.ts';

beforeAll(requireStack);

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

function runReplay(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['src/entry-points/cli/dlq-replay.ts', ...args], {
    cwd: serviceDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('npm run dlq:replay', () => {
  it('re-publishes a chosen dead letter to its original topic with its key, headers and a replayed-from marker', async () => {
    const { topics, db, producer } = await startTestEnvironment();
    const event = userRegister();
    await send(producer, topics.topic, [
      { key: 'k-0', value: Buffer.from('not avro 0'), headers: { 'event-id': 'e-0' } },
      { key: 'k-1', value: Buffer.from('not avro 1'), headers: { 'event-id': 'e-1' } },
    ]);
    // The two keys may sit on different source partitions, so their DLQ order is not fixed.
    const first = await readTopic(topics.dlqTopic, 2);
    const chosen = first.find((letter) => letter.value?.toString() === 'not avro 1')?.offset;
    expect(chosen).toMatch(/^[01]$/);
    const env = { SOURCE_TOPIC: topics.topic, CONSUMER_GROUP: topics.groupId, LOG_LEVEL: 'silent' };

    const dryRun = await runReplay(['--offset', String(chosen), '--dry-run'], env);
    expect(dryRun.output).toMatch(
      new RegExp(`would replay ${topics.dlqTopic}\\[0\\]@${chosen} -> ${topics.topic}`),
    );
    expect(dryRun.output).toMatch(/Done: 1 would replay, 0 skipped/);
    expect(dryRun.code).toBe(0);

    const replay = await runReplay(['--offset', String(chosen)], env);
    expect(replay.output).toMatch(/Done: 1 replayed, 0 skipped/);
    expect(replay.code).toBe(0);

    // The replayed poison is dead-lettered again: the third letter is the replay, with the marker.
    const letters = await readTopic(topics.dlqTopic, 3);
    const again = letters[2];
    expect(again?.value?.toString()).toBe('not avro 1');
    expect(again?.key?.toString()).toBe('k-1');
    expect(headerText(again, 'event-id')).toBe('e-1');
    expect(headerText(again, 'dlq-replayed-from')).toBe(`${topics.dlqTopic}:0:${chosen}`);
    expect(headerText(again, 'dlq-original-topic')).toBe(topics.topic);

    // After a "fix" the replay succeeds: a valid event replayed from the DLQ creates its profile.
    await producer.send({
      topic: topics.dlqTopic,
      messages: [
        {
          key: event.userId,
          value: await encodeEvent(event),
          headers: { 'dlq-original-topic': topics.topic, 'dlq-error-code': 'REGISTRY_UNAVAILABLE' },
        },
      ],
    });
    const fixed = await runReplay(['--from', '3'], env);
    expect(fixed.output).toMatch(/Done: 1 replayed/);
    await waitFor('the replayed profile', async () => {
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM profiles WHERE user_id = $1',
        [event.userId],
      );
      return row?.n === 1;
    });
  });

  it('refuses to run without a selection and explains the options', async () => {
    const result = await runReplay([], {});
    expect(result.code).toBe(2);
    expect(result.output).toMatch(/choose exactly one of --all, --offset, or --from\/--to/);
    expect(result.output).toMatch(/--dry-run/);
  });
});
