import type avsc from 'avsc';
import { ContractError } from '../errors.ts';
import type { EventDescriptor, RegisteredSchema, TopicDescriptor } from '../topic-descriptor.ts';
import {
  createSlot,
  createSubjectCodec,
  invalidValue,
  resolverFor,
  type SubjectCodec,
  type WriterIdSlot,
  type WriterIds,
  writerIdOf,
} from './subject-codec.ts';
import { decodeBody, encodeFramed, readUnionBranch } from './wire-format.ts';

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

function nameOf(type: avsc.Type): string {
  return (type as { name?: string }).name ?? type.typeName;
}

function unknownEvent(topic: string, id: number, name: string): ContractError {
  return new ContractError(
    'UNKNOWN_EVENT_TYPE',
    `${topic} message with schema id ${id} holds event type ${name}, which this build does not know (written by a newer producer?)`,
  );
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
  const read =
    (resolver: avsc.Resolver | undefined): Decoder =>
    (message) =>
      decodeBody(codec.type, resolver, message);
  return {
    topic: descriptor.topic,
    multiEvent: false,
    slots: [slot],
    async encode(record, ids) {
      let id = slot.writerId;
      if (id === undefined) {
        // Checked before the first lookup, so a bad value is reported as such even while the registry is down.
        if (!codec.type.isValid(record)) throw invalidValue(codec, record);
        id = await writerIdOf(slot, ids);
      }
      try {
        return encodeFramed(codec.type, id, record);
      } catch (error) {
        throw invalidValue(codec, record, error);
      }
    },
    decoderFor(writer, id) {
      return read(resolverFor(codec, writer, id) ?? undefined);
    },
    *ownDecoders() {
      if (slot.writerId !== undefined) yield [slot.writerId, read(undefined)];
    },
    codecOf: () => codec,
    recordOf: (record) => record,
    valueOf: (_name, record) => record,
  };
}

interface Envelope {
  type: string;
  value: unknown;
}

function envelopeParts(
  topic: string,
  value: unknown,
  codecs: Map<string, SubjectCodec>,
): [SubjectCodec, unknown] {
  const { type, value: record } = (value ?? {}) as Partial<Envelope>;
  const codec = typeof type === 'string' ? codecs.get(type) : undefined;
  if (!codec) {
    throw new ContractError(
      'INVALID_VALUE',
      `invalid ${topic} event: "type" must be one of ${[...codecs.keys()].join(', ')}, got ${JSON.stringify(type)}`,
      { details: [{ path: 'type', message: `expected one of ${[...codecs.keys()].join(' | ')}` }] },
    );
  }
  return [codec, record];
}

/** Shared by both multi-event styles: envelopes in, envelopes out. */
function envelopeMethods(topic: string, byName: Map<string, SubjectCodec>) {
  return {
    codecOf: (value: unknown) => envelopeParts(topic, value, byName)[0],
    recordOf: (value: unknown) => (value as Envelope).value,
    valueOf: (type: string, value: unknown): Envelope => ({ type, value }),
  };
}

export async function encodeChecked(
  codec: SubjectCodec,
  record: unknown,
  ids: WriterIds,
  branch?: number,
): Promise<Buffer> {
  if (codec.slot.writerId === undefined && !codec.type.isValid(record)) throw invalidValue(codec, record);
  const id = await writerIdOf(codec.slot, ids);
  try {
    return encodeFramed(codec.type, id, record, branch);
  } catch (error) {
    throw invalidValue(codec, record, error);
  }
}

/** TopicRecordNameStrategy: one subject, and so one writer id, per event type; the writer schema's name says which. */
function recordNameTopic(descriptor: TopicDescriptor): TopicCodec {
  const byName = new Map(
    Object.values(descriptor.events).map((event) => {
      if (!event.registered) throw new Error(`${descriptor.topic}: event ${event.name} has no subject`);
      const label = `${descriptor.topic} event ${event.name}`;
      return [event.name, createSubjectCodec(label, event.schema, createSlot(event.registered))];
    }),
  );
  const read =
    (name: string, codec: SubjectCodec, resolver: avsc.Resolver | undefined): Decoder =>
    (message) => ({ type: name, value: decodeBody(codec.type, resolver, message) });
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
      return read(name, codec, resolverFor(codec, writer, id) ?? undefined);
    },
    *ownDecoders() {
      for (const [name, codec] of byName) {
        if (codec.slot.writerId !== undefined) yield [codec.slot.writerId, read(name, codec, undefined)];
      }
    },
    ...envelopeMethods(descriptor.topic, byName),
  };
}

/** TopicNameStrategy with a union of event records: one writer id; the union branch index says which event. */
function unionTopic(descriptor: TopicDescriptor, value: RegisteredSchema): TopicCodec {
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
  const decoderOver =
    (
      branches: (
        | { name: string; codec: SubjectCodec; resolver: avsc.Resolver | undefined }
        | { name: string; codec: undefined }
      )[],
      id: number,
    ): Decoder =>
    (message) => {
      const { branch, bodyStart } = readUnionBranch(message);
      const target = branches[branch];
      if (!target)
        throw new ContractError(
          'UNDECODABLE',
          `${descriptor.topic} message with schema id ${id} has no union branch ${branch}`,
        );
      if (!target.codec) throw unknownEvent(descriptor.topic, id, target.name);
      return { type: target.name, value: decodeBody(target.codec.type, target.resolver, message, bodyStart) };
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
      const writerBranches = writer.typeName.startsWith('union')
        ? (writer as unknown as { types: avsc.Type[] }).types
        : [writer];
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
