import type { COMPATIBILITY, SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import type avsc from 'avsc';
import { ContractError } from '../errors.ts';
import type { RegisteredSchema, SchemaReference } from '../topic-descriptor.ts';
import { contractErrorOf, createConfluentClient } from './confluent-client.ts';
import { createRegistryHttp } from './registry-http.ts';
import type { RegistryOptions } from './registry-options.ts';
import { createRegistryRest, type RegistryRest } from './registry-rest.ts';
import { fetchWriterType } from './writer-type.ts';

/**
 * The toolkit's registry client. Ids of schemas without references and registration of named schemas go through
 * @kafkajs/confluent-schema-registry; levels, lookups that need the version or carry references, registration of
 * union subjects and writer schemas whose references pin one type twice are REST the package cannot do (README,
 * "Registry client"). Every failure is a ContractError.
 */
export interface RegistryClient extends RegistryRest {
  /** Id of exactly this schema (with its references) under its subject: SCHEMA_NOT_REGISTERED when absent. */
  idOf(registered: RegisteredSchema): Promise<number>;
  /** The writer schema of an id as an avsc Type, references resolved: UNKNOWN_SCHEMA_ID when absent. */
  typeOf(id: number): Promise<avsc.Type>;
}

/** What a serde asks of the registry; tests inject their own. */
export type SerdeRegistry = Pick<RegistryClient, 'idOf' | 'typeOf' | 'register'>;

export interface RegistryClientDependencies {
  /** The package's client to use instead of one built from the options (same registry, e.g. with middlewares). */
  schemaRegistry?: SchemaRegistry;
}

export function createRegistryClient(
  options: RegistryOptions,
  dependencies: RegistryClientDependencies = {},
): RegistryClient {
  const confluent = dependencies.schemaRegistry ?? createConfluentClient(options);
  const http = createRegistryHttp(options);
  const rest = createRegistryRest(http);

  return {
    ...rest,

    async idOf({ subject, schema, references }) {
      const action = `look up the schema of ${subject}`;
      const notRegistered = () =>
        new ContractError(
          'SCHEMA_NOT_REGISTERED',
          `the compiled schema of ${subject} is not registered: register the catalog first (events-schemas-register)`,
        );
      // getRegistryIdBySchema sends no references, and the registry then matches no schema that has some.
      if (references.length > 0) {
        const found = await rest.lookup(subject, schema, references).catch((error: unknown) => {
          throw withAction(error, action);
        });
        if (!found) throw notRegistered();
        return found.id;
      }
      try {
        return await confluent.getRegistryIdBySchema(subject, avroSchema(schema, []));
      } catch (error) {
        // The package turns the registry's 404 (no such subject or schema) into this class, without the status.
        if ((error as Error | undefined)?.name === 'ConfluentSchemaRegistryError') throw notRegistered();
        throw contractErrorOf(error, action);
      }
    },

    typeOf: (id) => fetchWriterType(http, id),

    async register(subject, schema, references = []) {
      // The package checks that a schema has a name: a union subject's schema has none.
      if (!isNamed(schema)) return rest.register(subject, schema, references);
      const action = `register the schema of ${subject}`;
      // register() throws unless `compatibility` equals the subject's level, and writes it on a first
      // registration unless updateConfig is false (#129): pass the level the subject has, never write one. With no
      // level of its own, the package's read answers 404 and the value is not compared.
      const level = await rest.getCompatibility(subject).catch((error: unknown) => {
        throw withAction(error, action);
      });
      try {
        const { id } = await confluent.register(avroSchema(schema, references), {
          subject,
          compatibility: (level ?? 'BACKWARD') as COMPATIBILITY,
          updateConfig: false,
        });
        return { id };
      } catch (error) {
        throw contractErrorOf(error, action);
      }
    },
  };
}

function avroSchema(schema: unknown, references: readonly SchemaReference[]) {
  return {
    type: SchemaType.AVRO as const,
    schema: JSON.stringify(schema),
    ...(references.length > 0 && { references: references.map((ref) => ({ ...ref })) }),
  };
}

function isNamed(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && 'name' in schema;
}

/** Says what was being done, keeping the code: "could not look up the schema of x: cannot reach ...". */
function withAction(error: unknown, action: string): unknown {
  if (!(error instanceof ContractError) || error.code !== 'REGISTRY_UNAVAILABLE') return error;
  return new ContractError('REGISTRY_UNAVAILABLE', `could not ${action}: ${error.message}`, { cause: error });
}
