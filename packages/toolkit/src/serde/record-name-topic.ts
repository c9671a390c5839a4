import type avsc from 'avsc';
import type { TopicDescriptor } from '../topic-descriptor.ts';
import { envelopeMethods, envelopeParts, nameOf, unknownEvent } from './multi-event.ts';
import { createSubjectCodec, encodeChecked, resolverFor, type SubjectCodec } from './subject-codec.ts';
import type { Decoder, TopicCodec } from './topic-codec.ts';
import { decodeBody, messageLabel } from './wire-format.ts';
import { createSlot } from './writer-id.ts';

/** TopicRecordNameStrategy: one subject, and so one writer id, per event type; the writer schema's name says which. */
export function recordNameTopic(descriptor: TopicDescriptor): TopicCodec {
  const byName = new Map(
    Object.values(descriptor.events).map((event) => {
      if (!event.registered) throw new Error(`${descriptor.topic}: event ${event.name} has no subject`);
      const label = `${descriptor.topic} event ${event.name}`;
      return [event.name, createSubjectCodec(label, event.schema, createSlot(event.registered))];
    }),
  );
  const read = (
    name: string,
    codec: SubjectCodec,
    resolver: avsc.Resolver | undefined,
    id: number,
  ): Decoder => {
    const label = messageLabel(descriptor.topic, id);
    return (message) => ({ type: name, value: decodeBody(codec.type, resolver, message, label) });
  };
  return {
    topic: descriptor.topic,
    multiEvent: true,
    slots: [...byName.values()].map((codec) => codec.slot),
    encode(value, ids) {
      const [codec, record] = envelopeParts(descriptor.topic, value, byName);
      return encodeChecked(codec, record, ids);
    },
    decoderFor(writer, id) {
      const name = nameOf(writer);
      const codec = byName.get(name);
      if (!codec) {
        return () => {
          throw unknownEvent(descriptor.topic, id, name);
        };
      }
      return read(name, codec, resolverFor(codec, writer, id) ?? undefined, id);
    },
    *ownDecoders() {
      for (const [name, codec] of byName) {
        const id = codec.slot.writerId;
        if (id !== undefined) yield [id, read(name, codec, undefined, id)];
      }
    },
    ...envelopeMethods(descriptor.topic, byName),
  };
}
