import { isServiceError } from '@events/service-platform/errors';
import { isTransientDatabaseError } from '@events/service-platform/postgres';
import { type ProfileServiceError, profileServiceError } from '../errors.ts';

/** Wraps whatever pg threw into the service's error model: an outage retries, a refusal does not. */
export function toDatabaseError(error: unknown, action: string): ProfileServiceError {
  if (isServiceError<ProfileServiceError['code']>(error)) return error;
  // The cause carries the driver's message; pino prints it after ours.
  return profileServiceError(
    isTransientDatabaseError(error) ? 'DATABASE_UNAVAILABLE' : 'DATABASE_REJECTED',
    `${action} failed`,
    { cause: error },
  );
}
