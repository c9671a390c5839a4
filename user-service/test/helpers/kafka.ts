import { createKafka } from '@events/service-platform/kafka';
import { scratchTopic } from '@events/test-kit/scratch-topics';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createEventPublisher, type EventPublisher } from '../../src/messaging/event-publisher.ts';

/** The relay's publisher as start-service wires it, at the default settings, on the local Kafka. */
export function defaultPublisher(): EventPublisher {
  const config = loadConfig({});
  return createEventPublisher({
    kafka: createKafka(config.kafka, pino({ level: 'silent' })),
    sendTimeoutMs: config.outbox.sendTimeoutMs,
  });
}

/** A topic like user_register (6 partitions), deleted when the calling test (or file) ends. */
export function useTestTopic(): Promise<string> {
  return scratchTopic({ prefix: 'user_register.test', partitions: 6 });
}
