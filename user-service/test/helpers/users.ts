import { createSerde } from '@events/contracts';
import { createUserRepository } from '../../src/data-access/user-repository.ts';
import { createUsers, type Users } from '../../src/domain/users.ts';
import type { TestDatabase } from './database.ts';

// Writing events needs the contracts' JSON form only, never the registry.
const serde = createSerde({ registry: { url: 'http://127.0.0.1:4/unused' } });

/** The registration use cases over a test database, as the service wires them (`onEventStored`: a relay's wake). */
export function usersIn(db: TestDatabase, options: { onEventStored?: () => void } = {}): Users {
  return createUsers({ repository: createUserRepository({ pool: db.pool, json: serde, ...options }) });
}
