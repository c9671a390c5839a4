import { ContractError } from './errors.ts';
import type { TopicDescriptor, TopicDescriptors } from './topic-descriptor.ts';

export type TopicName<D extends TopicDescriptors> = keyof D & string;
type TypesOf<D extends TopicDescriptors, T extends TopicName<D>> = NonNullable<D[T]['~types']>;
/** What encode takes and decode returns: the event record, or `{ type, value }` on a multi-event topic. */
export type EventOf<D extends TopicDescriptors, T extends TopicName<D>> = TypesOf<D, T>['value'];
export type KeyOf<D extends TopicDescriptors, T extends TopicName<D>> = TypesOf<D, T>['key'];
/** Event type full name → record type, for every event type of the topic. */
export type EventTypesOf<D extends TopicDescriptors, T extends TopicName<D>> = TypesOf<D, T>['events'];

export function isTopicName<D extends TopicDescriptors>(topics: D, name: unknown): name is TopicName<D> {
  return typeof name === 'string' && Object.hasOwn(topics, name);
}

/** The descriptor of a topic; throws UNKNOWN_TOPIC for a name the catalog does not define (untyped callers). */
export function topicDescriptor<D extends TopicDescriptors>(topics: D, topic: string): TopicDescriptor {
  if (!isTopicName(topics, topic))
    throw new ContractError('UNKNOWN_TOPIC', `no contract for topic ${JSON.stringify(topic)}`);
  return topics[topic] as TopicDescriptor;
}
