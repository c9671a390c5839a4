import { createBackoff } from '@events/service-platform/lifecycle';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeadLetter, ReadMessage } from '../../domain/process-chunk.ts';
import type { ProfileDraft } from '../../domain/profile.ts';
import { profileServiceError } from '../../errors.ts';
import { createMetrics } from '../../observability/metrics.ts';
import { createBatchProcessor } from './batch-processor.ts';

function message(offset: number, value: string): KafkaMessage {
  return {
    offset: String(offset),
    key: Buffer.from(`key-${offset}`),
    value: Buffer.from(value),
    timestamp: String(Date.now()),
    attributes: 0,
    headers: { 'event-id': `evt-${offset}` },
  } as KafkaMessage;
}

function draftFor(value: string, offset: string): ProfileDraft {
  const [userId = '', at = '2025-01-01T00:00:00Z'] = value.split('@');
  return {
    userId,
    username: userId,
    displayName: userId,
    email: `${userId}@example.com`,
    registeredAt: new Date(at),
    sourceEventId: `evt-${offset}`,
  };
}

/** Values starting with "poison" are poison; "user@date" values decode to a draft for that user. */
const readMessage: ReadMessage = async ({ message: m }) => {
  const value = m.value?.toString() ?? '';
  const eventId = `evt-${m.offset}`;
  return value.startsWith('poison')
    ? { ok: false, code: 'NOT_WIRE_FORMAT', reason: value, eventId }
    : { ok: true, draft: draftFor(value, m.offset), eventId };
};

function payloadFor(messages: KafkaMessage[], highWatermark = String(messages.length)) {
  const resume = vi.fn();
  const payload = {
    batch: { topic: 't', partition: 3, highWatermark, messages },
    resolveOffset: vi.fn(),
    heartbeat: vi.fn(async () => {}),
    commitOffsetsIfNecessary: vi.fn(async () => {}),
    isRunning: () => true,
    isStale: () => false,
    pause: vi.fn(() => resume),
  };
  return { payload: payload as unknown as EachBatchPayload, spies: payload, resume };
}

function setup(
  overrides: {
    upsertMany?: (drafts: readonly ProfileDraft[]) => Promise<{ created: string[]; updated: string[] }>;
  } = {},
) {
  const upserts: ProfileDraft[][] = [];
  const letters: DeadLetter[][] = [];
  const metrics = createMetrics();
  const upsertMany = vi.fn(
    overrides.upsertMany ??
      (async (drafts: readonly ProfileDraft[]) => {
        upserts.push([...drafts]);
        return { created: drafts.map((d) => d.userId), updated: [] };
      }),
  );
  const publish = vi.fn(async (batch: readonly DeadLetter[]) => {
    letters.push([...batch]);
  });
  const processor = createBatchProcessor({
    readMessage,
    repository: { upsertMany },
    deadLetters: { publish },
    metrics,
    logger: pino({ level: 'silent' }),
    backoff: createBackoff({ baseMs: 1_000, maxMs: 8_000, random: () => 1 }),
    chunkSize: 2,
  });
  return { processor, upserts, letters, upsertMany, publish, metrics };
}

describe('createBatchProcessor', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stores valid messages, dead-letters poison ones and resolves every offset in order', async () => {
    const { processor, upserts, letters, metrics } = setup();
    const { payload, spies } = payloadFor([message(0, 'a'), message(1, 'poison-1'), message(2, 'b')], '10');

    await processor.eachBatch(payload);

    expect(upserts.map((chunk) => chunk.map((d) => d.userId))).toEqual([['a'], ['b']]);
    expect(
      letters.flat().map((l) => ({ offset: l.message.offset, code: l.code, partition: l.partition })),
    ).toEqual([{ offset: '1', code: 'NOT_WIRE_FORMAT', partition: 3 }]);
    expect(spies.resolveOffset.mock.calls.map(([offset]) => offset)).toEqual(['0', '1', '2']);
    expect(spies.heartbeat).toHaveBeenCalledTimes(2);
    expect(spies.pause).not.toHaveBeenCalled();
    const lag = await metrics.consumerLag.get();
    expect(lag.values).toEqual([{ labels: { topic: 't', partition: 3 }, value: 7 }]);
    const processed = await metrics.processed.get();
    expect(processed.values.find((v) => v.labels.outcome === 'created')?.value).toBe(2);
  });

  it('sends one upsert per chunk with only the newest registration of each user', async () => {
    const { processor, upserts } = setup();
    const { payload } = payloadFor([
      message(0, 'a@2025-01-02T00:00:00Z'),
      message(1, 'a@2025-01-01T00:00:00Z'),
    ]);

    await processor.eachBatch(payload);

    expect(upserts).toEqual([[expect.objectContaining({ userId: 'a', sourceEventId: 'evt-0' })]]);
  });

  it('on a database failure resolves nothing of the failed chunk, pauses the partition and resumes after the backoff', async () => {
    const failure = profileServiceError('DATABASE_UNAVAILABLE', 'connection refused');
    let calls = 0;
    const { processor, metrics } = setup({
      upsertMany: async (drafts) => {
        calls += 1;
        if (calls === 2) throw failure;
        return { created: drafts.map((d) => d.userId), updated: [] };
      },
    });
    const { payload, spies, resume } = payloadFor([
      message(0, 'a'),
      message(1, 'b'),
      message(2, 'c'),
      message(3, 'd'),
    ]);

    await processor.eachBatch(payload);

    expect(spies.resolveOffset.mock.calls.map(([offset]) => offset)).toEqual(['0', '1']);
    expect(spies.pause).toHaveBeenCalledTimes(1);
    expect(resume).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(999);
    expect(resume).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(resume).toHaveBeenCalledTimes(1);
    const retried = await metrics.retried.get();
    expect(retried.values).toEqual([{ labels: { code: 'DATABASE_UNAVAILABLE' }, value: 1 }]);
  });

  it('backs off longer on consecutive failures of the same partition', async () => {
    const { processor } = setup({
      upsertMany: async () => {
        throw profileServiceError('DATABASE_UNAVAILABLE', 'down');
      },
    });
    const first = payloadFor([message(0, 'a')]);
    await processor.eachBatch(first.payload);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(first.resume).toHaveBeenCalled();

    const second = payloadFor([message(0, 'a')]);
    await processor.eachBatch(second.payload);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(second.resume).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(second.resume).toHaveBeenCalled();
  });

  it('leaves the chunk unresolved when the dead-letter publish fails, after an upsert that a retry repeats harmlessly', async () => {
    const { processor, publish, upsertMany } = setup();
    publish.mockRejectedValueOnce(profileServiceError('DLQ_PUBLISH_FAILED', 'broker down'));
    const { payload, spies } = payloadFor([message(0, 'a'), message(1, 'poison')]);

    await processor.eachBatch(payload);

    expect(upsertMany).toHaveBeenCalledTimes(1);
    expect(spies.resolveOffset).not.toHaveBeenCalled();
    expect(spies.pause).toHaveBeenCalledTimes(1);
  });

  it('dead-letters only the event the database refuses on its own and stores the rest of the chunk', async () => {
    const { processor, letters, upserts } = setup({
      upsertMany: async (drafts) => {
        if (drafts.some((d) => d.userId === 'bad')) {
          throw profileServiceError('DATABASE_REJECTED', 'upserting profiles failed');
        }
        upserts.push([...drafts]);
        return { created: drafts.map((d) => d.userId), updated: [] };
      },
    });
    const { payload, spies } = payloadFor([message(0, 'bad'), message(1, 'good')]);

    await processor.eachBatch(payload);

    expect(upserts.flat().map((d) => d.userId)).toEqual(['good']);
    expect(letters.flat().map((l) => ({ offset: l.message.offset, code: l.code }))).toEqual([
      { offset: '0', code: 'DATABASE_REJECTED' },
    ]);
    expect(spies.resolveOffset.mock.calls.map(([offset]) => offset)).toEqual(['0', '1']);
    expect(spies.pause).not.toHaveBeenCalled();
  });

  it('stops between chunks once the consumer is stopping', async () => {
    const { processor, upsertMany } = setup();
    const { payload, spies } = payloadFor([message(0, 'a'), message(1, 'b'), message(2, 'c')]);
    let running = true;
    spies.isRunning = () => running;
    spies.heartbeat.mockImplementation(async () => {
      running = false;
    });

    await processor.eachBatch(payload);

    expect(upsertMany).toHaveBeenCalledTimes(1);
    expect(spies.resolveOffset.mock.calls.map(([offset]) => offset)).toEqual(['0', '1']);
  });

  it('cancels pending resumes on close', async () => {
    const { processor } = setup({
      upsertMany: async () => {
        throw new Error('unexpected');
      },
    });
    const { payload, resume } = payloadFor([message(0, 'a')]);
    await processor.eachBatch(payload);
    processor.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(resume).not.toHaveBeenCalled();
  });
});
