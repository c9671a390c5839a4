import type { TOPICS } from '@events/contracts';
import type { OutboxEvent } from '../outbox/outbox-event.ts';
import { createRegisterUser, type RegisterUser } from './register-user.ts';
import type { User } from './user.ts';

/**
 * Where users live. A taken email or username comes back as `userAlreadyExists`, an outage as a
 * retriable DATABASE_UNAVAILABLE: the domain never sees how the storage reports them.
 */
export interface UserStore {
  /** The user and its event, atomically. */
  insertWithEvent(user: User, event: OutboxEvent<typeof TOPICS.userRegister>): Promise<void>;
  findById(id: string): Promise<User | undefined>;
}

/** The use cases the HTTP layer drives. */
export interface Users {
  register: RegisterUser;
  findById(id: string): Promise<User | undefined>;
}

export function createUsers(deps: { store: UserStore }): Users {
  return {
    register: createRegisterUser(deps),
    findById: (id) => deps.store.findById(id),
  };
}
