import { ServiceError, type ServiceErrorOptions } from '@events/service-platform/errors';

export type ProfileServiceErrorCode =
  | 'VALIDATION_FAILED' // an HTTP request breaks a rule (a user id that is not a UUID)
  | 'NOT_FOUND'
  | 'INVALID_EVENT' // decoded fine but breaks a rule the contract states (uuid, non-empty, storable)
  | 'DATABASE_UNAVAILABLE' // connection refused/lost, timeouts, too many clients: retriable
  | 'DATABASE_REJECTED' // the database refused the statement itself: not retriable
  | 'DLQ_PUBLISH_FAILED'; // the dead-letter send failed: retriable

const RETRIABLE: ReadonlySet<ProfileServiceErrorCode> = new Set([
  'DATABASE_UNAVAILABLE',
  'DLQ_PUBLISH_FAILED',
]);

export type ProfileServiceError = ServiceError<ProfileServiceErrorCode>;

/** Whether the error is retriable follows from its code. */
export function profileServiceError(
  code: ProfileServiceErrorCode,
  message: string,
  options: Omit<ServiceErrorOptions, 'retriable'> = {},
): ProfileServiceError {
  return new ServiceError(code, message, { ...options, retriable: RETRIABLE.has(code) });
}
