import type avsc from 'avsc';
import type { EventDescriptor, RegisteredSchema, TopicDescriptor } from '../topic-descriptor.ts';
import { recordNameTopic } from './record-name-topic.ts';
import {
  createSlot,
  createSubjectCodec,
  encodeChecked,
  resolverFor,
  type SubjectCodec,
  type WriterIdSlot,
  type WriterIds,
} from './subject-codec.ts';
import { unionTopic } from './union-topic.ts';
import { decodeBody, messageLabel } from './wire-format.ts';

/** Reads the body of a message whose writer schema id is already known. */
export type Decoder = (message: Buffer) => unknown;

/** Encode, decode and validation of one topic's values, whatever its strategy. */
export interface TopicCodec {
  readonly topic: string;
  /** Values are `{ type, value }` envelopes. */
  readonly multiEvent: boolean;
  /** The slots whose writer ids warmUp looks up. */
  readonly slots: readonly WriterIdSlot[];
  encode(value: unknown, ids: WriterIds): Promise<Buffer>;
  /** The decoder for data of writer schema `writer` (id `id`). */
  decoderFor(writer: avsc.Type, id: number): Decoder;
  /** Decoders that need no registry: data written with this build's own schemas. */
  ownDecoders(): Iterable<[number, Decoder]>;
  /** The codec a value is written with; INVALID_VALUE for an envelope of an unknown type. */
  codecOf(value: unknown): SubjectCodec;
  /** The value in the form `codec` validates: the record itself. */
  recordOf(value: unknown): unknown;
  /** Rebuilds the value from its event type and record (the inverse of codecOf + recordOf). */
  valueOf(name: string, record: unknown): unknown;
}

export interface Override {
  subject?: string;
  schema?: object;
}
export function createTopicCodec(descriptor: TopicDescriptor, override: Override | undefined): TopicCodec {
  if (descriptor.strategy === 'TopicRecordNameStrategy') return recordNameTopic(descriptor);
  if (descriptor.multiEvent) return unionTopic(descriptor, descriptor.value);
  return singleRecordTopic(descriptor, descriptor.value, override);
}
/** TopicNameStrategy with one record: the value is the record itself. */
function singleRecordTopic(
  descriptor: TopicDescriptor,
  value: RegisteredSchema,
  override: Override | undefined,
): TopicCodec {
  const event = Object.values(descriptor.events)[0] as EventDescriptor;
  const registered = {
    ...value,
    ...(override?.subject !== undefined && { subject: override.subject }),
    ...(override?.schema !== undefined && { schema: override.schema, references: [] }),
  };
  const slot = createSlot(registered);
  const codec = createSubjectCodec(descriptor.topic, override?.schema ?? event.schema, slot);
  const read = (resolver: avsc.Resolver | undefined, id: number): Decoder => {
    const label = messageLabel(descriptor.topic, id);
    return (message) => decodeBody(codec.type, resolver, message, label);
  };
  return {
    topic: descriptor.topic,
    multiEvent: false,
    slots: [slot],
    encode: (record, ids) => encodeChecked(codec, record, ids),
    decoderFor(writer, id) {
      return read(resolverFor(codec, writer, id) ?? undefined, id);
    },
    *ownDecoders() {
      if (slot.writerId !== undefined) yield [slot.writerId, read(undefined, slot.writerId)];
    },
    codecOf: () => codec,
    recordOf: (record) => record,
    valueOf: (_name, record) => record,
  };
}
