import type { User } from '../domain/user.ts';
import type { Queryable } from './pool.ts';

interface UserRow {
  id: string;
  email: string;
  username: string;
  display_name: string | null;
  registered_at: Date;
}

export const USER_UNIQUE_CONSTRAINTS = {
  users_email_key_unique: 'email',
  users_username_key_unique: 'username',
} as const;

export async function findUserById(db: Queryable, id: string): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(
    'SELECT id, email, username, display_name, registered_at FROM users WHERE id = $1',
    [id],
  );
  const row = rows[0];
  return (
    row && {
      id: row.id,
      email: row.email,
      username: row.username,
      displayName: row.display_name,
      registeredAt: row.registered_at,
    }
  );
}
