export type ProfileServiceErrorCode =
  | 'CONFIG_INVALID' // the environment fails the config schema
  | 'INVALID_EVENT' // decoded fine but breaks a rule the contract states (uuid, non-empty, storable)
  | 'DATABASE_UNAVAILABLE' // connection refused/lost, timeouts, too many clients: retriable
  | 'DATABASE_REJECTED' // the database refused the statement itself: not retriable
  | 'DLQ_PUBLISH_FAILED'; // the dead-letter send failed: retriable

const RETRIABLE: ReadonlySet<ProfileServiceErrorCode> = new Set([
  'DATABASE_UNAVAILABLE',
  'DLQ_PUBLISH_FAILED',
]);

export class ProfileServiceError extends Error {
  override name = 'ProfileServiceError';
  readonly code: ProfileServiceErrorCode;
  readonly retriable: boolean;
  readonly details?: unknown;

  constructor(
    code: ProfileServiceErrorCode,
    message: string,
    options: { cause?: unknown; details?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = RETRIABLE.has(code);
    if (options.details !== undefined) this.details = options.details;
  }
}
