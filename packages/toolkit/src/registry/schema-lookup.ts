import avsc from 'avsc';
import { avroOptions } from '../avro/create-avro-type.ts';
import type { SchemaReference } from '../catalog/catalog.ts';
import { ContractError } from '../errors.ts';
import type { RegisteredSchema } from '../topic-descriptor.ts';
import { createRegistryHttp } from './registry-http.ts';
import type { RegistryOptions } from './registry-options.ts';
import { schemaRequestBody } from './registry-rest.ts';

/** Read-only registry access for the serde; every failure is a ContractError. */
export interface SchemaLookup {
  /** Id of exactly this schema (with its references) under its subject: SCHEMA_NOT_REGISTERED when absent. */
  idOf(registered: RegisteredSchema): Promise<number>;
  /** The writer schema of an id as an avsc Type, references resolved by subject and version: UNKNOWN_SCHEMA_ID when absent. */
  typeOf(id: number): Promise<avsc.Type>;
}

interface StoredSchema {
  schema: string;
  references?: SchemaReference[];
}

export function createSchemaLookup(options: RegistryOptions): SchemaLookup {
  const { call, rejected } = createRegistryHttp(options);
  // Both caches hold promises, so concurrent decodes of a new id share one request; failures are not kept.
  const byReference = new Map<string, Promise<Record<string, avsc.Type>>>();

  async function get(path: string, action: string, notFound: () => ContractError): Promise<StoredSchema> {
    try {
      const { status, data } = await call('GET', path);
      if (status === 404) throw notFound();
      if (status !== 200) throw rejected('GET', path, status, data);
      return data as StoredSchema;
    } catch (error) {
      throw withAction(error, action);
    }
  }

  /** Every named type a referenced subject version defines or references in turn, by full name. */
  function namedTypesOf(ref: SchemaReference): Promise<Record<string, avsc.Type>> {
    const key = `${ref.subject}@${ref.version}`;
    let pending = byReference.get(key);
    if (!pending) {
      const path = `/subjects/${encodeURIComponent(ref.subject)}/versions/${ref.version}`;
      pending = get(
        path,
        `fetch reference ${ref.name} (${key})`,
        () =>
          new ContractError('UNKNOWN_SCHEMA_ID', `the registry has no ${ref.subject} version ${ref.version}`),
      ).then(async (stored) => {
        const registry = await registryOf(stored.references ?? []);
        avsc.Type.forSchema(JSON.parse(stored.schema), { ...avroOptions, registry });
        return registry;
      });
      pending.catch(() => byReference.delete(key));
      byReference.set(key, pending);
    }
    return pending;
  }

  async function registryOf(references: readonly SchemaReference[]): Promise<Record<string, avsc.Type>> {
    const parts = await Promise.all(references.map(namedTypesOf));
    return Object.assign({}, ...parts);
  }

  return {
    async idOf({ subject, schema, references }) {
      const path = `/subjects/${encodeURIComponent(subject)}`;
      try {
        const { status, data } = await call('POST', path, schemaRequestBody(schema, references));
        if (status === 404) {
          throw new ContractError(
            'SCHEMA_NOT_REGISTERED',
            `the compiled schema of ${subject} is not registered: register the catalog first (events-schemas-register)`,
          );
        }
        if (status !== 200) throw rejected('POST', path, status, data);
        return (data as { id: number }).id;
      } catch (error) {
        throw withAction(error, `look up the schema of ${subject}`);
      }
    },
    async typeOf(id) {
      const stored = await get(
        `/schemas/ids/${id}`,
        `fetch schema id ${id}`,
        () => new ContractError('UNKNOWN_SCHEMA_ID', `the registry has no schema with id ${id}`),
      );
      try {
        const registry = await registryOf(stored.references ?? []);
        return avsc.Type.forSchema(JSON.parse(stored.schema), { ...avroOptions, registry });
      } catch (error) {
        if (error instanceof ContractError) throw error;
        throw new ContractError(
          'UNDECODABLE',
          `schema id ${id} is not a usable Avro schema: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    },
  };
}

/** Says what was being done, keeping the code: "could not fetch schema id 42: cannot reach ...". */
function withAction(error: unknown, action: string): unknown {
  if (!(error instanceof ContractError) || error.code !== 'REGISTRY_UNAVAILABLE') return error;
  return new ContractError('REGISTRY_UNAVAILABLE', `could not ${action}: ${error.message}`, { cause: error });
}
