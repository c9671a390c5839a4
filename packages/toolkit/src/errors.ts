export type ContractErrorCode =
  /** The value fails the schema; `details` lists each bad field. */
  | 'INVALID_VALUE'
  /** Buffer too short or magic byte not 0. */
  | 'NOT_WIRE_FORMAT'
  /** The registry does not know the message's schema id. */
  | 'UNKNOWN_SCHEMA_ID'
  /** The body cannot be read with its writer schema, or resolved to the reader's. */
  | 'UNDECODABLE'
  /** The compiled schema is not in the registry: register the catalog first. */
  | 'SCHEMA_NOT_REGISTERED'
  /** Network error, timeout or 5xx: the only retriable code. */
  | 'REGISTRY_UNAVAILABLE'
  /** The registry refused a request (incompatible schema, bad credentials): the message carries its reason. */
  | 'REGISTRY_REJECTED'
  | 'UNKNOWN_TOPIC'
  /**
   * The message holds an event type this build does not know (a newer producer added it): final, so the consumer
   * dead-letters it (replayable after an upgrade) unless it declared that such events are skipped.
   */
  | 'UNKNOWN_EVENT_TYPE'
  /** checkCompatibility was given something that is not a valid Avro schema. */
  | 'INVALID_SCHEMA'
  /** checkCompatibility was given a level that is not one of Confluent's seven. */
  | 'INVALID_LEVEL';

/** One field that failed validation; `path` is dotted (`address.lines.0`), empty for the value itself. */
export interface InvalidField {
  path: string;
  message: string;
}

const retriableCodes: ReadonlySet<ContractErrorCode> = new Set(['REGISTRY_UNAVAILABLE']);

export interface ContractErrorOptions {
  cause?: unknown;
  details?: InvalidField[];
}

export class ContractError extends Error {
  override name = 'ContractError';
  readonly code: ContractErrorCode;
  /** True only when trying again later may succeed (the registry was unreachable). */
  readonly retriable: boolean;
  readonly details?: InvalidField[];

  constructor(code: ContractErrorCode, message: string, options: ContractErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = retriableCodes.has(code);
    if (options.details) this.details = options.details;
  }
}

export function isContractError(error: unknown, code?: ContractErrorCode): error is ContractError {
  return error instanceof ContractError && (code === undefined || error.code === code);
}
