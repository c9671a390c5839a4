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
 */
export function createEventPublisher(deps: { kafka: Kafka }): EventPublisher {
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
        await producer.sendBatch({ topicMessages: batch, acks: -1 });
      } catch (error) {
        const failed = producer;
        producer = createProducer();
        connecting = undefined;
        await failed.disconnect().catch(() => undefined);
        throw error;
      }
    },
    disconnect,
  };
}
