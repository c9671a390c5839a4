import { HEADER_SIZE } from './serde/wire-format.ts';
import type { RegisteredSchema, TopicDescriptors } from './topic-descriptor.ts';

/** What a message says about its contract, for traces and logs; fields it cannot tell are left out. */
export interface MessageContract {
  subject?: string;
  /** The writer's schema id from the wire-format header. */
  schemaId?: number;
  /** The version this build compiles (the writer's for a producer, the reader's for a consumer). */
  schemaVersion?: number;
  eventType?: string;
}

/**
 * Never throws: the trace of a poison message still wants whatever can be read off it. `event` (the value
 * as encode takes it) tells which event type a multi-event topic's message holds.
 */
export function messageContract(
  topics: TopicDescriptors,
  topic: string,
  value: Buffer | null,
  event?: unknown,
): MessageContract {
  const framed = value !== null && value.length >= HEADER_SIZE && value[0] === 0;
  const schemaId = framed ? { schemaId: value.readUInt32BE(1) } : {};
  const descriptor = Object.hasOwn(topics, topic) ? topics[topic] : undefined;
  if (descriptor === undefined) return schemaId;
  const eventType = descriptor.multiEvent ? envelopeType(event) : Object.keys(descriptor.events)[0];
  const registered: RegisteredSchema | undefined =
    descriptor.strategy === 'TopicNameStrategy'
      ? descriptor.value
      : eventType === undefined
        ? undefined
        : descriptor.events[eventType]?.registered;
  return {
    ...(registered && { subject: registered.subject, schemaVersion: registered.version }),
    ...(eventType !== undefined && { eventType }),
    ...schemaId,
  };
}

function envelopeType(event: unknown): string | undefined {
  const type = (event as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}
