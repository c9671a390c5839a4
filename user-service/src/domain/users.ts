import type { LostAnswerOutcome } from './lost-answer.ts';
import { createRegisterUser, type RegisterUser } from './register-user.ts';
import type { User } from './user.ts';
import type { UserRepository } from './user-repository-port.ts';

/** The use cases the HTTP layer drives. */
export interface Users {
  register: RegisterUser;
  findById(id: string): Promise<User | undefined>;
}

export function createUsers(deps: {
  repository: UserRepository;
  onLostAnswer?: (outcome: LostAnswerOutcome) => void;
}): Users {
  return {
    register: createRegisterUser(deps),
    findById: (id) => deps.repository.findById(id),
  };
}
