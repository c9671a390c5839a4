import { toDatabaseError } from '../db/pg-errors.ts';
import type { Pool } from '../db/pool.ts';
import { findUserById } from '../db/users-repository.ts';
import { createRegisterUser, type RegisterUser } from './register-user.ts';
import type { User } from './user.ts';

/** The use cases the HTTP layer drives. */
export interface Users {
  register: RegisterUser;
  findById(id: string): Promise<User | undefined>;
}

export function createUsers(deps: { pool: Pool }): Users {
  return {
    register: createRegisterUser(deps),
    findById: (id) =>
      findUserById(deps.pool, id).catch((error: unknown) => {
        throw toDatabaseError(error);
      }),
  };
}
