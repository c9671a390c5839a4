import type avsc from 'avsc';
import { ContractError } from '../errors.ts';
import type { TopicDescriptor } from '../topic-descriptor.ts';
import { createSubjectCodec, encodeChecked, resolverFor } from './subject-codec.ts';
import { decodeBody, readSchemaId } from './wire-format.ts';
import { createSlot, type WriterIdSlot, type WriterIds } from './writer-id.ts';

/** A topic's message key: a plain UTF-8 string, or an Avro record in the wire format under `<topic>-key`. */
export interface KeyCodec {
  readonly slots: readonly WriterIdSlot[];
  encode(key: unknown, ids: WriterIds): Promise<Buffer>;
  decode(key: Buffer, ids: WriterIds): Promise<unknown>;
}

export function createKeyCodec(descriptor: TopicDescriptor): KeyCodec {
  const { key, topic } = descriptor;
  if (key.type === 'string') {
    return {
      slots: [],
      async encode(value) {
        if (typeof value !== 'string')
          throw new ContractError(
            'INVALID_VALUE',
            `invalid ${topic} key: expected a string, got ${typeof value}`,
          );
        return Buffer.from(value, 'utf8');
      },
      async decode(buffer) {
        return buffer.toString('utf8');
      },
    };
  }
  const codec = createSubjectCodec(`${topic} key`, key.schema, createSlot(key.registered));
  const resolvers = new Map<number, avsc.Resolver | undefined>();
  return {
    slots: [codec.slot],
    encode: (value, ids) => encodeChecked(codec, value, ids),
    async decode(buffer, ids) {
      const id = readSchemaId(buffer);
      if (!resolvers.has(id)) {
        const own = id === codec.slot.writerId;
        resolvers.set(
          id,
          own ? undefined : (resolverFor(codec, await ids.lookup.typeOf(id), id) ?? undefined),
        );
      }
      const label = `${topic} key with schema id ${id}`;
      try {
        return decodeBody(codec.type, resolvers.get(id), buffer, label);
      } catch (error) {
        if (error instanceof ContractError) throw error;
        throw new ContractError('UNDECODABLE', `${label} cannot be decoded: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },
  };
}
