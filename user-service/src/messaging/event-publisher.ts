import { withDeadline } from '@events/service-platform/lifecycle';
import type { Kafka, Message, Producer } from 'kafkajs';

export interface TopicMessages {
  topic: string;
  messages: Message[];
}

export interface EventPublisher {
  /** Resolves once every message, whatever its topic, is acknowledged by all in-sync replicas. */
  publish(batch: TopicMessages[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * An idempotent producer (acks = all, one request in flight so retries cannot reorder a key's events).
 * It connects lazily: the service starts and takes registrations while the broker is down.
 *
 * After a failed send it is replaced by a new producer, which gets a new producer id. kafkajs rolls its
 * sequence numbers back when a request fails, yet a request that timed out or lost its connection may have
 * been written: the next batch would reuse those numbers, and the broker refuses it (out of order) or, when
 * it has as many messages as the written one, acknowledges it as a duplicate without writing it. A new
 * producer id starts a fresh sequence, so a retry can only duplicate, never vanish. (Reconnecting the same
 * kafkajs producer keeps its id.)
 *
 * A send that has not been answered after `sendTimeoutMs` counts as failed: a connection that stays open while
 * no bytes flow raises no error, and the relay would hold its claimed rows (locked, so no other instance's relay
 * can take them) for as long as it waits.
 */
export function createEventPublisher(deps: { kafka: Kafka; sendTimeoutMs: number }): EventPublisher {
  const createProducer = (): Producer =>
    deps.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Short in-client retries: the outbox relay owns the long-term retry with its own backoff.
      retry: { initialRetryTime: 200, retries: 3 },
    });
  let producer = createProducer();
  let connecting: Promise<void> | undefined;

  const connect = (): Promise<void> => {
    connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  };

  const disconnect = async (): Promise<void> => {
    if (connecting === undefined) return;
    connecting = undefined;
    await producer.disconnect();
  };

  return {
    async publish(batch) {
      await connect();
      try {
        await withDeadline(
          producer.sendBatch({ topicMessages: batch, acks: -1 }),
          deps.sendTimeoutMs,
          'kafka send',
        );
      } catch (error) {
        const failed = producer;
        producer = createProducer();
        connecting = undefined;
        // Not awaited: on a silent connection the goodbye would hang too.
        void failed.disconnect().catch(() => undefined);
        throw error;
      }
    },
    disconnect,
  };
}
