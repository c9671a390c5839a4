import type avsc from 'avsc';
import { createAvroType } from '../avro/create-avro-type.ts';
import { ContractError } from '../errors.ts';
import { topics } from '../generated/topic-map.ts';
import type { RegistryOptions } from '../registry/registry-options.ts';
import { createRegistryRest } from '../registry/registry-rest.ts';
import { createSchemaLookup } from '../registry/schema-lookup.ts';
import { type EventOf, type TopicName, topicDescriptor } from '../topics.ts';
import { createJsonForm, type JsonForm } from './json-form.ts';
import { invalidValueError } from './validation.ts';
import { decodeBody, encodeFramed, readSchemaId } from './wire-format.ts';

export interface SerdeOptions {
  registry: RegistryOptions;
  /** Dev/test only: register the compiled schema when the registry lacks it, instead of failing. */
  autoRegister?: boolean;
  /**
   * Test/migration only: act as code compiled against another subject or schema version of a topic (e.g. the
   * v1 schema, to prove old and new code interoperate). The TS types still describe the newest schema.
   */
  overrides?: { [T in TopicName]?: { subject?: string; schema?: object } };
}

export interface Serde extends JsonForm {
  /** Looks up the ids of the compiled schemas so encode and decode then work without the registry. */
  warmUp(): Promise<void>;
  /** Validates the value and frames it in the Confluent wire format with the compiled schema's id. */
  encode<T extends TopicName>(topic: T, value: EventOf<T>): Promise<Buffer>;
  /** Reads a framed message with its writer schema, resolved into the compiled (reader) schema. */
  decode<T extends TopicName>(topic: T, message: Buffer): Promise<EventOf<T>>;
}

interface TopicState {
  topic: TopicName;
  subject: string;
  schema: object;
  type: avsc.Type;
  writerId: number | undefined;
  pendingWriterId: Promise<number> | undefined;
  /** Per writer id: the resolver into `type`, or null when the writer schema is the compiled one. */
  readers: Map<number, avsc.Resolver | null>;
  pendingReaders: Map<number, Promise<avsc.Resolver | null>>;
}

export function createSerde(options: SerdeOptions): Serde {
  const lookup = createSchemaLookup(options.registry);
  const rest = options.autoRegister ? createRegistryRest(options.registry) : undefined;
  const states = new Map<TopicName, TopicState>();

  function stateOf(topic: TopicName): TopicState {
    const existing = states.get(topic);
    if (existing) return existing;
    const descriptor = topicDescriptor(topic);
    const override = options.overrides?.[topic];
    const schema = override?.schema ?? descriptor.schema;
    const state: TopicState = {
      topic,
      subject: override?.subject ?? descriptor.subject,
      schema,
      type: createAvroType(schema),
      writerId: undefined,
      pendingWriterId: undefined,
      readers: new Map(),
      pendingReaders: new Map(),
    };
    states.set(topic, state);
    return state;
  }

  async function fetchWriterId(state: TopicState): Promise<number> {
    let id: number;
    try {
      id = await lookup.idOf(state.subject, state.schema);
    } catch (error) {
      if (!(rest && error instanceof ContractError && error.code === 'SCHEMA_NOT_REGISTERED')) throw error;
      ({ id } = await rest.register(state.subject, state.schema));
    }
    state.writerId = id;
    // Our own messages need no resolver, and reading them must not need the registry either.
    state.readers.set(id, null);
    return id;
  }

  function writerIdOf(state: TopicState): Promise<number> {
    if (state.writerId !== undefined) return Promise.resolve(state.writerId);
    state.pendingWriterId ??= fetchWriterId(state).finally(() => {
      state.pendingWriterId = undefined;
    });
    return state.pendingWriterId;
  }

  async function fetchReader(state: TopicState, id: number): Promise<avsc.Resolver | null> {
    const writerType = await lookup.typeOf(id);
    if (writerType.equals(state.type)) return null;
    try {
      return state.type.createResolver(writerType);
    } catch (error) {
      throw new ContractError(
        'UNDECODABLE',
        `schema id ${id} cannot be read as ${state.subject}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  function readerOf(state: TopicState, id: number): Promise<avsc.Resolver | null> {
    let pending = state.pendingReaders.get(id);
    if (!pending) {
      pending = fetchReader(state, id)
        .then((reader) => {
          state.readers.set(id, reader);
          return reader;
        })
        .finally(() => state.pendingReaders.delete(id));
      state.pendingReaders.set(id, pending);
    }
    return pending;
  }

  const invalid = (state: TopicState, value: unknown, cause?: unknown) =>
    invalidValueError(state.topic, state.type, value, cause);

  return {
    ...createJsonForm((topic) => stateOf(topic).type),

    async warmUp() {
      await Promise.all((Object.keys(topics) as TopicName[]).map((topic) => writerIdOf(stateOf(topic))));
    },

    async encode(topic, value) {
      const state = stateOf(topic);
      let id = state.writerId;
      if (id === undefined) {
        // Check before the first lookup, so a bad value is reported as such even while the registry is down.
        if (!state.type.isValid(value)) throw invalid(state, value);
        id = await writerIdOf(state);
      }
      try {
        return encodeFramed(state.type, id, value);
      } catch (error) {
        throw invalid(state, value, error);
      }
    },

    async decode(topic, message) {
      const state = stateOf(topic);
      const id = readSchemaId(message);
      const cached = state.readers.get(id);
      const reader = cached === undefined ? await readerOf(state, id) : cached;
      try {
        return decodeBody(state.type, reader ?? undefined, message) as EventOf<typeof topic>;
      } catch (error) {
        throw new ContractError(
          'UNDECODABLE',
          `${state.topic} message with schema id ${id} cannot be decoded: ${(error as Error).message}`,
          { cause: error },
        );
      }
    },
  };
}
