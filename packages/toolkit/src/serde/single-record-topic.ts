import type avsc from 'avsc';
import type { EventDescriptor, RegisteredSchema, TopicDescriptor } from '../topic-descriptor.ts';
import { createSubjectCodec, encodeChecked, resolverFor } from './subject-codec.ts';
import type { Decoder, Override, TopicCodec } from './topic-codec.ts';
import { decodeBody, messageLabel } from './wire-format.ts';
import { createSlot } from './writer-id.ts';

/** TopicNameStrategy with one record: the value is the record itself. */
export function singleRecordTopic(
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
