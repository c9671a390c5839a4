import {
  AvroDeserializer,
  AvroSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';
import { createSerde, topics, type UserRegister } from '@events/contracts';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avsc from 'avsc';

/** One way of turning a user_register event into bytes and back. */
export interface Codec {
  name: string;
  roundTrip(value: UserRegister): UserRegister | Promise<UserRegister>;
}

/** timestamp-millis ↔ Date, the textbook avsc logical type: what any raw-avsc user would write. */
class DateType extends avsc.types.LogicalType {
  protected override _fromValue(value: number): Date {
    return new Date(value);
  }
  protected override _toValue(value: unknown): number | undefined {
    return value instanceof Date ? value.getTime() : undefined;
  }
  protected override _resolve(type: avsc.Type) {
    return avsc.Type.isType(type, 'long', 'logical:timestamp-millis') ? this._fromValue : undefined;
  }
}

const avroOptions = { logicalTypes: { 'timestamp-millis': DateType }, wrapUnions: 'auto' } as const;
const { topic } = topics.user_register;
const { schema, subject } = topics.user_register.value;

export function rawAvscCodec(): Codec {
  const type = avsc.Type.forSchema(schema as avsc.Schema, { ...avroOptions });
  return {
    name: 'raw avsc toBuffer/fromBuffer',
    roundTrip: (value) => type.fromBuffer(type.toBuffer(value)),
  };
}

export function jsonCodec(): Codec {
  return {
    name: 'JSON.stringify/parse',
    roundTrip(value) {
      const parsed = JSON.parse(Buffer.from(JSON.stringify(value)).toString()) as UserRegister & {
        registeredAt: string;
      };
      return { ...parsed, registeredAt: new Date(parsed.registeredAt) };
    },
  };
}

/** Our serde with the registry ids looked up once by warmUp(), as the services run it. */
export async function contractsCodec(registryUrl: string): Promise<Codec> {
  const serde = createSerde({ registry: { url: registryUrl } });
  await serde.warmUp();
  return {
    name: '@events/contracts serde',
    roundTrip: async (value) => serde.decode('user_register', await serde.encode('user_register', value)),
  };
}

/** @kafkajs/confluent-schema-registry encode/decode called directly (it caches schemas by id after the first call). */
export async function confluentRegistryCodec(registryUrl: string): Promise<Codec> {
  const registry = new SchemaRegistry({ host: registryUrl }, { [SchemaType.AVRO]: { ...avroOptions } });
  const id = await registry.getRegistryIdBySchema(subject, {
    type: SchemaType.AVRO,
    schema: JSON.stringify(schema),
  });
  return {
    name: '@kafkajs/confluent-schema-registry',
    roundTrip: async (value) => (await registry.decode(await registry.encode(id, value))) as UserRegister,
  };
}

/**
 * @confluentinc/schemaregistry's AvroSerializer/AvroDeserializer (Confluent's maintained client) on the
 * schema already registered under the topic's subject (TopicNameStrategy, latest version, no auto-register).
 */
export function confluentincCodec(registryUrl: string): Codec {
  const client = new SchemaRegistryClient({ baseURLs: [registryUrl] });
  const config = { ...avroOptions, autoRegisterSchemas: false, useLatestVersion: true };
  const serializer = new AvroSerializer(client, SerdeType.VALUE, config);
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, { ...avroOptions });
  return {
    name: '@confluentinc/schemaregistry',
    roundTrip: async (value) =>
      (await deserializer.deserialize(topic, await serializer.serialize(topic, value))) as UserRegister,
  };
}
