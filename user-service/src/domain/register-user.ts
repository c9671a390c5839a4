import { randomUUID } from 'node:crypto';
import { isServiceError } from '@events/service-platform/errors';
import { userServiceError } from '../errors.ts';
import { fingerprintOf, type IdempotencyKey, replay } from './idempotency.ts';
import { findLostRegistration, type LostAnswerOptions, type LostAnswerOutcome } from './lost-answer.ts';
import { parseRegistration } from './registration-rules.ts';
import type { Registration, User } from './user.ts';
import { userRegistered } from './user-registered.ts';
import type { StoreResult, UserRepository } from './user-repository-port.ts';

export interface RegistrationContext {
  traceparent: string;
  /** The request's Idempotency-Key, already checked for syntax. */
  idempotencyKey?: string;
}

export type RegisterUser = (body: unknown, context: RegistrationContext) => Promise<Registration>;

/**
 * Validates, then stores the user and its `user_register` event atomically: both or neither, with the
 * Idempotency-Key when there is one. A write whose answer was lost is looked up before answering.
 */
export function createRegisterUser(deps: {
  repository: Pick<UserRepository, 'insertWithEvent' | 'findById' | 'findByIdempotencyKey'>;
  lostAnswer?: LostAnswerOptions;
  onLostAnswer?: (outcome: LostAnswerOutcome) => void;
}): RegisterUser {
  return async (body, context) => {
    const input = parseRegistration(body);
    const key =
      context.idempotencyKey === undefined
        ? undefined
        : { key: context.idempotencyKey, fingerprint: fingerprintOf(input) };
    const user: User = { id: randomUUID(), ...input, registeredAt: new Date() };
    const event = userRegistered(user, { eventId: randomUUID(), traceparent: context.traceparent });
    try {
      return answer(await deps.repository.insertWithEvent(user, event, key), user, key);
    } catch (error) {
      if (!isServiceError(error, 'OUTCOME_UNKNOWN') && !isServiceError(error, 'WRITE_INTERRUPTED'))
        throw error;
      return findLostRegistration(deps, { user, key, lost: error }, deps.lostAnswer);
    }
  };
}

function answer(result: StoreResult, user: User, key: IdempotencyKey | undefined): Registration {
  switch (result.status) {
    case 'stored':
      return { user, replayed: false };
    case 'key-in-flight':
      throw userServiceError(
        'IDEMPOTENCY_KEY_IN_USE',
        'A request with this Idempotency-Key is still being processed; retry once it has been answered.',
      );
    case 'key-used':
      return replay(result.previous, key);
  }
}
