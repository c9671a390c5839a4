import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type avsc from 'avsc';
import { avroOptions } from '../avro/create-avro-type.ts';
import { ContractError } from '../errors.ts';
import { basicAuthHeader, type RegistryOptions } from './registry-options.ts';

/** Read-only registry access for the serde; every failure is a ContractError. */
export interface SchemaLookup {
  /** Id of exactly this schema under the subject: SCHEMA_NOT_REGISTERED when absent. */
  idOf(subject: string, schema: object): Promise<number>;
  /** The writer schema of an id as an avsc Type (cached forever by the client): UNKNOWN_SCHEMA_ID when absent. */
  typeOf(id: number): Promise<avsc.Type>;
}

export function createSchemaLookup(options: RegistryOptions): SchemaLookup {
  const auth = basicAuthHeader(options).authorization;
  const registry = new SchemaRegistry(
    {
      host: options.url.replace(/\/+$/, ''),
      ...(auth && { auth: { username: options.username ?? '', password: options.password ?? '' } }),
      // Fail fast: callers see a retriable error and retry on their own schedule (outbox, consumer).
      retry: { retries: 1, initialRetryTimeInSecs: 0.1, maxRetryTimeInSecs: 0.5 },
    },
    // Writer types get the same logical types as the compiled reader types.
    { [SchemaType.AVRO]: { ...avroOptions } },
  );

  return {
    async idOf(subject, schema) {
      try {
        return await registry.getRegistryIdBySchema(subject, {
          type: SchemaType.AVRO,
          schema: JSON.stringify(schema),
        });
      } catch (error) {
        throw toContractError(
          error,
          `look up the schema of ${subject}`,
          () =>
            new ContractError(
              'SCHEMA_NOT_REGISTERED',
              `the compiled schema of ${subject} is not registered: run \`npm run schemas:register\``,
              { cause: error },
            ),
        );
      }
    },
    async typeOf(id) {
      try {
        return (await registry.getSchema(id)) as unknown as avsc.Type;
      } catch (error) {
        throw toContractError(
          error,
          `fetch schema id ${id}`,
          () =>
            new ContractError('UNKNOWN_SCHEMA_ID', `the registry has no schema with id ${id}`, {
              cause: error,
            }),
        );
      }
    },
  };
}

/**
 * The client reports a 404 as a ResponseError with `status` (or, for lookups, a ConfluentSchemaRegistryError,
 * which it does not export), and a network failure as a ResponseError with status 400 (mappersmith's
 * convention): so anything but "not found" and an explicit refusal counts as unavailable.
 */
function toContractError(error: unknown, action: string, notFound: () => ContractError): ContractError {
  const status = (error as { status?: unknown }).status;
  const message = (error as Error).message;
  if (status === 404 || (error as Error).name === 'ConfluentSchemaRegistryError') return notFound();
  if (status === 401 || status === 403 || status === 422) {
    return new ContractError('REGISTRY_REJECTED', `the registry refused to ${action}: ${message}`, {
      cause: error,
    });
  }
  return new ContractError('REGISTRY_UNAVAILABLE', `could not ${action}: ${message}`, { cause: error });
}
