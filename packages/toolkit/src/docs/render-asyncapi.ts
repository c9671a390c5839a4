import type { EventView, KeyView, TopicView } from './catalog-view.ts';

export interface ApiInfo {
  title: string;
  version: string;
  description?: string;
}

/** Avro 1.9+ is what the AsyncAPI Avro schema parser understands; our schemas use nothing newer. */
const AVRO_FORMAT = 'application/vnd.apache.avro;version=1.9.0';
const KAFKA_BINDING = '0.5.0';

/**
 * An AsyncAPI 3.0 document of the catalog: a channel per topic with a message per event type (Avro payload,
 * key in the Kafka binding), and a send or receive operation per declared producer and consumer.
 */
export function renderAsyncApi(topics: TopicView[], info: ApiInfo): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const topic of topics) {
    const channel = idOf(topic.topic);
    const key = keySchema(topic.key, schemas);
    const messages = Object.fromEntries(
      topic.events.map((event) => [idOf(shortName(event.name)), message(topic, event, key)]),
    );
    channels[channel] = {
      address: topic.topic,
      title: topic.topic,
      ...(topic.doc && { description: topic.doc }),
      messages,
      bindings: {
        kafka: {
          topic: topic.topic,
          ...(topic.partitions !== undefined && { partitions: topic.partitions }),
          bindingVersion: KAFKA_BINDING,
        },
      },
    };
    const refs = Object.keys(messages).map((id) => ({ $ref: `#/channels/${channel}/messages/${id}` }));
    const roles = [
      ...topic.producers.map((service) => ({ service, action: 'send' as const })),
      ...topic.consumers.map((service) => ({ service, action: 'receive' as const })),
    ];
    for (const { service, action } of roles) {
      operations[idOf(`${service}-${action}s-${topic.topic}`)] = {
        action,
        channel: { $ref: `#/channels/${channel}` },
        title: `${service} ${action}s ${topic.topic}`,
        messages: refs,
        tags: [{ name: service }],
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description && { description: info.description }),
    },
    defaultContentType: 'avro/binary',
    channels,
    operations,
    ...(Object.keys(schemas).length > 0 && { components: { schemas } }),
  };
}

function message(topic: TopicView, event: EventView, key: unknown): Record<string, unknown> {
  // On a union topic every message carries the schema id of the union subject, not of its member type.
  const wire = topic.union ?? event.subject;
  const newest = wire.versions[wire.versions.length - 1]!;
  const member = topic.union
    ? ` (a branch of its union; the type's own history is \`${event.subject.subject}\`)`
    : '';
  return {
    name: event.name,
    title: shortName(event.name),
    ...(event.doc && { summary: event.doc }),
    description:
      `Confluent wire format: magic byte 0, 4-byte schema id of subject \`${wire.subject}\`${member}, Avro body. ` +
      `Compatibility ${wire.compatibility}, newest version v${newest.version}.`,
    payload: { schemaFormat: AVRO_FORMAT, schema: splitNames(event.schema) },
    bindings: {
      kafka: {
        key,
        schemaIdLocation: 'payload',
        schemaIdPayloadEncoding: 'confluent',
        schemaLookupStrategy: topic.strategy,
        bindingVersion: KAFKA_BINDING,
      },
    },
    'x-subject': wire.subject,
    'x-schema-version': newest.version,
  };
}

/** A string key is a JSON Schema string; an Avro key is a multi-format schema in components, referenced. */
function keySchema(key: KeyView, schemas: Record<string, unknown>): unknown {
  if (key.type === 'string') return { type: 'string', description: key.doc };
  const id = idOf(key.subject.subject);
  schemas[id] = { schemaFormat: AVRO_FORMAT, schema: splitNames(key.schema) };
  return { $ref: `#/components/schemas/${id}` };
}

/**
 * The AsyncAPI Avro schema wants `name` without dots and the namespace apart (`"name": "a.b.C"` is valid
 * Avro but fails its schema), so every named type gets its full name split; the meaning does not change.
 */
function splitNames(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(splitNames);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema))
    copy[key] = key === 'default' ? value : splitNames(value);
  const { name } = copy;
  if (typeof name === 'string' && name.includes('.') && 'type' in copy) {
    copy.namespace = name.slice(0, name.lastIndexOf('.'));
    copy.name = shortName(name);
  }
  return copy;
}

const shortName = (fullName: string) => fullName.slice(fullName.lastIndexOf('.') + 1);
/** Ids become JSON pointers and component keys: keep them to letters, digits, `_` and `-`. */
const idOf = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');
