import { ContractError } from '../errors.ts';
import { createRegistryClient, type SerdeRegistry } from '../registry/registry-client.ts';
import type { RegistryOptions } from '../registry/registry-options.ts';
import type { TopicDescriptors } from '../topic-descriptor.ts';
import { type EventOf, type KeyOf, type TopicName, topicDescriptor } from '../topics.ts';
import { createTopicCodec } from './create-topic-codec.ts';
import { createKeyCodec, type KeyCodec } from './key-codec.ts';
import { invalidValue, settled } from './subject-codec.ts';
import type { Decoder, Override, TopicCodec } from './topic-codec.ts';
import { readSchemaId } from './wire-format.ts';
import { type WriterIds, writerIdOf } from './writer-id.ts';

export interface SerdeOptions<D extends TopicDescriptors> {
  /** The generated `topics` of a catalog: the serde knows exactly these topics and their types. */
  topics: D;
  /** The registry client (`createRegistryClient(options)`, or a test's own), or the options to build one. */
  registry: SerdeRegistry | RegistryOptions;
  /** Dev/test only: register the compiled schema when the registry lacks it, instead of failing. */
  autoRegister?: boolean;
  /**
   * Test/migration only, single-event topics: act as code compiled against another subject or schema version
   * (e.g. the v1 schema, to prove old and new code interoperate). The TS types still describe the newest schema.
   */
  overrides?: { [T in TopicName<D>]?: Override };
}

export interface Serde<D extends TopicDescriptors> {
  /** Looks up the ids of the compiled schemas so encode and decode then work without the registry. */
  warmUp(): Promise<void>;
  /** Validates the value and frames it in the Confluent wire format with the compiled schema's id. */
  encode<T extends TopicName<D>>(topic: T, value: EventOf<D, T>): Promise<Buffer>;
  /**
   * Reads a framed message with its writer schema, resolved into the compiled (reader) schema. An event type this
   * build does not know fails with UNKNOWN_EVENT_TYPE (dead-letter it, or skip it on purpose).
   */
  decode<T extends TopicName<D>>(topic: T, message: Buffer): Promise<EventOf<D, T>>;
  /** The message key: UTF-8 for a plain-string key, the wire format for an Avro key. */
  encodeKey<T extends TopicName<D>>(topic: T, key: KeyOf<D, T>): Promise<Buffer>;
  decodeKey<T extends TopicName<D>>(topic: T, key: Buffer): Promise<KeyOf<D, T>>;
  /** Throws INVALID_VALUE (with every bad field) when the value breaks the topic's schema; no registry. */
  validate<T extends TopicName<D>>(topic: T, value: EventOf<D, T>): void;
  /** A JSON text that fromJSON turns back into exactly this value (dates, decimals, bytes, unions, event type). */
  toJSON<T extends TopicName<D>>(topic: T, value: EventOf<D, T>): string;
  fromJSON<T extends TopicName<D>>(topic: T, text: string): EventOf<D, T>;
}

interface TopicState {
  codec: TopicCodec;
  key: KeyCodec;
  /** Per writer schema id: how to read it. */
  decoders: Map<number, Decoder>;
  pendingDecoders: Map<number, Promise<Decoder>>;
}

export function createSerde<D extends TopicDescriptors>(options: SerdeOptions<D>): Serde<D> {
  const { registry } = options;
  const ids: WriterIds = {
    lookup: 'url' in registry ? createRegistryClient(registry) : registry,
    autoRegister: options.autoRegister === true,
  };
  const states = new Map<string, TopicState>();

  function stateOf(topic: string): TopicState {
    const existing = states.get(topic);
    if (existing) return existing;
    const descriptor = topicDescriptor(options.topics, topic);
    const overrides = options.overrides as Record<string, Override | undefined> | undefined;
    const state: TopicState = {
      codec: createTopicCodec(descriptor, overrides?.[topic]),
      key: createKeyCodec(descriptor),
      decoders: new Map(),
      pendingDecoders: new Map(),
    };
    states.set(topic, state);
    return state;
  }

  /** Our own writer ids decode without the registry, even when it is down. */
  function learnOwnIds(state: TopicState): void {
    for (const [id, decoder] of state.codec.ownDecoders()) {
      if (!state.decoders.has(id)) state.decoders.set(id, decoder);
    }
  }

  function decoderOf(state: TopicState, id: number): Promise<Decoder> {
    learnOwnIds(state);
    const own = state.decoders.get(id);
    if (own) return Promise.resolve(own);
    let pending = state.pendingDecoders.get(id);
    if (!pending) {
      pending = ids.lookup
        .typeOf(id)
        .then((writer) => {
          const decoder = state.codec.decoderFor(writer, id);
          state.decoders.set(id, decoder);
          return decoder;
        })
        .finally(() => state.pendingDecoders.delete(id));
      state.pendingDecoders.set(id, pending);
    }
    return pending;
  }

  function decodeWith(decoder: Decoder, topic: string, id: number, message: Buffer): unknown {
    try {
      return decoder(message);
    } catch (error) {
      if (error instanceof ContractError) throw error;
      throw new ContractError(
        'UNDECODABLE',
        `${topic} message with schema id ${id} cannot be decoded: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  return {
    async warmUp() {
      const all = Object.keys(options.topics).map(stateOf);
      await Promise.all(
        all.flatMap((state) =>
          [...state.codec.slots, ...state.key.slots].map((slot) => writerIdOf(slot, ids)),
        ),
      );
      for (const state of all) learnOwnIds(state);
    },

    // Not async: with the ids known both directions are synchronous work, and an async frame per call is a
    // measurable share of a round trip (bench `serde`).
    encode(topic, value) {
      return settled(() => stateOf(topic).codec.encode(value, ids));
    },

    decode(topic, message) {
      return settled(() => {
        const state = stateOf(topic);
        const id = readSchemaId(message);
        const known = state.decoders.get(id);
        const read = (decoder: Decoder) =>
          decodeWith(decoder, topic, id, message) as EventOf<D, typeof topic>;
        return known ? read(known) : decoderOf(state, id).then(read);
      });
    },

    encodeKey(topic, key) {
      return stateOf(topic).key.encode(key, ids);
    },

    async decodeKey(topic, key) {
      return (await stateOf(topic).key.decode(key, ids)) as KeyOf<D, typeof topic>;
    },

    validate(topic, value) {
      const { codec } = stateOf(topic);
      const record = codec.recordOf(value);
      const subject = codec.codecOf(value);
      if (!subject.type.isValid(record)) throw invalidValue(subject, record);
    },

    toJSON(topic, value) {
      this.validate(topic, value);
      const { codec } = stateOf(topic);
      const subject = codec.codecOf(value);
      const record = subject.type.toString(codec.recordOf(value));
      // Avro's JSON encoding of the record; a multi-event topic wraps it with its event type.
      return !codec.multiEvent
        ? record
        : `{"type":${JSON.stringify((value as { type: string }).type)},"value":${record}}`;
    },

    fromJSON(topic, text) {
      const { codec } = stateOf(topic);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new ContractError('INVALID_VALUE', `invalid ${topic} JSON: ${(error as Error).message}`, {
          cause: error,
        });
      }
      const subject = codec.codecOf(parsed);
      const single = !codec.multiEvent;
      const json = single ? parsed : (parsed as { value: unknown }).value;
      let record: unknown;
      try {
        record = subject.type.fromString(JSON.stringify(json));
      } catch (error) {
        throw invalidValue(subject, json, error);
      }
      if (!subject.type.isValid(record)) throw invalidValue(subject, record);
      return (single ? record : codec.valueOf((parsed as { type: string }).type, record)) as EventOf<
        D,
        typeof topic
      >;
    },
  };
}
