import type { Kafka } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import { createEventPublisher } from './event-publisher.ts';

/** Each producer() is a new fake; `firstSend` says how the first one's first sendBatch ends. */
function fakeKafka({ firstSend }: { firstSend: 'succeeds' | 'fails' | 'hangs' }) {
  const producers: Array<{
    connect: ReturnType<typeof vi.fn>;
    disconnect: ReturnType<typeof vi.fn>;
    sendBatch: ReturnType<typeof vi.fn>;
  }> = [];
  const kafka = {
    producer: () => {
      const sendBatch = vi.fn().mockResolvedValue([]);
      if (producers.length === 0 && firstSend === 'fails')
        sendBatch.mockRejectedValueOnce(new Error('Request Produce timed out'));
      if (producers.length === 0 && firstSend === 'hangs')
        sendBatch.mockReturnValueOnce(new Promise(() => undefined));
      const producer = {
        connect: vi.fn(async () => undefined),
        disconnect: vi.fn(async () => undefined),
        sendBatch,
      };
      producers.push(producer);
      return producer;
    },
  } as unknown as Kafka;
  return { kafka, producers };
}

describe('createEventPublisher', () => {
  it('sends with a new producer (a new producer id, fresh sequence numbers) after a failed send', async () => {
    const { kafka, producers } = fakeKafka({ firstSend: 'fails' });
    const publisher = createEventPublisher({ kafka, sendTimeoutMs: 1_000 });
    const batch = [{ topic: 't', messages: [{ key: 'k', value: 'v' }] }];
    await expect(publisher.publish(batch)).rejects.toThrow('timed out');
    expect(producers[0]?.disconnect).toHaveBeenCalledTimes(1);
    await publisher.publish(batch);
    expect(producers).toHaveLength(2);
    expect(producers[1]?.connect).toHaveBeenCalledTimes(1);
    expect(producers[1]?.sendBatch).toHaveBeenCalledWith({ topicMessages: batch, acks: -1 });
  });

  it('gives up on a send that is never answered (a silent connection) and sends with a new producer', async () => {
    const { kafka, producers } = fakeKafka({ firstSend: 'hangs' });
    const publisher = createEventPublisher({ kafka, sendTimeoutMs: 20 });
    const batch = [{ topic: 't', messages: [{ key: 'k', value: 'v' }] }];
    await expect(publisher.publish(batch)).rejects.toThrow('kafka send timed out after 20 ms');
    await publisher.publish(batch);
    expect(producers).toHaveLength(2);
    expect(producers[1]?.sendBatch).toHaveBeenCalledWith({ topicMessages: batch, acks: -1 });
  });

  it('keeps one producer and connection across successful sends', async () => {
    const { kafka, producers } = fakeKafka({ firstSend: 'succeeds' });
    const publisher = createEventPublisher({ kafka, sendTimeoutMs: 1_000 });
    await publisher.publish([{ topic: 't', messages: [{ value: 'a' }] }]);
    await publisher.publish([{ topic: 't', messages: [{ value: 'b' }] }]);
    expect(producers).toHaveLength(1);
    expect(producers[0]?.connect).toHaveBeenCalledTimes(1);
    await publisher.disconnect();
    expect(producers[0]?.disconnect).toHaveBeenCalledTimes(1);
  });
});
