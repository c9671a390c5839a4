import { ServiceError, type ServiceErrorOptions } from '@events/service-platform/errors';

export type UserServiceErrorCode =
  | 'VALIDATION_FAILED' // the request breaks the registration rules; `errors` lists each field
  | 'CONFLICT' // email or username already taken; `errors` names the field
  | 'NOT_FOUND'
  | 'DATABASE_UNAVAILABLE'; // connection-level database failure: retriable, answered 503

export type UserServiceError = ServiceError<UserServiceErrorCode>;

export function userServiceError(
  code: UserServiceErrorCode,
  message: string,
  options: ServiceErrorOptions = {},
): UserServiceError {
  return new ServiceError(code, message, options);
}
