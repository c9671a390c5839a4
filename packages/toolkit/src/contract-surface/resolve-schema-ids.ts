import { isContractError } from '../errors.ts';
import type { RegistryClient } from '../registry/registry-client.ts';
import type { RegisteredSchema, TopicDescriptors } from '../topic-descriptor.ts';
import type { ContractManifest, SchemaSurface } from './contract-manifest.ts';

export interface ResolveSchemaIdsInput {
  manifest: ContractManifest;
  /** The topic map the manifest was described from: it holds each schema as registered (with references). */
  topics: TopicDescriptors;
  registry: Pick<RegistryClient, 'idOf'>;
}

/**
 * The manifest with the registry's id of every schema it names; a schema not registered yet keeps null. Any
 * other failure (registry unreachable) is thrown: the caller decides whether to record without ids.
 */
export async function resolveSchemaIds({
  manifest,
  topics,
  registry,
}: ResolveSchemaIdsInput): Promise<ContractManifest> {
  const registered = registeredBySubjectVersion(topics);
  const ids = new Map<string, Promise<number | null>>();
  const idOf = (surface: SchemaSurface): Promise<number | null> => {
    const key = `${surface.subject}@${surface.version}`;
    let id = ids.get(key);
    if (!id) {
      const schema = registered.get(key);
      id = schema ? lookUp(registry, schema) : Promise.resolve(null);
      ids.set(key, id);
    }
    return id;
  };
  const withId = async (surface: SchemaSurface): Promise<SchemaSurface> => ({
    ...surface,
    schemaId: surface.schemaId ?? (await idOf(surface)),
  });
  const key = async <K extends ContractManifest['produces'][number]['key']>(surface: K): Promise<K> =>
    surface.encoding === 'avro' ? { ...surface, schema: await withId(surface.schema) } : surface;

  return {
    ...manifest,
    produces: await Promise.all(
      manifest.produces.map(async (topic) => ({
        ...topic,
        key: await key(topic.key),
        writers: Object.fromEntries(
          await Promise.all(
            Object.entries(topic.writers).map(
              async ([type, writer]) => [type, await withId(writer)] as const,
            ),
          ),
        ),
      })),
    ),
    consumes: await Promise.all(
      manifest.consumes.map(async (topic) => ({
        ...topic,
        key: await key(topic.key),
        events: Object.fromEntries(
          await Promise.all(
            Object.entries(topic.events).map(
              async ([type, event]) => [type, { ...event, reader: await withId(event.reader) }] as const,
            ),
          ),
        ),
      })),
    ),
  };
}

async function lookUp(
  registry: Pick<RegistryClient, 'idOf'>,
  schema: RegisteredSchema,
): Promise<number | null> {
  try {
    return await registry.idOf(schema);
  } catch (error) {
    if (isContractError(error, 'SCHEMA_NOT_REGISTERED')) return null;
    throw error;
  }
}

function registeredBySubjectVersion(topics: TopicDescriptors): Map<string, RegisteredSchema> {
  const found = new Map<string, RegisteredSchema>();
  const add = (schema: RegisteredSchema | undefined) => {
    if (schema) found.set(`${schema.subject}@${schema.version}`, schema);
  };
  for (const descriptor of Object.values(topics)) {
    if (descriptor.strategy === 'TopicNameStrategy') add(descriptor.value);
    for (const event of Object.values(descriptor.events)) add(event.registered);
    if (descriptor.key.type === 'avro') add(descriptor.key.registered);
  }
  return found;
}
