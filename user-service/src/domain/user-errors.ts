import { userServiceError } from '../errors.ts';

/** The store reports a taken email or username this way, whatever its storage calls the clash. */
export function userAlreadyExists(field: 'email' | 'username', cause?: unknown) {
  return userServiceError('CONFLICT', `A user with this ${field} already exists.`, {
    errors: [{ path: field, message: `${field} is already taken` }],
    cause,
  });
}
