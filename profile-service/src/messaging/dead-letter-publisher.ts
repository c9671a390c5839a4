import { failSpan, injectInto, startSendSpan } from '@events/service-platform/tracing';
import type { Producer } from 'kafkajs';
import type { DeadLetterPublisher } from '../domain/process-chunk.ts';
import { profileServiceError } from '../errors.ts';
import { buildDeadLetterHeaders } from './dead-letter-headers.ts';

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
      const spans = letters.map(({ message, trace }) =>
        startSendSpan({ topic: dlqTopic, key: message.key }, trace),
      );
      try {
        if (!connected) {
          await producer.connect();
          connected = true;
        }
        await producer.send({
          topic: dlqTopic,
          acks: -1,
          messages: letters.map(({ topic, partition, message, code, reason }, index) => {
            const headers = buildDeadLetterHeaders(message.headers, {
              topic,
              partition,
              offset: message.offset,
              timestamp: message.timestamp,
              consumerGroup,
              errorCode: code,
              errorMessage: reason,
            });
            injectInto(headers, spans[index]!);
            return { key: message.key, value: message.value, headers };
          }),
        });
      } catch (error) {
        for (const span of spans) failSpan(span, error);
        throw profileServiceError('DLQ_PUBLISH_FAILED', `publishing to ${dlqTopic} failed`, {
          cause: error,
        });
      } finally {
        for (const span of spans) span.end();
      }
    },
  };
}
