import type avsc from 'avsc';
import { ContractError } from '../errors.ts';
import type { RegisteredSchema, TopicDescriptor } from '../topic-descriptor.ts';
import { type Envelope, envelopeMethods, envelopeParts, nameOf, unknownEvent } from './multi-event.ts';
import { createSubjectCodec, encodeChecked, resolverFor, type SubjectCodec } from './subject-codec.ts';
import type { Decoder, TopicCodec } from './topic-codec.ts';
import { decodeBody, messageLabel, readUnionBranch } from './wire-format.ts';
import { createSlot } from './writer-id.ts';

/** How to read one branch of a writer union: into an event's codec, or not at all (an event type unknown here). */
type BranchReader =
  | { name: string; codec: SubjectCodec; resolver: avsc.Resolver | undefined }
  | { name: string; codec: undefined };

/** TopicNameStrategy with a union of event records: one writer id; the union branch index says which event. */
export function unionTopic(descriptor: TopicDescriptor, value: RegisteredSchema): TopicCodec {
  const events = Object.values(descriptor.events);
  // Every branch is written under the union subject's id: one codec per event, sharing the union's registration.
  const union = createSlot(value);
  const byName = new Map(
    events.map((event) => [
      event.name,
      createSubjectCodec(`${descriptor.topic} event ${event.name}`, event.schema, union),
    ]),
  );
  const branchOf = new Map(unionBranchNames(value.schema).map((name, index) => [name, index]));
  const decoderOver = (branches: BranchReader[], id: number): Decoder => {
    const label = messageLabel(descriptor.topic, id);
    return (message) => {
      const { branch, bodyStart } = readUnionBranch(message);
      const target = branches[branch];
      if (!target) throw new ContractError('UNDECODABLE', `${label} has no union branch ${branch}`);
      if (!target.codec) throw unknownEvent(descriptor.topic, id, target.name);
      const value = decodeBody(target.codec.type, target.resolver, message, label, bodyStart);
      return { type: target.name, value };
    };
  };
  // A version from before the topic became a union (one record, no branch index) still reads as its event.
  const recordWriterDecoder = (writer: avsc.Type, id: number): Decoder => {
    const name = nameOf(writer);
    const codec = byName.get(name);
    if (!codec) {
      return () => {
        throw unknownEvent(descriptor.topic, id, name);
      };
    }
    const resolver = resolverFor(codec, writer, id) ?? undefined;
    const label = messageLabel(descriptor.topic, id);
    return (message) => ({ type: name, value: decodeBody(codec.type, resolver, message, label) });
  };
  return {
    topic: descriptor.topic,
    multiEvent: true,
    slots: [union],
    encode(envelope, ids) {
      const [codec, record] = envelopeParts(descriptor.topic, envelope, byName);
      return encodeChecked(codec, record, ids, branchOf.get((envelope as Envelope).type));
    },
    decoderFor(writer, id) {
      if (!writer.typeName.startsWith('union')) return recordWriterDecoder(writer, id);
      const writerBranches = (writer as unknown as { types: avsc.Type[] }).types;
      return decoderOver(
        writerBranches.map((branch) => {
          const name = nameOf(branch);
          const codec = byName.get(name);
          return codec
            ? { name, codec, resolver: resolverFor(codec, branch, id) ?? undefined }
            : { name, codec: undefined };
        }),
        id,
      );
    },
    *ownDecoders() {
      if (union.writerId === undefined) return;
      const branches = [...branchOf.keys()].map((name) => ({
        name,
        codec: byName.get(name) as SubjectCodec,
        resolver: undefined,
      }));
      yield [union.writerId, decoderOver(branches, union.writerId)];
    },
    ...envelopeMethods(descriptor.topic, byName),
  };
}
/** Full names of a top-level union's branches, in order: a name, or an inline record's (namespace.)name. */
function unionBranchNames(schema: unknown): string[] {
  if (!Array.isArray(schema)) throw new Error('a multi-event TopicNameStrategy value must be a union');
  return schema.map((branch: unknown) => {
    if (typeof branch === 'string') return branch;
    const { name, namespace } = branch as { name: string; namespace?: string };
    return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
  });
}
