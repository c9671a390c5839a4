import type { JsonForm, TopicName } from '@events/contracts';
import type { DomainEvent } from '../../domain/domain-event.ts';
import type { ProducedTopic } from '../../domain/produced-topics.ts';

/** What the outbox table keeps of an event: the contract's JSON form of its value. */
export interface OutboxRecord {
  id: string;
  topic: TopicName;
  key: string;
  payload: string;
  headers: Record<string, string>;
}

/**
 * Validates the event against its contract (no registry involved) and turns it into what the outbox
 * stores. Called in the write path, so an invalid event is never committed with its aggregate.
 */
export function toOutboxRecord<T extends ProducedTopic>(
  json: Pick<JsonForm, 'toJSON'>,
  event: DomainEvent<T>,
): OutboxRecord {
  return {
    id: event.id,
    topic: event.topic,
    key: event.key,
    payload: json.toJSON(event.topic, event.value),
    headers: event.headers,
  };
}
