import { ContractError } from './errors.ts';
import { type TopicMap, topics } from './generated/topic-map.ts';
import type { TopicDescriptor } from './topic-descriptor.ts';

export type TopicName = keyof TopicMap;
export type EventOf<T extends TopicName> = TopicMap[T];

export function isTopicName(name: unknown): name is TopicName {
  return typeof name === 'string' && Object.hasOwn(topics, name);
}

/** The descriptor of a topic; throws UNKNOWN_TOPIC for a name the contract does not define (untyped callers). */
export function topicDescriptor<T extends TopicName>(topic: T): TopicDescriptor<T> {
  if (!isTopicName(topic))
    throw new ContractError('UNKNOWN_TOPIC', `no contract for topic ${JSON.stringify(topic)}`);
  return topics[topic] as TopicDescriptor<T>;
}
