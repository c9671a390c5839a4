import { ServiceError, type ServiceErrorOptions } from '@events/service-platform/errors';

export type UserServiceErrorCode =
  | 'VALIDATION_FAILED' // the request breaks the registration rules; `errors` lists each field
  | 'CONFLICT' // email or username already taken; `errors` names the field
  | 'NOT_FOUND'
  | 'DATABASE_UNAVAILABLE' // the database failed and nothing was written: retriable, answered 503
  | 'WRITE_INTERRUPTED' // the session ended while the write ran: it committed before or never will (internal)
  | 'OUTCOME_UNKNOWN' // the write was sent and its answer lost: it may have committed, or still commit (503)
  | 'IDEMPOTENCY_KEY_IN_USE' // a request with this key is still in flight (409)
  | 'IDEMPOTENCY_KEY_REUSED'; // this key was used for a different request (422)

export type UserServiceError = ServiceError<UserServiceErrorCode>;

export function userServiceError(
  code: UserServiceErrorCode,
  message: string,
  options: ServiceErrorOptions = {},
): UserServiceError {
  return new ServiceError(code, message, options);
}
