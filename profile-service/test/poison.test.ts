import { waitFor } from '@events/test-kit/polling';
import { headerText, readTopic } from '@events/test-kit/read-topic';
import { beforeAll, describe, expect, it } from 'vitest';
import { committedOffsets } from './helpers/consumer-offsets.ts';
import {
  currentSchemaId,
  encodeEvent,
  frame,
  rawV2Body,
  registerSchema,
  send,
  unrelatedSchema,
  userRegister,
} from './helpers/events.ts';
import { startTestEnvironment } from './helpers/service.ts';
import { requireStack } from './helpers/stack.ts';

beforeAll(requireStack);

describe('poison messages', () => {
  it('dead-letters each kind of poison with its origin and reason, and still processes the valid event behind them', async () => {
    const { topics, service, producer } = await startTestEnvironment();
    const valid = userRegister();
    // One key for everything: the same partition, so the valid event sits behind the poison.
    const key = valid.userId;
    const unrelatedId = await registerSchema('profile-service-it-unrelated-value', unrelatedSchema());
    const poison = [
      { code: 'NOT_WIRE_FORMAT', value: Buffer.from(JSON.stringify(valid)) },
      { code: 'UNKNOWN_SCHEMA_ID', value: frame(999_999, Buffer.from([2, 4, 6])) },
      {
        code: 'UNDECODABLE',
        value: frame(await currentSchemaId(), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff])),
      },
      { code: 'UNDECODABLE', value: frame(unrelatedId, Buffer.from([0x02, 0x04])) },
      {
        code: 'INVALID_EVENT',
        value: frame(
          await currentSchemaId(),
          rawV2Body({ ...valid, userId: 'user-42', registeredAt: Date.now(), displayName: null }),
        ),
      },
    ];
    await send(
      producer,
      topics.topic,
      poison.map(({ value }, index) => ({
        key,
        value,
        headers: { 'event-id': `poison-${index}`, traceparent: 'tp' },
      })),
    );
    await send(producer, topics.topic, [{ key, value: await encodeEvent(valid) }]);

    await waitFor(
      'the valid profile',
      async () => (await fetch(`${service.url}/profiles/${valid.userId}`)).ok,
    );
    const letters = await readTopic(topics.dlqTopic, poison.length);
    const partition = Number(headerText(letters[0], 'dlq-original-partition'));
    expect(letters.map((l) => headerText(l, 'dlq-error-code'))).toEqual(poison.map((p) => p.code));
    letters.forEach((letter, index) => {
      expect(letter.value).toEqual(poison[index]?.value);
      expect(letter.key?.toString()).toBe(key);
      expect(headerText(letter, 'dlq-original-topic')).toBe(topics.topic);
      expect(headerText(letter, 'dlq-original-partition')).toBe(String(partition));
      expect(headerText(letter, 'dlq-original-offset')).toBe(String(index));
      expect(Number(headerText(letter, 'dlq-original-timestamp'))).toBeGreaterThan(Date.now() - 600_000);
      expect(headerText(letter, 'dlq-consumer-group')).toBe(topics.groupId);
      expect(headerText(letter, 'dlq-error-message')).toMatch(/\S/);
      expect(headerText(letter, 'event-id')).toBe(`poison-${index}`);
      expect(headerText(letter, 'traceparent')).toBe('tp');
    });
    expect(headerText(letters[4], 'dlq-error-message')).toMatch(/userId/);
    await waitFor('the commit past every message', async () => {
      const offsets = await committedOffsets(topics.groupId, topics.topic);
      return offsets.get(partition) === poison.length + 1;
    });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/profile_events_dead_lettered_total\{code="UNDECODABLE"\} 2/);
    expect(metrics).toMatch(/profile_events_processed_total\{outcome="created"\} 1/);
  });
});
