import type { TOPICS } from '@events/contracts';
import type { DomainEvent } from './domain-event.ts';
import type { IdempotencyKey, KeyedRegistration } from './idempotency.ts';
import type { User } from './user.ts';

/** What storing a registration did, when it did not throw. */
export type StoreResult =
  | { status: 'stored' }
  /** Another request holding the same Idempotency-Key is being stored right now: nothing was written. */
  | { status: 'key-in-flight' }
  /** A registration is already stored under this Idempotency-Key: nothing was written. */
  | { status: 'key-used'; previous: KeyedRegistration };

/**
 * Where users live. A taken email or username comes back as `userAlreadyExists`; a failure as
 * DATABASE_UNAVAILABLE when nothing was written, WRITE_INTERRUPTED or OUTCOME_UNKNOWN when the write was sent
 * and its answer lost (errors.ts): the domain never sees how the storage reports them.
 */
export interface UserRepository {
  /** The user, its event and, when given, the Idempotency-Key it was sent with, atomically. */
  insertWithEvent(
    user: User,
    event: DomainEvent<typeof TOPICS.userRegister>,
    key?: IdempotencyKey,
  ): Promise<StoreResult>;
  findById(id: string): Promise<User | undefined>;
  /** The registration stored with this Idempotency-Key, if any. */
  findByIdempotencyKey(key: string): Promise<KeyedRegistration | undefined>;
}
