import type { Kafka } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import { createEventPublisher } from './event-publisher.ts';

/** A producer whose first send fails; kafkajs's connect() is where an idempotent producer gets its id. */
function fakeKafka() {
  const producer = {
    connect: vi.fn(async () => undefined),
    disconnect: vi.fn(async () => undefined),
    send: vi.fn().mockRejectedValueOnce(new Error('Request Produce timed out')).mockResolvedValue([]),
  };
  return { kafka: { producer: () => producer } as unknown as Kafka, producer };
}

describe('createEventPublisher', () => {
  it('reconnects (a new producer id, fresh sequence numbers) after a failed send', async () => {
    const { kafka, producer } = fakeKafka();
    const publisher = createEventPublisher({ kafka });
    const messages = [{ key: 'k', value: 'v' }];
    await expect(publisher.publish('t', messages)).rejects.toThrow('timed out');
    expect(producer.disconnect).toHaveBeenCalledTimes(1);
    await publisher.publish('t', messages);
    expect(producer.connect).toHaveBeenCalledTimes(2);
    expect(producer.send).toHaveBeenLastCalledWith({ topic: 't', messages, acks: -1 });
  });

  it('keeps its connection across successful sends', async () => {
    const { kafka, producer } = fakeKafka();
    producer.send.mockReset().mockResolvedValue([]);
    const publisher = createEventPublisher({ kafka });
    await publisher.publish('t', [{ value: 'a' }]);
    await publisher.publish('t', [{ value: 'b' }]);
    expect(producer.connect).toHaveBeenCalledTimes(1);
    expect(producer.disconnect).not.toHaveBeenCalled();
  });
});
