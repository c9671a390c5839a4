import { randomUUID } from 'node:crypto';
import { toDatabaseError, uniqueViolationConstraint } from '../db/pg-errors.ts';
import type { Pool } from '../db/pool.ts';
import { insertUserWithEvent } from '../db/registration-repository.ts';
import { USER_UNIQUE_CONSTRAINTS } from '../db/users-repository.ts';
import { UserServiceError } from '../errors.ts';
import { parseRegistration } from './registration-rules.ts';
import type { User } from './user.ts';
import { userRegisteredEvent } from './user-registered-event.ts';

export type RegisterUser = (body: unknown, context: { traceparent: string }) => Promise<User>;

/** Validates, then writes the user and its `user_register` event atomically: both or neither. */
export function createRegisterUser(deps: { pool: Pool }): RegisterUser {
  return async (body, context) => {
    const input = parseRegistration(body);
    const user: User = { id: randomUUID(), ...input, registeredAt: new Date() };
    const event = userRegisteredEvent(user, { eventId: randomUUID(), traceparent: context.traceparent });
    try {
      await insertUserWithEvent(deps.pool, user, event);
    } catch (error) {
      throw toConflict(error) ?? toDatabaseError(error);
    }
    return user;
  };
}

function toConflict(error: unknown): UserServiceError | undefined {
  const constraint = uniqueViolationConstraint(error);
  const field = constraint && USER_UNIQUE_CONSTRAINTS[constraint as keyof typeof USER_UNIQUE_CONSTRAINTS];
  if (!field) return undefined;
  return new UserServiceError('CONFLICT', `A user with this ${field} already exists.`, {
    details: [{ path: field, message: `${field} is already taken` }],
    cause: error,
  });
}
