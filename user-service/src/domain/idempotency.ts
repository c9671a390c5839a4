import { createHash } from 'node:crypto';
import { userServiceError } from '../errors.ts';
import type { NewUser, Registration, User } from './user.ts';

/** A client's Idempotency-Key, with the fingerprint of the registration it came with. */
export interface IdempotencyKey {
  key: string;
  fingerprint: string;
}

/** A registration as stored with its Idempotency-Key. */
export interface KeyedRegistration {
  fingerprint: string;
  user: User;
}

/**
 * Tells a retry of the same registration from another one sent with the same key: the validated fields,
 * exactly as given (so `displayName` missing and `null` are the same request; `Ada@x` and `ada@x` are not).
 */
export function fingerprintOf(input: NewUser): string {
  return createHash('sha256')
    .update(JSON.stringify([input.email, input.username, input.displayName]))
    .digest('base64url');
}

/** The stored registration's answer, if the key came back with the same registration; else a 422. */
export function replay(previous: KeyedRegistration, key: IdempotencyKey | undefined): Registration {
  if (previous.fingerprint !== key?.fingerprint) {
    throw userServiceError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with a different registration; use a new key for a new request.',
    );
  }
  return { user: previous.user, replayed: true };
}
