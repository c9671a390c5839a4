import { HEADER_SIZE } from './serde/wire-format.ts';
import { isTopicName, topicDescriptor } from './topics.ts';

/** What a message says about its contract, for traces and logs; fields it cannot tell are left out. */
export interface MessageContract {
  subject?: string;
  /** The writer's schema id from the wire-format header. */
  schemaId?: number;
  /** The version this build compiles (the writer's for a producer, the reader's for a consumer). */
  schemaVersion?: number;
  eventType?: string;
}

/** Never throws: a trace of a poison message still wants whatever can be read off it. */
export function messageContract(topic: string, value: Buffer | null): MessageContract {
  const framed = value !== null && value.length >= HEADER_SIZE && value[0] === 0;
  const schemaId = framed ? { schemaId: value.readUInt32BE(1) } : {};
  if (!isTopicName(topic)) return schemaId;
  const descriptor = topicDescriptor(topic);
  const { name } = descriptor.schema as { name?: string };
  return {
    subject: descriptor.subject,
    schemaVersion: descriptor.version,
    ...(name !== undefined && { eventType: name }),
    ...schemaId,
  };
}
