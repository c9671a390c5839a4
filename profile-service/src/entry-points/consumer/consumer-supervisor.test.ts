import { EventEmitter } from 'node:events';
import { createBackoff } from '@events/service-platform/lifecycle';
import type { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createConsumerSupervisor } from './consumer-supervisor.ts';

const events = {
  CRASH: 'crash',
  GROUP_JOIN: 'join',
  DISCONNECT: 'disconnect',
  HEARTBEAT: 'heartbeat',
  FETCH: 'fetch',
};

/** Just enough of a kafkajs consumer: lifecycle calls are recorded, events are emitted by the test. */
class FakeConsumer extends EventEmitter {
  readonly events = events;
  connect = vi.fn(async () => {});
  subscribe = vi.fn(async () => {});
  run = vi.fn(async () => {});
  disconnect = vi.fn(async () => {
    this.emit(events.DISCONNECT, { payload: {} });
  });
  join(partitions: number[]) {
    this.emit(events.GROUP_JOIN, { payload: { memberId: 'm', memberAssignment: { t: partitions } } });
  }
  crash(restart: boolean) {
    this.emit(events.CRASH, { payload: { error: new Error('boom'), restart } });
  }
}

function setup(prepare: (consumer: FakeConsumer, index: number) => void = () => {}) {
  const consumers: FakeConsumer[] = [];
  const kafka = {
    consumer: () => {
      const consumer = new FakeConsumer();
      prepare(consumer, consumers.length);
      consumers.push(consumer);
      return consumer;
    },
  } as unknown as Kafka;
  const onAssignment = vi.fn();
  const supervisor = createConsumerSupervisor({
    kafka,
    groupId: 'g',
    topic: 't',
    partitionsConsumedConcurrently: 1,
    sessionTimeoutMs: 30_000,
    retry: { baseMs: 5, maxMs: 10 },
    eachBatch: async () => {},
    onAssignment,
    backoff: createBackoff({ baseMs: 5, maxMs: 10 }),
    logger: pino({ level: 'silent' }),
  });
  return { supervisor, consumers, onAssignment };
}

const until = (condition: () => boolean) =>
  vi.waitFor(() => expect(condition()).toBe(true), { timeout: 2_000 });

describe('createConsumerSupervisor', () => {
  it('is ready only once the consumer joined the group, and reports the assignment', async () => {
    const { supervisor, consumers, onAssignment } = setup();
    supervisor.start();
    await until(() => consumers[0]?.run.mock.calls.length === 1);
    expect(supervisor.isReady()).toBe(false);
    consumers[0]?.join([0, 2]);
    expect(supervisor.isReady()).toBe(true);
    expect(onAssignment).toHaveBeenCalledWith([0, 2]);
    await supervisor.stop();
    expect(consumers[0]?.disconnect).toHaveBeenCalled();
    expect(supervisor.isReady()).toBe(false);
  });

  it('keeps retrying with a new consumer while the broker refuses connections', async () => {
    const { supervisor, consumers } = setup((consumer, index) => {
      if (index < 2) consumer.connect.mockRejectedValue(new Error('ECONNREFUSED'));
    });
    supervisor.start();
    await until(() => consumers[2]?.run.mock.calls.length === 1);
    consumers[2]?.join([0]);
    expect(supervisor.isReady()).toBe(true);
    await supervisor.stop();
  });

  it('goes unready on a crash kafkajs recovers from itself, without replacing the consumer', async () => {
    const { supervisor, consumers } = setup();
    supervisor.start();
    await until(() => consumers[0]?.run.mock.calls.length === 1);
    consumers[0]?.join([0]);
    consumers[0]?.crash(true);
    expect(supervisor.isReady()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(consumers).toHaveLength(1);
    consumers[0]?.join([0]);
    expect(supervisor.isReady()).toBe(true);
    await supervisor.stop();
  });

  it('goes unready when Kafka has been silent for a session timeout, and ready again when it answers', async () => {
    const { supervisor, consumers } = setup();
    supervisor.start();
    await until(() => consumers[0]?.run.mock.calls.length === 1);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      consumers[0]?.join([0]);
      vi.advanceTimersByTime(29_000);
      consumers[0]?.emit(events.FETCH, { payload: {} });
      vi.advanceTimersByTime(29_000);
      expect(supervisor.isReady()).toBe(true);
      vi.advanceTimersByTime(1_000);
      expect(supervisor.isReady()).toBe(false);
      consumers[0]?.emit(events.HEARTBEAT, { payload: {} });
      expect(supervisor.isReady()).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    await supervisor.stop();
  });

  it('replaces the consumer when kafkajs gives up instead of leaving the process idle', async () => {
    const { supervisor, consumers } = setup();
    supervisor.start();
    await until(() => consumers[0]?.run.mock.calls.length === 1);
    consumers[0]?.crash(false);
    await until(() => consumers[1]?.run.mock.calls.length === 1);
    expect(consumers[0]?.disconnect).toHaveBeenCalled();
    await supervisor.stop();
  });
});
