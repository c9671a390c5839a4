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
 */
export function createEventPublisher(deps: { kafka: Kafka }): EventPublisher {
  const producer: Producer = deps.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // Short in-client retries: the outbox relay owns the long-term retry with its own backoff.
    retry: { initialRetryTime: 200, retries: 3 },
  });
  let connecting: Promise<void> | undefined;

  const connect = (): Promise<void> => {
    connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  };

  return {
    async publish(batch) {
      await connect();
      await producer.sendBatch({ topicMessages: batch, acks: -1 });
    },
    async disconnect() {
      if (connecting === undefined) return;
      connecting = undefined;
      await producer.disconnect();
    },
  };
}
