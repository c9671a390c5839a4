import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { avroOptions } from '../avro/create-avro-type.ts';
import { ContractError } from '../errors.ts';
import type { RegistryOptions } from './registry-options.ts';

type Middleware = NonNullable<ConstructorParameters<typeof SchemaRegistry>[0]['middlewares']>[number];

const CLIENT_ID = '@events/toolkit';
const TIMEOUT_MS = 10_000;

/** The package has no default timeout: a registry that accepts and never answers would hang a decode. */
const timeout: Middleware = () => ({
  async prepareRequest(next) {
    const request = await next();
    return request.timeout() ? request : request.enhance({ timeout: TIMEOUT_MS });
  },
});

/**
 * @kafkajs/confluent-schema-registry configured as the toolkit needs: our avsc options (logical types, union
 * wrapping) for every schema it parses, basic auth, a timeout, and no retries of its own — REGISTRY_UNAVAILABLE
 * is retriable and its callers (consumer backoff, outbox relay) own the retrying.
 */
export function createConfluentClient(options: RegistryOptions): SchemaRegistry {
  return new SchemaRegistry(
    {
      host: options.url.replace(/\/+$/, ''),
      clientId: CLIENT_ID,
      retry: { retries: 0 },
      middlewares: [timeout],
      ...(options.username !== undefined && {
        auth: { username: options.username, password: options.password ?? '' },
      }),
    },
    { [SchemaType.AVRO]: { ...avroOptions } },
  );
}

interface PackageError {
  name: string;
  message: string;
  status?: number;
  url?: string;
}

/** The registry's own reason, without the client id the package puts in front of it. */
function reasonOf(error: unknown): string {
  return String((error as PackageError).message).replace(`${CLIENT_ID} - `, '');
}

/**
 * A package error as the toolkit's ContractError. The package reports a request that got no answer (refused
 * connection, timeout) as status 400 with the text "Error, status 400: <cause>"; the registry itself always
 * answers a 400 with a JSON message, so that text means unreachable.
 */
export function contractErrorOf(error: unknown, action: string): ContractError {
  if (error instanceof ContractError) return error;
  const { status, url = '' } = (error ?? {}) as PackageError;
  const reason = reasonOf(error);
  const request = url.replace(/^\w+/, (method) => method.toUpperCase());
  if (status === 400 && reason.startsWith('Error, status 400: ')) {
    const cause = reason.slice('Error, status 400: '.length);
    return new ContractError(
      'REGISTRY_UNAVAILABLE',
      `could not ${action}: cannot reach the schema registry at ${request} (${cause})`,
      { cause: error },
    );
  }
  if (status !== undefined && status >= 500) {
    return new ContractError(
      'REGISTRY_UNAVAILABLE',
      `could not ${action}: ${request} failed: ${status} ${reason}`,
      {
        cause: error,
      },
    );
  }
  const refused = status === undefined ? reason : `${request} refused (${status}): ${reason}`;
  return new ContractError('REGISTRY_REJECTED', `could not ${action}: ${refused}`, { cause: error });
}
