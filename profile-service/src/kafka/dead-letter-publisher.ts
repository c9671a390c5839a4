import type { KafkaMessage, Producer } from 'kafkajs';
import { profileServiceError } from '../errors.ts';
import { buildDeadLetterHeaders } from './dead-letter-headers.ts';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  code: string;
  reason: string;
}

export interface DeadLetterPublisher {
  /** Resolves once every message is acknowledged by all in-sync replicas. */
  publish(letters: readonly DeadLetter[]): Promise<void>;
}

export function createDeadLetterPublisher({
  producer,
  dlqTopic,
  consumerGroup,
}: {
  producer: Producer;
  dlqTopic: string;
  consumerGroup: string;
}): DeadLetterPublisher {
  let connected = false;
  producer.on(producer.events.DISCONNECT, () => {
    connected = false;
  });
  return {
    async publish(letters) {
      if (letters.length === 0) return;
      try {
        if (!connected) {
          await producer.connect();
          connected = true;
        }
        await producer.send({
          topic: dlqTopic,
          acks: -1,
          messages: letters.map(({ topic, partition, message, code, reason }) => ({
            key: message.key,
            value: message.value,
            headers: buildDeadLetterHeaders(message.headers, {
              topic,
              partition,
              offset: message.offset,
              timestamp: message.timestamp,
              consumerGroup,
              errorCode: code,
              errorMessage: reason,
            }),
          })),
        });
      } catch (error) {
        throw profileServiceError('DLQ_PUBLISH_FAILED', `publishing to ${dlqTopic} failed`, {
          cause: error,
        });
      }
    },
  };
}
