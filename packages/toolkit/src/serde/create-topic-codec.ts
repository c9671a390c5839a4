import type { TopicDescriptor } from '../topic-descriptor.ts';
import { recordNameTopic } from './record-name-topic.ts';
import { singleRecordTopic } from './single-record-topic.ts';
import type { Override, TopicCodec } from './topic-codec.ts';
import { unionTopic } from './union-topic.ts';

/** The codec of one topic's values, by its subject-name strategy and number of event types. */
export function createTopicCodec(descriptor: TopicDescriptor, override: Override | undefined): TopicCodec {
  if (descriptor.strategy === 'TopicRecordNameStrategy') return recordNameTopic(descriptor);
  if (descriptor.multiEvent) return unionTopic(descriptor, descriptor.value);
  return singleRecordTopic(descriptor, descriptor.value, override);
}
