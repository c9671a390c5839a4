import { ProfileServiceError } from '../errors.ts';

// SQLSTATEs that mean "try again later": connection (08), resources (53), shutdown/terminated (57P0x),
// conflicts (40001, 40P01, 55P03), database not accepting connections (55000), missing database/role.
const RETRIABLE_SQLSTATE = /^(08|53|57P0[1-4]|40001|40P01|55P03|55000|3D000|28000)/;

function isRetriable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && RETRIABLE_SQLSTATE.test(code)) return true;
  // No SQLSTATE: a network error (ECONNREFUSED, ETIMEDOUT...) or pg's own timeout/termination.
  return typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code);
}

/** Wraps whatever pg threw into the package's error model. */
export function toDatabaseError(error: unknown, action: string): ProfileServiceError {
  if (error instanceof ProfileServiceError) return error;
  // The cause carries the driver's message; pino prints it after ours.
  return isRetriable(error)
    ? new ProfileServiceError('DATABASE_UNAVAILABLE', `${action} failed`, { cause: error })
    : new ProfileServiceError('DATABASE_REJECTED', `${action} failed`, { cause: error });
}
